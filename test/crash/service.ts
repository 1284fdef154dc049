/**
 * The real service as a child process (`node --import tsx src/server.ts`), configured through its
 * environment, on a free loopback port; its accounts, signing in, and an HTTP client for its save API.
 * Used by the crash test, the load test, the log tests and `bench/saves.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type AccountInput, Accounts } from '../../src/accounts/accounts.js';
import { loadConfig, projectRoot } from '../../src/config.js';
import { ensureAccount, testPassword } from '../helpers/accounts.js';

export interface Service {
  url: string;
  child: ChildProcess;
  /** What the process printed (for failure messages). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /**
   * SIGKILL to the service and the git processes it started, as a power cut or a killed container looks
   * to them; with `onlyNode`, to the Node process alone (its git processes finish as orphans).
   */
  kill(onlyNode?: boolean): Promise<void>;
  /** Resolves when no process of the service's group is left: its orphaned git processes have finished too. */
  groupEnded(): Promise<void>;
  /** SIGTERM, then SIGKILL to the group if it has not ended after `graceMs`; settles once the group has ended. */
  stop(graceMs?: number): Promise<void>;
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface HttpAnswer {
  status: number;
  text: string;
  headers: IncomingHttpHeaders;
}

/** Someone signed in to the service at `url`: the session cookie, and the CSRF token every change carries. */
export interface Session {
  url: string;
  cookie: string;
  csrfToken: string;
}

/**
 * One HTTP request on a connection of its own (no keep-alive: a pooled connection the server has just
 * closed would fail a request that never reached it), as the signed-in person when a session is given.
 * Rejects on a network error, e.g. a killed service.
 */
export function http(method: string, url: string, body?: unknown, session?: Session): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Adds accounts, each with `testPassword` already chosen, to the accounts file of the service configured
 * by `env` (`GJERDE_ACCOUNTS`, or beside the data folder), as `gjerde users add` and a first sign-in would.
 */
export async function addAccounts(env: Record<string, string>, inputs: AccountInput[]): Promise<void> {
  const accounts = new Accounts(loadConfig(env).accountsFile);
  await Promise.all(inputs.map((input) => ensureAccount(accounts, input)));
}

/**
 * Signs in through `POST /api/session`. The session lives in the service's memory: after a restart the
 * client signs in again.
 */
export async function signIn(url: string, username: string): Promise<Session> {
  const answer = await http('POST', `${url}/api/session`, { username, password: testPassword });
  if (answer.status !== 201) throw new Error(`Sign-in as ${username}: ${answer.status} ${answer.text}`);
  const cookie = (answer.headers['set-cookie'] ?? []).map((header) => header.split(';')[0]).join('; ');
  return { url, cookie, csrfToken: (JSON.parse(answer.text) as { csrfToken: string }).csrfToken };
}

/**
 * Starts the service and waits until `/healthz` answers (or the process ends: then it throws). Its output
 * is kept to the last 20,000 characters, or whole with `wholeOutput` (a test that searches all of it).
 */
export async function startService(
  env: Record<string, string>,
  timeoutMs = 60_000,
  { wholeOutput = false } = {},
): Promise<Service> {
  const port = await freePort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(GIT_|NODE_OPTIONS$|JEST_|GJERDE_)/.test(key)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src', 'server.ts')], {
    cwd: projectRoot,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: `kill()` ends the service together with the git processes it started,
    // as a power cut or a killed container would, so git's lock files are left behind mid-command.
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (!wholeOutput) output = output.slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const service: Service = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    async kill(onlyNode = false) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(onlyNode ? child.pid : -child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
      await exited;
      // Node's exit is seen before a git process of the group has ended: one may still be writing.
      if (!onlyNode) await service.groupEnded();
    },
    async groupEnded() {
      await exited;
      const group = child.pid;
      if (group === undefined) return;
      for (;;) {
        try {
          process.kill(-group, 0);
        } catch {
          return; // ESRCH: the group is empty
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // Past the grace (a loaded machine), the whole group: Node alone would leave its git processes writing.
      const timer = setTimeout(() => void service.kill(), graceMs);
      await exited;
      clearTimeout(timer);
      await service.groupEnded();
    },
  };
  const deadline = Date.now() + timeoutMs;
  let running = true;
  void exited.then(() => {
    running = false;
  });
  while (running) {
    try {
      if ((await http('GET', `${service.url}/healthz`)).status === 200) return service;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await service.kill();
      throw new Error(`The service did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The service stopped during start-up (exit ${child.exitCode}):\n${output}`);
}

/** Waits until the service has printed something `pattern` matches (or has ended: then it throws). */
export async function waitForOutput(service: Service, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(service.output())) {
    if (service.child.exitCode !== null || service.child.signalCode !== null)
      throw new Error(`The service stopped (${service.child.exitCode}):\n${service.output()}`);
    if (Date.now() > deadline)
      throw new Error(`Nothing like ${pattern} within ${timeoutMs} ms:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * An examples folder for an empty data repository: each agreement as one revision, so the service starts
 * with them (seeding is the service's own start-up path).
 */
export async function writeExamples(dir: string, agreements: Record<string, string>): Promise<void> {
  for (const [id, markdown] of Object.entries(agreements)) {
    await mkdir(join(dir, id), { recursive: true });
    await writeFile(join(dir, id, 'v1.md'), markdown);
    await writeFile(
      join(dir, id, 'revisions.yaml'),
      `- file: v1.md\n  date: "2030-01-01T09:00:00+01:00"\n  author: Test Testesen\n  email: test@gjerde.example\n  reason: Første versjon\n`,
    );
  }
}

export interface Latest {
  rev: string;
  markdown: string;
}

/** The latest version of an agreement through the API. */
export async function latest(session: Session, id: string): Promise<Latest> {
  const answer = await http('GET', `${session.url}/api/agreements/${id}`, undefined, session);
  if (answer.status !== 200) throw new Error(`GET /api/agreements/${id}: ${answer.status} ${answer.text}`);
  const body = JSON.parse(answer.text) as { revision: { rev: string }; markdown: string };
  return { rev: body.revision.rev, markdown: body.markdown };
}

export type SaveAnswer =
  | { status: 'saved'; rev: string; merged: boolean; ms: number }
  | { status: 'conflict'; ms: number }
  | { status: 'error'; code: number; message: string; ms: number };

/**
 * `PUT /api/agreements/:id` with the edit's base, saved as the signed-in person; a network failure (a
 * killed service) rejects.
 */
export async function saveEdit(
  session: Session,
  id: string,
  edit: { markdown: string; baseRev: string; reason: string },
): Promise<SaveAnswer> {
  const started = performance.now();
  const answer = await http('PUT', `${session.url}/api/agreements/${id}`, edit, session);
  const ms = performance.now() - started;
  if (answer.status === 409) return { status: 'conflict', ms };
  if (answer.status < 200 || answer.status > 299) {
    return { status: 'error', code: answer.status, message: answer.text.slice(0, 500), ms };
  }
  const body = JSON.parse(answer.text) as { revision: { rev: string }; merged?: boolean };
  return { status: 'saved', rev: body.revision.rev, merged: body.merged === true, ms };
}
