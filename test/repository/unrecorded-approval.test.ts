/**
 * «Godkjent» is what the parties approved, not a line in a file. A commit made with plain git (an editor in
 * the data repository, a synchronization, an import) can change an approved agreement's clauses and keep
 * `status: godkjent` and the old signatories: the lookup still answers from that text, but says on the
 * result (and in the API's `approvalWarning`) that no approval is registered for it, and `gjerde verify`
 * fails, naming the file, the commit and its author. What keeps the approved clauses (a rename, front-matter
 * changes, re-wrapped lines, a merge that brings an approval made elsewhere) is not flagged.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Agent } from 'supertest';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';
import { authorEnv, registerApproval } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand, git, migrator } from './helpers.js';

jest.setTimeout(180_000);

const server = testGjerdeWithPeople(['leser']);
const reader = server.people.leser;

const file = (id: string) => `avtaler/${id}.md`;

async function atHead(id: string): Promise<string> {
  return readFile(join(server.dataDir, file(id)), 'utf8');
}

/** Every result of a question asked of one agreement, on a day its newest version is in force. */
async function askOf(agent: Agent, id: string, q: string): Promise<LookupResult[]> {
  const validFrom = /^gyldig-fra: (\S+)$/m.exec(await atHead(id))?.[1] as string;
  const response = await agent
    .get('/api/lookup')
    .query({ q, agreement: id, at: validFrom, limit: '20', full: '1' })
    .expect(200);
  const { results } = response.body as LookupAnswer;
  expect(results.length).toBeGreaterThan(0);
  return results;
}

/** The title of an agreement's first clause: a question it answers. */
async function firstClauseTitle(id: string): Promise<string> {
  return /^:::ansvar\[([^\]]+)\]/m.exec(await atHead(id))?.[1] as string;
}

function verify() {
  return cli(server.dataDir, 'verify');
}

describe('changes that keep the approved clauses are not flagged', () => {
  let remote: string;

  beforeAll(async () => {
    remote = await mkdtemp(join(tmpdir(), 'gjerde-remote-'));
  });

  afterAll(async () => {
    await rm(remote, { recursive: true, force: true });
  });

  it('a rename, front-matter changes, re-wrapped lines and a merge of an approval made elsewhere', async () => {
    // Renamed (the id with the file), by plain git.
    const dalheim = (await atHead('dalheim-avtale')).replace(
      /^id: dalheim-avtale$/m,
      'id: dalheim-samarbeid',
    );
    git(server.dataDir, ['mv', file('dalheim-avtale'), file('dalheim-samarbeid')]);
    await commitByHand(server.dataDir, { [file('dalheim-samarbeid')]: dalheim }, 'Nytt navn på fila');

    // Status and signatories kept, other front matter changed: the review date and the title.
    const lyngmark = (await atHead('lyngmark-ramme'))
      .replace(/^revideres: .*$/m, 'revideres: 2027-06-01')
      .replace(/^tittel: (.*)$/m, 'tittel: $1 (revidert tittel)');
    await commitByHand(server.dataDir, { [file('lyngmark-ramme')]: lyngmark }, 'Ny revisjonsdato');

    // Formatting only: each clause body's first line re-wrapped after its first word.
    const innmark = (await atHead('innmark-samarbeidsavtale')).replace(/(\{#[^}]*\}\n)(\S+) /g, '$1$2\n');
    expect(innmark).not.toBe(await atHead('innmark-samarbeidsavtale'));
    await commitByHand(server.dataDir, { [file('innmark-samarbeidsavtale')]: innmark }, 'Linjeskift');

    // Another instance approved a change to Strandby's clauses (its commit records the approval); this one
    // synchronizes with a merge, having committed something else meanwhile.
    git(remote, ['clone', '-q', server.dataDir, 'other']);
    const other = join(remote, 'other');
    const strandby = (await readFile(join(other, file('strandby-lokal')), 'utf8')).replace(
      /^(:::ansvar\[[^\n]*\n)(.*)$/m,
      '$1$2 Endringen er godkjent av begge parter.',
    );
    const approvedElsewhere = await commitByHand(
      other,
      { [file('strandby-lokal')]: strandby },
      'Presisering godkjent i samarbeidsutvalget\n\nGodkjent-av: Nina Holm | Direktør | nav-fjordvik | 2026-11-30\nGodkjent-av: Jonas Haugland | Fylkesdirektør | fjordvik-fk | 2026-11-30',
    );
    // Recorded as Gjerde's approval path records one (forged-approval.test.ts has what is not recorded).
    registerApproval(server.dataDir, approvedElsewhere);
    const sorholm = (await atHead('sorholm-avtale')).replace(/^revideres: .*$/m, 'revideres: 2027-09-01');
    await commitByHand(server.dataDir, { [file('sorholm-avtale')]: sorholm }, 'Ny revisjonsdato');
    git(server.dataDir, ['pull', '-q', '--no-rebase', '--no-edit', other, 'HEAD'], authorEnv(migrator));
    expect(git(server.dataDir, ['log', '-1', '--format=%P']).trim().split(' ')).toHaveLength(2);

    for (const id of ['dalheim-samarbeid', 'lyngmark-ramme', 'innmark-samarbeidsavtale', 'sorholm-avtale']) {
      for (const result of await askOf(reader, id, await firstClauseTitle(id)))
        expect({ id, warning: result.approvalWarning }).toEqual({ id, warning: null });
    }
    const merged = await askOf(reader, 'strandby-lokal', await firstClauseTitle('strandby-lokal'));
    expect(merged.some((result) => result.text.includes('Endringen er godkjent av begge parter.'))).toBe(
      true,
    );
    for (const result of merged) expect(result.approvalWarning).toBeNull();

    const report = verify();
    expect(report.out).not.toMatch(/FEIL +Godkjent tekst/);
    expect(report.out).toMatch(/OK +Godkjent tekst/);
  });
});

describe('an approved clause changed with plain git', () => {
  let changed: string;

  beforeAll(async () => {
    // Given to the county by a plain commit; status godkjent and the signatories stay as they were.
    const before = await atHead('fjordvik-ramme');
    const after = before.replace(
      '{#uten-laereplass ansvarlig=nav-fjordvik bistand="fjordvik-fk ot"',
      '{#uten-laereplass ansvarlig=fjordvik-fk bistand="nav-fjordvik ot"',
    );
    expect(after).not.toBe(before);
    changed = await commitByHand(server.dataDir, { [file('fjordvik-ramme')]: after }, 'Rettet ansvar');
  });

  it('the lookup answers from it, with a warning naming the commit that changed it and its author', async () => {
    const results = await askOf(reader, 'fjordvik-ramme', 'lærling uten læreplass');
    const result = results.find((candidate) => candidate.clauseId === 'uten-laereplass');
    expect(result?.owner?.id).toBe('fjordvik-fk');
    expect(result?.approvalWarning).toEqual({
      message: 'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
      detail: expect.stringMatching(
        new RegExp(
          `^Ansvarspunktene fikk denne teksten \\d+\\. \\w+ \\d{4} av Mona Migrator \\(revisjon ${changed.slice(0, 8)}\\), uten at noen godkjenning ble registrert\\. Den siste registrerte godkjenningen \\(.+, revisjon [0-9a-f]{8}\\) gjaldt en annen tekst\\.$`,
        ),
      ),
      changedIn: { rev: changed, date: expect.any(String), author: 'Mona Migrator' },
      approved: { rev: expect.stringMatching(/^[0-9a-f]{40}$/), date: expect.any(String) },
      // Only the clauses differ from the approved version (src/domain/vouched-content.ts).
      changed: ['clauses'],
      // What the parties approved for this clause (test/repository/unrecorded-shown).
      clause: { changed: true, lastApproved: 'Ansvarlig NAV Fjordvik' },
    });
    // Every clause of that version carries it, and the brief answer too.
    for (const other of results) expect(other.approvalWarning?.changedIn.rev).toBe(changed);
    const brief = await reader
      .get('/api/lookup')
      .query({ q: 'lærling uten læreplass', agreement: 'fjordvik-ramme', at: '2025-11-01' })
      .expect(200);
    expect(brief.body.results[0].approvalWarning.changedIn.rev).toBe(changed);
  });

  it('the comparison across counties carries it on Fjordvik’s row, in the API and on the page', async () => {
    const query = { agreement: 'fjordvik-ramme', clause: 'uten-laereplass', at: '2025-11-01' };
    const overview = (await reader.get('/api/national').query(query).expect(200)).body as {
      rows: { county: string; answer: { approvalWarning: { changedIn: { rev: string } } | null } | null }[];
    };
    const fjordvik = overview.rows.find((row) => row.county === 'Fjordvik');
    expect(fjordvik?.answer?.approvalWarning?.changedIn.rev).toBe(changed);
    for (const row of overview.rows.filter((other) => other.county !== 'Fjordvik'))
      expect(row.answer?.approvalWarning ?? null).toBeNull();
    const page = (await reader.get('/fylkene').query(query).expect(200)).text;
    expect(page).toContain('Ingen registrert godkjenning');
  });

  it('the agreement API says it of the version', async () => {
    const version = (await reader.get('/api/agreements/fjordvik-ramme').expect(200)).body;
    expect(version.approvalWarning).toMatchObject({
      message: 'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
      changedIn: { rev: changed, author: 'Mona Migrator' },
    });
    // The version approved before it is agreed.
    const approved = (
      await reader
        .get(`/api/agreements/fjordvik-ramme?rev=${version.approvalWarning.approved.rev}`)
        .expect(200)
    ).body;
    expect(approved.approvalWarning).toBeNull();
  });

  it('the agreements list says it of that agreement only, in the API and on the front page', async () => {
    const { agreements } = (await reader.get('/api/agreements').expect(200)).body as {
      agreements: { id: string; approvalWarning: { changedIn: { rev: string } } | null }[];
    };
    const fjordvik = agreements.find((agreement) => agreement.id === 'fjordvik-ramme');
    expect(fjordvik?.approvalWarning).toMatchObject({
      message: 'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
      changedIn: { rev: changed, author: 'Mona Migrator' },
    });
    for (const other of agreements.filter((agreement) => agreement.id !== 'fjordvik-ramme'))
      expect({ id: other.id, warning: other.approvalWarning }).toEqual({ id: other.id, warning: null });
    const page = (await reader.get('/').expect(200)).text;
    const rows = page.split('<tr>').filter((row) => row.includes('href="/avtaler/'));
    const marked = rows.filter((row) => row.includes('Ingen registrert godkjenning'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain('href="/avtaler/fjordvik-ramme"');
  });

  it('gjerde show says it on stderr, the Markdown on stdout unchanged', async () => {
    const shown = cli(server.dataDir, 'show', 'fjordvik-ramme');
    expect(shown.code).toBe(0);
    expect(shown.out).toBe(await atHead('fjordvik-ramme'));
    expect(shown.err).toContain(
      'Advarsel: Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
    );
    expect(shown.err).toContain(`av Mona Migrator (revisjon ${changed.slice(0, 8)})`);
    const other = cli(server.dataDir, 'show', 'lyngmark-ramme');
    expect(other.code).toBe(0);
    expect(other.err).not.toContain('ingen godkjenning er registrert');
  });

  it('the lookup page shows the warning on the card', async () => {
    const page = (
      await reader
        .get('/oppslag')
        .query({ q: 'lærling uten læreplass', agreement: 'fjordvik-ramme', at: '2025-11-01' })
        .expect(200)
    ).text;
    expect(page).toContain(
      'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
    );
    expect(page).toContain(`av Mona Migrator (revisjon ${changed.slice(0, 8)})`);
  });

  it('gjerde verify exits non-zero, naming the file, the commit and its author', () => {
    const report = verify();
    expect(report.code).toBe(1);
    expect(report.out).toMatch(/FEIL +Godkjent tekst/);
    expect(report.out).toContain(
      `avtaler/fjordvik-ramme.md: Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten. Ansvarspunktene fikk denne teksten`,
    );
    expect(report.out).toContain(
      `av Mona Migrator <mona@fjordvik.example> (revisjon ${changed.slice(0, 8)})`,
    );
    expect(report.out).toContain('Begrunnelse: «Rettet ansvar».');
  });

  it('the history API says it of that revision only', async () => {
    const { revisions } = (await reader.get('/api/agreements/fjordvik-ramme/history').expect(200)).body as {
      revisions: { rev: string; approvalWarning: { changedIn: { rev: string; author: string } } | null }[];
    };
    const marked = revisions.filter((revision) => revision.approvalWarning !== null);
    expect(marked.map((revision) => revision.rev)).toEqual([changed]);
    expect(marked[0]?.approvalWarning).toMatchObject({
      message: 'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
      changedIn: { rev: changed, author: 'Mona Migrator' },
    });
  });

  it('/healthz warns of it, naming the file and the commit but no person', async () => {
    const health = (await reader.get('/healthz').expect(200)).body as { status: string; warnings: string[] };
    expect(health.status).toBe('warning');
    const lines = health.warnings.filter((line) => line.includes('ingen godkjenning er registrert'));
    expect(lines).toEqual([
      `avtaler/fjordvik-ramme.md: Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten (revisjon ${changed.slice(0, 8)}).`,
    ]);
  });

  it('gjerde history, list and counties say it', async () => {
    const history = cli(server.dataDir, 'history', 'fjordvik-ramme');
    expect(history.code).toBe(0);
    const entries = history.out.split(/\n(?=[0-9a-f]{8} )/);
    const marked = entries.filter((entry) => entry.includes('Ingen registrert godkjenning'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(new RegExp(`^${changed.slice(0, 8)} `));
    expect(marked[0]).toContain(`av Mona Migrator (revisjon ${changed.slice(0, 8)})`);

    const list = cli(server.dataDir, 'list');
    expect(list.code).toBe(0);
    const rows = list.out.split('\n').map((row) => row.split('\t'));
    expect(rows[0]?.at(-1)).toBe('GODKJENNING');
    const unrecorded = rows.filter((row) => row.at(-1) === 'ikke registrert').map((row) => row[0]);
    expect(unrecorded).toEqual(['fjordvik-ramme']);

    const counties = cli(
      server.dataDir,
      'counties',
      '--clause',
      'fjordvik-ramme#uten-laereplass',
      '--at',
      '2025-11-01',
    );
    expect(counties.code).toBe(0);
    const fjordvik = counties.out.split('\n').filter((row) => row.startsWith('Fjordvik\t'));
    expect(fjordvik).toHaveLength(1);
    expect(fjordvik[0]).toContain('ingen registrert godkjenning');
    const others = counties.out
      .split('\n')
      .filter((row) => row.includes('\t') && !row.startsWith('Fjordvik\t'));
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) expect(row).not.toContain('ingen registrert godkjenning');
  });

  it('put back as approved by plain git, the text is agreed again', async () => {
    git(server.dataDir, ['revert', '--no-edit', changed], authorEnv(migrator));
    const results = await askOf(reader, 'fjordvik-ramme', 'lærling uten læreplass');
    for (const result of results) expect(result.approvalWarning).toBeNull();
    expect((await reader.get('/api/agreements/fjordvik-ramme').expect(200)).body.approvalWarning).toBeNull();
    expect((await reader.get('/').expect(200)).text).not.toContain('Ingen registrert godkjenning');
    expect(verify().out).toMatch(/OK +Godkjent tekst/);
    const health = (await reader.get('/healthz').expect(200)).body as { warnings: string[] };
    expect(health.warnings.join('\n')).not.toContain('ingen godkjenning er registrert');
  });
});
