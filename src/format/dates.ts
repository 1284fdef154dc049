/** Calendar dates as `YYYY-MM-DD` strings: they compare correctly as strings. */
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in Norway, where agreements take effect. */
// Made once: creating an Intl formatter costs about a millisecond, and lookups ask for today often.
const osloDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });

export function today(): string {
  return osloDate.format(new Date());
}

/** Whether `date` falls within a validity period (both ends inclusive, open end when absent). */
export function isWithin(date: string, from: string, to?: string): boolean {
  return from <= date && (to === undefined || date <= to);
}
