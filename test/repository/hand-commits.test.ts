/**
 * The data repository is an interface: counties commit to it with plain git. A running Gjerde answers such
 * commits without a restart, never serves a version the validator refuses (the last valid one stays in
 * force), and reports files it cannot serve (errors, wrong folder, a name that is not the id) on the
 * agreement page, the integrity page, /healthz, `gjerde verify` and `gjerde validate`.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { buildIndex } from '../../src/lookup/build.js';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';
import { binary, readDocx } from '../export/read-back.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { inForceDate } from '../lookup/helpers.js';
import { cli, commitByHand, git } from './helpers.js';

jest.setTimeout(120_000);

async function ask(reader: Agent, query: Record<string, string>): Promise<LookupResult[]> {
  // Every part of each result: which version answers (revision), its ages and owner.
  const response = await reader
    .get('/api/lookup')
    .query({ ...query, full: '1' })
    .expect(200);
  return (response.body as LookupAnswer).results;
}

function find(results: LookupResult[], agreement: string, clause: string): LookupResult | undefined {
  return results.find((result) => result.agreementId === agreement && result.clauseId === clause);
}

describe('a committed file with a validation error', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;
  let valid: string;
  let invalid: string;
  /** The line of the broken clause, and the column of its `alder`. */
  let line: number;
  let column: number;

  beforeAll(async () => {
    // The index is built and has answered before the commit: it must follow HEAD, not a restart.
    await ask(reader, { q: 'lærling uten læreplass', at: inForceDate });
    valid = git(server.dataDir, ['log', '-1', '--format=%H', '--', 'avtaler/fjordvik-ramme.md']).trim();
    const before = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    // A migration script wrote the age with an underscore and gave the clause to the county: if served,
    // the clause would apply to every age, with another owner.
    const after = before.replace(
      '{#uten-laereplass ansvarlig=nav-fjordvik bistand="fjordvik-fk ot" alder=16-24',
      '{#uten-laereplass ansvarlig=fjordvik-fk bistand="nav-fjordvik ot" alder=16_24',
    );
    expect(after).not.toBe(before);
    const lines = after.split('\n');
    line = lines.findIndex((text) => text.includes('alder=16_24')) + 1;
    column = (lines[line - 1] as string).indexOf('alder=16_24') + 1;
    invalid = await commitByHand(
      server.dataDir,
      { 'avtaler/fjordvik-ramme.md': after },
      'Flyttet inn fra fylkets gamle arkiv',
    );
  });

  it('is not served as in force by lookups: the last valid version answers, with its ages and owner', async () => {
    const adult = find(
      await ask(reader, { q: 'lærling uten læreplass', at: inForceDate, age: '20' }),
      'fjordvik-ramme',
      'uten-laereplass',
    );
    expect(adult?.owner?.id).toBe('nav-fjordvik');
    expect(adult?.ages).toEqual({ min: 16, max: 24 });
    expect(adult?.revision.rev).not.toBe(invalid);
    const child = await ask(reader, { q: 'lærling uten læreplass', at: inForceDate, age: '12' });
    expect(find(child, 'fjordvik-ramme', 'uten-laereplass')).toBeUndefined();
  });

  it('is left out of an index built afresh too (the fast reader refuses what the validator refuses)', async () => {
    const { index } = await buildIndex(server.gjerde.store);
    const history = index.history('fjordvik-ramme').map((version) => version.revision.rev);
    expect(history).not.toContain(invalid);
    expect(history).toContain(valid);
  });

  it('the agreement API serves the last valid version, and the invalid one with its messages', async () => {
    const current = (await reader.get('/api/agreements').expect(200)).body.agreements.find(
      (agreement: { id: string }) => agreement.id === 'fjordvik-ramme',
    );
    expect(current.inForce.rev).toBe(valid);
    expect(current.latest).toMatchObject({ rev: invalid, valid: false });
    const broken = (await reader.get(`/api/agreements/fjordvik-ramme?rev=${invalid}`).expect(200)).body;
    expect(broken.valid).toBe(false);
    expect(broken.problems).toContainEqual(
      expect.objectContaining({ line, column, severity: 'error', message: expect.stringMatching(/16_24/) }),
    );
    const atDate = (await reader.get(`/api/agreements/fjordvik-ramme?at=${inForceDate}`).expect(200)).body;
    expect(atDate.revision.rev).toBe(valid);
  });

  it('the agreement page shows the valid version and says what is wrong with the newest, by line and column', async () => {
    const page = (await reader.get('/avtaler/fjordvik-ramme').expect(200)).text;
    expect(page).toContain('Den nyeste versjonen har feil og gjelder ikke');
    expect(page).toContain(`Linje ${line}, kolonne ${column}: Ugyldig alder «16_24»`);
    expect(page).toContain(invalid); // the link to read it
    const front = (await reader.get('/').expect(200)).text;
    expect(front).toContain('Har feil');
    const brokenPage = (await reader.get(`/avtaler/fjordvik-ramme?rev=${invalid}`).expect(200)).text;
    expect(brokenPage).toContain('Denne versjonen har feil og gjelder ikke');
  });

  it('history shows it as never in force; the valid version stays current', async () => {
    const history = (await reader.get('/api/agreements/fjordvik-ramme/history').expect(200)).body;
    expect(history.current).toBe(valid);
    const entry = history.revisions.find((revision: { rev: string }) => revision.rev === invalid);
    expect(entry).toMatchObject({ valid: false, inForce: [], current: false, latest: true });
    const page = (await reader.get('/avtaler/fjordvik-ramme/historikk').expect(200)).text;
    expect(page).toContain('Har feil eller ligger feil i lageret');
  });

  it('exports give the version in force, not the invalid one', async () => {
    const docx = await reader.get('/avtaler/fjordvik-ramme.docx').buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-disposition']).toContain(`rev-${valid.slice(0, 8)}.docx`);
    expect((await readDocx(docx.body as Buffer)).text).not.toContain('16_24');
  });

  it('/healthz warns, naming the file', async () => {
    const health = await request(server.app).get('/healthz').expect(200);
    expect(health.body.status).toBe('warning');
    expect(health.body.warnings).toEqual([expect.stringMatching(/^avtaler\/fjordvik-ramme\.md: /)]);
  });

  it('the integrity page lists it with line and column', async () => {
    const admin = await server.as('admin');
    const report = (await admin.get('/api/admin/integrity').expect(200)).body;
    expect(report.intact).toBe(false);
    const files = report.checks.find((check: { id: string }) => check.id === 'files');
    expect(files.status).toBe('error');
    expect(files.details).toContainEqual(
      expect.stringMatching(new RegExp(`^avtaler/fjordvik-ramme\\.md:${line}:${column}: Ugyldig alder`)),
    );
    const page = (await admin.get('/admin/integritet').expect(200)).text;
    expect(page).toContain(`avtaler/fjordvik-ramme.md:${line}:${column}: Ugyldig alder «16_24»`);
  });

  it('gjerde verify exits non-zero and gjerde validate reports file:line:column', () => {
    const verify = cli(server.dataDir, 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain(`avtaler/fjordvik-ramme.md:${line}:${column}: Ugyldig alder`);
    // A version the validator refuses never answers: it is the files check's, not an unrecorded approved text.
    expect(verify.out).toMatch(/OK +Godkjent tekst/);
    const validate = cli(server.dataDir, 'validate');
    expect(validate.code).toBe(1);
    expect(validate.out).toContain(
      `avtaler/fjordvik-ramme.md:${line}:${column}: feil: Ugyldig alder «16_24» på klausul «uten-laereplass»`,
    );
  });

  it('a plain commit that fixes it is served at once, and the warnings are gone', async () => {
    const broken = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    const fixed = await commitByHand(
      server.dataDir,
      { 'avtaler/fjordvik-ramme.md': broken.replace('alder=16_24', 'alder=16–24') },
      'Rettet aldersgrensen',
    );
    const result = find(
      await ask(reader, { q: 'lærling uten læreplass', at: inForceDate, age: '20' }),
      'fjordvik-ramme',
      'uten-laereplass',
    );
    expect(result?.revision.rev).toBe(fixed);
    expect(result?.owner?.id).toBe('fjordvik-fk');
    // The file is valid again; the clause's new owner is a text no recorded approval gave, and /healthz
    // says that instead, as every view of the agreement does (test/repository/unrecorded-approval.test.ts).
    const health = await request(server.app).get('/healthz');
    expect(health.body.warnings).toEqual([
      `avtaler/fjordvik-ramme.md: Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten (revisjon ${fixed.slice(0, 8)}).`,
    ]);
    expect(result?.approvalWarning?.changedIn.rev).toBe(fixed);
    expect(cli(server.dataDir, 'validate')).toMatchObject({ code: 0 });
  });
});

describe('files where Gjerde does not read agreements', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;
  let ramme: string;

  beforeAll(async () => {
    ramme = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    const nytt = ramme
      .replace(/^id: .*$/m, 'id: fjordvik-ny')
      .replace(/^tittel: .*$/m, 'tittel: Ny avtale i feil mappe');
    await commitByHand(
      server.dataDir,
      {
        // At the top of the repository, and in a subfolder: ignored until now.
        'fjordvik-ny.md': nytt,
        'avtaler/arkiv/fjordvik-ramme-2016.md': ramme,
        // A copy under another name: it must not become a second agreement in force.
        'avtaler/fjordvik-kopi.md': ramme,
        // Not an agreement: no report.
        'README.md': '# Avtalene til Fjordvik\n\nSe avtaler/.\n',
      },
      'Flyttet inn avtalene',
    );
  });

  it('are reported by /healthz, the integrity check and gjerde validate, each with what to do', async () => {
    const health = (await request(server.app).get('/healthz').expect(200)).body;
    expect(health.status).toBe('warning');
    expect(health.warnings).toEqual([
      expect.stringMatching(/^avtaler\/arkiv\/fjordvik-ramme-2016\.md: /),
      expect.stringMatching(/^avtaler\/fjordvik-kopi\.md: /),
      expect.stringMatching(/^fjordvik-ny\.md: /),
    ]);
    const validate = cli(server.dataDir, 'validate');
    expect(validate.code).toBe(1);
    expect(validate.out).toContain('fjordvik-ny.md:');
    expect(validate.out).toContain(
      'flytt den til avtaler/fjordvik-ny.md (git mv fjordvik-ny.md avtaler/fjordvik-ny.md)',
    );
    expect(validate.out).toContain(
      'Filen heter avtaler/fjordvik-kopi.md, men avtalens id er «fjordvik-ramme»',
    );
    expect(validate.out).toContain('avtaler/arkiv/fjordvik-ramme-2016.md kan ikke være en avtale');
    expect(validate.out).not.toContain('README.md');
    expect(cli(server.dataDir, 'verify').code).toBe(1);
  });

  it('a file whose name is not its id is never in force and says why on its page', async () => {
    const list = (await reader.get('/api/agreements').expect(200)).body.agreements as Array<{
      id: string;
      inForce: unknown;
    }>;
    expect(list.map((agreement) => agreement.id)).not.toContain('fjordvik-ny');
    expect(list.find((agreement) => agreement.id === 'fjordvik-kopi')?.inForce).toBeNull();
    const page = (await reader.get('/avtaler/fjordvik-kopi').expect(200)).text;
    expect(page).toContain('Denne versjonen har feil og gjelder ikke');
    expect(page).toContain('Filen heter avtaler/fjordvik-kopi.md, men avtalens id er «fjordvik-ramme»');
    const results = await ask(reader, { q: 'lærling uten læreplass', at: inForceDate });
    expect(results.map((result) => result.agreementId)).not.toContain('fjordvik-kopi');
    expect(results.map((result) => result.agreementId)).not.toContain('fjordvik-ny');
  });

  it('moving the file to its place with plain git makes it an agreement that answers', async () => {
    git(server.dataDir, ['mv', 'fjordvik-ny.md', 'avtaler/fjordvik-ny.md']);
    await commitByHand(server.dataDir, {}, 'Flyttet avtalen til avtaler/');
    const list = (await reader.get('/api/agreements').expect(200)).body.agreements as Array<{
      id: string;
      inForce: unknown;
    }>;
    expect(list.find((agreement) => agreement.id === 'fjordvik-ny')?.inForce).not.toBeNull();
    const results = await ask(reader, { q: 'lærling uten læreplass', at: inForceDate });
    expect(results.map((result) => result.agreementId)).toContain('fjordvik-ny');
  });
});

describe('a contact register committed under a name Gjerde does not read', () => {
  const server = testGjerdeWithPeople([]);
  const register = [
    'fylke: Nordre Vik',
    'nav-kontorer:',
    '  - id: nav-nordre-vik',
    '    navn: NAV Nordre Vik',
    'kontakter:',
    '  - id: kari-prove',
    '    side: nav',
    '    navn: Kari Prøve',
    '    rolle: Ungdomskontakt',
    '    epost: kari.prove@nav.example',
    '',
  ].join('\n');
  const rule =
    'Kontaktregisteret for Nordre Vik skal ligge i kontakter/nordre-vik.yaml: fylkesnavnet skrives med små bokstaver, bindestrek i stedet for mellomrom';

  beforeAll(async () => {
    await commitByHand(server.dataDir, { 'kontakter/nordre vik.yaml': register }, 'Kontakter for Nordre Vik');
  });

  it('gets the naming rule, not the agreement format, from gjerde validate of the file and of the repository', () => {
    const file = cli(server.dataDir, 'validate', join(server.dataDir, 'kontakter/nordre vik.yaml'));
    expect(file.code).toBe(1);
    expect(file.out).toContain(rule);
    expect(file.out).not.toContain('[front-matter]');
    const repository = cli(server.dataDir, 'validate');
    expect(repository.code).toBe(1);
    expect(repository.out).toContain(`kontakter/nordre vik.yaml:1:8: feil: ${rule}`);
  });

  it('is a warning on /healthz and a problem on the integrity page, naming the file it should be', async () => {
    const health = (await request(server.app).get('/healthz').expect(200)).body;
    expect(health.warnings).toEqual([expect.stringMatching(/^kontakter\/nordre vik\.yaml: /)]);
    const admin = await server.as('admin');
    const report = (await admin.get('/api/admin/integrity').expect(200)).body;
    const files = report.checks.find((check: { id: string }) => check.id === 'files');
    expect(files.details).toContainEqual(expect.stringContaining(rule));
  });

  it('is read once moved to its name with plain git', async () => {
    git(server.dataDir, ['mv', 'kontakter/nordre vik.yaml', 'kontakter/nordre-vik.yaml']);
    await commitByHand(server.dataDir, {}, 'Kontaktregisteret under riktig navn');
    expect(cli(server.dataDir, 'validate').code).toBe(0);
    const health = (await request(server.app).get('/healthz').expect(200)).body;
    expect(health.status).not.toBe('warning');
  });
});

describe('a valid commit made outside Gjerde while it runs', () => {
  const server = testGjerdeWithPeople(['leser']);
  const reader = server.people.leser;

  it('answers lookups without a restart, and a history moved back is followed too', async () => {
    const before = await ask(reader, { q: 'førerkort', at: inForceDate });
    expect(find(before, 'strandby-lokal', 'forerkort')).toBeUndefined();
    const lokal = git(server.dataDir, ['show', 'HEAD:avtaler/strandby-lokal.md']);
    const clause =
      ':::ansvar[Ungdom som trenger førerkort for å få jobb]{#forerkort ansvarlig=nav-strandby bistand=ot stikkord="førerkort, lappen" kontakt=nav-ungdom}\nNAV Strandby vurderer støtte til førerkort når det trengs for å få jobb.\n:::\n\n';
    const rev = await commitByHand(
      server.dataDir,
      { 'avtaler/strandby-lokal.md': lokal.replace('## 4. ', `${clause}## 4. `) },
      'Nytt punkt om førerkort, vedtatt i ledermøtet',
    );
    const after = find(await ask(reader, { q: 'førerkort', at: inForceDate }), 'strandby-lokal', 'forerkort');
    expect(after?.revision.rev).toBe(rev);
    expect(after?.revision.author).toBe('Mona Migrator');

    // Someone resets the branch: the version that is gone no longer answers.
    git(server.dataDir, ['reset', '-q', '--hard', 'HEAD~1']);
    const reset = await ask(reader, { q: 'førerkort', at: inForceDate });
    expect(find(reset, 'strandby-lokal', 'forerkort')).toBeUndefined();
  });
});
