/**
 * Whose lines a conflict resolution puts back. When both sides of a synchronization changed the same lines,
 * the local lines are committed again after the merge (merge.ts). Those lines may come from several local
 * changes by several people: each change that is put back is credited to the local commit that wrote its
 * lines (git blame of the resolved text on the local branch), so no one's line is committed under another
 * person's name and reason. A change that leaves no line to blame (a deletion, or the text as it was before
 * both sides) is credited to the newest local change of the file.
 */
import { diffArrays } from 'diff';
import type { Git } from '../store/git.js';

/** One contiguous change between two texts: `removed` lines at `at` (0-based) replaced by `added`. */
export interface Hunk {
  at: number;
  removed: string[];
  added: string[];
  /** Where the added lines are in the new text (0-based). */
  addedAt: number;
}

/** A text's lines, each with its line break, so that joining them gives the text back. */
export function linesOf(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** The changes that turn `from` into `to`, line by line. */
export function hunksBetween(from: string[], to: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let fromIndex = 0;
  let toIndex = 0;
  let open: Hunk | undefined;
  for (const part of diffArrays(from, to)) {
    const count = part.value.length;
    if (!part.added && !part.removed) {
      open = undefined;
      fromIndex += count;
      toIndex += count;
      continue;
    }
    if (!open) {
      open = { at: fromIndex, removed: [], added: [], addedAt: toIndex };
      hunks.push(open);
    }
    if (part.removed) {
      open.removed.push(...part.value);
      fromIndex += count;
    } else {
      open.added.push(...part.value);
      toIndex += count;
    }
  }
  return hunks;
}

/** `from` with only the chosen hunks applied (hunks of `hunksBetween(from, …)`). */
export function applyHunks(from: string[], hunks: Hunk[], chosen: ReadonlySet<Hunk>): string {
  const out: string[] = [];
  let index = 0;
  for (const hunk of hunks) {
    out.push(...from.slice(index, hunk.at));
    out.push(...(chosen.has(hunk) ? hunk.added : hunk.removed));
    index = hunk.at + hunk.removed.length;
  }
  out.push(...from.slice(index));
  return out.join('');
}

/** For each line of `path` at `rev` (0-based), the commit that wrote it. */
export async function blameLines(git: Git, rev: string, path: string): Promise<Map<number, string>> {
  const { stdout } = await git.run(['blame', '--porcelain', rev, '--', path]);
  const origins = new Map<number, string>();
  for (const line of stdout.split('\n')) {
    const header = /^([0-9a-f]{40,64}) \d+ (\d+)(?: (\d+))?$/.exec(line);
    if (!header) continue;
    const [, origin = '', finalLine = '0', count = '1'] = header;
    for (let offset = 0; offset < Number(count); offset += 1)
      origins.set(Number(finalLine) - 1 + offset, origin);
  }
  return origins;
}

/**
 * The hunks grouped by the local commit they are credited to: the newest local commit among the lines each
 * hunk puts back (others that wrote some of its lines are its co-authors), else `fallback`. `local` lists
 * the local commits oldest first; groups come in that order.
 */
export function creditHunks(
  hunks: Hunk[],
  origins: Map<number, string>,
  local: string[],
  fallback: string,
): Array<{ rev: string; hunks: Hunk[]; coAuthors: Set<string> }> {
  const position = new Map(local.map((rev, index) => [rev, index]));
  const groups = new Map<string, { rev: string; hunks: Hunk[]; coAuthors: Set<string> }>();
  for (const hunk of hunks) {
    const writers = new Set<string>();
    for (let offset = 0; offset < hunk.added.length; offset += 1) {
      const rev = origins.get(hunk.addedAt + offset);
      if (rev !== undefined && position.has(rev)) writers.add(rev);
    }
    const ordered = [...writers].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    const rev = ordered.at(-1) ?? fallback;
    const group = groups.get(rev) ?? { rev, hunks: [], coAuthors: new Set<string>() };
    group.hunks.push(hunk);
    for (const writer of ordered.slice(0, -1)) group.coAuthors.add(writer);
    groups.set(rev, group);
  }
  return [...groups.values()].sort(
    (a, b) => (position.get(a.rev) ?? local.length) - (position.get(b.rev) ?? local.length),
  );
}
