/** Ids of agreements, parties, clauses and contact roles: stable, lower-case, safe in paths and URLs. */
const idPattern = /^[a-z0-9][a-z0-9-]{1,79}$/;

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && idPattern.test(value) && !value.endsWith('-');
}
