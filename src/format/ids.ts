/** Ids of agreements, parties, clauses and contact roles: stable, lower-case, safe in paths and URLs. */
const idPattern = /^[a-z0-9][a-z0-9-]{1,79}$/;

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && idPattern.test(value) && !value.endsWith('-');
}

/** A name as an id-like slug for file names and anchors: `Sørholm` → `sorholm`, `OT-klasse` → `ot-klasse`. */
export function slugOf(name: string): string {
  return name
    .toLocaleLowerCase('nb')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * An id from a title, for a person who never types one: «PC til deltakere i OT-klassen» →
 * `pc-til-deltakere-i-ot-klassen`, with `-2`, `-3` … when it is taken. Made once, when the thing is
 * first saved; the id stays when the title changes later, so links and lookups keep working.
 */
export function idFromTitle(title: string, taken: Iterable<string> = [], fallback = 'punkt'): string {
  const folded = slugOf(title).slice(0, 60).replace(/-+$/, '');
  const base = folded.length >= 2 ? folded : fallback;
  const used = new Set(taken);
  let id = base;
  for (let number = 2; used.has(id); number += 1) id = `${base}-${number}`;
  return id;
}
