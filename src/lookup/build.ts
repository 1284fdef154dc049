/**
 * Builds the clause index from the data repository: the history of every agreement from one `git log`,
 * then every version's file through the store's long-lived `git cat-file` process.
 *
 * Versions are read newest commit first across all agreements, the order git packs them in: reading one
 * agreement's whole history at a time made git rebuild the same directory trees over and over (measured
 * on the benchmark corpus: 16 s against 3 s). A window of reads is kept in flight so that git works
 * while this process reads the answers.
 */
import { agreementsFolder } from '../domain/agreements.js';
import { isValidId } from '../format/ids.js';
import type { Revision, Store } from '../store/store.js';
import { ClauseIndex } from './clause-index.js';
import { type VersionContent, VersionReader } from './read-version.js';

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
  ms: number;
}

const inFlight = 256;

/** The agreement id of a file under `avtaler/`, as the domain names agreements (others are not indexed). */
function agreementIdOf(path: string): string | undefined {
  const prefix = `${agreementsFolder}/`;
  if (!path.startsWith(prefix) || !path.endsWith('.md')) return undefined;
  const id = path.slice(prefix.length, -3);
  return isValidId(id) ? id : undefined;
}

export async function buildIndex(
  store: Store,
  options: { onProgress?: (progress: BuildProgress) => void; progressEvery?: number } = {},
): Promise<{ index: ClauseIndex; stats: BuildStats }> {
  const started = performance.now();
  const current = new Set(await store.listFiles());
  const histories = new Map<string, Revision[]>();
  for (const [path, revisions] of await store.allHistory()) {
    const id = agreementIdOf(path);
    if (id !== undefined && current.has(path)) histories.set(id, revisions);
  }
  const historyDone = performance.now();
  const jobs: { id: string; position: number; revision: Revision }[] = [];
  for (const [id, revisions] of histories) {
    for (const [position, revision] of revisions.entries()) jobs.push({ id, position, revision });
  }
  jobs.sort((a, b) => (a.revision.date < b.revision.date ? 1 : a.revision.date > b.revision.date ? -1 : 0));

  const reader = new VersionReader();
  const contents = new Map<string, (VersionContent | undefined)[]>();
  for (const [id, revisions] of histories) contents.set(id, new Array(revisions.length));
  let read = 0;
  let approvedVersions = 0;
  const every = options.progressEvery ?? 2000;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as (typeof jobs)[number];
      const markdown = await store.readFile(job.revision.path, job.revision.rev);
      read += 1;
      if (read % every === 0) options.onProgress?.({ read, total: jobs.length });
      // A deleted file's last commit has no content; drafts never answer and are not parsed.
      if (markdown === undefined || VersionReader.isDraft(markdown)) continue;
      const content = reader.read(markdown);
      if (!ClauseIndex.answers(content.meta)) continue;
      approvedVersions += 1;
      (contents.get(job.id) as (VersionContent | undefined)[])[job.position] = content;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, jobs.length) }, worker));

  const readDone = performance.now();
  const index = new ClauseIndex();
  for (const [id, revisions] of histories) {
    const versionContents = contents.get(id) as (VersionContent | undefined)[];
    const versions = revisions.flatMap((revision, position) => {
      const content = versionContents[position];
      return content ? [{ revision, content }] : [];
    });
    index.addVersions(id, versions);
  }
  return {
    index,
    stats: {
      phases: {
        history: Math.round(historyDone - started),
        read: Math.round(readDone - historyDone),
        index: Math.round(performance.now() - readDone),
      },
      agreements: histories.size,
      versions: jobs.length,
      approvedVersions,
      documents: index.documentCount,
      fullParses: reader.fullParses,
      ms: Math.round(performance.now() - started),
    },
  };
}
