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
import { commitFileByHand, mergedAgreement as merged, registryText } from './helpers.js';

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
    heianeEditor = await person('hilde-heiane', 'Hilde Heiane', ['redaktor'], { parties: ['heiane-fk'] });
    nordvikEditor = await person('nora-nord', 'Nora Nord', ['redaktor'], { counties: ['Nordvik'] });
    navApprover = await person('nils-nav', 'Nils Nav', ['godkjenner'], { parties: ['nav-kh'] });
    heianeApprover = await person('hege-heiane', 'Hege Heiane', ['godkjenner'], { parties: ['heiane-fk'] });

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
      await other.get('/avtaler/kh-ramme/egen-avtale?for=Heiane').expect(403);
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
    // The same id again is refused, and nothing is written.
    const again = await heianeEditor
      .post('/avtaler/kh-ramme/egen-avtale')
      .type('form')
      .send({ ...Object.fromEntries(fields), action: 'lagre' });
    expect(again.status).toBe(409);
    expect(decodeEntities(again.text)).toContain('Det finnes allerede en avtale med id «heiane-ramme»');
    // Heiane has its own (a draft): the page offers no second one.
    const page = await heianeEditor.get('/avtaler/kh-ramme').expect(200);
    expect(page.text).not.toContain('Lag egen avtale');
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
    // The dissolved county's text still applies in Kystfold until its continuation is approved.
    const merged = await heianeEditor.get('/api/agreements/kh-ramme').query({ at: today() }).expect(200);
    expect(merged.body.meta).toMatchObject({ county: 'Kystfold og Heiane' });
    expect(merged.body.meta.validTo).toBeUndefined();
  });
});
