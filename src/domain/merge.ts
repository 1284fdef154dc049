import { diff3Merge, merge } from 'node-diff3';

/**
 * Three-way merge by lines (diff3, as git does): the version the person started from (base), the one
 * saved since (theirs) and the person's own (yours). Changes to different lines combine; changes to the
 * same or adjacent lines are a conflict, and nothing is guessed.
 */

export interface ConflictSide {
  /** First line (1-based) of the conflicting lines in that version. */
  line: number;
  lines: string[];
}

export interface MergeConflict {
  base: ConflictSide;
  theirs: ConflictSide;
  yours: ConflictSide;
}

export type MergeResult = { clean: true; text: string } | { clean: false; conflicts: MergeConflict[] };

function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

export function mergeThreeWay(base: string, theirs: string, yours: string): MergeResult {
  const regions = diff3Merge(lines(yours), lines(base), lines(theirs), { excludeFalseConflicts: true });
  const merged: string[] = [];
  const conflicts: MergeConflict[] = [];
  for (const region of regions) {
    if (region.ok) merged.push(...region.ok);
    else if (region.conflict) {
      const { a, aIndex, o, oIndex, b, bIndex } = region.conflict;
      conflicts.push({
        base: { line: oIndex + 1, lines: o },
        theirs: { line: bIndex + 1, lines: b },
        yours: { line: aIndex + 1, lines: a },
      });
    }
  }
  return conflicts.length > 0 ? { clean: false, conflicts } : { clean: true, text: merged.join('\n') };
}

export type Choice = 'yours' | 'theirs' | 'both';

/**
 * The merge with each conflict resolved as the person chose (in conflict order): their own lines, the
 * saved lines, or both (saved first). Undefined when the choices do not match the conflicts.
 */
export function resolveConflicts(
  base: string,
  theirs: string,
  yours: string,
  choices: Choice[],
): string | undefined {
  const regions = diff3Merge(lines(yours), lines(base), lines(theirs), { excludeFalseConflicts: true });
  const merged: string[] = [];
  let index = 0;
  for (const region of regions) {
    if (region.ok) {
      merged.push(...region.ok);
      continue;
    }
    if (!region.conflict) continue;
    const choice = choices[index];
    index += 1;
    if (choice === 'yours') merged.push(...region.conflict.a);
    else if (choice === 'theirs') merged.push(...region.conflict.b);
    else if (choice === 'both') merged.push(...region.conflict.b, ...region.conflict.a);
    else return undefined;
  }
  return index === choices.length ? merged.join('\n') : undefined;
}

/** The whole merge with each conflict written in with git's markers, for resolving by hand. */
export function mergeWithMarkers(base: string, theirs: string, yours: string, theirsLabel: string): string {
  const result = merge(lines(yours), lines(base), lines(theirs), {
    excludeFalseConflicts: true,
    label: { a: 'Din versjon', b: theirsLabel },
  });
  return result.result.join('\n');
}

/** The conflicts of a merge (none when it is clean). */
export function conflictsOf(base: string, theirs: string, yours: string): MergeConflict[] {
  const result = mergeThreeWay(base, theirs, yours);
  return result.clean ? [] : result.conflicts;
}
