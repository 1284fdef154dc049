/**
 * A county authority that was split (felles/fylker.yaml): its agreement continues in each successor county, a
 * successor takes the text over with an addendum approved by its own authority in place of the dissolved one
 * (and nobody else's), another successor's own agreement replaces it for that county alone (`erstatter` across
 * counties), and the pages and the API say so. Real git (the facts committed by hand, as a county would), real
 * HTTP, signed-in accounts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import { formatDate } from '../../src/format/wording.js';
import { futureYear } from '../drafting/helpers.js';
import { signedInAs } from '../helpers/accounts.js';
import { runGjerde } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { type SignedIn, testGjerdeForFile } from '../helpers/gjerde.js';
import { agreement, commitFileByHand, mergedAgreement as merged, registryText } from './helpers.js';

const server = testGjerdeForFile();

const split = `${futureYear}-01-01`;
const heianeFrom = `${futureYear}-04-01`;
const kystfoldFrom = `${futureYear}-08-01`;
const registry = registryText(split);

const heianeOwn = agreement({
  id: 'heiane-ramme',
  title: 'Samarbeidsavtale mellom NAV og Heiane fylkeskommune',
  county: 'Heiane',
  countyParty: { id: 'heiane-fk', name: 'Heiane fylkeskommune' },
  status: 'utkast',
  from: heianeFrom,
  replaces: 'kh-ramme',
});

const commitByHand = (path: string, text: string, message: string) =>
  commitFileByHand(server.dataDir, path, text, message);

const person = (username: string, name: string, roles: ('redaktor' | 'godkjenner')[], parties: string[]) =>
  signedInAs(server.app, server.gjerde.accounts, {
    username,
    name,
    email: `${username}@kystfold.example`,
    roles,
    parties,
  });

let navEditor: SignedIn;
let navApprover: SignedIn;
let kystfoldApprover: SignedIn;
let heianeApprover: SignedIn;
let dissolvedApprover: SignedIn;

async function approvals(id: string) {
  return (await navApprover.get(`/api/agreements/${id}/approvals`).expect(200)).body as {
    approvals: { required: { id: string }[] };
  };
}

describe('a county authority split in two', () => {
  it('sets up: the merged agreement, approved in 2019, committed by hand', async () => {
    await commitByHand(
      'avtaler/kh-ramme.md',
      merged,
      'Rammeavtale 2020\n\nGodkjent-av: Nils Nav | Direktør, NAV Kystfold og Heiane | nav-kh | 2019-12-10\nGodkjent-av: Frida Fylke | Fylkesdirektør | kh-fk | 2019-12-10',
    );
    navEditor = await person('nils-red', 'Nils Redaktør', ['redaktor'], ['nav-kh']);
    navApprover = await person('nils-nav', 'Nils Nav', ['godkjenner'], ['nav-kh']);
    kystfoldApprover = await person('kari-kyst', 'Kari Kyst', ['godkjenner'], ['kystfold-fk']);
    heianeApprover = await person('hege-heiane', 'Hege Heiane', ['godkjenner'], ['heiane-fk']);
    dissolvedApprover = await person('frida-fylke', 'Frida Fylke', ['godkjenner'], ['kh-fk']);
  });

  it('Kystfold continues the merged text with an addendum: its own authority approves in place of the dissolved one, nobody else', async () => {
    const current = (await navEditor.get('/api/agreements/kh-ramme').expect(200)).body as {
      markdown: string;
      revision: { rev: string };
    };
    const continued = current.markdown
      .replace('fylke: Kystfold og Heiane', 'fylke: Kystfold')
      .replace('gyldig-fra: 2020-01-01', `gyldig-fra: ${kystfoldFrom}`)
      .replaceAll('kh-fk', 'kystfold-fk')
      .replace('navn: Kystfold og Heiane fylkeskommune', 'navn: Kystfold fylkeskommune')
      .replace(/signatarer:[\s\S]*?(?=---)/, '')
      .replace('OT bistår.', 'OT bistår.\n\nTillegg: Kystfold viderefører avtalen etter delingen.');
    await navEditor
      .put('/api/agreements/kh-ramme')
      .send({
        markdown: continued,
        baseRev: current.revision.rev,
        reason: 'Videreført av Kystfold med tillegg',
      })
      .expect(200);

    // Without the registry, the dissolved authority must approve, and nobody can.
    const before = await approvals('kh-ramme');
    expect(before.approvals.required.map((party) => party.id)).toEqual(['nav-kh', 'kystfold-fk', 'kh-fk']);

    await commitByHand(countyRegistryPath, registry, 'Kystfold og Heiane delt');
    const after = await approvals('kh-ramme');
    expect(after.approvals.required.map((party) => party.id)).toEqual(['nav-kh', 'kystfold-fk']);

    await navEditor.post('/api/agreements/kh-ramme/submit').send({}).expect(200);
    expect(git(server.dataDir, 'log', '-1', '--format=%s').trim()).toBe(
      'Sendt til godkjenning hos NAV Kystfold og Heiane og Kystfold fylkeskommune',
    );
    const head = git(server.dataDir, 'rev-parse', 'HEAD');
    const refused = [
      await dissolvedApprover
        .post('/api/agreements/kh-ramme/approvals')
        .send({ role: 'Fylkesdirektør', party: 'kh-fk' }),
      await heianeApprover
        .post('/api/agreements/kh-ramme/approvals')
        .send({ role: 'Fylkesdirektør', party: 'heiane-fk' }),
    ];
    for (const response of refused) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect(refused[0]?.body.error).toBe(
      'Du representerer ingen av partene som godkjenner denne avtalen (Kystfold: NAV Kystfold og Heiane og Kystfold fylkeskommune). Hver part godkjenner selv, ved sin egen representant.',
    );
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(head);

    await navApprover
      .post('/api/agreements/kh-ramme/approvals')
      .send({ role: 'Direktør', party: 'nav-kh' })
      .expect(201);
    const done = await kystfoldApprover
      .post('/api/agreements/kh-ramme/approvals')
      .send({ role: 'Fylkesdirektør', party: 'kystfold-fk' })
      .expect(201);
    expect(done.body.complete).toBe(true);
    expect(git(server.dataDir, 'log', '-1', '--format=%B')).toContain(
      'Godkjent-av: Kari Kyst | Fylkesdirektør | kystfold-fk',
    );
  });

  it('Heiane’s own agreement replaces the merged one for Heiane alone, without ending it', async () => {
    await commitByHand('avtaler/heiane-ramme.md', heianeOwn, 'Utkast til Heianes egen avtale');
    await navEditor.post('/api/agreements/heiane-ramme/submit').send({}).expect(200);
    await navApprover
      .post('/api/agreements/heiane-ramme/approvals')
      .send({ role: 'Direktør', party: 'nav-kh' })
      .expect(201);
    const done = await heianeApprover
      .post('/api/agreements/heiane-ramme/approvals')
      .send({ role: 'Fylkesdirektør', party: 'heiane-fk' })
      .expect(201);
    expect(done.body.complete).toBe(true);
    expect(done.body.replaced).toBeNull();
    // The merged text still applies in Kystfold until Kystfold's version: it was not ended.
    const merged = await navEditor
      .get('/api/agreements/kh-ramme')
      .query({ at: `${futureYear}-05-01` })
      .expect(200);
    expect(merged.body.meta.county).toBe('Kystfold og Heiane');
    expect(merged.body.meta.validTo).toBeUndefined();
  });

  it('says plainly, on the pages and in the API, that the text was continued from the dissolved authority', async () => {
    const continuation = `Videreført fra Kystfold og Heiane fylkeskommune, som ble delt ${formatDate(split)}.`;
    const api = await navEditor.get('/api/agreements/kh-ramme').query({ at: kystfoldFrom }).expect(200);
    expect(api.body.succession).toMatchObject({
      kind: 'continued',
      county: 'Kystfold og Heiane',
      splitOn: split,
    });
    expect(api.body.succession.text).toBe(continuation);
    const page = await navEditor.get('/avtaler/kh-ramme').query({ at: kystfoldFrom }).expect(200);
    expect(page.text).toContain(continuation);
    const history = await navEditor.get('/avtaler/kh-ramme/historikk').expect(200);
    expect(history.text).toContain(continuation);

    // The merged text in the window: where it applies, and Heiane's own agreement from its first day.
    const window = await navEditor
      .get('/api/agreements/kh-ramme')
      .query({ at: `${futureYear}-02-01` })
      .expect(200);
    expect(window.body.succession.kind).toBe('split');
    expect(window.body.succession.text).toContain(
      `Kystfold og Heiane fylkeskommune ble delt ${formatDate(split)}. Avtalen gjelder fra da for Kystfold og Heiane`,
    );
    expect(window.body.succession.text).toContain(
      `Kystfold videreførte den med egen versjon fra ${formatDate(kystfoldFrom)}.`,
    );
    expect(window.body.succession.replacedBy).toEqual([
      { county: 'Heiane', agreementId: 'heiane-ramme', title: expect.any(String), from: heianeFrom },
    ]);

    const heiane = await navEditor.get('/api/agreements/heiane-ramme').expect(200);
    expect(heiane.body.succession.text).toBe(
      `${continuation} Erstatter «Samarbeidsavtale mellom NAV og Kystfold og Heiane fylkeskommune» (kh-ramme) for Heiane fra ${formatDate(heianeFrom)}.`,
    );
  });

  it('refuses an agreement that replaces another county’s when its county is not a successor, and writes nothing', async () => {
    const other = agreement({
      id: 'nordvik-ramme',
      title: 'Samarbeidsavtale mellom NAV og Nordvik fylkeskommune',
      county: 'Nordvik',
      countyParty: { id: 'nordvik-fk', name: 'Nordvik fylkeskommune' },
      status: 'utkast',
      from: heianeFrom,
      replaces: 'kh-ramme',
    });
    await commitByHand('avtaler/nordvik-ramme.md', other, 'Utkast for Nordvik');
    const head = git(server.dataDir, 'rev-parse', 'HEAD');
    const refused = await navEditor.post('/api/agreements/nordvik-ramme/submit').send({});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      'eller for et fylke som ble delt og som Nordvik er etterfølger av (felles/fylker.yaml)',
    );
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('refuses a registry with an unknown successor or its dates in the wrong order, with line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gjerde-fylker-'));
    const file = join(dir, 'felles', 'fylker.yaml');
    await mkdir(join(dir, 'felles'));
    const env = { GJERDE_DATA: server.dataDir };
    const head = git(server.dataDir, 'rev-parse', 'HEAD');
    await writeFile(file, registry.replace('[Kystfold, Heiane]', '[Kystfold, Heiene]'));
    const unknown = runGjerde(env, 'validate', file);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain(
      `${file}:6:30: feil: Etterfølgeren «Heiene» finnes ikke: skriv den i «fylker» med sin fylkeskommune. [data-file]`,
    );
    await writeFile(
      file,
      registry.replace(`    fylkeskommune: kh-fk\n`, `    fylkeskommune: kh-fk\n    fra: ${kystfoldFrom}\n`),
    );
    const order = runGjerde(env, 'validate', file);
    expect(order.code).toBe(1);
    expect(order.out).toContain(
      `${file}:6:11: feil: Datoene er i feil rekkefølge: Kystfold og Heiane ble delt ${formatDate(split)}, men fantes først fra ${formatDate(kystfoldFrom)}. [data-file]`,
    );
    expect(git(server.dataDir, 'rev-parse', 'HEAD')).toBe(head);
    await rm(dir, { recursive: true, force: true });
  });
});
