/**
 * Sync attribution with two real instances and a real remote: while one instance cannot reach the remote,
 * two people change two lines there and a third person changes the same lines on the other instance. After
 * the merge each restored line is committed again by the person who wrote it, with their own reason, naming
 * the change it replaced; and the conflict is shown to people (agreement page, `gjerde due`, integrity page) on
 * both instances until someone saves the agreement again.
 */
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { bareRepo } from '../helpers/git.js';
import { slotValue, testAgreement } from '../load/agreement.js';
import { cli } from '../repository/helpers.js';
import { git, health, type Instance, settled, startInstance, waitFor, webhook } from './instances.js';

jest.setTimeout(180_000);

const kari = { name: 'Kari Nordmann', email: 'kari@nav.example' };
const ola = { name: 'Ola Nordmann', email: 'ola@fjordvik.example' };
const per = { name: 'Per Hansen', email: 'per@fjordvik.example' };
const id = 'test-konflikt';

let root: string;
let remote: string;
/** The remote as instance a knows it: a link that can be taken away while b still reaches the remote. */
let link: string;
let a: Instance;
let b: Instance;
const revs: Record<string, string> = {};

async function save(
  instance: Instance,
  slots: string[],
  author: { name: string; email: string },
  reason: string,
) {
  const version = await instance.gjerde.agreements.save(testAgreement(id, slots), { author, reason });
  return version.revision.rev;
}

async function slotsAt(instance: Instance): Promise<string[]> {
  const markdown = (await instance.gjerde.agreements.get(id)).markdown;
  return [0, 1, 2].map((index) => slotValue(markdown, index) ?? '');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-sync-attribution-'));
  remote = bareRepo(join(root, 'felles.git'));
  link = join(root, 'lenke.git');
  await symlink(remote, link);
  a = await startInstance(root, 'a', link);
  await save(a, ['start', 'start', 'start'], kari, 'Første utkast');
  await settled(a);
  b = await startInstance(root, 'b', remote);

  await unlink(link);
  revs.ola = await save(a, ['ola-1', 'start', 'start'], ola, 'Ola presiserer punkt 1');
  revs.kari = await save(a, ['ola-1', 'kari-2', 'start'], kari, 'Kari retter punkt 2');
  revs.per = await save(b, ['per-1', 'per-2', 'per-3'], per, 'Per skriver om alle punktene');
  await settled(b);
  await waitFor('a has tried to push', async () => (await health(a)).sync.failures >= 1);

  await symlink(remote, link);
  expect((await webhook(a)).status).toBe(200);
  await settled(a);
  expect((await webhook(b)).status).toBe(200);
  expect(await b.gjerde.store.head()).toBe(git(remote, 'rev-parse', 'refs/heads/main'));
});

afterAll(async () => {
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await rm(root, { recursive: true, force: true });
});

describe('a conflict resolved by the synchronization', () => {
  it('commits each restored line again by the person who wrote it, with their reason and the change it replaced', async () => {
    expect(await slotsAt(b)).toEqual(['ola-1', 'kari-2', 'per-3']);
    const head = git(remote, 'rev-parse', 'refs/heads/main');
    const log = git(remote, 'log', '--format=%H|%an|%ae|%s|%P', '-3', head).split('\n');
    const [kariAgain, olaAgain, merge] = log.map((line) => line.split('|'));
    expect(kariAgain?.slice(1, 4)).toEqual([kari.name, kari.email, 'Kari retter punkt 2']);
    expect(olaAgain?.slice(1, 4)).toEqual([ola.name, ola.email, 'Ola presiserer punkt 1']);
    expect(merge?.[1]).toBe('Gjerde');
    expect(merge?.[4]?.split(' ')).toEqual([revs.kari, revs.per]);

    const olaMessage = git(remote, 'log', '-1', '--format=%B', olaAgain?.[0] ?? '');
    expect(olaMessage).toContain(`Gjenopprettet-fra: ${revs.ola}`);
    expect(olaMessage).toContain(`Overstyrt: ${revs.per}`);
    expect(olaMessage).toContain('Per Hansen hadde samtidig endret de samme linjene');
    // Ola's commit puts back Ola's line only; Kari's line comes with Kari's commit.
    const olaDiff = git(remote, 'show', '--format=', '-U0', olaAgain?.[0] ?? '');
    expect(olaDiff).toContain('+Punkt 1: ola-1');
    expect(olaDiff).not.toContain('kari-2');
    expect(git(remote, 'log', '-1', '--format=%B', head)).toContain(`Gjenopprettet-fra: ${revs.kari}`);
  });

  it('tells people on both instances whose change is no longer in the text, until the agreement is saved again', async () => {
    for (const instance of [a, b]) {
      const reader = await instance.as('leser');
      const page = await reader.get(`/avtaler/${id}`).expect(200);
      expect(page.text).toContain('Endret to steder samtidig');
      expect(page.text).toContain('Ikke i teksten nå: Per Hansen');
      expect(page.text).toContain('Beholdt: Ola Nordmann');
      expect(page.text).toContain('Beholdt: Kari Nordmann');
      // Handlebars writes «=» in attributes as &#x3D; and «&» as &amp;.
      const compare = /href="(\/avtaler\/test-konflikt\/sammenlign\?[^"]+)"/
        .exec(page.text)?.[1]
        ?.replace(/&#x3D;/g, '=')
        .replace(/&amp;/g, '&');
      expect(compare).toBeDefined();
      const comparison = await reader.get(compare ?? '').expect(200);
      // Per's words replaced by Kari's, word by word.
      expect(comparison.text).toMatch(/\[Slettet: <\/span>per<.*\[Lagt til: <\/span>kari</);
    }
    // The integrity page (and gjerde verify) name it as a remark; the history is still intact.
    const integrity = await (await b.as('admin')).get('/api/admin/integrity').expect(200);
    expect(integrity.body.intact).toBe(true);
    const check = integrity.body.checks.find((item: { id: string }) => item.id === 'sync-conflicts');
    expect(check).toMatchObject({ status: 'warning' });
    expect(check.details.join('\n')).toContain('«test-konflikt»: Avtalen ble endret to steder samtidig');
    const due = cli(b.dataDir, 'due');
    expect(due.code).toBe(0);
    expect(due.out).toMatch(
      /^test-konflikt\tendret to steder\t\d{4}-\d{2}-\d{2}\t.*Per Hansen.*«Per skriver om alle punktene»/m,
    );

    // Someone on b reads it and takes Per's second line back in: the conflict is answered.
    await save(b, ['ola-1', 'per-2', 'per-3'], per, 'Per tar inn punkt 2 igjen etter konflikten');
    await settled(b);
    const page = await (await b.as('leser')).get(`/avtaler/${id}`).expect(200);
    expect(page.text).not.toContain('Endret to steder samtidig');
    expect(cli(b.dataDir, 'due').out).not.toContain('endret to steder');
    const after = await (await b.as('admin')).get('/api/admin/integrity').expect(200);
    expect(after.body.checks.find((item: { id: string }) => item.id === 'sync-conflicts')).toMatchObject({
      status: 'ok',
    });
  });
});
