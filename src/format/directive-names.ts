import { clauseDirective } from './clauses.js';
import { glossaryDirective } from './glossary.js';

/** The blocks Gjerde reads; any other block is shown as ordinary text. */
const knownDirectives = [clauseDirective, glossaryDirective];

/**
 * The block a misspelt name was meant as (`:::ansvr`, `:::Ansvar`, `:::ordlsite`: any case, at most two
 * letters added, missing, changed or swapped), or undefined. Such a block is missing from the agreement as
 * written, which is an error; an unknown block far from both (`:::merknad`) is only a warning.
 */
export function meantDirective(name: string): string | undefined {
  const lower = name.toLowerCase();
  return knownDirectives.find((known) => known !== name && editDistance(lower, known) <= 2);
}

/** Edits (a letter added, removed, changed, or two neighbours swapped) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between the first i letters of a and the first j of b.
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const changed = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + changed);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}
