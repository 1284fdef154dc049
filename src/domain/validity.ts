import { isWithin } from '../format/dates.js';
import type { AgreementMeta, AgreementStatus, Signatory } from '../format/types.js';

/** Statuses of a version that was approved; later status changes (superseded, expired) keep its period. */
const approvedStatuses = new Set<AgreementStatus>(['godkjent', 'erstattet', 'utlopt']);

export function isApproved(meta: Pick<AgreementMeta, 'status'>): boolean {
  return approvedStatuses.has(meta.status);
}

/**
 * Who signed a version, as pages, downloads and history show it: only an approved version is signed.
 * `signatarer` in a draft (typed in, or committed by hand) are nobody's signature; while a version awaits
 * approval, the approval page shows the approvals the approval path recorded.
 */
export function signedBy(meta: AgreementMeta): Signatory[] {
  return isApproved(meta) ? meta.signatories : [];
}

/** Whether a version may ever be in force: approved, with a first day. Others never govern. */
export function mayGovern(meta: Pick<AgreementMeta, 'status' | 'validFrom'>): boolean {
  return isApproved(meta) && Boolean(meta.validFrom);
}

type Dated = {
  agreement: { meta: Pick<AgreementMeta, 'status' | 'validFrom' | 'validTo'> };
  valid: boolean;
  /** An unrecorded text a later commit withdrew (src/domain/text-approval.ts, `withdrawnUnrecorded`). */
  withdrawn?: boolean;
  /** The approved version this commit put back byte for byte: that one is in force (src/domain/restored-text.ts). */
  restores?: unknown;
};

/**
 * The version that governs a date: the valid approved version that took effect last on or before it (of
 * equal start dates, the latest commit: an amendment), whether or not its period still covers the date.
 * A version the validator refuses (committed outside Gjerde) never governs, nor one withdrawn, nor a commit
 * that put an approved version back byte for byte (that version governs in its place). Newest commit first.
 */
export function governingVersion<T extends Dated>(versions: T[], date: string): T | undefined {
  let governing: T | undefined;
  for (const version of versions) {
    const { meta } = version.agreement;
    if (!version.valid || version.withdrawn || version.restores !== undefined) continue;
    if (!mayGovern(meta) || meta.validFrom > date) continue;
    if (!governing || meta.validFrom > governing.agreement.meta.validFrom) governing = version;
  }
  return governing;
}

/**
 * The version in force on a date, by validity dates (not commit dates): the governing version, if the date
 * is within its period. An earlier version never comes back after a later one ends: ending an agreement
 * is a version with a `gyldig-til`. `versions` are newest commit first, as git log gives them.
 */
export function versionInForce<T extends Dated>(versions: T[], date: string): T | undefined {
  const governing = governingVersion(versions, date);
  if (!governing) return undefined;
  const { validFrom, validTo } = governing.agreement.meta;
  return isWithin(date, validFrom, validTo) ? governing : undefined;
}

/** A stretch of days, both ends inclusive; open-ended without `to`. */
export interface Period {
  from: string;
  to?: string;
}

/** The date `days` days after (or before) `date`, `YYYY-MM-DD`. */
export function shiftDay(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A version read without its text: its front matter and what the history says of it. */
export interface VersionHeadLike {
  meta: AgreementMeta;
  valid: boolean;
  withdrawn?: boolean;
  restores?: unknown;
}

/** Version heads in the shape `versionInForce` reads, each keeping the head it came from. */
export function asDated<T extends VersionHeadLike>(versions: T[]) {
  return versions.map((version) => ({
    agreement: { meta: version.meta },
    valid: version.valid,
    withdrawn: version.withdrawn,
    restores: version.restores,
    version,
  }));
}

/**
 * For each version, the days on which it was the version in force, by the same rule as reading an
 * agreement as of a date (`versionInForce`: validity dates, never commit dates). Between two boundaries
 * (a `gyldig-fra`, or the day after a `gyldig-til`) the version in force cannot change, so the rule is
 * asked once per stretch and equal neighbours are joined. `versions` are newest commit first.
 */
export function inForcePeriods<T extends VersionHeadLike>(versions: T[]): Map<T, Period[]> {
  const wrapped = asDated(versions);
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
