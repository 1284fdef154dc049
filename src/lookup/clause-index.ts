/**
 * The clause index: every approved version of every agreement, and a full-text index (term-index.ts) over
 * their responsibility clauses, able to answer for any date.
 *
 * - Versions: per agreement, the approved versions newest commit first (drafts never answer). Which one is
 *   in force on a date is `versionInForce` over them, by validity dates, exactly as the agreement pages
 *   decide it. The answer per date is cached (most questions are about today).
 * - Search documents are numbered in the order they are added; nothing is ever removed (a save adds a
 *   version, it never changes one).
 * - Clauses: most clauses are unchanged from one revision to the next. A search document is one distinct
 *   searchable clause (agreement id + clause id + its searchable text); each version lists its clauses with
 *   their documents. A hit counts only when the in-force version of its agreement has that clause with that
 *   document.
 * - What versions share is one object (a clause with its document, the parties and contacts of the
 *   metadata): 8,400 versions of 25 clauses hold 21,000 distinct clauses, and the kept index
 *   (kept-index.ts) is read back object by object, so every copy costs a restart time and heap.
 */
import { hash } from 'node:crypto';
import {
  lazily,
  recordsApproval,
  type TracedVersion,
  type TraceState,
  traceTextApprovals,
  type UnrecordedText,
  withdrawnUnrecorded,
} from '../domain/text-approval.js';
import { mayGovern, versionInForce } from '../domain/validity.js';
import { vouchedContent } from '../domain/vouched-content.js';
import type { VersionContent } from '../format/stored/version.js';
import type { AgreementMeta, Clause, GlossaryEntry } from '../format/types.js';
import { situationFacets } from '../format/vocabulary.js';
import type { Revision } from '../store/store.js';
import {
  type DocFacts,
  DocFactTable,
  type DocFactTableSnapshot,
  meaningKeys,
  readDocFacts,
} from './clause-facts.js';
import { compoundParts, rememberCompoundParts, terms } from './norwegian.js';
import { Synonyms } from './synonyms.js';
import { type Field, TermIndex, type TermIndexSnapshot } from './term-index.js';

export interface IndexedClause {
  clause: Clause;
  /** The search document of the clause's searchable text. */
  doc: number;
}

/** What a document's title, keywords, facets and ages give: its facts, where it is a candidate by meaning, their terms. */
interface Heading {
  facts: DocFacts;
  meaningKeys: string[];
  terms: Record<Exclude<Field, 'text'>, string[]>;
}

/** What the lookup reads of a version's commit (its message and trailers are not kept). */
export type IndexedRevision = Pick<Revision, 'rev' | 'date' | 'author'>;

/** One approved version of an agreement, as the index keeps it. */
export interface IndexedVersion {
  agreementId: string;
  revision: IndexedRevision;
  agreement: { meta: AgreementMeta; glossary: GlossaryEntry[] };
  /** In the file's order, ids unique; an unchanged clause is the same entry in every version. */
  clauses: readonly IndexedClause[];
  /** Only valid versions are indexed (build.ts). */
  valid: true;
  /** Whether its commit recorded the parties' approval (`Godkjent-av:`, src/domain/text-approval.ts). */
  recorded: boolean;
  /** Set when `status: godkjent` stands on clause content no recorded approval gave. */
  unrecorded?: UnrecordedText<IndexedRevision>;
  /** Set when a later version withdrew that unrecorded text: it no longer governs (`withdrawnUnrecorded`). */
  withdrawn?: boolean;
}

/** The clause content of an indexed version, as approvals compare it. */
function contentOf(version: IndexedVersion): () => string {
  return lazily(() =>
    vouchedContent({ ...version.agreement, clauses: version.clauses.map((entry) => entry.clause) }),
  );
}

/** Where the trace of recorded approvals stands after a history (newest first) of indexed versions. */
function traceStateOf(history: readonly IndexedVersion[]): TraceState<IndexedRevision> {
  const state: TraceState<IndexedRevision> = {};
  const [newest] = history;
  if (newest) state.previous = { content: contentOf(newest), finding: newest.unrecorded };
  const approved = history.find((version) => version.recorded);
  if (approved) state.approved = { revision: approved.revision, content: contentOf(approved) };
  return state;
}

/** Marks the unrecorded texts of a history (newest first) that a later version withdrew. */
function markWithdrawn(history: readonly IndexedVersion[]): void {
  if (!history.some((version) => version.unrecorded)) return;
  const withdrawn = withdrawnUnrecorded(
    history.map((version) => ({
      finding: version.unrecorded,
      validFrom: version.agreement.meta.validFrom,
      content: contentOf(version),
    })),
  );
  history.forEach((version, position) => {
    if (withdrawn[position]) version.withdrawn = true;
  });
}

/** The clause with this id of a version (if there is a version). */
export function clauseIn(version: IndexedVersion | undefined, id: string): Clause | undefined {
  return version?.clauses.find((entry) => entry.clause.id === id)?.clause;
}

/** Title and keywords are written in case workers' words; they weigh most. */
export const fieldBoosts: Record<Field, number> = { title: 3, keywords: 2.5, text: 1, facets: 1.2 };

const maxCachedPeriods = 128;

/**
 * What the index knows, as plain data that `v8.serialize` keeps whole (objects shared between versions stay
 * shared): for an index kept beside the data repository. What it derives (dates, timelines, compounds) is
 * not kept; it is derived again on demand.
 */
export interface ClauseIndexSnapshot {
  terms: TermIndexSnapshot;
  synonyms: string[][][];
  histories: Map<string, IndexedVersion[]>;
  docFacts: DocFactTableSnapshot;
  meaningDocs: Map<string, number[]>;
  /** Documents by a hash of their agreement, clause id and searchable text (see `docFor`). */
  docIds: Map<string, number>;
  knownRevisions: Set<string>;
  /** The index terms that are compounds, with their parts (norwegian.ts learns them by analysing words). */
  compoundParts: [string, readonly string[]][];
}

export class ClauseIndex {
  /** The full-text index over the distinct searchable clause texts. */
  readonly terms: TermIndex;
  /** Compound parts → the index terms that are compounds of them, built on demand. */
  private compoundIndex:
    | { terms: number; byPart: Map<string, { compound: string; tail: boolean }[]> }
    | undefined;
  readonly synonyms: Synonyms;
  private readonly histories: Map<string, IndexedVersion[]>;
  /** Per search document: what its words are about (clause-facts.ts), read once. */
  readonly facts: DocFactTable;
  /** `facet:<id>` and `intent:<intent>` → the documents that fit, ascending: candidates by meaning. */
  private readonly meaningDocs: Map<string, number[]>;
  private readonly docIds: Map<string, number>;
  /** What is in force, by validity period (see `validityPeriod`): the last few asked. */
  private readonly byPeriod = new Map<string, { versions: Map<string, IndexedVersion>; docs: Uint8Array }>();
  /** Every date on which some version's validity starts or the day after one ends, ascending. */
  private changeDates: string[] | undefined;
  private readonly knownRevisions: Set<string>;
  private readonly derivedValues = new Map<string, unknown>();
  private changes = 0;
  /** Per clause object, its document by agreement: a build meets each clause in many versions. */
  private readonly clauseDocs = new WeakMap<Clause, Map<string, number>>();
  /** Entries by document, and values by their JSON, that versions share (see the module comment). */
  private readonly entriesByDoc = new Map<number, IndexedClause[]>();
  private readonly sharedValues = new Map<string, unknown>();
  private readonly metaCopies = new WeakMap<AgreementMeta, AgreementMeta>();
  /**
   * What a document's heading gives (see `Heading`), by the heading: the benchmark corpus's 19,000 texts
   * have far fewer headings (a revision rewords a clause, seldom its title or keywords), and reading each
   * heading's meaning was 40 % of the indexing.
   */
  private readonly headings = new Map<string, Heading>();
  /** Per agreement: which version is in force from which date on (see `versionOn`). */
  private readonly timelines = new Map<
    string,
    { starts: string[]; versions: (IndexedVersion | undefined)[] }
  >();

  /** An empty index, or the one a snapshot was taken of. */
  constructor(snapshot?: ClauseIndexSnapshot) {
    this.terms = snapshot ? TermIndex.restore(snapshot.terms) : new TermIndex();
    this.synonyms = snapshot ? Synonyms.restore(snapshot.synonyms) : new Synonyms();
    this.histories = snapshot?.histories ?? new Map();
    this.facts = new DocFactTable(snapshot?.docFacts);
    this.meaningDocs = snapshot?.meaningDocs ?? new Map();
    this.docIds = snapshot?.docIds ?? new Map();
    this.knownRevisions = snapshot?.knownRevisions ?? new Set();
    if (snapshot) rememberCompoundParts(snapshot.compoundParts);
    // Derived, not kept: a kept index restores which texts are unrecorded.
    for (const history of this.histories.values()) markWithdrawn(history);
  }

  snapshot(): ClauseIndexSnapshot {
    return {
      terms: this.terms.snapshot(),
      synonyms: this.synonyms.snapshot(),
      histories: this.histories,
      docFacts: this.facts.snapshot(),
      meaningDocs: this.meaningDocs,
      docIds: this.docIds,
      knownRevisions: this.knownRevisions,
      compoundParts: [...this.terms.terms()].flatMap((term) => {
        const found = compoundParts(term);
        return found.length > 0 ? [[term, found] as [string, readonly string[]]] : [];
      }),
    };
  }

  /** Whether a version of this content can ever answer (only approved versions can). */
  static answers(meta: AgreementMeta): boolean {
    return mayGovern(meta);
  }

  /**
   * Adds the versions of one agreement, newest commit first (as git log gives them). Versions already
   * known (by commit) are skipped; a version newer than those known goes first.
   */
  addVersions(agreementId: string, versions: { revision: Revision; content: VersionContent }[]): void {
    const history = this.histories.get(agreementId) ?? [];
    const fresh: IndexedVersion[] = [];
    for (const { revision, content } of versions) {
      const key = `${agreementId}\0${revision.rev}`;
      if (this.knownRevisions.has(key) || !ClauseIndex.answers(content.meta)) continue;
      this.knownRevisions.add(key);
      fresh.push(this.indexVersion(agreementId, revision, content));
    }
    if (fresh.length === 0) return;
    this.traceApprovals(fresh, history);
    // Saves add the newest version; a build adds a whole history at once.
    const whole = history.length === 0 ? fresh : [...fresh, ...history];
    markWithdrawn(whole);
    this.histories.set(agreementId, whole);
    this.timelines.delete(agreementId);
    this.changeDates = undefined;
    this.byPeriod.clear();
    this.derivedValues.clear();
    this.changes += 1;
  }

  /** Marks the fresh versions (newest first) whose clause content no recorded approval gave. */
  private traceApprovals(fresh: IndexedVersion[], history: readonly IndexedVersion[]): void {
    const oldestFirst = [...fresh].reverse();
    const traced: TracedVersion<IndexedRevision>[] = oldestFirst.map((version) => ({
      revision: version.revision,
      recorded: version.recorded,
      content: contentOf(version),
    }));
    const { findings } = traceTextApprovals(traced, traceStateOf(history));
    findings.forEach((finding, position) => {
      if (finding) (oldestFirst[position] as IndexedVersion).unrecorded = finding;
    });
  }

  /** Raised whenever versions are added: what was derived from the versions before is out of date. */
  get changeCount(): number {
    return this.changes;
  }

  /** A value computed from the versions, kept until the next change (lists for filters, say). */
  derived<T>(key: string, compute: () => T): T {
    if (!this.derivedValues.has(key)) this.derivedValues.set(key, compute());
    return this.derivedValues.get(key) as T;
  }

  agreementIds(): string[] {
    return [...this.histories.keys()];
  }

  /** The approved versions of an agreement, newest commit first. */
  history(agreementId: string): readonly IndexedVersion[] {
    return this.histories.get(agreementId) ?? [];
  }

  /** The version in force on a date, per agreement (agreements not in force on that date are absent). */
  inForce(date: string): Map<string, IndexedVersion> {
    return this.onDate(date).versions;
  }

  /** Which search documents belong to a version in force on the date (1) or not (0), by document id. */
  docsInForce(date: string): Uint8Array {
    return this.onDate(date).docs;
  }

  /**
   * The first day of the validity period the date falls in ('' before any version's): the last date on or
   * before it where some version's validity starts or the day after one ends. What is in force is the same on
   * every day of a period, so what is made per date (the documents in force, a pool's arrays, its statistics)
   * is made once per period: a question at a date not asked before mostly falls in a period asked before.
   */
  validityPeriod(date: string): string {
    if (!this.changeDates) {
      const dates = new Set<string>();
      for (const history of this.histories.values())
        for (const change of boundaries(history)) dates.add(change);
      this.changeDates = [...dates].sort();
    }
    const found = lastOnOrBefore(this.changeDates, date);
    return found < 0 ? '' : (this.changeDates[found] as string);
  }

  private onDate(date: string): { versions: Map<string, IndexedVersion>; docs: Uint8Array } {
    const period = this.validityPeriod(date);
    const cached = this.byPeriod.get(period);
    if (cached) return cached;
    const versions = new Map<string, IndexedVersion>();
    const docs = new Uint8Array(this.documentCount);
    for (const id of this.histories.keys()) {
      const version = this.versionOn(id, date);
      if (!version) continue;
      versions.set(id, version);
      for (const entry of version.clauses) docs[entry.doc] = 1;
    }
    if (this.byPeriod.size >= maxCachedPeriods)
      this.byPeriod.delete(this.byPeriod.keys().next().value as string);
    const result = { versions, docs };
    this.byPeriod.set(period, result);
    return result;
  }

  /**
   * The version of an agreement in force on a date. `versionInForce` decides; it is asked once for each
   * date where the versions covering the date can change (a version's first day, the day after its last),
   * and a question's date is then looked up among those (measured: asking `versionInForce` for every
   * agreement on every new date took 5–15 ms on the benchmark corpus, this takes well under one).
   */
  versionOn(agreementId: string, date: string): IndexedVersion | undefined {
    const timeline = this.timeline(agreementId);
    const found = lastOnOrBefore(timeline.starts, date);
    return found < 0 ? undefined : timeline.versions[found];
  }

  /** The versions of an agreement in force after a date, each from its first day then, in order. */
  versionsAfter(agreementId: string, date: string): { from: string; version: IndexedVersion }[] {
    const { starts, versions } = this.timeline(agreementId);
    const current = this.versionOn(agreementId, date);
    const after: { from: string; version: IndexedVersion }[] = [];
    starts.forEach((from, place) => {
      const version = versions[place];
      if (from > date && version && version !== (after.at(-1)?.version ?? current))
        after.push({ from, version });
    });
    return after;
  }

  private timeline(agreementId: string) {
    let timeline = this.timelines.get(agreementId);
    if (!timeline) {
      const history = this.history(agreementId);
      const starts = [...boundaries(history)].sort();
      timeline = { starts, versions: starts.map((start) => versionInForce([...history], start)) };
      this.timelines.set(agreementId, timeline);
    }
    return timeline;
  }

  /** The share of search documents that have a term (0–1). */
  share(term: string): number {
    const count = this.documentCount;
    return count === 0 ? 0 : this.terms.documentFrequency(term) / count;
  }

  /** The documents listed under a meaning key (a facet or an intent they fit). */
  byMeaning(key: string): readonly number[] {
    return this.meaningDocs.get(key) ?? [];
  }

  get documentCount(): number {
    return this.terms.documentCount;
  }

  get versionCount(): number {
    let count = 0;
    for (const history of this.histories.values()) count += history.length;
    return count;
  }

  /** Whether a processed term is in the index. */
  hasTerm(term: string): boolean {
    return this.terms.has(term);
  }

  /**
   * Index terms that are compounds with `term` as a part, head or tail (lexicon-analysed, see
   * norwegian.ts): «kurs» finds «læreplasskurs», «oppfølging» finds «oppfølgingstjeneste».
   */
  compoundsWith(term: string): readonly { compound: string; tail: boolean }[] {
    if (this.compoundIndex?.terms !== this.terms.termCount) {
      const byPart = new Map<string, { compound: string; tail: boolean }[]>();
      for (const word of this.terms.terms()) {
        compoundParts(word).forEach((part, position) => {
          const list = byPart.get(part) ?? [];
          list.push({ compound: word, tail: position > 0 });
          byPart.set(part, list);
        });
      }
      this.compoundIndex = { terms: this.terms.termCount, byPart };
    }
    return this.compoundIndex.byPart.get(term) ?? [];
  }

  private indexVersion(agreementId: string, revision: Revision, content: VersionContent): IndexedVersion {
    const clauses: IndexedClause[] = [];
    const ids = new Set<string>();
    for (const clause of content.clauses) {
      if (!clause.id || ids.has(clause.id)) continue;
      ids.add(clause.id);
      clauses.push(this.entryFor(clause, this.docFor(agreementId, clause)));
    }
    this.synonyms.addGlossary(content.glossary);
    const agreement = { meta: this.sharedMeta(content.meta), glossary: this.shared(content.glossary) };
    return {
      agreementId,
      revision: { rev: revision.rev, date: revision.date, author: this.shared(revision.author) },
      agreement,
      clauses,
      valid: true,
      recorded: recordsApproval(revision.trailers),
    };
  }

  /** The one entry for this clause object and document. */
  private entryFor(clause: Clause, doc: number): IndexedClause {
    const entries = this.entriesByDoc.get(doc) ?? [];
    let entry = entries.find((known) => known.clause === clause);
    if (!entry) {
      entry = { clause, doc };
      entries.push(entry);
      this.entriesByDoc.set(doc, entries);
    }
    return entry;
  }

  /**
   * The metadata with the parts versions repeat (parties, signatories, contacts) shared. Equal metadata is
   * one object already (the reader shares what it read from equal front matter).
   */
  private sharedMeta(meta: AgreementMeta): AgreementMeta {
    let shared = this.metaCopies.get(meta);
    if (!shared) {
      shared = {
        ...meta,
        parties: this.shared(meta.parties),
        signatories: this.shared(meta.signatories),
        contacts: this.shared(meta.contacts),
      };
      this.metaCopies.set(meta, shared);
    }
    return shared;
  }

  /** One object for equal values (compared by their JSON). */
  private shared<T>(value: T): T {
    const key = JSON.stringify(value);
    const known = this.sharedValues.get(key);
    if (known !== undefined) return known as T;
    this.sharedValues.set(key, value);
    return value;
  }

  private docFor(agreementId: string, clause: Clause): number {
    const known = this.clauseDocs.get(clause)?.get(agreementId);
    if (known !== undefined) return known;
    const doc = this.docForText(agreementId, clause);
    const byAgreement = this.clauseDocs.get(clause) ?? new Map<string, number>();
    byAgreement.set(agreementId, doc);
    this.clauseDocs.set(clause, byAgreement);
    return doc;
  }

  private docForText(agreementId: string, clause: Clause): number {
    const fields: Record<Field, string> = {
      title: clause.title,
      keywords: clause.keywords.join(', '),
      text: clause.text,
      facets: clause.facets.map((facet) => situationFacets[facet] ?? facet).join(', '),
    };
    // A hash, not the text: the map lives as long as the index and is kept with it. One call (`hash`), not
    // a Hash object per text: a third of the time for the 21,000 texts of a build.
    const key = hash(
      'sha1',
      `${agreementId}\0${clause.id}\0${fields.title}\0${fields.keywords}\0${fields.text}\0${fields.facets}`,
      'base64',
    );
    const known = this.docIds.get(key);
    if (known !== undefined) return known;
    const id = this.documentCount;
    const heading = this.headingOf(clause, fields);
    this.facts.add(heading.facts);
    for (const key of heading.meaningKeys) {
      const list = this.meaningDocs.get(key) ?? [];
      list.push(id);
      this.meaningDocs.set(key, list);
    }
    this.docIds.set(key, id);
    this.terms.add(id, { ...heading.terms, text: terms(fields.text) });
    return id;
  }

  private headingOf(clause: Clause, fields: Record<Field, string>): Heading {
    // `fields` is made from these: the title, the keywords and facets joined, and the ages are all the
    // heading's facts and terms are read from.
    const key = `${clause.title}\0${fields.keywords}\0${clause.facets.join(' ')}\0${clause.ages?.min}\0${clause.ages?.max}`;
    let heading = this.headings.get(key);
    if (!heading) {
      const facts = readDocFacts(clause);
      heading = {
        facts,
        meaningKeys: meaningKeys(facts),
        terms: { title: terms(fields.title), keywords: terms(fields.keywords), facets: terms(fields.facets) },
      };
      this.headings.set(key, heading);
    }
    return heading;
  }
}

/** The dates where the versions of a history in force can change: a version's first day, the day after its last. */
function boundaries(history: readonly IndexedVersion[]): Set<string> {
  const dates = new Set<string>();
  for (const { agreement } of history) {
    if (agreement.meta.validFrom) dates.add(agreement.meta.validFrom);
    if (agreement.meta.validTo) dates.add(dayAfter(agreement.meta.validTo));
  }
  return dates;
}

/** The place of the last of the ascending dates on or before `date` (-1: none). */
function lastOnOrBefore(dates: readonly string[], date: string): number {
  let low = 0;
  let high = dates.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((dates[middle] as string) <= date) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function dayAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
