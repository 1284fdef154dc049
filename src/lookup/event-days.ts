/**
 * The day an event a question dates itself by took effect in the agreements asked about, read from their own
 * text: a new law the agreements took up later than the law's day («etter nye opplæringsloven», when the
 * agreement moved 21–24-year-olds to OT from its version of 1 January 2025 «etter ny opplæringslov»), and a
 * committee decision a clause records («etter vedtaket i SU 2021», when a clause says «Avgjort i
 * samarbeidsutvalget 18. mars 2021»). An event no version records is read as before: the law's day, the year.
 */
import { dayBefore } from '../format/dates.js';
import { months } from '../format/wording.js';
import type { IndexedVersion } from './clause-index.js';

/** The versions of the agreements asked about, oldest first by the day they took effect. */
function byStart(versions: readonly IndexedVersion[]): IndexedVersion[] {
  return [...versions].sort((a, b) => a.agreement.meta.validFrom.localeCompare(b.agreement.meta.validFrom));
}

function saysIt(version: IndexedVersion, pattern: RegExp): boolean {
  return version.clauses.some(({ clause }) => pattern.test(clause.text) || pattern.test(clause.title));
}

/**
 * After a new law: the first day on or after the law's day that a version which says it follows the new law
 * took effect («etter ny opplæringslov»), since the question asks about the time under the law as the
 * agreements apply it; undefined when none says so (the law's day stands).
 */
export function lawTakenUpDay(
  versions: readonly IndexedVersion[],
  lawDay: string,
  saysNewLaw: RegExp,
): string | undefined {
  return byStart(versions).find(
    (version) => version.agreement.meta.validFrom >= lawDay && saysIt(version, saysNewLaw),
  )?.agreement.meta.validFrom;
}

/** A decision as a clause records it: «Avgjort i samarbeidsutvalget 18. mars 2021», «vedtatt … 24.11.2022». */
const recordedDecision = new RegExp(
  `\\b(?:vedtak|vedtatt|vedteke|avgjort|avgjord|besluttet|beslutta|bestemt)\\b[^.:;]{0,60}?\\b(\\d{1,2})\\.\\s*(?:(${months.join('|')})\\s+|(\\d{1,2})\\.)(20\\d\\d)\\b`,
  'giu',
);

/** The decisions a version's clauses record, as days. */
function decisionsOf(version: IndexedVersion): string[] {
  return version.clauses.flatMap(({ clause }) =>
    [...clause.text.matchAll(recordedDecision)].map((match) => {
      const month = match[2] ? months.indexOf((match[2] as string).toLowerCase()) + 1 : Number(match[3]);
      return `${match[4]}-${String(month).padStart(2, '0')}-${(match[1] as string).padStart(2, '0')}`;
    }),
  );
}

/**
 * Before or after a decision in a year (and month, when the question names one) that a clause of the asked
 * agreements records: before it is the day before the decision; after it the day the first version recording
 * it took effect (a decision changes who does what from then, not from the meeting).
 */
export function decisionDay(
  versions: readonly IndexedVersion[],
  decision: { before: boolean; year: string; month?: number },
): string | undefined {
  const prefix = decision.month
    ? `${decision.year}-${String(decision.month).padStart(2, '0')}-`
    : `${decision.year}-`;
  for (const version of byStart(versions)) {
    const decided = decisionsOf(version).find((day) => day.startsWith(prefix));
    if (decided === undefined) continue;
    if (decision.before) return dayBefore(decided);
    const from = version.agreement.meta.validFrom;
    return from > decided ? from : decided;
  }
  return undefined;
}
