/**
 * Builds the clause index from the data repository: the history of every agreement from one `git log`,
 * then every version's file through the store's long-lived `git cat-file` process. Keeps it up to date with
 * commits made since (by Gjerde, by a synchronization, or by anyone with git), from `git log` of the new
 * commits alone.
 *
 * Versions are read by the blob ids the history walk gives (`Store.readRevisionBytes`), so git walks no
 * directory trees, newest commit first across all agreements, the order git packs them in. A window of
 * reads is kept in flight so that git works while this process reads the answers.
 */

import { isValidStored, storedVersionReader } from '../domain/stored.js';
import { type VersionContent, VersionReader } from '../format/stored/version.js';
import { idOfPath } from '../store/layout.js';
import type { Revision, Store } from '../store/store.js';
import { ClauseIndex } from './clause-index.js';
import { type Reading, type Readings, readingKey } from './kept-readings.js';

export interface BuildProgress {
  read: number;
  total: number;
}

export interface BuildStats {
  /** Milliseconds for the history (`git log`), reading and parsing the versions, and indexing them. */
  phases: { history: number; read: number; index: number };
  agreements: number;
  versions: number;
  approvedVersions: number;
  documents: number;
  fullParses: number;
  /** Versions taken from kept readings instead of read and parsed. */
  reused: number;
  ms: number;
  /** CPU (user and system) of the build process from its start until the index was kept, git's not included. */
  cpuMs?: number;
}

export interface ReadOptions {
  onProgress?: (progress: BuildProgress) => void;
  progressEvery?: number;
}

const inFlight = 256;

/** Per agreement, the versions that answer lookups (approved and valid), newest commit first. */
type Answering = Map<string, { revision: Revision; content: VersionContent }[]>;

/** Readings a build may take instead of reading a version (kept-readings.ts), and those it made or took. */
interface ReadingsInUse {
  known: Readings;
  used: Readings;
  reused: number;
}

/**
 * Reads the versions of the given histories (agreement id → revisions, newest first) and keeps those that
 * can answer: approved, and valid (a version the validator refuses, committed outside Gjerde, never
 * answers; the last valid one does). A version with a reading in `readings` is not read again.
 */
async function readAnswering(
  store: Store,
  histories: Map<string, Revision[]>,
  reader: VersionReader,
  options: ReadOptions = {},
  readings?: ReadingsInUse,
): Promise<{ answering: Answering; versions: number; approved: number }> {
  const jobs: { id: string; position: number; revision: Revision }[] = [];
  for (const [id, revisions] of histories) {
    for (const [position, revision] of revisions.entries()) jobs.push({ id, position, revision });
  }
  jobs.sort((a, b) => (a.revision.date < b.revision.date ? 1 : a.revision.date > b.revision.date ? -1 : 0));
  const contents = new Map<string, (VersionContent | undefined)[]>();
  for (const [id, revisions] of histories) contents.set(id, new Array(revisions.length));
  let read = 0;
  let approved = 0;
  const every = options.progressEvery ?? 2000;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as (typeof jobs)[number];
      const blob = readings && store.blobOf(job.revision);
      const key = blob === undefined ? undefined : readingKey(blob, job.revision.path);
      let reading = key === undefined ? undefined : readings?.known.get(key);
      if (reading === undefined)
        reading = readVersion(job.revision.path, await store.readRevisionBytes(job.revision), reader);
      else (readings as ReadingsInUse).reused += 1;
      if (key !== undefined) readings?.used.set(key, reading);
      read += 1;
      if (read % every === 0) options.onProgress?.({ read, total: jobs.length });
      if (!reading || !ClauseIndex.answers(reading.meta)) continue;
      approved += 1;
      (contents.get(job.id) as (VersionContent | undefined)[])[job.position] = reading;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, jobs.length) }, worker));
  const answering: Answering = new Map();
  for (const [id, revisions] of histories) {
    const versionContents = contents.get(id) as (VersionContent | undefined)[];
    answering.set(
      id,
      revisions.flatMap((revision, position) => {
        const content = versionContents[position];
        return content ? [{ revision, content }] : [];
      }),
    );
  }
  return { answering, versions: jobs.length, approved };
}

/** A stored version's meaning, or null when it can never answer (deleted, a draft, refused by the validator). */
function readVersion(path: string, bytes: Buffer | undefined, reader: VersionReader): Reading {
  // A deleted file's last commit has no content; drafts never answer and are not parsed (nor decoded whole).
  if (bytes === undefined) return null;
  const draft = VersionReader.isDraftBytes(bytes);
  if (draft) return null;
  const markdown = bytes.toString('utf8');
  if (draft === undefined && VersionReader.isDraft(markdown)) return null;
  const read = reader.read(markdown);
  if (!isValidStored(path, markdown, read)) return null;
  return { meta: read.meta, clauses: read.clauses, glossary: read.glossary };
}

/** Agreement histories by id, for the files the rule places (src/store/layout.ts); others never answer. */
function byAgreement(histories: Map<string, Revision[]>, present?: Set<string>): Map<string, Revision[]> {
  const result = new Map<string, Revision[]>();
  for (const [path, revisions] of histories) {
    const id = idOfPath(path);
    if (id !== undefined && (present === undefined || present.has(path))) result.set(id, revisions);
  }
  return result;
}

/** What a build reads first: HEAD and the history of every agreement file there (one `git log`). */
export interface BuildStart {
  head: string | undefined;
  histories: Map<string, Revision[]>;
  started: number;
  historyDone: number;
}

export async function readBuildStart(store: Store): Promise<BuildStart> {
  const started = performance.now();
  const head = await store.head();
  const current = new Set(head ? await store.listFiles(head) : []);
  const histories = byAgreement(head ? await store.allHistory() : new Map(), current);
  return { head, histories, started, historyDone: performance.now() };
}

/** The number of versions a build would read. */
export function versionsToRead(start: BuildStart): number {
  let count = 0;
  for (const revisions of start.histories.values()) count += revisions.length;
  return count;
}

/**
 * Builds the index of every agreement at HEAD. With `readings` (kept-readings.ts) a version read before is
 * taken from them instead of read and parsed; the build then gives the readings of every version it has
 * (those it took and those it made), to be kept for the next.
 */
export async function buildIndex(
  store: Store,
  options: ReadOptions & { readings?: Readings } = {},
  start?: BuildStart,
): Promise<{ index: ClauseIndex; stats: BuildStats; head: string | undefined; readings?: Readings }> {
  const { head, histories, started, historyDone } = start ?? (await readBuildStart(store));
  const reader = storedVersionReader();
  const readings = options.readings && { known: options.readings, used: new Map(), reused: 0 };
  const { answering, versions, approved } = await readAnswering(store, histories, reader, options, readings);
  const readDone = performance.now();
  const index = new ClauseIndex();
  for (const [id, list] of answering) index.addVersions(id, list);
  return {
    index,
    head,
    ...(readings ? { readings: readings.used } : {}),
    stats: {
      phases: {
        history: Math.round(historyDone - started),
        read: Math.round(readDone - historyDone),
        index: Math.round(performance.now() - readDone),
      },
      agreements: histories.size,
      versions,
      approvedVersions: approved,
      documents: index.documentCount,
      fullParses: reader.fullParses,
      reused: readings?.reused ?? 0,
      ms: Math.round(performance.now() - started),
    },
  };
}

/**
 * Adds to `index` what was committed after `from` up to `to`. Returns false, changing nothing, when that
 * cannot be done by adding versions (`from` is not an ancestor of `to`, or an agreement file was deleted
 * or moved): then the index must be built again.
 */
export async function extendIndex(
  index: ClauseIndex,
  store: Store,
  from: string,
  to: string,
): Promise<boolean> {
  const changes = await store.changesSince(from, to);
  if (!changes || changes.removed) return false;
  const { answering } = await readAnswering(store, byAgreement(changes.histories), storedVersionReader());
  // Versions already known (a save of Gjerde's own, indexed before) are skipped by the index.
  for (const [id, list] of answering) index.addVersions(id, list);
  return true;
}
