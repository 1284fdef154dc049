import { versionInForce } from '../domain/validity.js';
import type { AgreementMeta } from '../format/types.js';

/** A stretch of days, both ends inclusive; open-ended without `to`. */
export interface Period {
  from: string;
  to?: string;
}

function shiftDay(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * For each version, the days on which it was the version in force, by the same rule as reading an
 * agreement as of a date (`versionInForce`: validity dates, never commit dates). Between two boundaries
 * (a `gyldig-fra`, or the day after a `gyldig-til`) the set of versions covering a day is constant, so the
 * rule is asked once per stretch and equal neighbours are joined. `versions` are newest commit first.
 */
export function inForcePeriods<T extends { meta: AgreementMeta; valid: boolean }>(
  versions: T[],
): Map<T, Period[]> {
  const wrapped = versions.map((version) => ({
    agreement: { meta: version.meta },
    valid: version.valid,
    version,
  }));
  const boundaries = new Set<string>();
  for (const { meta } of versions) {
    if (!meta.validFrom) continue;
    boundaries.add(meta.validFrom);
    if (meta.validTo) boundaries.add(shiftDay(meta.validTo, 1));
  }
  const sorted = [...boundaries].sort();
  const periods = new Map<T, Period[]>();
  sorted.forEach((start, index) => {
    const next = sorted[index + 1];
    const owner = versionInForce(wrapped, start)?.version;
    if (!owner) return;
    const list = periods.get(owner) ?? [];
    const last = list[list.length - 1];
    if (last?.to !== undefined && shiftDay(last.to, 1) === start) {
      if (next === undefined) delete last.to;
      else last.to = shiftDay(next, -1);
    } else {
      list.push(next === undefined ? { from: start } : { from: start, to: shiftDay(next, -1) });
    }
    periods.set(owner, list);
  });
  return periods;
}

/** The calendar day a commit was saved, in the offset it was saved with (`2017-01-16T10:15:00+01:00`). */
export function savedOn(isoDate: string): string {
  return isoDate.slice(0, 10);
}

export interface PointInTime<T> {
  /** The version in force on the date, by validity dates. */
  inForce?: T;
  /**
   * The version in force on the date among those saved by then: differs from `inForce` when a later save
   * (a correction, a backdated approval) was given effect from before the date.
   */
  recordedThen?: T;
}

/** What an agreement said on a date, and what Gjerde held as in force on that date. Newest first. */
export function pointInTime<
  T extends { agreement: { meta: AgreementMeta }; valid: boolean; revision: { date: string } },
>(versions: T[], date: string): PointInTime<T> {
  const inForce = versionInForce(versions, date);
  const recordedThen = versionInForce(
    versions.filter((version) => savedOn(version.revision.date) <= date),
    date,
  );
  const result: PointInTime<T> = {};
  if (inForce) result.inForce = inForce;
  if (recordedThen) result.recordedThen = recordedThen;
  return result;
}
