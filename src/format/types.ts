/** The meaning of an agreement file, in English, independent of its Norwegian syntax. */

export type AgreementKind = 'ramme' | 'del' | 'lokal';
export type AgreementStatus = 'utkast' | 'til-godkjenning' | 'godkjent' | 'erstattet' | 'utlopt';
export type ClauseStatus = 'settled' | 'grey';

export interface Party {
  id: string;
  name: string;
  partOf?: string;
}

export interface Signatory {
  name: string;
  role: string;
  party: string;
  date?: string;
}

export interface ContactRole {
  id: string;
  role: string;
  party: string;
  description?: string;
  /** Where to find the person who has the role now (a directory or the intranet): never a person in the file. */
  link?: string;
}

export interface AgeRange {
  min?: number;
  max?: number;
}

export interface SourcePoint {
  line: number;
  column: number;
}

/** One party's part of a clause's cost (`kostnad`); see `src/format/cost.ts`. */
export interface CostShare {
  party: string;
  /** Percent, when written (`nav:60`); absent when the parties share equally, or one party pays it all. */
  share?: number;
}

export interface Clause {
  id: string;
  title: string;
  status: ClauseStatus;
  /** Exactly one on a settled clause, never on a grey zone. */
  owner?: string;
  supporting: string[];
  ages?: AgeRange;
  facets: string[];
  keywords: string[];
  legalBasis?: string;
  /** Who pays: one party, or two or more sharing the cost. Absent when the clause does not say. */
  costShares?: CostShare[];
  contact?: string;
  escalation?: string;
  /** The clause body as plain text (for search and summaries). */
  text: string;
  /** The clause body as written, in Markdown. */
  markdown: string;
  position: SourcePoint;
}

export interface GlossaryEntry {
  term: string;
  aliases: string[];
  definition: string;
}

export interface AgreementMeta {
  id: string;
  title: string;
  kind: AgreementKind;
  parent?: string;
  /** `erstatter`: the agreement this one replaces from its `gyldig-fra`; approving this one ends that one. */
  replaces?: string;
  county: string;
  status: AgreementStatus;
  validFrom: string;
  validTo?: string;
  reviewBy?: string;
  escalation?: string;
  parties: Party[];
  signatories: Signatory[];
  contacts: ContactRole[];
  example: boolean;
  /**
   * A local agreement's municipalities, as its own text names those its NAV office serves («NAV-kontor for
   * Djupedal og Li»): read from the text, never written to the front matter.
   */
  served?: string[];
}

export interface Agreement {
  meta: AgreementMeta;
  clauses: Clause[];
  glossary: GlossaryEntry[];
}
