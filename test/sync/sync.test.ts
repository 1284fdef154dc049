/**
 * Two Gjerde instances (two data repositories) and one bare repository, all in temporary folders, with
 * real git and real HTTP: they converge, nothing saved on either side is lost (also while the remote is
 * unreachable), and diverged histories are merged, never forced.
 */
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseAgreement } from '../../src/format/processor.js';
import { retryDelay } from '../../src/sync/backoff.js';
import { checkRemote, redactRemote } from '../../src/sync/remote.js';
import { sameSecret } from '../../src/web/routes/sync.js';
import { bareRepo } from '../helpers/git.js';
import { slotValue, testAgreement } from '../load/agreement.js';
import { isAncestor } from '../repository/helpers.js';
import { git, health, type Instance, settled, startInstance, waitFor, webhook } from './instances.js';

const kari = { name: 'Kari Nordmann', email: 'kari@nav.example' };
const ola = { name: 'Ola Nordmann', email: 'ola@fjordvik.example' };

interface Saved {
  instance: string;
  id: string;
  rev: string;
  slots: string[];
}

let root: string;
let remote: string;
const instances: Instance[] = [];
const saved: Saved[] = [];
/** What each instance believes each agreement's slots are (its own last save or what it merged). */
let a: Instance;
let b: Instance;

async function save(instance: Instance, id: string, slots: string[], author = kari): Promise<Saved> {
  const version = await instance.gjerde.agreements.save(testAgreement(id, slots), {
    author,
    reason: `Test: ${instance.name} lagrer ${slots.join(' / ')}`,
  });
  const record = { instance: instance.name, id, rev: version.revision.rev, slots };
  saved.push(record);
  return record;
}

async function slotsAt(instance: Instance, id: string): Promise<string[]> {
  const markdown = (await instance.gjerde.agreements.get(id)).markdown;
  return [0, 1, 2].map((index) => slotValue(markdown, index) ?? '');
}

function remoteHead(): string {
  return git(remote, 'rev-parse', 'refs/heads/main');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-sync-test-'));
  remote = bareRepo(join(root, 'felles.git'));
});

afterAll(async () => {
  await Promise.allSettled(instances.splice(0).map((instance) => instance.stop()));
  await rm(root, { recursive: true, force: true });
});

describe('two instances on one bare repository', () => {
  it('the first instance fills the new remote; the second adopts its history at start', async () => {
    a = await startInstance(root, 'a', remote);
    instances.push(a);
    expect(await a.gjerde.store.head()).toBeUndefined(); // a new remote: nothing to adopt, no examples here
    await save(a, 'test-felles', ['a1', 'start', 'start']);
    await settled(a);
    expect(remoteHead()).toBe(await a.gjerde.store.head());

    b = await startInstance(root, 'b', remote);
    instances.push(b);
    expect(await b.gjerde.store.head()).toBe(remoteHead());
    expect(await slotsAt(b, 'test-felles')).toEqual(['a1', 'start', 'start']);
  });

  it('saves on both sides merge (a merge commit, no force-push) and both converge', async () => {
    const before = remoteHead();
    await save(a, 'test-felles', ['a2', 'start', 'start']);
    await settled(a);
    // b has not seen a2: its save diverges; its push is rejected, it fetches, merges and pushes.
    await save(b, 'test-felles', ['a1', 'b1', 'start'], ola);
    await save(b, 'test-b', ['b-ny', 'x', 'y'], ola);
    await settled(b);
    expect((await webhook(a)).status).toBe(200);

    const head = remoteHead();
    expect(await a.gjerde.store.head()).toBe(head);
    expect(await b.gjerde.store.head()).toBe(head);
    expect(isAncestor(remote, before, head)).toBe(true);
    expect(git(remote, 'rev-list', '--merges', `${before}..${head}`)).not.toBe('');
    expect(await slotsAt(a, 'test-felles')).toEqual(['a2', 'b1', 'start']);
    expect(await slotsAt(a, 'test-b')).toEqual(['b-ny', 'x', 'y']);
  });

  it('keeps saving while the remote is unreachable and pushes by itself when it is back', async () => {
    const away = `${remote}-borte`;
    const before = remoteHead();
    await rename(remote, away);
    // Both change the same slot (a conflict) and one slot each (clean), with the remote gone.
    await save(a, 'test-felles', ['a3', 'b1', 'a-konflikt']);
    await save(b, 'test-felles', ['a2', 'b2', 'b-konflikt'], ola);
    await save(b, 'test-b', ['b-ny', 'b-offline', 'y'], ola);

    // The background push failed and is being retried with back-off; the page says so.
    await waitFor('a has retried', async () => (await health(a)).sync.failures >= 2);
    const status = (await health(a)).sync;
    expect(status.pending).toBe(true);
    expect(status.nextRetryAt).not.toBeNull();
    const page = await (await a.as('leser')).get('/').expect(200);
    expect(page.text).toContain('Ikke synkronisert ennå');

    await rename(away, remote);
    await settled(a);
    await settled(b);
    expect((await webhook(a)).status).toBe(200);
    expect((await webhook(b)).status).toBe(200);

    const head = remoteHead();
    expect(await a.gjerde.store.head()).toBe(head);
    expect(await b.gjerde.store.head()).toBe(head);
    expect(git(a.dataDir, 'rev-parse', 'HEAD^{tree}')).toBe(git(remote, 'rev-parse', 'HEAD^{tree}'));
    expect(git(b.dataDir, 'rev-parse', 'HEAD^{tree}')).toBe(git(remote, 'rev-parse', 'HEAD^{tree}'));
    expect(isAncestor(remote, before, head)).toBe(true);

    // The conflicting slot: both versions are in the history, the file is valid and has no markers.
    const final = (await a.gjerde.agreements.get('test-felles')).markdown;
    expect(parseAgreement(final).ok).toBe(true);
    expect(final).not.toMatch(/^(<{7}|={7}|>{7})/m);
    const slots = await slotsAt(a, 'test-felles');
    expect(slots.slice(0, 2)).toEqual(['a3', 'b2']);
    expect(['a-konflikt', 'b-konflikt']).toContain(slots[2]);
    expect(git(remote, 'log', '--format=%B', `${before}..${head}`)).toContain('Gjenopprettet-fra:');
    expect(await slotsAt(a, 'test-b')).toEqual(['b-ny', 'b-offline', 'y']);
  }, 120_000);

  it('loses no save: every save of both instances is in the converged history with its content', async () => {
    const head = remoteHead();
    expect(saved.length).toBeGreaterThanOrEqual(7);
    for (const record of saved) {
      expect(isAncestor(remote, record.rev, head)).toBe(true);
      const content = git(remote, 'show', `${record.rev}:avtaler/${record.id}.md`);
      expect([0, 1, 2].map((index) => slotValue(content, index))).toEqual(record.slots);
    }
    expect(git(remote, 'fsck', '--full', '--no-dangling')).toBe('');
  });

  it('a version approved on one instance answers lookups on the other after the merge', async () => {
    await b.gjerde.lookup.ready();
    const reader = await b.as('leser');
    const ask = async () => {
      const response = await reader.get('/api/lookup?q=skoleplass&at=2030-06-01').expect(200);
      const answer = response.body as { results: { agreementId: string; clauseId: string }[] };
      return answer.results.map((result) => `${result.agreementId}#${result.clauseId}`);
    };
    expect(await ask()).not.toContain('test-felles#uten-skoleplass');
    await a.gjerde.agreements.change('test-felles', {
      author: kari,
      build: (latest) => ({
        markdown: latest.markdown.replace(/^status: .*$/m, 'status: godkjent'),
        message: 'Godkjent i samarbeidsutvalget',
      }),
    });
    await settled(a);
    expect((await webhook(b)).status).toBe(200);
    expect(await ask()).toContain('test-felles#uten-skoleplass');
  });

  it('a read-only replica adopts the history, follows the remote on the webhook and refuses changes', async () => {
    const replica = await startInstance(root, 'lesekopi', remote, { GJERDE_READONLY: '1' });
    instances.push(replica);
    expect(await replica.gjerde.store.head()).toBe(remoteHead());
    expect((await health(replica)).sync.readOnly).toBe(true);

    await save(a, 'test-b', ['b-ny', 'b-offline', 'a-etterpå']);
    await settled(a);
    expect((await webhook(replica)).status).toBe(200);
    expect(await replica.gjerde.store.head()).toBe(remoteHead());

    // Even a signed-in editor's changes are refused.
    const editor = await replica.as('redaktor');
    for (const [method, path] of [
      ['put', '/api/agreements/test-b'],
      ['post', '/api/agreements'],
      ['post', '/avtaler/test-b'],
    ] as const) {
      const response = await editor[method](path).send({
        markdown: testAgreement('test-b', ['x', 'y', 'z']),
        reason: 'Forsøk',
      });
      expect(response.status).toBe(403);
      expect(response.text).toContain('lesekopi');
    }
    expect(await replica.gjerde.store.head()).toBe(remoteHead());
    const page = await editor.get('/').expect(200);
    expect(page.text).toContain('Lesekopi');
  });
});

describe('the webhook', () => {
  it('needs the shared secret', async () => {
    expect((await webhook(a, null)).status).toBe(401);
    expect((await webhook(a, 'feil-hemmelighet-som-er-lang-nok')).status).toBe(401);
    const gitlab = await fetch(`${a.url}/api/sync`, {
      method: 'POST',
      headers: { 'x-gitlab-token': 'en-lang-nok-hemmelighet-for-test' },
    });
    expect(gitlab.status).toBe(200);
    const body = (await gitlab.json()) as { status: { remote: string } };
    expect(body.status.remote).toBe(remote);
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'ab')).toBe(false);
    expect(sameSecret('', 'hemmelig')).toBe(false);
  });
});

describe('settings', () => {
  it('refuses remote addresses git would read as options or commands, and hides credentials', () => {
    expect(() => checkRemote('--upload-pack=touch /tmp/x')).toThrow();
    expect(() => checkRemote('ext::sh -c touch% /tmp/x')).toThrow();
    expect(() => checkRemote('fd::17')).toThrow();
    expect(() => checkRemote('ftp://example.org/x.git')).toThrow();
    expect(checkRemote('https://git.example.org/gjerde/data.git')).toBe(
      'https://git.example.org/gjerde/data.git',
    );
    expect(checkRemote('git@git.example.org:gjerde/data.git')).toBe('git@git.example.org:gjerde/data.git');
    expect(checkRemote('data.git', '/srv')).toBe('/srv/data.git');
    expect(redactRemote('https://gjerde:token123@git.example.org/data.git')).toBe(
      'https://git.example.org/data.git',
    );
  });

  it('backs off exponentially up to a ceiling', () => {
    const backoff = { firstMs: 1000, maxMs: 60_000 };
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((failures) => retryDelay(failures, backoff, middle))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(retryDelay(50, backoff, () => 1)).toBe(60_000);
    expect(retryDelay(1, backoff, () => 0)).toBe(800);
  });
});
