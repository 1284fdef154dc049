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
