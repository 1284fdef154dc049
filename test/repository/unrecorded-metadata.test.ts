/**
 * An approval vouches for more than the clauses. Found by a stranger: a plain-git commit that changed only
 * the front matter of an approved agreement (a party's name, the county, `gyldig-fra`, `eskalering`, a
 * contact role) and kept `status: godkjent` read as agreed everywhere: the cards said «Ansvarlig: OT …» for
 * NAV's clauses, «Gjelder» another county, answered a date before the approval from a backdated version, and
 * `gjerde verify`, `/healthz` and `gjerde list` were all well. Each such change is now as unapproved as a
 * changed clause (src/domain/vouched-content.ts). Real git store in a temp folder, plain git commits, the
 * composed service over real HTTP, the CLI.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';
import { authorEnv } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand, git, migrator } from './helpers.js';

jest.setTimeout(240_000);

const server = testGjerdeWithPeople(['leser', 'redaktor']);
const { leser: reader, redaktor: rita } = server.people;

const file = (id: string) => `avtaler/${id}.md`;

async function atHead(id: string): Promise<string> {
  return readFile(join(server.dataDir, file(id)), 'utf8');
}

/** The first contact role's `rolle:` in `kontakter` (signatories have roles too). */
function changeFirstContactRole(markdown: string, role: string): string {
  const start = markdown.indexOf('\nkontakter:');
  const at = markdown.indexOf('rolle: ', start);
  const end = markdown.indexOf('\n', at);
  return `${markdown.slice(0, at)}rolle: ${role}${markdown.slice(end)}`;
}

/** One plain-git change per kind of front-matter field, each to its own approved agreement. */
const cases = [
  {
    kind: 'a party’s name',
    id: 'fjordvik-ramme',
    part: 'parties',
    words: 'Partene ble endret',
    change: (text: string) =>
      text.replace(/^ {4}navn: NAV Fjordvik$/m, '    navn: OT Fjordvik (oppfølgingstjenesten)'),
    outside: 'Parten «NAV Fjordvik» har fått nytt navn: «OT Fjordvik (oppfølgingstjenesten)»',
  },
  {
    kind: 'the county',
    id: 'dalheim-avtale',
    part: 'county',
    words: 'Fylket ble endret',
    change: (text: string) => text.replace(/^fylke: .*$/m, 'fylke: Fjordvik'),
    outside: 'Fylke endret fra Dalheim til Fjordvik',
  },
  {
    kind: 'gyldig-fra, backdated',
    id: 'lyngmark-ramme',
    part: 'period',
    words: 'Gyldighetsperioden ble endret',
    change: (text: string) => text.replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2020-01-01'),
    outside: 'Gyldighet endret fra',
  },
  {
    kind: 'the escalation route',
    id: 'innmark-samarbeidsavtale',
    part: 'escalation',
    words: 'Eskaleringen ble endret',
    change: (text: string) => text.replace(/^eskalering: .*$/m, 'eskalering: Rektor avgjør alene'),
    outside: 'Eskalering for uklare saker',
  },
  {
    kind: 'a contact role',
    id: 'sorholm-avtale',
    part: 'contacts',
    words: 'Kontaktrollene ble endret',
    change: (text: string) => changeFirstContactRole(text, 'Vaktmester'),
    outside: 'Kontaktrolle endret fra',
  },
] as const;

const commits = new Map<string, string>();

/** Every result of a question asked of one agreement, on the first day its newest version gives. */
async function askOf(id: string, q: string): Promise<LookupResult[]> {
  const validFrom = /^gyldig-fra: (\S+)$/m.exec(await atHead(id))?.[1] as string;
  const response = await reader
    .get('/api/lookup')
    .query({ q, agreement: id, at: validFrom, limit: '20', full: '1' })
    .expect(200);
  const { results } = response.body as LookupAnswer;
  expect(results.length).toBeGreaterThan(0);
  return results;
}

async function firstClauseTitle(id: string): Promise<string> {
  return /^:::ansvar\[([^\]]+)\]/m.exec(await atHead(id))?.[1] as string;
}

beforeAll(async () => {
  for (const { id, change } of cases) {
    const before = await atHead(id);
    const after = change(before);
    expect({ id, changed: after !== before }).toEqual({ id, changed: true });
    commits.set(id, await commitByHand(server.dataDir, { [file(id)]: after }, `Rettet opplysninger i ${id}`));
  }
  // Each file is valid as committed: the change is served, not refused.
  const validate = cli(server.dataDir, 'validate');
  expect(validate.out).not.toMatch(/: (feil|error)/i);
});

describe.each(cases)('$kind changed with plain git, status godkjent kept', (field) => {
  const rev = () => commits.get(field.id) as string;

  it('every card of that version warns, naming what changed, the commit and its author', async () => {
    const results = await askOf(field.id, await firstClauseTitle(field.id));
    for (const result of results) {
      expect(result.approvalWarning).toMatchObject({
        message: 'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
        changedIn: { rev: rev(), author: 'Mona Migrator' },
        changed: [field.part],
        // No clause reads as agreed: the card's owner, county, period and contacts come from the front matter.
        clause: { changed: true, outside: expect.arrayContaining([expect.stringContaining(field.outside)]) },
      });
      expect(result.approvalWarning?.detail).toContain(`${field.words} `);
      expect(result.approvalWarning?.detail).toContain(`av Mona Migrator (revisjon ${rev().slice(0, 8)})`);
    }
    const validFrom = /^gyldig-fra: (\S+)$/m.exec(await atHead(field.id))?.[1] as string;
    const page = (
      await reader
        .get('/oppslag')
        .query({ q: await firstClauseTitle(field.id), agreement: field.id, at: validFrom })
        .expect(200)
    ).text;
    expect(page).toContain(
      'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.',
    );
    expect(page).toContain('Ikke godkjent');
    expect(page).toContain('Endret uten godkjenning:');
    expect(page).not.toContain('dette punktet står som partene godkjente det');
  });

  it('/healthz warns of it, naming the file and the commit', async () => {
    const health = (await reader.get('/healthz').expect(200)).body as { status: string; warnings: string[] };
    expect(health.status).toBe('warning');
    expect(health.warnings).toContain(
      `${file(field.id)}: Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten (revisjon ${rev().slice(0, 8)}).`,
    );
  });

  it('gjerde verify fails, naming the file, what changed, the commit, its author and reason', () => {
    const report = cli(server.dataDir, 'verify');
    expect(report.code).toBe(1);
    expect(report.out).toMatch(/FEIL +Godkjent tekst/);
    const line = report.out.split('\n').find((text) => text.includes(`${file(field.id)}: Står som godkjent`));
    expect(line).toContain(`${field.words} `);
    expect(line).toContain(`av Mona Migrator <mona@fjordvik.example> (revisjon ${rev().slice(0, 8)})`);
    expect(line).toContain(`Begrunnelse: «Rettet opplysninger i ${field.id}».`);
  });

  it('gjerde list and the agreements API say so of it', async () => {
    const list = cli(server.dataDir, 'list');
    expect(list.code).toBe(0);
    const row = list.out
      .split('\n')
      .map((text) => text.split('\t'))
      .find((cells) => cells[0] === field.id);
    expect(row?.at(-1)).toBe('ikke registrert');
    const { agreements } = (await reader.get('/api/agreements').expect(200)).body as {
      agreements: { id: string; approvalWarning: { changedIn: { rev: string } } | null }[];
    };
    expect(agreements.find((agreement) => agreement.id === field.id)?.approvalWarning?.changedIn.rev).toBe(
      rev(),
    );
  });
});

describe('what else the stranger saw', () => {
  it('only the five changed agreements are marked in gjerde list', () => {
    const rows = cli(server.dataDir, 'list')
      .out.split('\n')
      .map((text) => text.split('\t'));
    const marked = rows.filter((cells) => cells.at(-1) === 'ikke registrert').map((cells) => cells[0]);
    expect(marked.sort()).toEqual(cases.map((field) => field.id).sort());
  });

  it('the card of NAV’s clause names the party as approved beside the name in the file', async () => {
    const results = await askOf('fjordvik-ramme', 'lærling uten læreplass');
    const result = results.find((candidate) => candidate.clauseId === 'uten-laereplass');
    expect(result?.owner?.name).toBe('OT Fjordvik (oppfølgingstjenesten)');
    expect(result?.approvalWarning?.clause?.lastApproved).toBe('Ansvarlig NAV Fjordvik');
  });

  it('a date the backdated version reaches back to is not answered as agreed', async () => {
    // Lyngmark's approved versions start 2019-08-01 and 2022-01-01: in 2021 the backdated one now governs.
    const on = async (at: string) => {
      const q = await firstClauseTitle('lyngmark-ramme');
      const query = { q, agreement: 'lyngmark-ramme', at, full: '1' };
      const answer = (await reader.get('/api/lookup').query(query).expect(200)).body as LookupAnswer;
      expect(answer.results.length).toBeGreaterThan(0);
      return answer.results.map((result) => result.approvalWarning?.changedIn.rev ?? null);
    };
    for (const rev of await on('2021-06-01')) expect(rev).toBe(commits.get('lyngmark-ramme'));
    // From 2022 the approved version of that year governs, as approved.
    for (const rev of await on('2023-06-01')) expect(rev).toBeNull();
  });

  it('the comparison shows the changed front matter', async () => {
    const page = (await reader.get('/avtaler/fjordvik-ramme/sammenlign').expect(200)).text;
    expect(page).toContain('Avtalens opplysninger');
    expect(page).toContain('OT Fjordvik (oppfølgingstjenesten)');
  });

  it('put back by git revert, each is agreed again', async () => {
    for (const { id } of cases)
      git(server.dataDir, ['revert', '--no-edit', commits.get(id) as string], authorEnv(migrator));
    const rows = cli(server.dataDir, 'list')
      .out.split('\n')
      .map((text) => text.split('\t'));
    expect(rows.filter((cells) => cells.at(-1) === 'ikke registrert')).toEqual([]);
    expect(cli(server.dataDir, 'verify').out).toMatch(/OK +Godkjent tekst/);
    const health = (await reader.get('/healthz').expect(200)).body as { warnings: string[] };
    expect(health.warnings.join('\n')).not.toContain('ingen godkjenning er registrert');
    for (const { id } of cases)
      for (const result of await askOf(id, await firstClauseTitle(id)))
        expect({ id, warning: result.approvalWarning }).toEqual({ id, warning: null });
  });
});

describe('an edit in Gjerde of a version renamed with plain git', () => {
  it('the approval page names the party renamed without approval, and so does the editor’s check', async () => {
    const id = 'strandby-lokal';
    const renamed = (await atHead(id)).replace(/^ {4}navn: NAV Strandby$/m, '    navn: OT Strandby');
    const plain = await commitByHand(server.dataDir, { [file(id)]: renamed }, 'Nytt navn på parten');
    // Rita's edit starts from the file as it stands and moves only the first day, as a new version does.
    const current = (await rita.get(`/api/agreements/${id}`).expect(200)).body as {
      markdown: string;
      revision: { rev: string };
    };
    const markdown = current.markdown.replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2027-06-01');
    await rita
      .put(`/api/agreements/${id}`)
      .send({ markdown, baseRev: current.revision.rev, reason: 'Ny periode' })
      .expect(200);
    await rita.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    const page = (await rita.get(`/avtaler/${id}/godkjenn`).expect(200)).text;
    expect(page).toContain('Se over dette før du godkjenner:');
    expect(page).toContain(
      `Ikke godkjent av partene: Parten «NAV Strandby» har fått nytt navn: «OT Strandby». Endringen ble lagret med git uten registrert godkjenning (revisjon ${plain.slice(0, 8)} av Mona Migrator)`,
    );
    // Rita's own change (the first day) is hers to send, not a carried one.
    expect(page).not.toMatch(/Ikke godkjent av partene: Gyldighet/);
  });
});
