/**
 * Cases travel with the data repository: two instances on one bare remote, real git and real HTTP. Cases
 * raised on both sides at once are merged (never forced) and both instances list both; a case handled on
 * both sides at once keeps both changes in its history and stays a case both instances can read.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '../../src/access/principal.js';
import { parseCaseFile } from '../../src/cases/case-file.js';
import { testAgreement, testCounty } from '../load/agreement.js';
import { git, type Instance, type Pair, settled, startPair, webhook } from '../sync/instances.js';

let pair: Pair;
let remote: string;
let a: Instance;
let b: Instance;
const raised: { instance: string; id: string; rev: string }[] = [];

/** A member of the committee for the test county, as each instance's domain sees them. */
const member = (name: string): Principal => ({
  username: name.toLowerCase(),
  name,
  email: `${name.toLowerCase()}@testfylke.example`,
  roles: ['utvalg'],
  parties: [],
  counties: [testCounty],
});

const caseBody = (title: string) => ({
  title,
  agreement: 'test-saker',
  clause: 'uten-skoleplass',
  party: 'nav-test',
  situation: 'Ungdom som ikke fikk skoleplass, og som ingen følger opp.',
  disagreement: 'Partene er uenige om hvem som følger opp.',
});

async function raise(instance: Instance, title: string): Promise<string> {
  const agent = await instance.as('leser');
  const response = await agent.post('/api/cases').send(caseBody(title)).expect(201);
  raised.push({
    instance: instance.name,
    id: response.body.id,
    rev: git(instance.dataDir, 'rev-parse', 'HEAD'),
  });
  return response.body.id;
}

async function listed(instance: Instance): Promise<string[]> {
  const agent = await instance.as('leser');
  const response = await agent.get('/api/cases?status=alle').expect(200);
  return response.body.cases.map((entry: { id: string }) => entry.id).sort();
}

beforeAll(async () => {
  pair = await startPair('gjerde-cases-sync-', async (first) => {
    await first.gjerde.agreements.save(testAgreement('test-saker', ['start']), {
      author: { name: 'Kari Nordmann', email: 'kari@nav.example' },
      reason: 'Avtale for sakene',
    });
  });
  ({ remote, a, b } = pair);
}, 120_000);
afterAll(() => pair?.stop());

describe('cases between two instances', () => {
  it('cases raised on both sides at once are merged, and both instances list both', async () => {
    const fromA = await raise(a, 'Skoleplass meldt fra a');
    await settled(a);
    // b has not fetched a's case: its commit diverges, and its push merges.
    const fromB = await raise(b, 'Skoleplass meldt fra b');
    await settled(b);
    expect((await webhook(a)).status).toBe(200);
    const head = git(remote, 'rev-parse', 'refs/heads/main');
    expect(git(a.dataDir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(b.dataDir, 'rev-parse', 'HEAD')).toBe(head);
    expect(await listed(a)).toEqual([fromA, fromB].sort());
    expect(await listed(b)).toEqual([fromA, fromB].sort());
  });

  it('a case handled on both sides at once keeps both changes and stays readable', async () => {
    const [first] = raised;
    const id = first?.id as string;
    await a.gjerde.cases.handle(
      id,
      { outcome: 'avgjort', text: 'Fylkeskommunen følger opp.' },
      member('Anne'),
    );
    await b.gjerde.cases.handle(id, { outcome: 'eskalert', text: 'Prinsipielt spørsmål.' }, member('Bjørn'));
    await settled(a);
    await settled(b);
    expect((await webhook(a)).status).toBe(200);
    const head = git(remote, 'rev-parse', 'refs/heads/main');
    expect(git(a.dataDir, 'rev-parse', 'HEAD')).toBe(head);
    const file = git(remote, 'show', `${head}:saker/${id}.md`);
    expect(parseCaseFile(file, `saker/${id}.md`).ok).toBe(true);
    const authors = git(remote, 'log', '--format=%an', head, '--', `saker/${id}.md`);
    expect(authors).toContain('Anne');
    expect(authors).toContain('Bjørn');
    expect((await a.gjerde.cases.get(id)).case.status).toBe((await b.gjerde.cases.get(id)).case.status);
  });

  it('loses no case: every commit that raised one is in the converged history', () => {
    const head = git(remote, 'rev-parse', 'refs/heads/main');
    for (const record of raised) {
      expect(git(remote, 'merge-base', '--is-ancestor', record.rev, head)).toBe('');
      expect(git(remote, 'cat-file', '-t', `${head}:saker/${record.id}.md`)).toBe('blob');
    }
    expect(git(remote, 'fsck', '--full', '--no-dangling')).toBe('');
  });
});
