/**
 * When the answer must not be read as one confident owner: a case worker acts on the first card, and a
 * wrong owner there is worse than no answer. When a clause just below fits nearly as well as the first and
 * gives the case to someone else (another owner, or «uavklart» against an owner), the words alone cannot
 * tell which one the case is: the answer says so plainly at the top (`owners-differ`).
 *
 * A grey zone that governs says so already (the answer's `caution`); then nothing more is said here.
 */
import type { IndexedVersion } from './clause-index.js';
import type { ScoredClause } from './grey-zones.js';

/** The next clause fits nearly as well as the first: at least this share of its score. */
export const closeShare = 0.85;
/** How far down such a clause is looked for (the cards a case worker sees without scrolling far). */
const depth = 3;

export const uncertainReasons = ['owners-differ'] as const;
export type UncertainReason = (typeof uncertainReasons)[number];

export interface Uncertainty {
  because: UncertainReason;
  /** What the answer says, in Norwegian. */
  message: string;
}

/** Who a clause gives the case to: its owner's id, or «uavklart» for a grey zone. */
function holder(scored: ScoredClause): string {
  return scored.clause.status === 'grey' ? 'uavklart' : (scored.clause.owner ?? '');
}

function holderName(scored: ScoredClause): string {
  if (scored.clause.status === 'grey') return '«uavklart»';
  const id = scored.clause.owner;
  return scored.version.agreement.meta.parties.find((party) => party.id === id)?.name ?? id ?? '';
}

/**
 * @param sorted the answer's clauses in the scope, best first (after a governing grey zone is moved up).
 * @param governed a grey zone governs the answer (the answer's `caution`).
 * @param appliesHere whether a local agreement is known to apply to the case: one that is not does not make
 *   the answer uncertain, since its card says the one place it applies («Lokal avtale: gjelder bare …»).
 */
export function uncertainty(
  sorted: readonly ScoredClause[],
  governed: boolean,
  appliesHere: (version: IndexedVersion) => boolean = () => true,
): Uncertainty | null {
  const [first] = sorted;
  if (!first || governed) return null;
  const next = sorted
    .slice(1, depth)
    .find(
      (other) =>
        other.score >= closeShare * first.score &&
        other.version.agreement.meta.county === first.version.agreement.meta.county &&
        (other.version.agreement.meta.kind !== 'lokal' || appliesHere(other.version)) &&
        holder(other) !== holder(first),
    );
  if (!next) return null;
  return {
    because: 'owners-differ',
    message: `Usikkert svar: to punkter passer nesten like godt, og de gir saken til ulike parter (${holderName(first)} og ${holderName(next)}). Les begge før du avgjør hvem som har ansvaret.`,
  };
}
