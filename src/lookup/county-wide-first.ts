/**
 * A local agreement answers for its own area only. When the case's place is not known (none named, not the
 * asker's own office) or is another place, a local clause first in its county would be read as the county's
 * answer: «hvem betaler busskort for OT-elev» gave Lyngmark's first as Nesbygd's local clause (OT region
 * Nesbygd), while the umbrella gives the case to NAV everywhere else in Lyngmark. The county's best clause
 * that applies across it comes first instead, and the local one below it says where it applies («Lokal
 * avtale: gjelder bare Nesbygd»).
 */
import type { AgreementMeta } from '../format/types.js';
import type { IndexedVersion } from './clause-index.js';
import type { GreyContext, ScoredClause } from './grey-zones.js';

/**
 * A clause that applies across the county answers first when it is about what the question asks (one of its
 * subject words; without any, as much of its situation) and fits at least this share as well as the local
 * clause above it. The local clause's score already carries the ranking's discount for an unknown area, so
 * one that still leads by more is about something the wider agreement does not speak to: Lyngmark's
 * umbrella on travel to practice scores 0.69 of Nesbygd's bus-card clause and answers first; Fjordvik's on
 * 22–24-year-olds, whose one shared word is a date («1. august»), scores 0.52 of Strandby's routine for
 * young people without a school place in August, which stays first, marked as Strandby's; «fraværsoppfølging»
 * stays Strandby's absence clause, since nothing in Fjordvik's umbrella is about absence.
 */
export const countyWideShare = 0.6;

/**
 * Moves, in place, each county's best clause that applies across the county (or in the case's known area)
 * to the front of its county's run, when the run starts with a local clause not known to apply.
 * @param sorted the answer's clauses, one county's after another's (search.ts `byCounty`).
 * @param countyOf a clause's county, as the answer names it.
 * @param context the question's subject, and whether a local agreement is known to apply to the case.
 */
export function countyWideFirst<T extends ScoredClause>(
  sorted: T[],
  countyOf: (scored: T) => string,
  { appliesHere, aboutSubject }: Pick<GreyContext, 'appliesHere' | 'aboutSubject'>,
): void {
  const applies = (hit: T) => hit.version.agreement.meta.kind !== 'lokal' || appliesHere(hit.version);
  for (let start = 0; start < sorted.length; ) {
    const first = sorted[start] as T;
    const county = countyOf(first);
    let end = start + 1;
    while (end < sorted.length && countyOf(sorted[end] as T) === county) end += 1;
    if (!applies(first)) {
      const at = sorted
        .slice(start + 1, end)
        .findIndex(
          (hit) =>
            applies(hit) &&
            hit.score >= countyWideShare * first.score &&
            (aboutSubject ? aboutSubject(hit.doc) : hit.fit >= first.fit),
        );
      if (at >= 0) sorted.splice(start, 0, ...sorted.splice(start + 1 + at, 1));
    }
    start = end;
  }
}

/**
 * Whether the signed-in person holds one of the local agreement's own parties (its school, its office), not
 * one it shares with the agreements above it (the county's OT): a worker at Storhamn vgs asks about
 * Storhamn's cases, so Storhamn's local agreement is known to apply.
 * @param metaOf an agreement's front matter, for the agreements above (`overordnet`).
 */
export function holdsOwnParty(
  version: IndexedVersion,
  personParties: ReadonlySet<string>,
  metaOf: (agreementId: string) => AgreementMeta | undefined,
): boolean {
  if (personParties.size === 0) return false;
  const shared = new Set<string>();
  const seen = new Set<string>();
  for (let parent = version.agreement.meta.parent; parent !== undefined && !seen.has(parent); ) {
    seen.add(parent);
    const meta = metaOf(parent);
    for (const party of meta?.parties ?? []) shared.add(party.id);
    parent = meta?.parent;
  }
  return version.agreement.meta.parties.some(({ id }) => personParties.has(id) && !shared.has(id));
}
