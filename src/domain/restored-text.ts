import type { AgreementMeta } from '../format/types.js';
import { recordsApproval } from './text-approval.js';

/**
 * A commit that puts an approved text back byte for byte (`git revert` of a plain-git change, a rename put
 * back) is that approved version, not a new one (docs/format.md, «Samme fil lagt tilbake»). Versions are
 * placed by `gyldig-fra` and, of equal first days, the latest commit governs: without this, the commit that
 * put the text back would stand as the version in force, saved on its own day and so «given effect» back to
 * the approved version's first day, with its revision in exports of dates before it existed. It stays in the
 * history as a commit (who, when, why), with no period of its own.
 */

/** A version of a file's history as `restoredVersions` reads it. */
export interface RestorationCandidate<R> {
  revision: R & { trailers: Readonly<Record<string, readonly string[]>> };
  /** Whether it may be in force at all: valid, approved, with a first day, not withdrawn. */
  governs: boolean;
  /** Its status and validity dates, from the front matter: two equal files have equal ones. */
  period: string;
  /** The file as committed, read only when its period is the last approved version's. */
  text: () => string | Promise<string>;
}

/**
 * For each version (newest first, as git log lists them), the approved version it puts back byte for byte:
 * the last version before it that may be in force, when the file is the same and its own commit records no
 * new approval. Undefined for every other version; a chain of such commits names the first approved one.
 */
export async function restoredVersions<R>(
  versions: readonly RestorationCandidate<R>[],
): Promise<(R | undefined)[]> {
  const restored: (R | undefined)[] = versions.map(() => undefined);
  let last: { candidate: RestorationCandidate<R>; version: R } | undefined;
  for (let position = versions.length - 1; position >= 0; position -= 1) {
    const candidate = versions[position] as RestorationCandidate<R>;
    if (!candidate.governs) continue;
    if (
      last !== undefined &&
      !recordsApproval(candidate.revision.trailers) &&
      candidate.period === last.candidate.period &&
      (await candidate.text()) === (await last.candidate.text())
    ) {
      restored[position] = last.version;
      continue;
    }
    last = { candidate, version: candidate.revision };
  }
  return restored;
}

/** A version's status and validity dates as `RestorationCandidate.period` compares them. */
export function periodOf(meta: Pick<AgreementMeta, 'status' | 'validFrom' | 'validTo'>): string {
  return `${meta.status} ${meta.validFrom} ${meta.validTo ?? ''}`;
}

/**
 * Whether `version` is `other` to a reader: the same commit, or a commit that put `other` back byte for byte.
 * Such a newest commit is no newer version of the one in force.
 */
export function sameVersion(
  version: { revision: { rev: string }; restores?: { rev: string } },
  other: { revision: { rev: string } } | undefined,
): boolean {
  if (other === undefined) return false;
  return (version.restores ?? version.revision).rev === other.revision.rev;
}
