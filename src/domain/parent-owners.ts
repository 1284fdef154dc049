import type { AgreementSummary } from './agreements.js';

/**
 * A part agreement (`type: del`) that gives a clause another owner than its umbrella agreement (`overordnet`)
 * gives the clause of the same id. The part agreement may mean it (a county's own arrangement), but two owners
 * for one duty answer a case worker's lookup side by side, so it is said as a warning — as two umbrella
 * agreements for one county are — by `gjerde validate`, `gjerde verify` and `/healthz`.
 */
export interface ParentOwnerConflict {
  id: string;
  parent: string;
  clause: string;
  owner: string;
  parentOwner: string;
}

/** The conflicts between the versions in force today (the latest when none is). */
export function parentOwnerConflicts(summaries: readonly AgreementSummary[]): ParentOwnerConflict[] {
  const shown = new Map(summaries.map((summary) => [summary.id, summary.inForce ?? summary.latest]));
  return [...shown.values()].flatMap((version) => {
    const { meta, clauses } = version.agreement;
    const parent = meta.parent === undefined ? undefined : shown.get(meta.parent);
    if (meta.kind !== 'del' || !parent) return [];
    const parentOwners = new Map(parent.agreement.clauses.map((clause) => [clause.id, clause.owner]));
    return clauses.flatMap((clause) => {
      const parentOwner = parentOwners.get(clause.id);
      if (!clause.owner || !parentOwner || clause.owner === parentOwner) return [];
      return [{ id: meta.id, parent: parent.id, clause: clause.id, owner: clause.owner, parentOwner }];
    });
  });
}

export function parentOwnerSentence(conflict: ParentOwnerConflict): string {
  return `Delavtalen «${conflict.id}» gir punktet #${conflict.clause} ansvarlig ${conflict.owner}, men rammeavtalen «${conflict.parent}» gir det ${conflict.parentOwner}.`;
}
