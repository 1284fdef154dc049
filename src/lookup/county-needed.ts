/**
 * When the answer must ask for the county: the case's county is not known (no county chosen, none named in
 * the question, and none or several on the account) and the agreements of several counties answer the
 * question. Each
 * county's clause is right for its own county, so no one county's owner may be shown as *the* answer: a
 * person on a phone acts on the first card. The answer names the counties and the owner each one's best
 * clause gives, and the page asks which county the case is in.
 *
 * A county *leads* when its best clause scores at least `leadingShare` of the best clause's score. Across
 * counties the agreements are worded apart (nynorsk and bokmål, a terse matrix and long prose), so a clause
 * on the same thing scores well below the best more often than within one agreement (uncertainty.ts's
 * 85 %): half the best still meets the question; a question whose words meet only one county's clause (the
 * others' best far below) is answered plainly. Among several *known* counties (the person's, or those the
 * question names) the scores are not compared at all: each with a clause about the question's subject is
 * offered (`countyNeeded`'s `fits`).
 */
import type { ClauseStatus } from '../format/types.js';
import type { ScoredClause } from './grey-zones.js';
import type { InheritedCounty } from './successor-scope.js';

/**
 * Whether the scope leaves the case's county open: every county (none known), or several: the counties the
 * signed-in person works in (an account in two counties, a NAV unit serving two), or the counties the
 * question names («elev i Dalheim og Fjordvik …»). A case worker in Fjordvik and Lyngmark reads the first
 * cards as the answer; if they are Fjordvik's and the case is Lyngmark's, the owner is wrong, so they are
 * asked which county the case is in, among those.
 */
export function countyUnknown(scope: {
  counties: readonly string[] | null;
  source: string;
  inherited?: readonly InheritedCounty[];
}): boolean {
  if (scope.counties === null) return true;
  if (scope.source !== 'person' && scope.source !== 'question') return false;
  // A dissolved county in the scope is its successor's agreement, not another county the case may be in.
  const dissolved = new Set(scope.inherited?.map(({ split }) => split.county));
  return scope.counties.filter((county) => !dissolved.has(county)).length > 1;
}

/** A county's best clause leads when it scores at least this share of the best clause's score. */
export const leadingShare = 0.5;

/** A county whose agreements answer the question, and what its best clause says. */
export interface CountyChoice {
  county: string;
  agreementId: string;
  clauseId: string;
  clauseTitle: string;
  status: ClauseStatus;
  /** The owner its best clause gives the case to; null for a grey zone («uavklart»). */
  owner: { id: string; name: string } | null;
}

export interface CountyNeeded {
  /** The leading counties, in the answer's order (the best clause's county first). */
  counties: CountyChoice[];
}

function choice(county: string, scored: ScoredClause): CountyChoice {
  const { clause, version } = scored;
  const id = clause.status === 'settled' ? clause.owner : undefined;
  const name = version.agreement.meta.parties.find((party) => party.id === id)?.name ?? id;
  return {
    county,
    agreementId: version.agreementId,
    clauseId: clause.id,
    clauseTitle: clause.title,
    status: clause.status,
    owner: id === undefined ? null : { id, name: name ?? id },
  };
}

/**
 * @param sorted the answer's clauses when its scope is every county or several: one county's after
 *   another's, each county's best first (search.ts `byCounty`).
 * @param fits given when the scope is several known counties (the person's, or those the question names),
 *   not every county: each of these with a clause that fits (about the question's subject) is offered,
 *   however it scores against another's (when none fits, those that lead by score). The scores of two agreements worded apart do not compare
 *   (Innmark's best on «har sluttet på skolen» scored under a quarter of Sørholm's clause of that very
 *   title), and the case is in one of them. Among every county, only the leading ones are: a county far
 *   below did not meet the question.
 * @param countyOf a clause's county, as the answer names it.
 * @param successorsOf the counties that exist in a county's place on the day asked about: a county split
 *   before it is offered as its successors (its agreement applies in each until it has its own), never as a
 *   county that no longer exists.
 * @param shown the counties of the cards on the page: among every county each is offered.
 */
export function countyNeeded<T extends ScoredClause>(
  sorted: readonly T[],
  countyOf: (scored: T) => string,
  fits: ((scored: T) => boolean) | undefined,
  successorsOf: (county: string) => readonly string[] = (county) => [county],
  shown: ReadonlySet<string> = new Set(),
): CountyNeeded | null {
  const firsts = new Map<string, T>();
  // A county's best score, which its first clause may not have: a local clause that fits better comes
  // below the umbrella's when the case's place is not known (county-wide-first.ts), yet the county answers.
  const tops = new Map<string, number>();
  const fitting = new Set<string>();
  for (const scored of sorted) {
    const county = countyOf(scored);
    if (!firsts.has(county)) firsts.set(county, scored);
    tops.set(county, Math.max(tops.get(county) ?? 0, scored.score));
    if (fits?.(scored)) fitting.add(county);
  }
  const best = Math.max(0, ...tops.values());
  // When no county's clause fits, all are neighbours: those that lead by score are offered, as among all.
  // Among every county, one whose card is on the page is offered however low it scores: a real agreement's
  // card comes above the examples' (search.ts), and a chooser that leaves out the first card's county
  // reads as if that card were no county's.
  const leading = [...firsts].filter(([county]) =>
    fitting.size > 0
      ? fitting.has(county)
      : (tops.get(county) ?? 0) >= leadingShare * best || (fits === undefined && shown.has(county)),
  );
  const offered = new Map<string, CountyChoice>();
  for (const [county, scored] of leading)
    for (const successor of successorsOf(county))
      if (!offered.has(successor)) offered.set(successor, choice(successor, scored));
  return offered.size > 1 ? { counties: [...offered.values()] } : null;
}
