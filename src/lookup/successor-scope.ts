/**
 * Whose agreements answer a person signed in to a successor county (felles/fylker.yaml): the dissolved county's
 * agreements too, on the days they apply there: before the split (the successor's area was part of the
 * dissolved county, whose agreements governed it) and after it, until the successor's own agreement replacing
 * one (`erstatter`) is in force. Someone in Heiane, which had no agreement of its own until April 2024, is
 * answered by the text of Kystfold og Heiane for a day in 2022 and for one in February 2024.
 */

import { sameCounty } from '../domain/county-spelling.js';
import { type CountyRegistry, type CountySplit, succession } from '../domain/county-splits.js';
import type { AgreementMeta } from '../format/types.js';

/** A dissolved county whose agreements may answer for the person, and which of their counties succeeded it. */
export interface InheritedCounty {
  split: CountySplit;
  successors: string[];
}

/** The dissolved counties the person's counties succeeded (none without a registry). */
export function inheritedCounties(
  splits: CountyRegistry | undefined,
  counties: Iterable<string>,
): InheritedCounty[] {
  if (!splits) return [];
  const own = [...counties];
  return splits.splits.flatMap((split) => {
    const successors = own.filter((county) => succession(splits, split.county, county) !== undefined);
    return successors.length > 0 ? [{ split, successors }] : [];
  });
}

/**
 * Whether a version of an inherited county's agreement answers on the day the versions in force (`inForce`)
 * are for: one of the person's successor counties has no agreement in force that replaces it. Before the
 * split none can: the version in force then governed the whole county.
 */
export function answersInSuccessor(
  inherited: InheritedCounty,
  agreementId: string,
  inForce: Iterable<AgreementMeta>,
): boolean {
  const versions = [...inForce];
  return inherited.successors.some(
    (county) => !versions.some((meta) => meta.replaces === agreementId && sameCounty(meta.county, county)),
  );
}
