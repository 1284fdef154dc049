/**
 * Crash safety: the real service (a child process) is killed with SIGKILL at random moments while saves
 * are in flight (every other round together with the git processes it started, as in a power cut; in the
 * others alone, so its git processes finish as orphans), and started again, several times. Afterwards
 * the data repository is sound (`git fsck --full`), every save that was acknowledged (2xx) is in the
 * history with its content, and the service started every time (stale lock files handled). The clients
 * sign in with a real account; sessions live in the service's memory, so they sign in again after every
 * restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AccountInput } from '../../src/accounts/accounts.js';
import { git } from '../helpers/git.js';
import { slotValue, testAgreement, testCounty } from '../load/agreement.js';
import { isAncestor } from '../repository/helpers.js';
import {
  addAccounts,
  http,
  type Latest,
  latest,
  type Service,
  type Session,
  saveEdit,
  signIn,
  startService,
  writeExamples,
} from './service.js';

const ROUNDS = 5;
const CLIENTS = 4;
/** Saves one client makes at most in a round (the round ends with the kill long before). */
const MAX_SAVES_PER_ROUND = 40;

interface Ack {
  id: string;
  rev: string;
  value: string;
}

let root: string;
let env: Record<string, string>;
const running = new Set<Service>();

async function start(): Promise<Service> {
  const service = await startService(env);
  running.add(service);
  void service.exited.then(() => running.delete(service));
  return service;
}

const ids = Array.from({ length: CLIENTS }, (_, index) => `krasj-${index}`);
/** The editor every client saves as. */
const editor = {
  username: 'krasj',
  name: 'Krasj Testesen',
  email: 'krasj@gjerde.example',
  roles: ['redaktor'],
  counties: [testCounty],
} satisfies AccountInput;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-crash-test-'));
  await writeExamples(
    join(root, 'eksempler'),
    Object.fromEntries(ids.map((id) => [id, testAgreement(id, ['start', 'start', 'start'])])),
  );
  env = { GJERDE_DATA: join(root, 'lager'), GJERDE_EXAMPLES: join(root, 'eksempler') };
  await addAccounts(env, [editor]);
});

afterAll(async () => {
  await Promise.allSettled([...running].map((service) => service.kill()));
  await rm(root, { recursive: true, force: true });
});

/** One client: rewrites slot 1 of its own agreement, each save based on its last acknowledged one. */
async function client(
  session: Session,
  round: number,
  index: number,
  acked: (ack: Ack) => void,
): Promise<void> {
  const id = ids[index] as string;
  let base: Latest;
  try {
    base = await latest(session, id); // an unacknowledged save may have landed before the last kill
  } catch {
    return; // killed before this client got going
  }
  for (let n = 0; n < MAX_SAVES_PER_ROUND; n += 1) {
    const value = `runde-${round}-klient-${index}-lagring-${n}`;
    const markdown = testAgreement(id, [value, 'start', 'start']);
    const answer = await saveEdit(session, id, {
      markdown,
      baseRev: base.rev,
      reason: `Krasjtest: ${value}`,
    }).catch(() => undefined);
    if (answer === undefined) return; // the connection died with the service
    if (answer.status !== 'saved') throw new Error(`Unexpected answer to a save: ${JSON.stringify(answer)}`);
    acked({ id, rev: answer.rev, value });
    base = { rev: answer.rev, markdown };
  }
}

describe('SIGKILL in the middle of saves', () => {
  const acks: Ack[] = [];
  const killed: Service[] = [];

  it(`keeps every acknowledged save through ${ROUNDS} kills, and starts again every time`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const service = await start(); // throws with the service's output if it cannot start
      killed.push(service);
      // Sessions live in the process's memory: the last one died with it.
      const session = await signIn(service.url, editor.username);
      // Kill after a random number of acknowledged saves, a random moment later: other saves are in flight.
      const killAfter = 2 + Math.floor(Math.random() * 10);
      let ackedThisRound = 0;
      let killing: Promise<void> | undefined;
      const kill = () => {
        killing ??= new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 25)).then(() =>
          service.kill(round % 2 === 1),
        );
      };
      const onAck = (ack: Ack) => {
        acks.push(ack);
        ackedThisRound += 1;
        if (ackedThisRound >= killAfter) kill();
      };
      await Promise.all(ids.map((_, index) => client(session, round, index, onAck)));
      kill(); // in case every client ran out of saves first
      await killing;
    }

    // A git process orphaned by the last kill may still be committing: HEAD is compared once it is done.
    await Promise.all(killed.map((service) => service.groupEnded()));
    const service = await start();
    const health = JSON.parse((await http('GET', `${service.url}/healthz`)).text) as { head: string };
    const dataDir = env.GJERDE_DATA as string;
    const head = git(dataDir, 'rev-parse', 'HEAD').trim();
    // On a difference, the commits made after the one /healthz named say who made them.
    const madeSince =
      health.head === head ? '' : git(dataDir, 'log', '--format=%h %an: %s', `${health.head}..${head}`);
    expect({ head: health.head, madeSince }).toEqual({ head, madeSince: '' });

    // The repository is sound: no missing, broken or corrupt objects, refs or index.
    expect(git(dataDir, 'fsck', '--full', '--no-dangling', '--no-progress')).toBe('');
    // An acknowledged commit is on disk, objects and branch ref (docs/security.md).
    expect(git(dataDir, 'config', 'core.fsync').trim()).toBe('committed,reference');

    // Every acknowledged save is in its agreement's history, in order, with its content.
    expect(acks.length).toBeGreaterThanOrEqual(ROUNDS * 2);
    for (const id of ids) {
      const history = new Set(
        git(dataDir, 'log', '--format=%H', 'HEAD', '--', `avtaler/${id}.md`).split('\n'),
      );
      const mine = acks.filter((ack) => ack.id === id);
      for (const [index, ack] of mine.entries()) {
        expect(history.has(ack.rev)).toBe(true);
        expect(slotValue(git(dataDir, 'show', `${ack.rev}:avtaler/${id}.md`), 0)).toBe(ack.value);
        const previous = mine[index - 1];
        if (previous) expect(isAncestor(dataDir, previous.rev, ack.rev)).toBe(true);
      }
    }

    // It still saves, on top of everything that survived.
    const id = ids[0] as string;
    const session = await signIn(service.url, editor.username);
    const current = await latest(session, id);
    const after = await saveEdit(session, id, {
      markdown: testAgreement(id, ['etter krasjene', 'start', 'start']),
      baseRev: current.rev,
      reason: 'Etter krasjtesten',
    });
    expect(after.status).toBe('saved');
    expect(git(dataDir, 'log', '-1', '--format=%an <%ae>').trim()).toBe(`${editor.name} <${editor.email}>`);
    await service.stop();
  }, 180_000);
});
