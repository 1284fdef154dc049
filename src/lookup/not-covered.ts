/**
 * When no clause covers the question: the answer must say so, and give the route for unclear cases, rather
 * than let a weak neighbour stand as *the* answer. A case worker acts on the first card.
 *
 * `not-yet`: the question asks about a day before the clause that answers it today existed. Asked today,
 * the agreements answer with a clause that was not in force on the day asked about, and of the clauses that
 * were in force then they rank the day's own first clause best (or show none of them). On that day the agreements said nothing about the case: the day's first clause
 * is only the nearest neighbour («PC til OT-klassen i 2022», when the committee decided the PC in 2025).
 */
import type { IndexedVersion } from './clause-index.js';

export const notCoveredReasons = ['not-yet'] as const;
export type NotCoveredReason = (typeof notCoveredReasons)[number];

export interface NotCovered {
  because: NotCoveredReason;
  /** What the answer says, in Norwegian. */
  message: string;
  /** The clause that answers the question today, which was not there on the day asked about (`not-yet`). */
  later: { agreementId: string; clauseId: string; clauseTitle: string } | null;
}

/** A result as this rule reads it. */
interface Ranked {
  agreementId: string;
  clauseId: string;
  clauseTitle: string;
  status: string;
}

function sameClause(a: Ranked, b: Ranked): boolean {
  return a.agreementId === b.agreementId && a.clauseId === b.clauseId;
}

/**
 * @param onDay the answer's results for the day asked about, best first.
 * @param today the same question's results asked today (same scope), best first.
 * @param inForceOnDay the scope's agreements in force on the day asked about.
 */
export function notYetCovered(
  onDay: readonly Ranked[],
  today: readonly Ranked[],
  inForceOnDay: ReadonlyMap<string, IndexedVersion>,
): NotCovered | null {
  const [first] = onDay;
  const [answerToday] = today;
  // A grey zone first already says the agreement leaves the case open, and where it goes.
  if (!first || !answerToday || first.status === 'grey' || sameClause(first, answerToday)) return null;
  const existed = (result: Ranked) =>
    inForceOnDay.get(result.agreementId)?.clauses.some((entry) => entry.clause.id === result.clauseId) ===
    true;
  if (existed(answerToday)) return null;
  // Of the clauses that were there on the day, today's ranking must put the day's first one first (or show
  // none of them, far below the new clause): only the new clause came between, so the day's first was the
  // nearest clause, not another reading of the question.
  const oldBest = today.find(existed);
  if (oldBest && !sameClause(oldBest, first)) return null;
  return {
    because: 'not-yet',
    message: `Avtalen sa ikke noe om dette på den datoen du spør om. Punktet som svarer i dag, «${answerToday.clauseTitle}», kom inn senere.`,
    later: {
      agreementId: answerToday.agreementId,
      clauseId: answerToday.clauseId,
      clauseTitle: answerToday.clauseTitle,
    },
  };
}
