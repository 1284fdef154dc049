/**
 * Synchronization of the data repository through a git remote (any bare repository: GitLab, Gitea, a
 * folder). One concern: keep this repository and the remote's `main` converging without losing anything.
 *
 * - After each local commit a push starts in the background (a save never waits for it). A rejected push
 *   (the remote has commits we lack) fetches, merges and pushes again.
 * - Every `intervalSeconds`, on the webhook and at start: fetch, merge (see merge.ts), push what is ahead.
 * - A failure (remote unreachable) is retried with exponential back-off up to a ceiling, for as long as the
 *   process runs; timers never keep the process alive and stop at `close()`.
 * - At most one cycle runs at a time and at most one more waits; requests meanwhile join the waiting one.
 * - A read-only replica only fetches and merges (fast-forwards, as it never commits) and never pushes.
 */
import { Git } from '../store/git.js';
import type { Store } from '../store/store.js';
import { type Backoff, DEFAULT_BACKOFF, retryDelay } from './backoff.js';
import { isAncestor, type MergeKind, type MergeOutcome, mergeRemote } from './merge.js';
import { checkRemote, fetchRemote, pushRemote, RemoteError, redactRemote, trackedHead } from './remote.js';

export interface SyncSettings {
  /** URL or path of the remote repository. */
  remote: string;
  /** Seconds between fetches; 0 fetches only at start, after a failure and on the webhook. */
  intervalSeconds: number;
  readOnly: boolean;
}

export interface SyncOptions {
  /** Whether a file git merged from both sides' changes may be kept (merge.ts). */
  accept?: (path: string, content: string) => boolean;
  backoff?: Backoff;
  log?: {
    info(data: object, message: string): void;
    warn(data: object, message: string): void;
  };
}

/** What a merge from the remote changed: for caches and indexes to catch up. */
export interface SyncChange {
  before: string | undefined;
  after: string;
  /** Every commit that came in (the remote's and the merge's). */
  commits: ReadonlySet<string>;
  /** Files that differ between before and after. */
  paths: string[];
}

export interface SyncStatus {
  /** The remote's address without credentials. */
  remote: string;
  readOnly: boolean;
  /** Local commits the remote does not have yet (never for a read-only replica). */
  pending: boolean;
  /** Nothing pending, and the last attempt reached the remote. */
  synchronized: boolean;
  lastPush: { at: string; rev: string } | null;
  lastFetch: { at: string } | null;
  lastMerge: { at: string; kind: MergeKind; rev: string; conflicts: string[] } | null;
  lastError: { at: string; message: string } | null;
  /** Failed attempts in a row. */
  failures: number;
  nextRetryAt: string | null;
}

export type SyncResult = 'adopted' | 'empty' | 'unreachable';

type Mode = 'push' | 'full';

/** Push attempts in one cycle (each rejected one fetches and merges first). */
const MAX_PUSH_ATTEMPTS = 3;

export class Sync {
  readonly remote: string;
  readonly readOnly: boolean;
  private readonly git: Git;
  private readonly backoff: Backoff;
  private readonly listeners: ((change: SyncChange) => void | Promise<void>)[] = [];
  private readonly state: Omit<SyncStatus, 'remote' | 'readOnly' | 'synchronized' | 'nextRetryAt'> = {
    pending: false,
    lastPush: null,
    lastFetch: null,
    lastMerge: null,
    lastError: null,
    failures: 0,
  };
  private tail: Promise<void> = Promise.resolve();
  private waiting: { mode: Mode; promise: Promise<void> } | undefined;
  private interval: NodeJS.Timeout | undefined;
  private retry: { timer: NodeJS.Timeout; at: number } | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly settings: SyncSettings,
    private readonly options: SyncOptions = {},
  ) {
    this.remote = checkRemote(settings.remote);
    this.readOnly = settings.readOnly;
    this.git = new Git(store.dir);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Calls `listener` after every merge from the remote that changed HEAD. */
  onChanged(listener: (change: SyncChange) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  status(): SyncStatus {
    return {
      remote: redactRemote(this.remote),
      readOnly: this.readOnly,
      ...this.state,
      lastMerge: this.state.lastMerge && { ...this.state.lastMerge },
      synchronized: !this.state.pending && this.state.failures === 0 && this.state.lastFetch !== null,
      nextRetryAt: this.retry ? new Date(this.retry.at).toISOString() : null,
    };
  }

  /**
   * For an empty data repository, before anything else: takes the remote's history if it has one
   * ('adopted'), reports a reachable remote without history ('empty', so this instance may seed it) or
   * one that could not be reached ('unreachable'; the regular cycles fill the repository later).
   */
  async adoptRemote(): Promise<SyncResult> {
    try {
      const theirs = await fetchRemote(this.git, this.remote);
      this.state.lastFetch = { at: new Date().toISOString() };
      if (theirs === undefined) return 'empty';
      await this.merged(await mergeRemote(this.store, this.git, theirs, this.mergeOptions()));
      return 'adopted';
    } catch (error) {
      this.failed(error);
      return 'unreachable';
    }
  }

  /** Starts the interval and a first cycle. */
  start(): void {
    if (this.closed || this.interval) return;
    if (this.settings.intervalSeconds > 0) {
      this.interval = setInterval(() => {
        if (!this.retry) void this.request('full');
      }, this.settings.intervalSeconds * 1000);
      this.interval.unref();
    }
    void this.request('full');
  }

  /** A local commit was made: push it soon (unless a retry is already scheduled, which will). */
  committed(): void {
    if (this.readOnly || this.closed) return;
    this.state.pending = true;
    if (!this.retry) void this.request('push');
  }

  /** Fetch, merge and push now (the webhook); resolves with the status when done. */
  async syncNow(): Promise<SyncStatus> {
    await this.request('full');
    return this.status();
  }

  /** Stops the timers and waits for a cycle in progress (bounded by git's own timeout). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    this.clearRetry();
    await this.tail;
  }

  private request(mode: Mode): Promise<void> {
    if (this.waiting) {
      if (mode === 'full') this.waiting.mode = 'full';
      return this.waiting.promise;
    }
    const waiting: { mode: Mode; promise: Promise<void> } = { mode, promise: Promise.resolve() };
    waiting.promise = this.tail.then(() => {
      if (this.waiting === waiting) this.waiting = undefined;
      return this.cycle(waiting.mode);
    });
    this.waiting = waiting;
    this.tail = waiting.promise.catch(() => undefined);
    return waiting.promise;
  }

  private async cycle(mode: Mode): Promise<void> {
    if (this.closed) return;
    try {
      if (mode === 'full' || this.readOnly) await this.pull();
      if (!this.readOnly) await this.push();
      this.state.failures = 0;
      this.state.lastError = null;
      this.clearRetry();
    } catch (error) {
      this.failed(error);
    }
    await this.refreshPending().catch(() => undefined);
  }

  private async pull(): Promise<void> {
    const theirs = await fetchRemote(this.git, this.remote);
    this.state.lastFetch = { at: new Date().toISOString() };
    if (theirs !== undefined)
      await this.merged(await mergeRemote(this.store, this.git, theirs, this.mergeOptions()));
  }

  private async push(): Promise<void> {
    for (let attempt = 0; attempt < MAX_PUSH_ATTEMPTS; attempt += 1) {
      const head = await this.store.head();
      if (head === undefined) return;
      const tracked = await trackedHead(this.git);
      if (tracked !== undefined && (await isAncestor(this.git, head, tracked))) return;
      if ((await pushRemote(this.git, this.remote, head)) === 'pushed') {
        this.state.lastPush = { at: new Date().toISOString(), rev: head };
        this.options.log?.info({ rev: head }, 'Synkronisering: sendt til fjernlageret');
        continue; // commits made meanwhile go in the next round
      }
      await this.pull();
    }
    const head = await this.store.head();
    const tracked = await trackedHead(this.git);
    if (head && !(tracked && (await isAncestor(this.git, head, tracked)))) {
      throw new RemoteError('Fjernlageret tok ikke imot endringene etter flere forsøk; prøver igjen senere.');
    }
  }

  private async merged(outcome: MergeOutcome): Promise<void> {
    if (outcome.kind !== 'fast-forward' && outcome.kind !== 'merged') return;
    const after = outcome.after as string;
    this.state.lastMerge = {
      at: new Date().toISOString(),
      kind: outcome.kind,
      rev: after,
      conflicts: outcome.conflicts,
    };
    this.options.log?.info(
      { kind: outcome.kind, before: outcome.before, after, conflicts: outcome.conflicts },
      'Synkronisering: endringer fra fjernlageret er tatt inn',
    );
    const change: SyncChange = {
      before: outcome.before,
      after,
      commits: new Set(await this.newCommits(outcome.before, after)),
      paths: await this.changedPaths(outcome.before, after),
    };
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.options.log?.warn({ err: error }, 'Synkronisering: oppdatering etter sammenslåing feilet');
      }
    }
  }

  private async newCommits(before: string | undefined, after: string): Promise<string[]> {
    const range = before === undefined ? [after] : [after, `^${before}`];
    const { stdout } = await this.git.run(['rev-list', ...range]);
    return stdout.split('\n').filter((line) => line !== '');
  }

  private async changedPaths(before: string | undefined, after: string): Promise<string[]> {
    const args =
      before === undefined
        ? ['ls-tree', '-r', '-z', '--name-only', after]
        : ['diff-tree', '-r', '-z', '--no-renames', '--name-only', before, after];
    const { stdout } = await this.git.run(args);
    return stdout.split('\0').filter((path) => path !== '');
  }

  private async refreshPending(): Promise<void> {
    if (this.readOnly) return;
    const head = await this.store.head();
    const tracked = await trackedHead(this.git);
    this.state.pending =
      head !== undefined && !(tracked !== undefined && (await isAncestor(this.git, head, tracked)));
  }

  private failed(error: unknown): void {
    this.state.failures += 1;
    const message = error instanceof Error ? error.message : String(error);
    this.state.lastError = { at: new Date().toISOString(), message };
    this.options.log?.warn({ failures: this.state.failures, error: message }, 'Synkronisering feilet');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry) return;
    const delay = retryDelay(this.state.failures, this.backoff);
    const timer = setTimeout(() => {
      this.retry = undefined;
      void this.request('full');
    }, delay);
    timer.unref();
    this.retry = { timer, at: Date.now() + delay };
  }

  private clearRetry(): void {
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = undefined;
  }

  private mergeOptions() {
    return this.options.accept ? { accept: this.options.accept } : {};
  }
}
