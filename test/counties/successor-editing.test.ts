/**
 * A successor county's editor and the dissolved county's agreement (felles/fylker.yaml): they may open it in the
 * editor and save it only as their county's continuation (their county, its authority in place of the dissolved
 * one, from the split on); an editor of an unrelated county may not, and once one successor has continued it the
 * agreement is that successor's. Real git (the facts committed by hand), real HTTP, signed-in accounts.
 */
import { describe, expect, it } from '@jest/globals';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import { formatDate } from '../../src/format/wording.js';
import { futureYear } from '../drafting/helpers.js';
import { signedInAs } from '../helpers/accounts.js';
import { decodeEntities, formWith, submitted } from '../helpers/forms.js';
import { git } from '../helpers/git.js';
import { type SignedIn, testGjerdeForFile } from '../helpers/gjerde.js';
import { commitFileByHand, mergedAgreement as merged, registryText } from './helpers.js';

const server = testGjerdeForFile();

const split = `${futureYear}-01-01`;
const kystfoldFrom = `${futureYear}-08-01`;

/** The merged text as Kystfold's own version: its county, its authority, from `from`. */
function continuedFor(markdown: string, county: string, party: string, from = kystfoldFrom): string {
  return markdown
    .replace('fylke: Kystfold og Heiane', `fylke: ${county}`)
    .replace('gyldig-fra: 2020-01-01', `gyldig-fra: ${from}`)
    .replaceAll('kh-fk', party)
    .replace('navn: Kystfold og Heiane fylkeskommune', `navn: ${county} fylkeskommune`)
    .replace(/signatarer:[\s\S]*?(?=---)/, '');
}

const editor = (username: string, name: string, scope: { counties?: string[]; parties?: string[] }) =>
  signedInAs(server.app, server.gjerde.accounts, {
    username,
    name,
    email: `${username}@kystfold.example`,
    roles: ['redaktor'],
    ...scope,
  });

let kystfoldEditor: SignedIn;
let heianeEditor: SignedIn;
let nordvikEditor: SignedIn;

const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();

async function latest(agent: SignedIn) {
  return (await agent.get('/api/agreements/kh-ramme').expect(200)).body as {
    markdown: string;
    revision: { rev: string };
  };
}

describe('a successor county’s editor and the dissolved county’s agreement', () => {
  it('sets up: the merged agreement, approved in 2019, and the split, committed by hand', async () => {
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
    kystfoldEditor = await editor('kai-kyst', 'Kai Kyst', { counties: ['Kystfold'] });
    heianeEditor = await editor('hilde-heiane', 'Hilde Heiane', { parties: ['heiane-fk'] });
    nordvikEditor = await editor('nora-nord', 'Nora Nord', { counties: ['Nordvik'] });
  });

  it('opens the editor for the successors’ editors (by county and by county authority), not for another county’s', async () => {
    const page = await kystfoldEditor.get('/avtaler/kh-ramme').expect(200);
    expect(page.text).toContain('Viderefør for Kystfold');
    expect(page.text).not.toContain('>Rediger<');
    await kystfoldEditor.get('/avtaler/kh-ramme/rediger').expect(200);
    expect((await heianeEditor.get('/avtaler/kh-ramme').expect(200)).text).toContain('Viderefør for Heiane');
    await heianeEditor.get('/avtaler/kh-ramme/rediger').expect(200);

    const other = await nordvikEditor.get('/avtaler/kh-ramme').expect(200);
    expect(other.text).not.toContain('Viderefør for');
    const refused = await nordvikEditor.get('/avtaler/kh-ramme/rediger').expect(403);
    expect(refused.text).toContain('Du kan ikke endre denne avtalen');
  });

  it('saves nothing but a continuation for the editor’s own county', async () => {
    const current = await latest(kystfoldEditor);
    const before = head();
    const attempts = [
      // The dissolved county's text itself: it still governs Heiane.
      current.markdown.replace('OT bistår.', 'OT bistår alltid.'),
      // Kystfold's county, but the dissolved authority still signing.
      current.markdown.replace('fylke: Kystfold og Heiane', 'fylke: Kystfold'),
      // Kystfold's own, but from before the split.
      continuedFor(current.markdown, 'Kystfold', 'kystfold-fk', '2023-06-01'),
      // The other successor's continuation.
      continuedFor(current.markdown, 'Heiane', 'heiane-fk'),
    ];
    const expected = `Avtalen er inngått for Kystfold og Heiane, som ble delt ${formatDate(split)}, og gjelder fortsatt der ingen etterfølger har videreført den. Som redaktør for Kystfold kan du bare lagre den som en videreføring for Kystfold: «fylke: Kystfold» og parten kystfold-fk i stedet for kh-fk, og «gyldig-fra» ${formatDate(split)} eller senere. Parten byttes overalt der den står: i «parter» (også «del-av»), i «kontakter» og i punktenes «ansvarlig», «bistand» og «kostnad». «Viderefør for Kystfold» på avtalens side åpner teksten med dette fylt inn.`;
    for (const [index, markdown] of attempts.entries()) {
      const response = await kystfoldEditor
        .put('/api/agreements/kh-ramme')
        .send({ markdown, baseRev: current.revision.rev, reason: 'Forsøk' });
      expect(response.status).toBe(403);
      if (index < 3) expect(response.body.error).toBe(expected);
    }
    const nordvik = await nordvikEditor.put('/api/agreements/kh-ramme').send({
      markdown: continuedFor(current.markdown, 'Nordvik', 'nordvik-fk'),
      baseRev: current.revision.rev,
      reason: 'Forsøk',
    });
    expect(nordvik.status).toBe(403);
    expect(head()).toBe(before);
  });

  it('opens «Viderefør for Kystfold» with Kystfold’s county and authority in place, and saves it as a draft by the editor', async () => {
    const page = await kystfoldEditor.get('/avtaler/kh-ramme').expect(200);
    const link = decodeEntities(/href="([^"]*)">Viderefør for Kystfold</.exec(page.text)?.[1] ?? '');
    expect(link).toBe('/avtaler/kh-ramme/rediger?for=Kystfold');
    const editorPage = await kystfoldEditor.get(link).expect(200);
    const fields = new Map(submitted(formWith(editorPage.text, 'markdown')));
    const markdown = fields.get('markdown') ?? '';
    // Every place the dissolved authority was named: the parties, OT's `del-av`, the clause's owner.
    expect(markdown).not.toContain('kh-fk');
    expect(markdown).toContain('fylke: Kystfold\n');
    expect(markdown).toContain('- id: kystfold-fk\n    navn: Kystfold fylkeskommune');
    expect(markdown).toContain('del-av: kystfold-fk');
    expect(markdown).toContain(`gyldig-fra: ${split}`);
    expect(markdown).not.toContain('signatarer:');
    expect(markdown).toContain('status: utkast');
    expect(fields.get('reason')).toBe('Videreført for Kystfold etter delingen');

    // Saved as the editor would, with the first day Kystfold chose.
    const saved = await kystfoldEditor
      .post('/avtaler/kh-ramme/rediger')
      .type('form')
      .send({
        ...Object.fromEntries(fields),
        markdown: markdown.replace(`gyldig-fra: ${split}`, `gyldig-fra: ${kystfoldFrom}`),
        action: 'lagre',
      });
    expect(saved.status).toBe(303);
    expect(git(server.dataDir, 'log', '-1', '--format=%an|%s').trim()).toBe(
      'Kai Kyst|Videreført for Kystfold etter delingen',
    );
    const draft = await kystfoldEditor.get('/api/agreements/kh-ramme').expect(200);
    expect(draft.body.meta).toMatchObject({ county: 'Kystfold', status: 'utkast', validFrom: kystfoldFrom });
  });

  it('leaves the agreement to Kystfold once continued: Heiane’s editor no longer opens it, and is told how Heiane gets its own', async () => {
    const page = await heianeEditor.get('/avtaler/kh-ramme').expect(200);
    expect(page.text).not.toContain('Viderefør for');
    expect(decodeEntities(page.text)).toContain(
      'Kystfold har tatt denne avtalen videre som sin egen. For Heiane gjelder Kystfold og Heianes tekst til Heiane har en egen avtale som erstatter den («erstatter: kh-ramme»).',
    );
    // Started from that text: test/counties/own-agreement.
    expect(page.text).toContain('>Lag egen avtale for Heiane ut fra denne teksten<');
    await heianeEditor.get('/avtaler/kh-ramme/rediger').expect(403);
    await kystfoldEditor.get('/avtaler/kh-ramme/rediger').expect(200);
  });
});
