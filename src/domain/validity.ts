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

/**
 * The version in force on a date, by validity dates (not commit dates): among valid approved versions whose
 * period covers the date, the one that took effect last; of equal start dates, the latest commit. A version
 * the validator refuses (committed outside Gjerde) is never in force: the last valid one stays.
 * `versions` are newest commit first, as git log gives them.
 */
export function versionInForce<
  T extends { agreement: { meta: Pick<AgreementMeta, 'status' | 'validFrom' | 'validTo'> }; valid: boolean },
>(versions: T[], date: string): T | undefined {
  let best: T | undefined;
  for (const version of versions) {
    const { meta } = version.agreement;
    if (
      !version.valid ||
      !isApproved(meta) ||
      !meta.validFrom ||
      !isWithin(date, meta.validFrom, meta.validTo)
    )
      continue;
    if (!best || meta.validFrom > best.agreement.meta.validFrom) best = version;
  }
  return best;
}
