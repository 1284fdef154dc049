/**
 * Unclear cases (saksregister for samarbeidsutvalget), in English, independent of the file's Norwegian
 * syntax (case-file.ts). A case is an anonymous description of a situation where the parties disagree or
 * the agreement is silent, taken to the cooperation committee, and what the committee did with it.
 */
import type { AgeRange } from '../format/types.js';

/**
 * `apen`: waiting for the committee. `eskalert`: a question of principle sent on to the steering group
 * (still waiting). `avgjort`: decided; the decision is a precedent. `dekket`: closed, the agreement
 * already answers it (the clause that does is named).
 */
export type CaseStatus = 'apen' | 'eskalert' | 'avgjort' | 'dekket';

export const caseStatuses: Record<CaseStatus, string> = {
  apen: 'Åpen',
  eskalert: 'Sendt til styringsgruppen',
  avgjort: 'Avgjort',
  dekket: 'Dekket av avtalen',
};

/** Waiting for someone to act on it: the committee's (or the steering group's) queue. */
export function isOpen(status: CaseStatus): boolean {
  return status === 'apen' || status === 'eskalert';
}

export interface Decision {
  date: string;
  /** Who decided: «Samarbeidsutvalget i Fjordvik», or the steering group. */
  by: string;
  /** The party that has the responsibility after the decision, if it names one. */
  owner?: string;
  text: string;
}

export interface Escalation {
  date: string;
  /** «Styringsgruppen». */
  to: string;
  /** Why it is a question of principle. */
  text: string;
}

export interface Covered {
  date: string;
  /** The clause that answers the case (in the case's agreement or one above it). */
  agreementId: string;
  clauseId: string;
  text: string;
}

export interface Amendment {
  /** The draft of the agreement that turns the decision into a clause. */
  agreementId: string;
  rev: string;
  date: string;
}

export interface UnclearCase {
  id: string;
  title: string;
  status: CaseStatus;
  agreementId: string;
  /** The clause the case concerns; none when nothing in the agreement fits. */
  clauseId?: string;
  /** The agreement's county when the case was raised (for lists; scope is checked on the agreement). */
  county: string;
  /** The party that raised the case. */
  raisedBy: string;
  /** The date it was raised. */
  raised: string;
  ages?: AgeRange;
  facets: string[];
  /** The situation, anonymously. */
  situation: string;
  /** What the parties disagree about. */
  disagreement: string;
  escalation?: Escalation;
  decision?: Decision;
  covered?: Covered;
  amendment?: Amendment;
}
