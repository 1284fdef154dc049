/**
 * Whose agreements answer a person signed in to a successor county (felles/fylker.yaml): the dissolved county's
 * agreements too, on the days they apply there: before the split (the successor's area was part of the
 * dissolved county, whose agreements governed it) and after it, until the successor's own agreement replacing
 * one (`erstatter`) is in force. Someone in Heiane, which had no agreement of its own until April 2024, is
 * answered by the text of Kystfold og Heiane for a day in 2022 and for one in February 2024.
 */

import { sameCounty } from '../domain/county-spelling.js';
import { type CountyRegistry, type CountySplit, splitOf, succession } from '../domain/county-splits.js';
import { versionInForce } from '../domain/validity.js';
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

/**
 * The dissolved county's text that still governs the person's successor county when another successor has
 * continued the same agreement (its version in force is of that county, which answers only there): the version
 * of the dissolved county that would be in force on `date` without the continuation, unless the person's county
 * has its own agreement replacing it in force (`inForce`). Undefined when `meta` is not another successor's.
 */
export function inheritedVersion<T extends { agreement: { meta: AgreementMeta }; valid: boolean }>(
  inherited: readonly InheritedCounty[],
  meta: AgreementMeta,
  history: readonly T[],
  date: string,
  inForce: () => Iterable<AgreementMeta>,
): T | undefined {
  const from = inherited.find(
    ({ split, successors }) =>
      split.successors.some((successor) => sameCounty(successor.county, meta.county)) &&
      !successors.some((county) => sameCounty(county, meta.county)),
  );
  if (!from || !answersInSuccessor(from, meta.id, inForce())) return undefined;
  const dissolved = history.filter((version) => sameCounty(version.agreement.meta.county, from.split.county));
  return versionInForce(dissolved, date);
}

/** A successor county of the registry by the name given (as the registry spells it); undefined otherwise. */
export function successorNamed(
  splits: CountyRegistry | undefined,
  name: string | undefined,
): string | undefined {
  if (!splits || name === undefined) return undefined;
  for (const split of splits.splits)
    for (const successor of split.successors) if (sameCounty(successor.county, name)) return successor.county;
  return undefined;
}

/** The counties in a county's place on `date`: its successors when it was split by then, else itself. */
export function successorsOn(splits: CountyRegistry | undefined, county: string, date: string): string[] {
  const split = splits && splitOf(splits, county);
  return split && split.on <= date ? split.successors.map((successor) => successor.county) : [county];
}

/**
 * The counties there are on `date` in place of `counties`, sorted: a split county's successors from the split
 * on, and before it the county itself in place of a successor (which did not exist yet).
 */
export function countiesOn(
  splits: CountyRegistry | undefined,
  counties: readonly string[],
  date: string,
): string[] {
  const on = counties.flatMap((county) => {
    const before = splits?.splits.find(
      (split) =>
        split.on > date && split.successors.some((successor) => sameCounty(successor.county, county)),
    );
    return before ? [before.county] : successorsOn(splits, county, date);
  });
  return [...new Set(on)].sort((a, b) => a.localeCompare(b, 'nb'));
}
