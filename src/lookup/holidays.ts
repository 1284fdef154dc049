/**
 * Holidays and school breaks a question may date itself by («jul 2022», «påska 2020», «vinterferien 2024»,
 * «påskereise hjem 2021», «romjula 2024»): the day that stands for each in a year, and the days it spans, so «før jul 2022»
 * is the day before it began and «etter påske 2020» the day after it ended. Read as the middle of the year
 * (1 July), «jul 2022» answered under the version before the one in force that December.
 */

/** A holiday in a year: the day that stands for it, the day before which is before it, and after which is after. */
export interface HolidayDays {
  day: string;
  first: string;
  last: string;
}

/**
 * A holiday's name as a question writes it, inflected or as a compound's head («jula», «påsken»,
 * «juleferie», «påskereise», «vinterferien»). Not «juli» (July) nor «jul.» (its short form).
 */
export const holidayPattern =
  'romjul\\p{L}*|jul(?:a|en|e\\p{L}+)?|påsk(?:e|en|a)\\p{L}*|(?:vinter|høst|haust|sommer|sommar)ferie\\p{L}*';

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Easter Sunday of a year (the Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Monday of an ISO week. */
function weekMonday(year: number, week: number): Date {
  const january4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = addDays(january4, -((january4.getUTCDay() + 6) % 7));
  return addDays(mondayOfWeek1, (week - 1) * 7);
}

/** A school break of one week: most counties have winter break in week 9 and autumn break in week 40. */
function breakWeek(year: number, week: number): HolidayDays {
  const monday = weekMonday(year, week);
  return { day: iso(monday), first: iso(monday), last: iso(addDays(monday, 6)) };
}

/** The holiday a written name stands for in a year, or undefined when the word names none. */
export function holidayIn(written: string, year: number): HolidayDays | undefined {
  const word = written.toLowerCase();
  if (/^påsk/u.test(word)) {
    const easter = new Date(`${easterSunday(year)}T00:00:00Z`);
    // Palm Sunday to Easter Monday: the days a school's Easter break and flights home are about.
    return { day: iso(easter), first: iso(addDays(easter, -7)), last: iso(addDays(easter, 1)) };
  }
  // «Etter jul 2021» is the spring term of 2021, as schools say it: after the Christmas break the year began
  // with, which ends on New Year's Day. «Før jul 2021» is the autumn before Christmas 2021.
  // Romjula: the days between Christmas and New Year.
  if (/^romjul/u.test(word)) return { day: `${year}-12-28`, first: `${year}-12-27`, last: `${year}-12-31` };
  if (/^jul/u.test(word)) return { day: `${year}-12-24`, first: `${year}-12-24`, last: `${year}-01-01` };
  if (/^vinterferie/u.test(word)) return breakWeek(year, 9);
  if (/^(?:høst|haust)ferie/u.test(word)) return breakWeek(year, 40);
  if (/^(?:sommer|sommar)ferie/u.test(word))
    return { day: `${year}-07-01`, first: `${year}-06-20`, last: `${year}-08-15` };
  return undefined;
}
