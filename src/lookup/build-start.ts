/**
 * What a build of the lookup index reads first: HEAD and the history of every agreement file there, from
 * one `git log`. Apart from build.ts so that a build process can have git walk the history while it loads
 * the modules that read and index the versions (build-process.ts).
 */
import { idOfPath } from '../store/layout.js';
import type { Revision, Store } from '../store/store.js';

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

/** Agreement histories by id, for the files the rule places (src/store/layout.ts); others never answer. */
export function byAgreement(
  histories: Map<string, Revision[]>,
  present?: Set<string>,
): Map<string, Revision[]> {
  const result = new Map<string, Revision[]>();
  for (const [path, revisions] of histories) {
    const id = idOfPath(path);
    if (id !== undefined && (present === undefined || present.has(path))) result.set(id, revisions);
  }
  return result;
}
