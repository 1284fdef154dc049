import type { Part } from './redline.js';

/** Shapes shared by the history modules (timeline, compare, clause history). */

export type ChangeCategory =
  /** Who owns the situation, grey zone or settled, who supports, who pays. */
  | 'responsibility'
  /** Whom the clause applies to: ages, situation facets, legal basis. */
  | 'condition'
  /** Title, keywords, contact, escalation. */
  | 'other'
  /** The clause's own text. */
  | 'text'
  /** The agreement's metadata: validity, status, parties, signatories, contacts. */
  | 'meta'
  | 'glossary'
  /** Text outside the clauses, by section heading. */
  | 'section';

export interface Change {
  /** What changed, e.g. `owner`, `ages`, `validity`, `party:ot`. */
  field: string;
  category: ChangeCategory;
  /** Plain Norwegian, without the clause title, e.g. "ansvarlig endret fra X til Y". */
  text: string;
  /** The old and new value as shown to people, where one value describes the change. */
  from?: string;
  to?: string;
  /** A prose section's text as it reads, inserted and deleted words marked. */
  redline?: Part[];
  /** What changed, as a table row names it («Gyldig», «Signatar»); set on the agreement's metadata. */
  label?: string;
}

/** Who saved a revision, when and why. */
export interface RevisionInfo {
  rev: string;
  date: string;
  author: { name: string; email: string };
  reason: string;
  trailers: Record<string, string[]>;
  path: string;
}
