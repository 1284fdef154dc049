import { isWithin } from '../format/dates.js';
import type { AgreementMeta } from '../format/types.js';
import { describePeriod } from '../format/wording.js';
import { inForcePeriods, type Period, shiftDay } from './validity.js';

/**
 * Two umbrella agreements (`type: ramme`) for the same county in force on the same days: both would answer
 * every lookup for that county, each naming its own owners. Gjerde never lets that pass silently: drafting
 * warns at save, send and approve; `gjerde due`, `gjerde verify` and the integrity page list overlaps; and a
 * lookup answer says so. Pure functions over versions' metadata, so every reader uses the same rule.
 */

/** A stored version as overlaps read it: its metadata, and whether it may be in force at all (stored.ts). */
export interface StoredMeta {
  meta: AgreementMeta;
  valid: boolean;
  /** An unrecorded text a later commit withdrew: never in force (src/domain/text-approval.ts). */
  withdrawn?: boolean;
}

/** An agreement's versions as overlaps read them: metadata only, newest commit first. */
export interface AgreementHistory {
  id: string;
  versions: StoredMeta[];
}

export interface OverlapSide {
  id: string;
  title: string;
  /** The first day of its stretch in force that the overlap falls in. */
  since: string;
}

export interface Overlap {
  /** The county, as the first agreement writes it. */
  county: string;
  /** The two agreements: the one that took effect last first (the newcomer), then the one it overlaps. */
  agreements: [OverlapSide, OverlapSide];
  /** The days both are in force (inclusive; open-ended without `to`). */
  from: string;
  to?: string;
}

interface Stretch extends Period {
  side: { id: string; title: string };
  county: string;
}

/** Counties compare as people write them: case and surrounding spaces do not matter. */
function countyKey(county: string): string {
  return county.trim().toLocaleLowerCase('nb');
}

/** The days an agreement's version in force is an umbrella agreement, with that version's county and title. */
function umbrellaStretches(history: AgreementHistory): Stretch[] {
  const stretches: Stretch[] = [];
  for (const [version, periods] of inForcePeriods(history.versions)) {
    if (version.meta.kind !== 'ramme') continue;
    const side = { id: history.id, title: version.meta.title };
    for (const period of periods) stretches.push({ ...period, side, county: version.meta.county });
  }
  return stretches.sort((a, b) => a.from.localeCompare(b.from));
}

function intersect(a: Period, b: Period): Period | undefined {
  const from = a.from > b.from ? a.from : b.from;
  const ends = [a.to, b.to].filter((end): end is string => end !== undefined).sort();
  const to = ends[0];
  if (to !== undefined && to < from) return undefined;
  return to === undefined ? { from } : { from, to };
}

/** Overlaps of one stretch list with another, contiguous pieces of the same pair joined. */
function overlapsBetween(first: Stretch[], second: Stretch[]): Overlap[] {
  const found: Overlap[] = [];
  for (const a of first) {
    for (const b of second) {
      if (countyKey(a.county) !== countyKey(b.county)) continue;
      const shared = intersect(a, b);
      if (!shared) continue;
      const previous = found.at(-1);
      if (previous?.to !== undefined && shiftDay(previous.to, 1) === shared.from) {
        if (shared.to === undefined) delete previous.to;
        else previous.to = shared.to;
        continue;
      }
      const [newer, older] = a.from >= b.from ? [a, b] : [b, a];
      const overlap: Overlap = {
        county: newer.county,
        agreements: [
          { ...newer.side, since: newer.from },
          { ...older.side, since: older.from },
        ],
        from: shared.from,
      };
      if (shared.to !== undefined) overlap.to = shared.to;
      found.push(overlap);
    }
  }
  return found;
}

/** Every stretch of days on which two approved umbrella agreements of one county are both in force. */
export function umbrellaOverlaps(histories: AgreementHistory[]): Overlap[] {
  const stretches = histories.map(umbrellaStretches);
  const overlaps: Overlap[] = [];
  for (let i = 0; i < stretches.length; i += 1) {
    for (let j = i + 1; j < stretches.length; j += 1) {
      overlaps.push(...overlapsBetween(stretches[i] as Stretch[], stretches[j] as Stretch[]));
    }
  }
  return overlaps.sort((a, b) => a.county.localeCompare(b.county, 'nb') || a.from.localeCompare(b.from));
}

/** «‹a› og ‹b› gjelder begge for ‹county› ‹period›.», for lists of overlaps (verify, import). */
export function overlapSentence(overlap: Overlap): string {
  const [first, second] = overlap.agreements;
  return `«${first.id}» og «${second.id}» gjelder begge for ${overlap.county} ${describePeriod(overlap.from, overlap.to)}.`;
}

/** The overlaps that cover a date. */
export function overlapsOn(overlaps: Overlap[], date: string): Overlap[] {
  return overlaps.filter((overlap) => isWithin(date, overlap.from, overlap.to));
}

/** The overlaps on or after a date: the ones that still need to be resolved. */
export function overlapsFrom(overlaps: Overlap[], date: string): Overlap[] {
  return overlaps.filter((overlap) => overlap.to === undefined || overlap.to >= date);
}

/**
 * The approved umbrella agreements a version would overlap if it were approved as it stands: the other
 * agreements of its county in force during its own period (`gyldig-fra` … `gyldig-til`).
 */
export function plannedOverlaps(
  candidate: { id: string; meta: AgreementMeta },
  histories: AgreementHistory[],
): Overlap[] {
  const { meta } = candidate;
  if (meta.kind !== 'ramme' || !meta.validFrom) return [];
  const own: Stretch = {
    side: { id: candidate.id, title: meta.title },
    county: meta.county,
    from: meta.validFrom,
    ...(meta.validTo ? { to: meta.validTo } : {}),
  };
  return histories
    .filter((history) => history.id !== candidate.id)
    .flatMap((history) => overlapsBetween([own], umbrellaStretches(history)));
}
