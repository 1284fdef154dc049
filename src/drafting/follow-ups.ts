/**
 * Promises of a follow-up in a clause's text: «saken tas opp igjen i 2025», «vurderes på nytt innen 1. mars
 * 2025», «Samarbeidsutvalget tar saken opp i 2026», «skal avklarast innan hausten 2025». A grey zone that
 * promised to be settled by a date, or any clause that promised to be looked at again, whose date has passed
 * needs attention (`gjerde due`, the front page). Simple patterns that say what they saw, bokmål and nynorsk.
 */
import type { Clause } from '../format/types.js';
import { months } from '../format/wording.js';

export interface FollowUp {
  /** The words that promised it, as written. */
  phrase: string;
  /** The last day it promised: a year's 31 December, a month's last day, a spring's 30 June. */
  deadline: string;
}

/** Verbs of taking something up again or settling it, as written in either language. */
const promise =
  /(?:tas|takast|vert teke|blir tatt|tar(?: \p{L}+){0,2}|tek(?: \p{L}+){0,2}) opp(?: igjen| att| på nytt)?|(?:vurderes|vurderast|avklares|avklarast|drøftes|drøftast|evalueres|evaluerast|revurderes|gjennomgås|behandles|behandlast)(?: på nytt| igjen| att)?/iu;
/** When: «i 2025», «innen 1. mars 2025», «innan hausten 2025», «før sommeren 2025», «i løpet av 2025». */
const when = new RegExp(
  `\\b(?:i løpet av|i|innen|innan|før|til|senest|høsten|hausten|våren)\\s+(?:(høsten|hausten|våren|sommeren)\\s+)?(?:(\\d{1,2})\\.\\s*)?(?:(${months.join('|')})\\s+)?((?:19|20)\\d{2})\\b`,
  'iu',
);

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function deadlineOf(match: RegExpExecArray): string | undefined {
  const [, season, day, monthName, yearText] = match;
  const year = Number(yearText);
  const month = monthName ? months.indexOf(monthName.toLowerCase()) + 1 : undefined;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (month && day) {
    const date = `${year}-${pad(month)}-${pad(Number(day))}`;
    return Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? undefined : date;
  }
  if (month) return lastDayOfMonth(year, month);
  const seasonWord = (season ?? /^(våren|sommeren)/iu.exec(match[0])?.[1] ?? '').toLowerCase();
  if (seasonWord === 'våren') return `${year}-06-30`;
  if (seasonWord === 'sommeren') return `${year}-08-31`;
  return `${year}-12-31`;
}

/** Each sentence of a clause's text that promises a follow-up by a date. */
export function followUps(clause: Pick<Clause, 'text'>): FollowUp[] {
  const found: FollowUp[] = [];
  // Sentences end at a full stop, not at the one after a day's number («innen 1. mars 2025»).
  for (const sentence of clause.text.split(/(?<=[^\d\s][.!?])\s+/u)) {
    const verb = promise.exec(sentence);
    if (!verb) continue;
    // Only a date after the verb is the promise's («ble ikke enige i 2023; saken tas opp igjen» has none).
    const match = when.exec(sentence.slice(verb.index));
    if (!match) continue;
    const deadline = deadlineOf(match);
    if (deadline) found.push({ phrase: sentence.trim(), deadline });
  }
  return found;
}

/** The promises whose date has passed on `today`. */
export function passedFollowUps(clause: Pick<Clause, 'text'>, today: string): FollowUp[] {
  return followUps(clause).filter((followUp) => followUp.deadline < today);
}
