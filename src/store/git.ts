/**
 * Git plumbing for the agreement store.
 *
 * Two ways of running git live here, chosen per command:
 *
 * - `Git.raw()` goes through simple-git. It is used for commands that print their result (`init`, the
 *   `log` over all history, `ls-tree`). simple-git adds its own argument and environment guards on top of
 *   ours.
 * - `Git.run()` spawns `git` directly. simple-git waits a fixed extra 50 ms whenever git prints nothing
 *   (measured: `add` + `commit` 68 ms through simple-git against 15 ms spawned), so every command that is
 *   silent by design (`add`, `commit --quiet`, `reset -q`, `mv`, `rev-parse --verify --quiet`) or often
 *   has nothing to print (the `log` of one file, empty for an unknown file: the check before creating an
 *   agreement), needs a per-call environment (author identity and dates) or reads stdin (`commit -F -`)
 *   is spawned.
 *   The exit code of these commands carries meaning (for example "unknown revision"), which `run()`
 *   returns instead of throwing when the caller allows it. A save's commit is started by a small helper
 *   process instead (`fromHelper`, git-spawner.ts): a fork of a large service blocks it 10–30 ms.
 *
 * Reading file contents goes through `BlobReader`, one long-lived `git cat-file --batch` process
 * (100 blobs in ≈12–30 ms depending on machine load, instead of ≈4 ms for each `git show` process).
 *
 * Safety rules for every invocation:
 * - values that come from users (revisions, paths) are validated with `assertRevision()` / `assertPath()`
 *   before they are put into an argument list; neither pattern admits a leading '-', so no user value can
 *   be read as an option, and paths are always placed after `--` and read literally
 *   (`GIT_LITERAL_PATHSPECS=1`: no ':(glob)' magic or wildcards, also for paths found in the history);
 * - hooks are disabled (`core.hooksPath=/dev/null`, `--no-verify`), signing is off, git never prompts;
 * - inherited `GIT_*` variables (for example `GIT_DIR` or `GIT_INDEX_FILE` when we run inside a hook of the
 *   project's own repository) are removed, so git always works on the store's folder.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { GitPluginError, type SimpleGit, simpleGit } from 'simple-git';
import { GitSpawner, type SpawnedResult } from './git-spawner.js';
import { setReferenced } from './referenced.js';

export type StoreErrorCode =
  | 'reason-required'
  | 'stale-head'
  | 'no-change'
  | 'invalid-revision'
  | 'invalid-path'
  | 'invalid-input'
  | 'not-found';

/** Errors the store reports on purpose; `message` is Norwegian and may be shown to users. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** A git command failed unexpectedly (not a user error). */
export class GitCommandError extends Error {
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;
  /** Set when git was stopped by the time limit (then `exitCode` is null). */
  readonly timedOut: GitTimeout | undefined;

  constructor(args: readonly string[], exitCode: number | null, stderr: string, timedOut?: GitTimeout) {
    super(
      timedOut
        ? `git ${commandName(args)} ble stoppet: ${timedOut.idle ? 'ingen utdata på' : 'ikke ferdig etter'} ${formatDuration(timedOut.ms)} (tidsgrensen for én git-kommando)${commandSubject(args)}`
        : `git ${commandName(args)} feilet (kode ${exitCode ?? 'ukjent'}): ${stderr.trim() || 'ingen melding'}`,
    );
    this.name = 'GitCommandError';
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.timedOut = timedOut;
  }
}

/** A time limit that stopped git: the whole command's (`idle` false) or the longest wait for output. */
export interface GitTimeout {
  ms: number;
  idle: boolean;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** The git command's name: the first argument that is neither an option nor a `-c` setting. */
function commandName(args: readonly string[]): string {
  return args.find((arg, at) => !arg.startsWith('-') && args[at - 1] !== '-c') ?? '';
}

/**
 * What a stopped command was about: the store's file paths after `--` (at most three named). Anything else
 * there (a remote's address, which may hold a token) is never put into a message.
 */
function commandSubject(args: readonly string[]): string {
  const separator = args.indexOf('--');
  const paths = separator < 0 ? [] : args.slice(separator + 1).filter(isValidPath);
  if (paths.length === 0) return '';
  const shown = paths.slice(0, 3).join(', ');
  return `: ${shown}${paths.length > 3 ? ` og ${paths.length - 3} til` : ''}`;
}

export const REVISION_PATTERN = /^[0-9a-f]{7,40}$/;
/** Markdown (agreements, cases) and YAML data files (the shared glossary, the contact registers). */
export const PATH_PATTERN = /^[a-z0-9][a-z0-9/-]*\.(?:md|yaml)$/;
/** Each path segment must start with a letter or digit: no empty segments, no hidden `.md` files. */
const PATH_SEGMENT_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const MAX_PATH_LENGTH = 240;

export function isValidRevision(rev: unknown): rev is string {
  return typeof rev === 'string' && (rev === 'HEAD' || REVISION_PATTERN.test(rev));
}

export function isValidPath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH || !PATH_PATTERN.test(path)) return false;
  if (path.includes('..')) return false;
  const segments = path.replace(/\.(?:md|yaml)$/, '').split('/');
  return segments.every((segment) => PATH_SEGMENT_PATTERN.test(segment));
}

/** Shortens a rejected value for an error message (it may be 10,000 characters of garbage). */
function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

export function assertRevision(rev: unknown): string {
  if (!isValidRevision(rev)) {
    throw new StoreError(
      'invalid-revision',
      `Ugyldig versjon ${preview(rev)}: bruk en commit-id (7–40 heksadesimale tegn).`,
    );
  }
  return rev;
}

export function assertPath(path: unknown): string {
  if (!isValidPath(path)) {
    throw new StoreError(
      'invalid-path',
      `Ugyldig filsti ${preview(path)}: bare små bokstaver, tall, bindestrek og '/', og filen må slutte på .md eller .yaml.`,
    );
  }
  return path;
}

/** `-c` settings passed to every git command. */
export const GIT_CONFIG: readonly string[] = [
  'core.hooksPath=/dev/null',
  'commit.gpgsign=false',
  'tag.gpgsign=false',
  'core.autocrlf=false',
  'core.fsmonitor=false',
  'core.quotePath=false',
  'color.ui=false',
  'log.showSignature=false',
  'i18n.commitEncoding=UTF-8',
  'i18n.logOutputEncoding=UTF-8',
];

const CONFIG_ARGS: readonly string[] = GIT_CONFIG.flatMap((setting) => ['-c', setting]);

/**
 * Inherited variables git must not see: `GIT_*` (for example `GIT_DIR` inside a hook of another repository)
 * and the programs git could start. simple-git refuses to run when these are passed to it explicitly.
 */
const STRIPPED_ENV = /^(GIT_.*|EDITOR|VISUAL|PAGER|SSH_ASKPASS|PREFIX)$/i;

/** The environment for git: ours, without the variables above, and never prompting. */
export function gitEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !STRIPPED_ENV.test(key)) env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  // Paths after `--` are file names, never pathspec magic such as ':(glob)' or wildcards.
  env.GIT_LITERAL_PATHSPECS = '1';
  return { ...env, ...extra };
}

export interface RunOptions {
  /** Extra environment variables (author identity, dates). */
  env?: Record<string, string>;
  /** Written to git's standard input. */
  input?: string;
  /** Exit codes that are results rather than failures (for example 1 for `rev-parse --verify --quiet`). */
  okExitCodes?: readonly number[];
  /**
   * Started by the small helper process (git-spawner.ts) instead of a fork of this one: for the commit of
   * every save, in the store's write queue.
   */
  fromHelper?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A guard against a caller building an argument list by hand with an unchecked value. */
function checkArgs(args: readonly string[]): void {
  for (const arg of args) {
    if (typeof arg !== 'string' || arg.includes('\0')) throw new TypeError('Ugyldig argument til git');
  }
}

/** How long one git command may run before it is stopped (a guard against a hung process, not a budget). */
export const RUN_TIMEOUT_MS = 60_000;

export interface GitOptions {
  /** Stops a command that runs longer (milliseconds); `RUN_TIMEOUT_MS` unless given. */
  timeoutMs?: number;
}

export class Git {
  readonly dir: string;
  private simple: SimpleGit | undefined;
  private readonly timeoutMs: number;
  private readonly spawner = new GitSpawner();

  constructor(dir: string, options: GitOptions = {}) {
    this.dir = dir;
    this.timeoutMs = options.timeoutMs ?? RUN_TIMEOUT_MS;
  }

  /** Commands that print their result, through simple-git (see the file comment). */
  async raw(args: readonly string[]): Promise<string> {
    checkArgs(args);
    if (!this.simple) {
      this.simple = simpleGit({
        baseDir: this.dir,
        config: [...GIT_CONFIG],
        // Both are set to their safe values (hooks off, no fsmonitor), which simple-git's guard cannot tell apart.
        unsafe: { allowUnsafeHooksPath: true, allowUnsafeFsMonitor: true },
        allowEnvironment: ['GIT_TERMINAL_PROMPT', 'GIT_LITERAL_PATHSPECS'],
        timeout: { block: this.timeoutMs },
      }).env(gitEnvironment());
    }
    try {
      return await this.simple.raw([...args]);
    } catch (error) {
      // simple-git's own words for its timeout plugin stopping git; say it as run() does.
      if (error instanceof GitPluginError && error.plugin === 'timeout')
        throw new GitCommandError(args, null, '', { ms: this.timeoutMs, idle: true });
      throw error;
    }
  }

  /** Commands spawned directly (silent ones, stdin, per-call environment, meaningful exit codes). */
  run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    checkArgs(args);
    const fullArgs = [...CONFIG_ARGS, ...args];
    if (options.fromHelper) return this.runFromHelper(args, fullArgs, options);
    return new Promise<RunResult>((resolve, reject) => {
      const child = spawn('git', fullArgs, {
        cwd: this.dir,
        env: gitEnvironment(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: this.timeoutMs,
      });
      const started = performance.now();
      // Decoded as it comes: each 64 kB read is freed at once instead of all of them living until the
      // end, where they and their concatenation were what kept the restarted service's malloc heap
      // ≈10 MB larger (a log of every commit is several MB; docs/performance.md, tenth pass).
      child.stdout.setEncoding('utf8');
      let stdout = '';
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', reject);
      // git may exit before reading all of stdin (EPIPE); the exit code tells what happened.
      child.stdin.on('error', () => undefined);
      child.on('close', (code, signal) => {
        // Node stops the child with SIGTERM at the timeout; a signal before it is some other kill.
        const timedOut = signal === 'SIGTERM' && performance.now() - started >= this.timeoutMs;
        try {
          resolve(
            this.outcome(args, options, {
              code,
              stdout,
              stderr: Buffer.concat(stderr).toString('utf8'),
              timedOut,
            }),
          );
        } catch (error) {
          reject(error);
        }
      });
      child.stdin.end(options.input ?? '');
    });
  }

  private async runFromHelper(
    args: readonly string[],
    fullArgs: readonly string[],
    options: RunOptions,
  ): Promise<RunResult> {
    const spawned = await this.spawner.run({
      args: fullArgs,
      cwd: this.dir,
      env: gitEnvironment(options.env),
      input: options.input ?? '',
      timeout: this.timeoutMs,
    });
    return this.outcome(args, options, spawned);
  }

  /** Ends the helper process that starts commits (`fromHelper`), if one runs. */
  close(): void {
    this.spawner.close();
  }

  /** A finished command's result, or its failure: an exit code other than 0 and those `okExitCodes` allow. */
  private outcome(args: readonly string[], options: RunOptions, spawned: SpawnedResult): RunResult {
    const { code, stdout, stderr, timedOut } = spawned;
    if (code === 0 || (code !== null && options.okExitCodes?.includes(code)))
      return { stdout, stderr, exitCode: code };
    throw new GitCommandError(args, code, stderr, timedOut ? { ms: this.timeoutMs, idle: false } : undefined);
  }
}

interface BlobRequest {
  line: string;
  resolve: (value: Buffer | undefined) => void;
  reject: (error: Error) => void;
  /** How many processes this request has been sent to (it is re-sent once if the process dies). */
  attempts: number;
}

export interface ObjectInfo {
  sha: string;
  type: string;
  content: Buffer;
}

/**
 * A long-lived `git cat-file --batch` process. Requests are written in order and answered in order, so a
 * FIFO queue matches answers to requests. If the process dies, requests in flight are re-sent once to a
 * fresh process. The process keeps Node alive only while requests are pending.
 *
 * Full commit ids and `HEAD` are resolved afresh by git for every request. Abbreviated ids are looked up
 * through a per-process cache of loose objects that may miss objects written after it was filled; the
 * store therefore resolves abbreviated ids with `rev-parse` before reading.
 */
export class BlobReader {
  private readonly dir: string;
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: BlobRequest[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes needed before the answer at the head of the queue is complete (0 when not yet known). */
  private needed = 0;
  private closed = false;
  /** Request lines not yet written: the requests of one turn of the event loop go in one write. */
  private unsent: string[] = [];

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The contents of `path` at `rev`, or undefined when the revision or the file is unknown. */
  async read(rev: string, path: string): Promise<string | undefined> {
    return (await this.readBytes(rev, path))?.toString('utf8');
  }

  /** `read` undecoded: for a reader that needs only the start of a file. */
  async readBytes(rev: string, path: string): Promise<Buffer | undefined> {
    const spec = `${assertRevision(rev)}:${assertPath(path)}`;
    const object = await this.request(spec);
    return object?.type === 'blob' ? object.content : undefined;
  }

  /** The object a validated revision names (for example 'HEAD'), or undefined when unknown. */
  async object(rev: string): Promise<ObjectInfo | undefined> {
    return this.request(assertRevision(rev));
  }

  private async request(spec: string): Promise<ObjectInfo | undefined> {
    const raw = await new Promise<Buffer | undefined>((resolve, reject) => {
      if (this.closed) {
        reject(new Error('Lageret er lukket.'));
        return;
      }
      const request: BlobRequest = { line: `${spec}\n`, resolve, reject, attempts: 0 };
      this.queue.push(request);
      this.send(request);
    });
    if (raw === undefined) return undefined;
    const headerEnd = raw.indexOf(0x0a);
    const [sha = '', type = ''] = raw.subarray(0, headerEnd).toString('latin1').split(' ');
    return { sha, type, content: raw.subarray(headerEnd + 1) };
  }

  /** Ends the process; pending requests are answered first. */
  close(): Promise<void> {
    this.closed = true;
    this.flush();
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      setReferenced(child, true);
      child.stdin.end();
    });
  }

  /**
   * A write per request was 0.4 s of the 8 s of CPU a build of the lookup index took (13,700 reads, 256
   * in flight): the lines asked in one turn of the event loop are written together after it.
   */
  private send(request: BlobRequest): void {
    request.attempts += 1;
    const child = this.ensureChild();
    setReferenced(child, true);
    if (this.unsent.push(request.line) === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.unsent.length === 0) return;
    const lines = this.unsent.join('');
    this.unsent = [];
    this.child?.stdin.write(lines);
  }

  private ensureChild(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', [...CONFIG_ARGS, 'cat-file', '--batch'], {
      cwd: this.dir,
      env: gitEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.chunks = [];
    this.buffered = 0;
    this.needed = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child !== child) return;
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.drain();
    });
    child.stderr.on('data', () => undefined);
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.onExit(child, error));
    child.on('close', () => this.onExit(child));
    return child;
  }

  /** Answers as many queued requests as the buffered output allows. */
  private drain(): void {
    while (this.queue.length > 0 && this.buffered > 0 && this.buffered >= this.needed) {
      const data = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
      this.chunks = [data];
      const headerEnd = data.indexOf(0x0a);
      if (headerEnd < 0) return;
      const header = data.subarray(0, headerEnd).toString('latin1');
      const request = this.queue[0] as BlobRequest;
      // "<object> missing" or "<object> ambiguous": nothing follows the header.
      if (/ (missing|ambiguous)$/.test(header)) {
        this.consume(data, headerEnd + 1);
        this.queue.shift();
        request.resolve(undefined);
        continue;
      }
      const match = /^([0-9a-f]{40,64}) ([a-z]+) (\d+)$/.exec(header);
      if (!match) {
        // Out of step with git: restart the process rather than guess.
        this.child?.kill();
        return;
      }
      const size = Number(match[3]);
      const total = headerEnd + 1 + size + 1;
      if (data.length < total) {
        this.needed = total;
        return;
      }
      // A view, not a copy: every reader decodes or parses an answer at once and lets it go.
      const answer = data.subarray(0, total - 1);
      this.consume(data, total);
      this.queue.shift();
      request.resolve(answer);
    }
    if (this.queue.length === 0 && this.child) setReferenced(this.child, false);
  }

  private consume(data: Buffer, length: number): void {
    const rest = data.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    this.needed = 0;
  }

  private onExit(child: ChildProcessWithoutNullStreams, error?: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.chunks = [];
    this.buffered = 0;
    this.needed = 0;
    // Lines not yet written were for the process that ended; every pending request is sent again below.
    this.unsent = [];
    const pending = this.queue.splice(0);
    for (const request of pending) {
      if (this.closed || request.attempts >= 2) {
        request.reject(error ?? new Error('git cat-file avsluttet uventet.'));
      } else {
        this.queue.push(request);
        this.send(request);
      }
    }
  }
}
