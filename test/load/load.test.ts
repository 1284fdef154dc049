/**
 * Load without loss: 200 saves from 20 concurrent clients over HTTP to the real service, some on stale
 * bases, each client a person of its own signed in with a real account. No lost update, no silent
 * overwrite (a stale base merges cleanly or gets 409), every acknowledged save in the history as its
 * person's. Correctness only: no timing is asserted (the figures are in `npm run bench`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addAccounts,
  latest,
  type Service,
  type Session,
  saveEdit,
  signIn,
  startService,
  writeExamples,
} from '../crash/service.js';
import { git } from '../helpers/git.js';
import { slotValue, testAgreement } from './agreement.js';
import { clientAccounts, type LoadPlan, type LoadResult, runSaveLoad, slotsPerAgreement } from './driver.js';

const agreements = ['last-a', 'last-b', 'last-c', 'last-d'];
let root: string;
let dataDir: string;
let service: Service;
let plan: LoadPlan;
let result: LoadResult;
let seedHead: string;
/** A client signed in to look and save after the load. */
let session: Session;
const accounts = clientAccounts(20);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-load-test-'));
  dataDir = join(root, 'lager');
  const slots = slotsPerAgreement({ agreements, clients: accounts.length } as LoadPlan);
  await writeExamples(
    join(root, 'eksempler'),
    Object.fromEntries(agreements.map((id) => [id, testAgreement(id, Array(slots).fill('start'))])),
  );
  const env = { GJERDE_DATA: dataDir, GJERDE_EXAMPLES: join(root, 'eksempler') };
  await addAccounts(env, accounts);
  service = await startService(env);
  seedHead = git(dataDir, 'rev-parse', 'HEAD').trim();
  plan = {
    url: service.url,
    agreements,
    clients: accounts.length,
    saves: 200,
    staleEvery: 3,
    contestedEvery: 4,
  };
  result = await runSaveLoad(plan);
  session = await signIn(service.url, accounts[0]?.username as string);
}, 180_000);

afterAll(async () => {
  await service?.kill();
  await rm(root, { recursive: true, force: true });
});

describe('200 saves from 20 concurrent clients, some on stale bases', () => {
  it('answers every save with a new version or 409, never an error', () => {
    expect(result.records).toHaveLength(200);
    expect(result.records.filter((record) => record.outcome === 'error')).toEqual([]);
    expect(result.records.some((record) => record.stale)).toBe(true);
  });

  it('writes exactly one commit per acknowledged save, and nothing for a 409', () => {
    const saved = result.records.filter((record) => record.outcome === 'saved');
    const commits = git(dataDir, 'rev-list', `${seedHead}..HEAD`).trim().split('\n').filter(Boolean);
    expect(commits.sort()).toEqual(saved.map((record) => record.rev).sort());
  });

  it('keeps every acknowledged save in its agreement history, with what it wrote', () => {
    for (const id of agreements) {
      const history = new Set(
        git(dataDir, 'log', '--format=%H', '--', `avtaler/${id}.md`).trim().split('\n'),
      );
      for (const record of result.records.filter((r) => r.id === id && r.outcome === 'saved')) {
        expect(history.has(record.rev as string)).toBe(true);
        const content = git(dataDir, 'show', `${record.rev}:avtaler/${id}.md`);
        for (const [slot, value] of Object.entries(record.wrote))
          expect(slotValue(content, Number(slot))).toBe(value);
      }
    }
  });

  it('never overwrites silently: each commit changes only the slots its save wrote', () => {
    const byRev = new Map(result.records.filter((r) => r.rev).map((r) => [r.rev as string, r]));
    const slotCount = slotsPerAgreement(plan);
    for (const id of agreements) {
      const revs = git(
        dataDir,
        'log',
        '--reverse',
        '--format=%H',
        `${seedHead}..HEAD`,
        '--',
        `avtaler/${id}.md`,
      )
        .trim()
        .split('\n')
        .filter(Boolean);
      let previous = git(dataDir, 'show', `${seedHead}:avtaler/${id}.md`);
      for (const rev of revs) {
        const content = git(dataDir, 'show', `${rev}:avtaler/${id}.md`);
        const record = byRev.get(rev);
        expect(record?.id).toBe(id);
        const changed = Array.from({ length: slotCount }, (_, slot) => slot).filter(
          (slot) => slotValue(content, slot) !== slotValue(previous, slot),
        );
        for (const slot of changed) expect(Object.keys(record?.wrote ?? {})).toContain(String(slot));
        // The commit is the signed-in person's who saved it.
        const person = accounts[record?.client ?? -1];
        expect(git(dataDir, 'log', '-1', '--format=%an <%ae>', rev).trim()).toBe(
          `${person?.name} <${person?.email}>`,
        );
        previous = content;
      }
    }
  });

  it('loses no update: every slot holds its owner’s last acknowledged value', async () => {
    for (const [index, id] of agreements.entries()) {
      const { markdown } = await latest(session, id);
      const owners = Array.from({ length: plan.clients }, (_, client) => client).filter(
        (client) => client % agreements.length === index,
      );
      for (const client of owners) {
        const mine = result.records.filter((r) => r.client === client && r.outcome === 'saved');
        const last = mine[mine.length - 1];
        if (!last) continue;
        const slot = Math.floor(client / agreements.length);
        expect(slotValue(markdown, slot)).toBe(last.wrote[slot]);
      }
    }
  });

  it('merges a stale edit of other lines, and refuses a stale edit of the same lines with 409', async () => {
    const id = agreements[0] as string;
    const base = await latest(session, id);
    const slots = Array.from(
      { length: slotsPerAgreement(plan) },
      (_, slot) => slotValue(base.markdown, slot) ?? '',
    );
    const edit = (changes: Record<number, string>, baseRev: string) =>
      saveEdit(session, id, {
        markdown: testAgreement(
          id,
          slots.map((value, slot) => changes[slot] ?? value),
        ),
        baseRev,
        reason: 'Etter lasttesten',
      });
    const first = await edit({ 0: 'fersk' }, base.rev);
    expect(first.status).toBe('saved');
    const stale = await edit({ 1: 'gammel base, annen linje' }, base.rev);
    expect(stale).toMatchObject({ status: 'saved', merged: true });
    const head = git(dataDir, 'rev-parse', 'HEAD').trim();
    const conflicting = await edit({ 0: 'gammel base, samme linje' }, base.rev);
    expect(conflicting.status).toBe('conflict');
    expect(git(dataDir, 'rev-parse', 'HEAD').trim()).toBe(head);
    const { markdown } = await latest(session, id);
    expect([slotValue(markdown, 0), slotValue(markdown, 1)]).toEqual(['fersk', 'gammel base, annen linje']);
  });

  it('leaves a sound repository', () => {
    expect(git(dataDir, 'fsck', '--full', '--no-dangling', '--no-progress')).toBe('');
  });
});
