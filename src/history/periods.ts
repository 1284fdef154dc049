import { versionInForce } from '../domain/validity.js';
import type { AgreementMeta } from '../format/types.js';

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

/**
 * What an agreement said on a date, and what Gjerde held as in force on that date. Newest first; a version
 * marked `withdrawn` (Agreements.versions) is neither, on any date, though it was saved before it.
 */
export function pointInTime<
  T extends {
    agreement: { meta: AgreementMeta };
    valid: boolean;
    withdrawn?: boolean;
    revision: { date: string };
  },
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
