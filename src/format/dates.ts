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

/** What a refused date is told: the dates people type are read as the date fields show them. */
export const typeDateAs = 'Skriv datoen som dd.mm.åååå, for eksempel 12.06.2026.';

/** A date as Norwegians write it: `12.06.2026` (or `1.6.2026`, or `1.6.26`). */
const norwegianDatePattern = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;

/**
 * A year written with two digits («1.3.24», «høsten 24») is in this century: case workers write dates so,
 * every agreement Gjerde keeps is from after 2000, and the answer always says the date back in full
 * («1. mars 2024»), so a misreading is seen at once. Four digits are taken as written.
 */
export function fullYear(written: string): string {
  return written.length === 2 ? `20${written}` : written;
}

/**
 * A date typed into a date field of a page, which shows dates as `dd.mm.åååå` whatever the browser's
 * language: `12.06.2026` (or `12.6.26`, see `fullYear`) becomes `2026-06-12`; anything else is left as it
 * was, for the checks that follow to accept (`YYYY-MM-DD`) or refuse.
 */
export function isoDateOf(value: string): string {
  const match = norwegianDatePattern.exec(value.trim());
  if (!match) return value;
  const iso = `${fullYear(match[3] as string)}-${(match[2] as string).padStart(2, '0')}-${(match[1] as string).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : value;
}

/**
 * Why a date written with its day, month and year does not exist, in words (««31.02.2024» finnes ikke:
 * februar 2024 har 29 dager.»); undefined when it does. `written` is the date as the person wrote it.
 */
export function missingDate(written: string, year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `«${written}» finnes ikke: et år har bare 12 måneder.`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day >= 1 && day <= days) return undefined;
  const monthName = new Intl.DateTimeFormat('nb', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
  return `«${written}» finnes ikke: ${monthName} ${year} har ${days} dager.`;
}

/**
 * What a date field says of a value it refuses: why the day does not exist when it is written as a date
 * («31.06.2027» finnes ikke: juni 2027 har 30 dager), else how to write a date.
 */
export function dateProblem(value: string): string {
  const written = value.trim();
  const norwegian = norwegianDatePattern.exec(written);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(written);
  const [year, month, day] = norwegian
    ? [fullYear(norwegian[3] as string), norwegian[2], norwegian[1]]
    : [iso?.[1], iso?.[2], iso?.[3]];
  const missing =
    year && month && day ? missingDate(written, Number(year), Number(month), Number(day)) : undefined;
  return missing ?? typeDateAs;
}

/** `2026-06-12` as a date field shows it: `12.06.2026`; anything else as it is (what was typed). */
export function fieldDate(value: string | undefined): string {
  if (!isIsoDate(value)) return value ?? '';
  const [year, month, day] = value.split('-');
  return `${day}.${month}.${year}`;
}

/** The day before `date`, and the day after it (both `YYYY-MM-DD`). */
export function dayBefore(date: string): string {
  return shiftDay(date, -1);
}

export function dayAfter(date: string): string {
  return shiftDay(date, 1);
}

function shiftDay(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Today's date in Norway, where agreements take effect. */
// Made once: creating an Intl formatter costs about a millisecond, and lookups ask for today often.
const osloDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });

/** Today as last formatted, and the second it was formatted in: a request asks for it several times. */
let todayAsOf = { second: Number.NaN, date: '' };

export function today(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== todayAsOf.second) todayAsOf = { second, date: osloDate.format(now) };
  return todayAsOf.date;
}

/**
 * The day in Norway of a moment written with any offset (a commit's `2026-12-07T23:30:00+00:00` is 8 December
 * there): what a Norwegian date (a meeting, an approval) is compared with. A moment that cannot be read is
 * taken as written.
 */
export function dayInNorway(moment: string): string {
  const time = Date.parse(moment);
  return Number.isNaN(time) ? moment.slice(0, 10) : osloDate.format(time);
}

/** Whether `date` falls within a validity period (both ends inclusive, open end when absent). */
export function isWithin(date: string, from: string, to?: string): boolean {
  return from <= date && (to === undefined || date <= to);
}
