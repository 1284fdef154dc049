/**
 * The second successor's own agreement (felles/fylker.yaml): once Kystfold has continued the dissolved county's
 * agreement, Heiane's editor is offered «Lag egen avtale for Heiane ut fra denne teksten», which opens the
 * dissolved county's text converted for Heiane as a continuation is (src/drafting/continuation.ts) under a new
 * id with `erstatter`; saved, sent and approved, it answers Heiane's lookup in place of the dissolved county's.
 * Real git (the facts committed by hand), real HTTP, signed-in accounts.
 */
import { describe, expect, it } from '@jest/globals';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import { today } from '../../src/format/dates.js';
import { countyReader, signedInAs } from '../helpers/accounts.js';
import { decodeEntities, formWith, submitted } from '../helpers/forms.js';
import { git } from '../helpers/git.js';
import { type SignedIn, testGjerdeForFile } from '../helpers/gjerde.js';
import { agreement, commitFileByHand, mergedAgreement as merged, registryText } from './helpers.js';

const server = testGjerdeForFile();

/** A split in the past: each successor's own text starts today. */
const split = '2024-01-01';

const person = (
  username: string,
  name: string,
  roles: ('redaktor' | 'godkjenner')[],
  scope: { counties?: string[]; parties?: string[] },
) =>
  signedInAs(server.app, server.gjerde.accounts, {
    username,
    name,
    email: `${username}@kystfold.example`,
    roles,
    ...scope,
  });

let kystfoldEditor: SignedIn;
let heianeEditor: SignedIn;
let nordvikEditor: SignedIn;
let navApprover: SignedIn;
let heianeApprover: SignedIn;

/** The refusal for anyone who may not start their county's own agreement from kh-ramme now. */
const notSuccessor =
  'Bare redaktører for Kystfold eller Heiane kan lage en egen avtale ut fra denne teksten, og bare etter at det andre fylket har videreført den.';

const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();

/** The agreements that answer «lærling uten læreplass» for a reader in Heiane today. */
async function answeringHeiane(): Promise<string[]> {
  const reader = await countyReader(server.app, server.gjerde.accounts, 'Heiane');
  const answer = await reader.get('/api/lookup').query({ q: 'lærling uten læreplass' }).expect(200);
  return [...new Set((answer.body.results as { agreementId: string }[]).map((result) => result.agreementId))];
}

describe('a successor’s own agreement from the dissolved county’s text', () => {
  it('sets up: the merged agreement, the split, and Kystfold’s continuation saved as a draft', async () => {
    await commitFileByHand(
      server.dataDir,
      'avtaler/kh-ramme.md',
      merged,
      'Rammeavtale 2020\n\nGodkjent-av: Nils Nav | Direktør, NAV Kystfold og Heiane | nav-kh | 2019-12-10\nGodkjent-av: Frida Fylke | Fylkesdirektør | kh-fk | 2019-12-10',
    );
    await commitFileByHand(
      server.dataDir,
      countyRegistryPath,
      registryText(split),
      'Kystfold og Heiane delt',
    );
    kystfoldEditor = await person('kai-kyst', 'Kai Kyst', ['redaktor'], { counties: ['Kystfold'] });
    // As the hostile tester's account: Heiane's county and its county authority.
    heianeEditor = await person('hilde-heiane', 'Hilde Heiane', ['redaktor'], {
      counties: ['Heiane'],
      parties: ['heiane-fk'],
    });
    nordvikEditor = await person('nora-nord', 'Nora Nord', ['redaktor'], { counties: ['Nordvik'] });
    navApprover = await person('nils-nav', 'Nils Nav', ['godkjenner'], { parties: ['nav-kh'] });
    heianeApprover = await person('hege-heiane', 'Hege Heiane', ['godkjenner'], { parties: ['heiane-fk'] });
    // Nobody has continued the file yet: Heiane's editor continues it, and starts no agreement of their own.
    const early = await heianeEditor.get('/avtaler/kh-ramme/egen-avtale?for=Heiane').expect(403);
    expect(decodeEntities(early.text)).toContain(notSuccessor);

    const continuation = await kystfoldEditor.get('/avtaler/kh-ramme/rediger?for=Kystfold').expect(200);
    const fields = submitted(formWith(continuation.text, 'markdown'));
    await kystfoldEditor
      .post('/avtaler/kh-ramme/rediger')
      .type('form')
      .send({ ...Object.fromEntries(fields), action: 'lagre' })
      .expect(303);
    expect(await answeringHeiane()).toEqual(['kh-ramme']);
  });

  it('offers Heiane’s editor their own agreement from the text, and nobody else', async () => {
    const page = await heianeEditor.get('/avtaler/kh-ramme').expect(200);
    const text = decodeEntities(page.text);
    expect(text).toContain(
      'Kystfold har tatt denne avtalen videre som sin egen. For Heiane gjelder Kystfold og Heianes tekst til Heiane har en egen avtale som erstatter den («erstatter: kh-ramme»).',
    );
    expect(/href="([^"]*)">Lag egen avtale for Heiane ut fra denne teksten</.exec(text)?.[1]).toBe(
      '/avtaler/kh-ramme/egen-avtale?for=Heiane',
    );
    for (const other of [kystfoldEditor, nordvikEditor]) {
      expect((await other.get('/avtaler/kh-ramme').expect(200)).text).not.toContain('Lag egen avtale');
      const refused = await other.get('/avtaler/kh-ramme/egen-avtale?for=Heiane').expect(403);
      expect(decodeEntities(refused.text)).toContain(notSuccessor);
    }
    // Kystfold continued the file: its own agreement is that file, not a new one.
    await kystfoldEditor.get('/avtaler/kh-ramme/egen-avtale?for=Kystfold').expect(403);
  });

  it('opens the text converted for Heiane under a new id that replaces the dissolved county’s, and saves it as a draft by the editor', async () => {
    const start = await heianeEditor.get('/avtaler/kh-ramme/egen-avtale?for=Heiane').expect(200);
    const fields = new Map(submitted(formWith(start.text, 'markdown')));
    const markdown = fields.get('markdown') ?? '';
    expect(markdown).toMatch(/^---\nid: heiane-ramme\n/);
    expect(markdown).toContain('fylke: Heiane\n');
    expect(markdown).toContain(`gyldig-fra: ${today()}\nerstatter: kh-ramme\n`);
    expect(markdown).toContain('- id: heiane-fk\n    navn: Heiane fylkeskommune');
    expect(markdown).toContain('del-av: heiane-fk');
    expect(markdown).toContain('status: utkast');
    expect(markdown).not.toContain('kh-fk');
    expect(markdown).not.toContain('signatarer:');
    expect(fields.get('reason')).toBe('Egen avtale for Heiane etter delingen, erstatter kh-ramme');

    const before = head();
    const refused = await nordvikEditor
      .post('/avtaler/kh-ramme/egen-avtale')
      .type('form')
      .send({ ...Object.fromEntries(fields), action: 'lagre' });
    expect(refused.status).toBe(403);
    // A text with an error is checked, not saved: the message with its line, the text kept as typed.
    const broken = markdown.replace('fylke: Heiane\n', '');
    const checked = await heianeEditor
      .post('/avtaler/kh-ramme/egen-avtale')
      .type('form')
      .send({ ...Object.fromEntries(fields), markdown: broken, action: 'lagre' });
    expect(checked.status).toBe(422);
    expect(decodeEntities(checked.text)).toMatch(/Linje \d+, kolonne \d+: [^<]*fylke/);
    expect(new Map(submitted(formWith(checked.text, 'markdown'))).get('markdown')).toBe(broken);
    expect(head()).toBe(before);
    // Another county, another agreement replaced, another successor's county authority: refused at the line.
    const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;
    const fjordvik = markdown.replace('fylke: Heiane\n', 'fylke: Fjordvik\n');
    for (const [text, message] of [
      [
        fjordvik.replace('erstatter: kh-ramme\n', 'erstatter: fjordvik-ramme\n'),
        `Linje ${lineOf(fjordvik, 'fylke: Fjordvik')}, kolonne 8: «fylke» er Fjordvik, men dette er Heianes egen avtale: skriv «fylke: Heiane».`,
      ],
      [
        markdown.replace('erstatter: kh-ramme\n', 'erstatter: fjordvik-ramme\n'),
        `Linje ${lineOf(markdown, 'erstatter: kh-ramme')}, kolonne 12: «erstatter» er fjordvik-ramme, men Heianes egen avtale erstatter kh-ramme: skriv «erstatter: kh-ramme».`,
      ],
      [
        markdown.replaceAll('heiane-fk', 'kystfold-fk'),
        `Linje ${lineOf(markdown, '  - id: heiane-fk')}, kolonne 5: Parten kystfold-fk er fylkeskommunen i Kystfold. Heianes egen avtale har Heianes fylkeskommune, heiane-fk, som part.`,
      ],
    ] as const) {
      const wrong = await heianeEditor
        .post('/avtaler/kh-ramme/egen-avtale')
        .type('form')
        .send({ ...Object.fromEntries(fields), markdown: text, action: 'lagre' });
      expect(wrong.status).toBe(422);
      expect(decodeEntities(wrong.text)).toContain(message);
      expect(new Map(submitted(formWith(wrong.text, 'markdown'))).get('markdown')).toBe(text);
      expect(head()).toBe(before);
    }

    const saved = await heianeEditor
      .post('/avtaler/kh-ramme/egen-avtale')
      .type('form')
      .send({ ...Object.fromEntries(fields), action: 'lagre' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toMatch(/^\/avtaler\/heiane-ramme\/utkast\?lagret=[0-9a-f]{40}$/);
    expect(git(server.dataDir, 'log', '-1', '--format=%an|%s').trim()).toBe(
      'Hilde Heiane|Egen avtale for Heiane etter delingen, erstatter kh-ramme',
    );
    const draft = await heianeEditor.get('/api/agreements/heiane-ramme').expect(200);
    expect(draft.body.meta).toMatchObject({ county: 'Heiane', status: 'utkast', replaces: 'kh-ramme' });
    // Heiane has its draft: a second one is refused with a link to it, under any id, and nothing is written.
    const saving = head();
    for (const text of [markdown, markdown.replace('id: heiane-ramme\n', 'id: heiane-ramme-2\n')]) {
      const again = await heianeEditor
        .post('/avtaler/kh-ramme/egen-avtale')
        .type('form')
        .send({ ...Object.fromEntries(fields), markdown: text, action: 'lagre' });
      expect(again.status).toBe(409);
      expect(decodeEntities(again.text)).toContain(
        'href="/avtaler/heiane-ramme/rediger">Heiane har allerede et utkast til egen avtale som erstatter kh-ramme: «Samarbeidsavtale mellom NAV og Heiane fylkeskommune» (heiane-ramme). Fortsett utkastet.',
      );
    }
    expect(head()).toBe(saving);
    await heianeEditor.get('/api/agreements/heiane-ramme-2').expect(404);
    // The page leads to the draft, not to a new one; the old text still governs Heiane until it is approved.
    const restart = await heianeEditor.get('/avtaler/kh-ramme/egen-avtale?for=Heiane').expect(303);
    expect(restart.headers.location).toBe('/avtaler/heiane-ramme/rediger');
    const page = decodeEntities((await heianeEditor.get('/avtaler/kh-ramme').expect(200)).text);
    expect(page).toContain('For Heiane gjelder Kystfold og Heianes tekst til Heiane har en egen avtale');
    expect(page).not.toContain('Lag egen avtale');
    expect(
      /href="([^"]*)">Fortsett utkastet «Samarbeidsavtale mellom NAV og Heiane fylkeskommune» \(heiane-ramme\)</.exec(
        page,
      )?.[1],
    ).toBe('/avtaler/heiane-ramme/rediger');
  });

  it('once approved, answers Heiane’s lookup in place of the dissolved county’s text', async () => {
    await heianeEditor.post('/api/agreements/heiane-ramme/submit').send({}).expect(200);
    await navApprover
      .post('/api/agreements/heiane-ramme/approvals')
      .send({ role: 'Direktør', party: 'nav-kh' })
      .expect(201);
    const done = await heianeApprover
      .post('/api/agreements/heiane-ramme/approvals')
      .send({ role: 'Fylkesdirektør', party: 'heiane-fk' })
      .expect(201);
    expect(done.body.complete).toBe(true);
    expect(await answeringHeiane()).toEqual(['heiane-ramme']);
    // Heiane has its own agreement: nothing more to offer, and the start leads to it.
    const page = decodeEntities((await heianeEditor.get('/avtaler/kh-ramme').expect(200)).text);
    expect(page).not.toContain('Fortsett utkastet');
    expect(page).not.toContain('Lag egen avtale');
    const restart = await heianeEditor.get('/avtaler/kh-ramme/egen-avtale?for=Heiane').expect(303);
    expect(restart.headers.location).toBe('/avtaler/heiane-ramme');
    // The dissolved county's text still applies in Kystfold until its continuation is approved.
    const merged = await heianeEditor.get('/api/agreements/kh-ramme').query({ at: today() }).expect(200);
    expect(merged.body.meta).toMatchObject({ county: 'Kystfold og Heiane' });
    expect(merged.body.meta.validTo).toBeUndefined();
  });

  it('gives Heiane’s editors and approvers nothing over another county’s agreement that names Heiane’s county authority', async () => {
    // heiane-fk is Heiane's county authority (felles/fylker.yaml): a grant of it is Heiane's, not Fjordvik's.
    const fjordvik = (id: string, status: string) =>
      agreement({
        id,
        title: `Avtale ${id}`,
        county: 'Fjordvik',
        countyParty: { id: 'heiane-fk', name: 'Heiane fylkeskommune' },
        status,
        from: today(),
      });
    await commitFileByHand(
      server.dataDir,
      'avtaler/fjordvik-utkast.md',
      fjordvik('fjordvik-utkast', 'utkast'),
      'Utkast',
    );
    await commitFileByHand(
      server.dataDir,
      'avtaler/fjordvik-sendt.md',
      fjordvik('fjordvik-sendt', 'til-godkjenning'),
      'Sendt',
    );
    const before = head();
    const own = (await heianeEditor.get('/api/agreements/heiane-ramme').expect(200)).body;
    const moved = await heianeEditor.put('/api/agreements/heiane-ramme').send({
      markdown: (own.markdown as string).replace('fylke: Heiane\n', 'fylke: Fjordvik\n'),
      baseRev: own.revision.rev,
      reason: 'Forsøk',
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error).toContain('den gjelder Fjordvik');
    const sent = await heianeEditor.post('/api/agreements/fjordvik-utkast/submit').send({});
    expect(sent.status).toBe(403);
    expect(sent.body.error).toContain('den gjelder Fjordvik');
    const approved = await heianeApprover
      .post('/api/agreements/fjordvik-sendt/approvals')
      .send({ role: 'Fylkesdirektør', party: 'heiane-fk' });
    expect(approved.status).toBe(403);
    expect(head()).toBe(before);
  });

  it('refuses, at its line, a Heiane agreement naming another county’s county authority as a party; NAV serving both still saves', async () => {
    const own = (await heianeEditor.get('/api/agreements/heiane-ramme').expect(200)).body;
    const markdown = own.markdown as string;
    const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;
    const unit = '  - id: ot\n    navn: Oppfølgingstjenesten (OT)\n    del-av: heiane-fk\n';
    expect(markdown).toContain(unit);
    const named = markdown.replace(unit, `  - id: kystfold-fk\n    navn: Kystfold fylkeskommune\n${unit}`);
    const unitOf = named.replace(unit, unit.replace('del-av: heiane-fk', 'del-av: kystfold-fk'));
    const authority = {
      line: lineOf(named, '  - id: kystfold-fk'),
      column: 5,
      message:
        'Parten kystfold-fk er fylkeskommunen i Kystfold, ikke i Heiane: en avtale for Heiane har Heianes fylkeskommune, heiane-fk, som part (felles/fylker.yaml).',
    };
    const before = head();
    for (const [text, messages] of [
      [named, [authority]],
      [
        unitOf,
        [
          authority,
          {
            line: lineOf(unitOf, '  - id: ot'),
            column: 5,
            message:
              'Parten ot er del av kystfold-fk, fylkeskommunen i Kystfold, ikke i Heiane: en avtale for Heiane har Heianes fylkeskommune, heiane-fk, som part (felles/fylker.yaml).',
          },
        ],
      ],
    ] as const) {
      const refused = await heianeEditor
        .put('/api/agreements/heiane-ramme')
        .send({ markdown: text, baseRev: own.revision.rev, reason: 'Kystfold med' });
      expect(refused.status).toBe(422);
      expect(refused.body.messages).toEqual(
        messages.map((message) => ({ severity: 'error', rule: 'county-party', ...message })),
      );
      expect(head()).toBe(before);
    }
    // NAV Kystfold og Heiane serves both counties: a party no county authority is, so Heiane's text keeps it.
    expect(markdown).toContain('  - id: nav-kh\n');
    const saved = await heianeEditor
      .put('/api/agreements/heiane-ramme')
      .send({ markdown: `${markdown}\nTillegg.\n`, baseRev: own.revision.rev, reason: 'Tillegg' });
    expect(saved.status).toBe(200);
    expect(head()).not.toBe(before);
  });
});
