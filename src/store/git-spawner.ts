import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setReferenced } from './referenced.js';

/**
 * Git processes started by a small Node process beside this one instead of by this one. Starting a process
 * forks its parent, and a fork copies the parent's page tables with its event loop blocked: 4 ms from a 46 MB
 * Node, 27 ms from a 463 MB one (load 18). A save's commit, one inside the store's write queue per save,
 * spent a fifth of its time there in that fork (18 of 86 ms, 20 clients saving, load 21). The helper stays
 * small, so its forks stay cheap, and they block its own event loop, not the service's.
 *
 * One helper a store, started by its first commit and ended by `close()` (the store's), after the git
 * processes it started; it keeps Node alive only while a command runs.
 */

/** The helper: one JSON request a line in, its process's pid and then its outcome as JSON lines out. */
const helperSource = `
const { spawn } = require('node:child_process');
const { createInterface } = require('node:readline');
const send = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, args, cwd, env, input, timeout } = JSON.parse(line);
  const started = Date.now();
  const child = spawn('git', args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], timeout });
  // At once (a pipe is written synchronously): should this helper end now, git's pid is known.
  if (child.pid !== undefined) send({ id, pid: child.pid });
  child.stdout.setEncoding('utf8');
  let stdout = '';
  const stderr = [];
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  child.on('error', (error) => send({ id, error: error.message }));
  child.stdin.on('error', () => undefined);
  child.on('close', (code, signal) =>
    send({
      id,
      code,
      stdout,
      stderr: Buffer.concat(stderr).toString('utf8'),
      timedOut: signal === 'SIGTERM' && Date.now() - started >= timeout,
    }),
  );
  child.stdin.end(input);
});
`;

export interface SpawnRequest {
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  input: string;
  /** Stops git with SIGTERM after this many milliseconds. */
  timeout: number;
}

export interface SpawnedResult {
  /** Null when git was stopped by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

interface Waiting {
  resolve: (result: SpawnedResult) => void;
  reject: (error: Error) => void;
  timeout: number;
  pid?: number;
}

type Answer = { id: number; pid: number } | { id: number; error: string } | ({ id: number } & SpawnedResult);

const gonePollMs = 25;

/** Whether `pid` runs: a zombie nobody reaps (an orphan of a Node that is PID 1 in a container) has ended. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Resolves once `pid` has ended (a git process whose helper ended runs on, reparented), or after `limitMs`:
 * the time limit the helper would have stopped it at.
 */
async function ended(pid: number | undefined, limitMs: number): Promise<void> {
  if (pid === undefined) return;
  const until = Date.now() + limitMs;
  while (running(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, gonePollMs));
}

export class GitSpawner {
  private helper: ChildProcessWithoutNullStreams | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  run(request: SpawnRequest): Promise<SpawnedResult> {
    const helper = this.helper ?? this.start();
    const id = this.nextId++;
    return new Promise<SpawnedResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, timeout: request.timeout });
      setReferenced(helper, true);
      helper.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    // Without the parent's Node options (a loader, a profiler): the helper is plain JavaScript.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const helper = spawn(process.execPath, ['-e', helperSource], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.helper = helper;
    createInterface({ input: helper.stdout }).on('line', (line) => this.answer(JSON.parse(line) as Answer));
    helper.stderr.resume();
    helper.stdin.on('error', () => undefined);
    helper.on('error', () => this.lost(helper));
    helper.on('close', () => this.lost(helper));
    return helper;
  }

  private answer(answer: Answer): void {
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    if ('pid' in answer) {
      waiting.pid = answer.pid;
      return;
    }
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0 && this.helper) setReferenced(this.helper, false);
    if ('error' in answer) waiting.reject(new Error(answer.error));
    else waiting.resolve(answer);
  }

  /** Ends the helper once the git processes it started have ended (none run when the store closes). */
  close(): void {
    const helper = this.helper;
    this.helper = undefined;
    helper?.stdin.end();
  }

  /**
   * The helper ended (killed: it never ends by itself while this process lives). Each command in flight is
   * refused once its git process has ended, so the caller never undoes a write git is still making.
   */
  private lost(helper: ChildProcessWithoutNullStreams): void {
    if (this.helper !== helper) return;
    this.helper = undefined;
    const inFlight = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiting of inFlight) {
      void ended(waiting.pid, waiting.timeout).then(() =>
        waiting.reject(new Error('Hjelpeprosessen som startet git, stoppet før git var ferdig.')),
      );
    }
  }
}
