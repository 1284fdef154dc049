/**
 * Gjerde instances for the synchronization tests: each on its own data repository in a temporary folder,
 * configured through the same environment variables as the service, served over real HTTP on loopback,
 * with its own accounts (people sign in on each instance; the webhook needs only the shared secret).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { type Gjerde, openGjerde } from '../../src/gjerde.js';
import type { SyncStatus } from '../../src/sync/sync.js';
import { createApp } from '../../src/web/app.js';
import { loadViews } from '../../src/web/views.js';
import { type PersonaName, signedInAgent } from '../helpers/accounts.js';
import { bareRepo } from '../helpers/git.js';
import { listenOnLoopback } from '../helpers/listen.js';

export const webhookSecret = 'en-lang-nok-hemmelighet-for-test';

export interface Instance {
  name: string;
  gjerde: Gjerde;
  dataDir: string;
  url: string;
  /** An HTTP client signed in on this instance as one of the test personas. */
  as(persona: PersonaName): ReturnType<typeof signedInAgent>;
  stop(): Promise<void>;
}

export async function startInstance(
  root: string,
  name: string,
  remote: string,
  extraEnv: Record<string, string> = {},
): Promise<Instance> {
  const config = loadConfig({
    GJERDE_DATA: join(root, name),
    GJERDE_EXAMPLES: join(root, 'ingen-eksempler'),
    GJERDE_REMOTE: remote,
    // Only at start, after commits, on retries and on the webhook: the test decides when.
    GJERDE_SYNC_INTERVAL: '0',
    GJERDE_WEBHOOK_SECRET: webhookSecret,
    ...extraEnv,
  });
  const gjerde = await openGjerde(config);
  const app = createApp(gjerde, await loadViews(config.viewsDir));
  const server = await listenOnLoopback(app);
  return {
    name,
    gjerde,
    dataDir: config.dataDir,
    url: server.url,
    as: (persona) => signedInAgent(app, gjerde.accounts, persona),
    async stop() {
      await server.close();
      await gjerde.close();
    },
  };
}

export async function health(instance: Instance): Promise<{ head: string | null; sync: SyncStatus }> {
  const response = await fetch(`${instance.url}/healthz`);
  return (await response.json()) as { head: string | null; sync: SyncStatus };
}

/** `POST /api/sync` with the secret as a bearer token (null: without one). */
export function webhook(instance: Instance, secret: string | null = webhookSecret): Promise<Response> {
  return fetch(`${instance.url}/api/sync`, {
    method: 'POST',
    headers: secret === null ? {} : { authorization: `Bearer ${secret}` },
  });
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs` (a bound, not a measurement). */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = 40_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the instance has pushed everything and its last attempt reached the remote. */
export function settled(instance: Instance): Promise<void> {
  return waitFor(`${instance.name} synchronized`, async () => {
    const { sync } = await health(instance);
    return !sync.pending && sync.failures === 0;
  });
}

/** git in a folder as a person would run it from a shell, its output trimmed. */
export { gitTrimmed as git } from '../helpers/git.js';

export interface Pair {
  root: string;
  /** The bare repository both push to and fetch from. */
  remote: string;
  a: Instance;
  b: Instance;
  stop(): Promise<void>;
}

/**
 * Two instances on one bare remote in a temporary folder: `a` starts on the empty remote, `seed` commits
 * through it, and once `a` has pushed, `b` starts from the remote.
 */
export async function startPair(prefix: string, seed: (a: Instance) => Promise<void>): Promise<Pair> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const remote = bareRepo(join(root, 'felles.git'));
  const a = await startInstance(root, 'a', remote);
  await seed(a);
  await settled(a);
  const b = await startInstance(root, 'b', remote);
  return {
    root,
    remote,
    a,
    b,
    async stop() {
      await Promise.allSettled([a.stop(), b.stop()]);
      await rm(root, { recursive: true, force: true });
    },
  };
}
