import { type Change, diffLines, diffWordsWithSpace } from 'diff';

/**
 * Word-level redline of two texts with jsdiff, line first, then word: `diffLines` finds the changed
 * blocks, and `diffWordsWithSpace` runs only inside them (a 50,000-word document: 3.4 s word by word over
 * the whole text, 0.42 s this way).
 *
 * What a diff may cost is counted in work, not in time, so the same two texts always give the same redline,
 * however loaded the machine (a wall-clock budget made comparisons «partial» under load). Myers' diff costs
 * about the square of the edit distance it reaches (two unrelated texts: D = 4,000 tokens took 1.35 s of
 * CPU, D = 1,000 0.11 s), and jsdiff stops at `maxEditLength`. One budget of `maxEdits²` bounds the whole:
 * `diffLines` may spend all of it, then each changed block a share of what is left in proportion to its
 * size, so one huge unrelated block cannot starve the small ones after it. A block whose edit distance
 * exceeds its share is shown whole (old text, then new); when such blocks are most of the text, the pair is
 * "too different" and gets a message instead of a redline. A pathological pair can never hold the server.
 */

export type PartOp = 'same' | 'ins' | 'del';

export interface Part {
  op: PartOp;
  text: string;
}

export interface RedlineBlock {
  kind: 'same' | 'change';
  /** A `same` block has one `same` part; a change has word-level parts, or one `del` and one `ins` part. */
  parts: Part[];
  /** False when a change block was too different to diff word by word with the work left. */
  wordLevel: boolean;
  /** First line of the block in the old and the new text (1-based), and how many lines it has in each. */
  fromLine: number;
  toLine: number;
  fromLines: number;
  toLines: number;
}

export type RedlineStatus = 'identical' | 'ok' | 'partial' | 'too-different';

export interface Redline {
  status: RedlineStatus;
  /** Norwegian, for `partial` and `too-different`. */
  message?: string;
  /** Concatenating `same` + `del` parts gives the old text, `same` + `ins` the new one. Empty when too different. */
  blocks: RedlineBlock[];
  stats: { inserted: number; deleted: number; changes: number };
}

/**
 * The budget of a whole redline, as the edit distance (in tokens: words, spaces, lines) one diff could reach
 * with it: about 0.8 s of CPU for two unrelated texts (measured: 3,000 tokens 0.81 s, 4,500 1.75 s), which
 * only texts mostly rewritten reach.
 */
export const defaultRedlineEdits = 3000;

/**
 * The edit distance a clause's or section's text may reach word by word (≈0.15 s of CPU at worst): about 500
 * words rewritten. A text changed more is shown whole, old then new.
 */
export const shortTextEdits = 1000;

/** A changed block may reach at least this edit distance, from a reserve of a quarter of the budget. */
const minimumEdits = 200;

/** A change block that failed word by word and is larger than this share of the text makes the pair "too different". */
const tooDifferentShare = 0.5;

function lineCount(text: string): number {
  if (text === '') return 0;
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count += 1;
  return text.endsWith('\n') ? count : count + 1;
}

function words(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function tooDifferent(): Redline {
  return {
    status: 'too-different',
    message:
      'Versjonene er for ulike til å vise endringene ord for ord. ' +
      'Oversikten over endringer i punktene er likevel fullstendig. Les de to versjonene hver for seg for å se hele teksten.',
    blocks: [],
    stats: { inserted: 0, deleted: 0, changes: 0 },
  };
}

/** The edit distance a diff reached: the tokens it inserted and deleted. */
function editDistance(changes: Change[]): number {
  let distance = 0;
  for (const change of changes) if (change.added || change.removed) distance += change.count;
  return distance;
}

function toParts(changes: Change[]): Part[] {
  return changes.map((change) => ({
    op: change.added ? 'ins' : change.removed ? 'del' : 'same',
    text: change.value,
  }));
}

/** Word-level parts of two texts, or undefined when they are more than `maxEdits` tokens apart. */
export function wordParts(a: string, b: string, maxEdits = shortTextEdits): Part[] | undefined {
  const changes = diffWordsWithSpace(a, b, { maxEditLength: Math.max(1, Math.floor(maxEdits)) });
  return changes && toParts(changes);
}

/**
 * Word-level parts of short texts (`wordParts`), each pair diffed once. A compare diffs a changed clause's
 * Markdown for its word counts and its readable text for its redline, and for a clause of plain paragraphs
 * (in the benchmark's corpus every one) those are the same two texts: a fifth of the summary's time.
 */
export class WordDiffs {
  private readonly diffed = new Map<string, Map<string, Part[] | undefined>>();

  parts(a: string, b: string): Part[] | undefined {
    let withA = this.diffed.get(a);
    if (!withA) {
      withA = new Map();
      this.diffed.set(a, withA);
    }
    if (withA.has(b)) return withA.get(b);
    const parts = wordParts(a, b);
    withA.set(b, parts);
    return parts;
  }
}

/** Words inserted and deleted between two short texts, or undefined when they are more than `shortTextEdits` tokens apart. */
export function wordDiffStats(
  a: string,
  b: string,
  diffs = new WordDiffs(),
): { inserted: number; deleted: number } | undefined {
  const parts = diffs.parts(a, b);
  if (!parts) return undefined;
  let inserted = 0;
  let deleted = 0;
  for (const part of parts) {
    if (part.op === 'ins') inserted += words(part.text);
    else if (part.op === 'del') deleted += words(part.text);
  }
  return { inserted, deleted };
}

export function redline(a: string, b: string, maxEdits = defaultRedlineEdits): Redline {
  const stats = { inserted: 0, deleted: 0, changes: 0 };
  if (a === b) {
    const lines = lineCount(a);
    const blocks: RedlineBlock[] =
      a === ''
        ? []
        : [
            {
              kind: 'same',
              parts: [{ op: 'same', text: a }],
              wordLevel: true,
              fromLine: 1,
              toLine: 1,
              fromLines: lines,
              toLines: lines,
            },
          ];
    return { status: 'identical', blocks, stats };
  }
  // Work is counted as the square of the edit distance reached (what Myers' diff costs).
  let workLeft = maxEdits * maxEdits;
  const lineChanges = diffLines(a, b, { maxEditLength: Math.max(1, maxEdits) });
  if (!lineChanges) return tooDifferent();
  workLeft -= editDistance(lineChanges) ** 2;

  // First the blocks: unchanged runs, and changed runs (removed and added lines next to each other).
  type Run = { same: string } | { removed: string; added: string };
  const runs: Run[] = [];
  for (const change of lineChanges) {
    const last = runs[runs.length - 1];
    if (!change.added && !change.removed) runs.push({ same: change.value });
    else if (last && !('same' in last)) {
      if (change.removed) last.removed += change.value;
      else last.added += change.value;
    } else
      runs.push(change.removed ? { removed: change.value, added: '' } : { removed: '', added: change.value });
  }

  // Then word by word inside the changed runs. Each gets a share of the work left in proportion to its size,
  // so one huge unrelated block cannot starve the small ones after it; small blocks after it still get a
  // little from a reserve (a quarter of the budget), so the work is bounded.
  let changedLeft = 0;
  for (const run of runs)
    if (!('same' in run) && run.removed && run.added) changedLeft += run.removed.length + run.added.length;
  const blocks: RedlineBlock[] = [];
  let fromLine = 1;
  let toLine = 1;
  let failedChars = 0;
  let reserve = (maxEdits * maxEdits) / 4;
  for (const run of runs) {
    if ('same' in run) {
      const lines = lineCount(run.same);
      blocks.push({
        kind: 'same',
        parts: [{ op: 'same', text: run.same }],
        wordLevel: true,
        fromLine,
        toLine,
        fromLines: lines,
        toLines: lines,
      });
      fromLine += lines;
      toLine += lines;
      continue;
    }
    const { removed, added } = run;
    const fromLines = lineCount(removed);
    const toLines = lineCount(added);
    let parts: Part[] | undefined;
    if (removed === '') parts = [{ op: 'ins', text: added }];
    else if (added === '') parts = [{ op: 'del', text: removed }];
    else {
      const size = removed.length + added.length;
      const share = Math.max(0, (workLeft * size) / Math.max(changedLeft, 1));
      changedLeft -= size;
      let edits = Math.floor(Math.sqrt(share));
      const fromReserve = edits < minimumEdits && reserve >= minimumEdits * minimumEdits;
      if (fromReserve) edits = minimumEdits;
      const changes = edits > 0 ? diffWordsWithSpace(removed, added, { maxEditLength: edits }) : undefined;
      const spent = changes ? editDistance(changes) ** 2 : edits * edits;
      if (fromReserve) reserve -= spent;
      else workLeft -= spent;
      parts = changes && toParts(changes);
    }
    const wordLevel = parts !== undefined;
    if (!parts) {
      failedChars += Math.max(removed.length, added.length);
      parts = [
        { op: 'del', text: removed },
        { op: 'ins', text: added },
      ];
    }
    for (const part of parts) {
      if (part.op === 'ins') stats.inserted += words(part.text);
      else if (part.op === 'del') stats.deleted += words(part.text);
    }
    stats.changes += 1;
    blocks.push({ kind: 'change', parts, wordLevel, fromLine, toLine, fromLines, toLines });
    fromLine += fromLines;
    toLine += toLines;
  }

  if (failedChars > tooDifferentShare * Math.max(a.length, b.length)) return tooDifferent();
  if (failedChars > 0) {
    return {
      status: 'partial',
      message:
        'Noen avsnitt er for ulike til å vise ord for ord. De vises som hele avsnitt: først den gamle teksten, så den nye.',
      blocks,
      stats,
    };
  }
  return { status: 'ok', blocks, stats };
}

/** What a page shows of a redline: changes, a few lines of context around them, and folded stretches. */
export type Segment =
  | { kind: 'context'; text: string; fromLine: number; toLine: number }
  | { kind: 'folded'; text: string; lines: number; fromLine: number; toLine: number }
  | { kind: 'change'; parts: Part[]; wordLevel: boolean; fromLine: number; toLine: number };

/** Unchanged stretches longer than `2 × context + 1` lines are folded, keeping `context` lines next to changes. */
export function foldRedline(result: Redline, context = 3): Segment[] {
  const segments: Segment[] = [];
  const last = result.blocks.length - 1;
  result.blocks.forEach((block, index) => {
    if (block.kind === 'change') {
      segments.push({
        kind: 'change',
        parts: block.parts,
        wordLevel: block.wordLevel,
        fromLine: block.fromLine,
        toLine: block.toLine,
      });
      return;
    }
    const lines = (block.parts[0]?.text ?? '').split(/(?<=\n)/);
    const keepBefore = index === 0 ? 0 : context;
    const keepAfter = index === last ? 0 : context;
    const foldable = lines.length - keepBefore - keepAfter;
    if (foldable < 2) {
      segments.push({
        kind: 'context',
        text: lines.join(''),
        fromLine: block.fromLine,
        toLine: block.toLine,
      });
      return;
    }
    const head = lines.slice(0, keepBefore);
    const middle = lines.slice(keepBefore, keepBefore + foldable);
    const tail = lines.slice(keepBefore + foldable);
    if (head.length > 0)
      segments.push({ kind: 'context', text: head.join(''), fromLine: block.fromLine, toLine: block.toLine });
    segments.push({
      kind: 'folded',
      text: middle.join(''),
      lines: middle.length,
      fromLine: block.fromLine + keepBefore,
      toLine: block.toLine + keepBefore,
    });
    if (tail.length > 0) {
      const offset = keepBefore + foldable;
      segments.push({
        kind: 'context',
        text: tail.join(''),
        fromLine: block.fromLine + offset,
        toLine: block.toLine + offset,
      });
    }
  });
  return segments;
}

/** A unified-diff-like hunk: changes with their context, as word-level parts. */
export interface Hunk {
  fromLine: number;
  fromLines: number;
  toLine: number;
  toLines: number;
  parts: Part[];
}

/** The hunks of a folded redline: consecutive segments that are not folded. */
export function toHunks(segments: Segment[]): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  for (const segment of segments) {
    if (segment.kind === 'folded') {
      current = undefined;
      continue;
    }
    if (!current) {
      current = { fromLine: segment.fromLine, fromLines: 0, toLine: segment.toLine, toLines: 0, parts: [] };
      hunks.push(current);
    }
    const parts = segment.kind === 'context' ? [{ op: 'same' as const, text: segment.text }] : segment.parts;
    current.parts.push(...parts);
  }
  for (const hunk of hunks) {
    hunk.fromLines = lineCount(
      hunk.parts
        .filter((part) => part.op !== 'ins')
        .map((part) => part.text)
        .join(''),
    );
    hunk.toLines = lineCount(
      hunk.parts
        .filter((part) => part.op !== 'del')
        .map((part) => part.text)
        .join(''),
    );
  }
  // A redline of identical texts is all context: no hunks.
  return hunks.filter((hunk) => hunk.parts.some((part) => part.op !== 'same'));
}
