/**
 * The full-text part of the clause index: an inverted index scored with BM25+ as MiniSearch scores it
 * (same parameters, per-field document frequencies and field boosts, the same prefix and fuzzy weights,
 * and a result's score times the number of question terms it matches).
 *
 * Why not MiniSearch's own document index: measured on the benchmark corpus (19,000 distinct clause texts
 * over 20 years), MiniSearch builds a result object for every matching document before any filter can
 * drop it, ≈5 µs each; common words match thousands, so a question took 20–300 ms. Here a question's
 * matches are summed into typed arrays, documents not in force on the date are skipped in the loop, and
 * only the best are sorted (≈1–3 ms). MiniSearch's radix tree (`SearchableMap`) still finds the terms for
 * prefix and typo-tolerant (edit distance) matching.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { kthLargest } from './select.js';

export const fields = ['title', 'keywords', 'text', 'facets'] as const;
export type Field = (typeof fields)[number];

/** BM25+ parameters, MiniSearch's defaults. */
const k = 1.2;
const b = 0.7;
const d = 0.5;
/** MiniSearch's default weights of prefix and fuzzy matches. */
const prefixWeight = 0.375;
const fuzzyWeight = 0.45;
/** Term frequencies are kept per field in one number: 8 bits each, so at most 255. */
const maxFrequency = 255;

/**
 * A term's documents. Arrays while the index grows; typed arrays as kept (kept-index.ts), which a restart
 * reads as raw bytes (measured on the benchmark corpus: 27 ms against 442 ms for the same postings as
 * arrays, read object by object), until a document is added to the term.
 */
interface Postings {
  docs: number[] | Int32Array;
  /** Per document: the term's frequency in each field, 8 bits per field (title lowest). */
  frequencies: number[] | Uint32Array;
  /** Per field: how many documents have the term in that field. */
  fieldDocs: number[];
}

/** Document ids, ascending. */
export type DocumentList = readonly number[] | Int32Array;

export interface TermQuery {
  term: string;
  /** Multiplies the term's score (synonyms and compound parts weigh less than the words asked). */
  weight: number;
  prefix: boolean;
  /** Largest edit distance for typo-tolerant matching (0: none). */
  fuzzy: number;
  /**
   * Whether a match counts as one more of the question's terms matched (the score is multiplied by their
   * number). Compound parts do not: they are the same word of the question again.
   */
  counts?: boolean;
  /** Only these fields are scored (all when absent). */
  fields?: readonly Field[];
}

export interface Hit {
  doc: number;
  score: number;
}

/** What the index knows, as plain data (see `ClauseIndexSnapshot`). */
export interface TermIndexSnapshot {
  /** Each term with its id. */
  terms: [string, number][];
  postings: { docs: Int32Array; frequencies: Uint32Array; fieldDocs: number[] }[];
  lengths: Uint32Array[];
  totalLengths: number[];
  documents: number;
}

export class TermIndex {
  private termIds = new SearchableMap<number>();
  /**
   * The same ids by exact term, while the index is built here: a build looks up every word of 19,000
   * documents, and the radix tree's lookup walks and compares per edge (a twentieth of a cold build's CPU at
   * scale 1, and growing faster than the corpus). An index restored from the kept file has none (its
   * memory is the service's); it looks up in the tree.
   */
  private byTerm: Map<string, number> | undefined = new Map();
  private postings: Postings[] = [];
  /** Per document, per field: its length in terms. */
  private lengths: number[][] = fields.map(() => []);
  private totalLengths = fields.map(() => 0);
  private readonly scopeStatistics = new WeakMap<
    Uint8Array,
    { documents: number; count: number; averages: number[]; idf: Map<number, number[]> }
  >();
  private documents = 0;
  private scratch:
    | { scores: Float64Array; matched: Uint16Array; lastSource: Int32Array; visited: Uint8Array }
    | undefined;

  static restore(snapshot: TermIndexSnapshot): TermIndex {
    const index = new TermIndex();
    index.termIds = SearchableMap.from(snapshot.terms);
    index.byTerm = undefined;
    index.postings = snapshot.postings;
    index.lengths = snapshot.lengths.map((lengths) => Array.from(lengths));
    index.totalLengths = snapshot.totalLengths;
    index.documents = snapshot.documents;
    return index;
  }

  snapshot(): TermIndexSnapshot {
    return {
      terms: [...this.termIds.entries()],
      postings: this.postings.map(({ docs, frequencies, fieldDocs }) => ({
        docs: Int32Array.from(docs),
        frequencies: Uint32Array.from(frequencies),
        fieldDocs,
      })),
      lengths: this.lengths.map((lengths) => Uint32Array.from(lengths)),
      totalLengths: this.totalLengths,
      documents: this.documents,
    };
  }

  get documentCount(): number {
    return this.documents;
  }

  get termCount(): number {
    return this.postings.length;
  }

  /** Documents that have the term, in any field. */
  documentFrequency(term: string): number {
    const id = this.idOf(term);
    return id === undefined ? 0 : (this.postings[id] as Postings).docs.length;
  }

  has(term: string): boolean {
    return this.idOf(term) !== undefined;
  }

  /** The documents that have the term, in any field (ascending). */
  documentsWith(term: string): DocumentList {
    const id = this.idOf(term);
    return id === undefined ? [] : (this.postings[id] as Postings).docs;
  }

  /**
   * Whether the query term matches an index term as `search` matches it (exact, prefix, typo): the query is
   * expanded once, for asking about many terms.
   */
  matcher(query: TermQuery): (term: string) => boolean {
    const ids = this.expand(query);
    return (term) => {
      const id = this.idOf(term);
      return id !== undefined && ids.has(id);
    };
  }

  /** The documents of every index term the query term matches as `search` matches it (exact, prefix, typo). */
  documentsMatching(query: TermQuery): DocumentList[] {
    return [...this.expand(query).keys()].map((id) => (this.postings[id] as Postings).docs);
  }

  /** Every term in the index (for compound words). */
  *terms(): IterableIterator<string> {
    yield* this.termIds.keys();
  }

  /** Adds a document's terms per field; documents are numbered 0, 1, 2 … in the order they are added. */
  add(doc: number, terms: Record<Field, string[]>): void {
    if (doc !== this.documents)
      throw new Error(`documents are added in order: expected ${this.documents}, got ${doc}`);
    this.documents += 1;
    const counts = new Map<number, number>();
    fields.forEach((field, fieldIndex) => {
      const words = terms[field];
      (this.lengths[fieldIndex] as number[])[doc] = words.length;
      this.totalLengths[fieldIndex] = (this.totalLengths[fieldIndex] as number) + words.length;
      const shift = 8 * fieldIndex;
      const seen = new Set<number>();
      for (const word of words) {
        let id = this.idOf(word);
        if (id === undefined) {
          id = this.postings.push({ docs: [], frequencies: [], fieldDocs: fields.map(() => 0) }) - 1;
          this.termIds.set(word, id);
          this.byTerm?.set(word, id);
        }
        const packed = counts.get(id) ?? 0;
        const frequency = (packed >>> shift) & 0xff;
        if (frequency < maxFrequency) counts.set(id, packed + 2 ** shift);
        if (!seen.has(id)) {
          seen.add(id);
          const postings = this.postings[id] as Postings;
          postings.fieldDocs[fieldIndex] = (postings.fieldDocs[fieldIndex] as number) + 1;
        }
      }
    });
    for (const [id, packed] of counts) {
      const postings = this.postings[id] as Postings;
      if (!Array.isArray(postings.docs)) postings.docs = Array.from(postings.docs);
      if (!Array.isArray(postings.frequencies)) postings.frequencies = Array.from(postings.frequencies);
      postings.docs.push(doc);
      postings.frequencies.push(packed);
    }
  }

  /**
   * Scores the documents `allowed` marks (1) for the query terms, with field boosts; returns the matching
   * documents, best first, at most `limit`.
   */
  search(queries: TermQuery[], boosts: Record<Field, number>, allowed: Uint8Array, limit: number): Hit[] {
    const { scores, matched, lastSource, visited } = this.scratchFor(this.documents);
    const touched: number[] = [];
    const visits: number[] = [];
    // Statistics of the documents that may answer (the scope: a county's agreements in force on the date),
    // so that adding another county's agreements does not change the ranking inside this one.
    const scope = this.statistics(allowed);
    const fieldBoosts = fields.map((field) => boosts[field] ?? 1);
    queries.forEach((query, source) => {
      const scored = fields.map((field) => query.fields?.includes(field) ?? true);
      for (const [id, weight] of this.expand(query)) {
        const postings = this.postings[id] as Postings;
        const { docs, frequencies } = postings;
        let idf = scope.idf.get(id);
        if (!idf) {
          const inScope = [0, 0, 0, 0];
          for (let i = 0; i < docs.length; i += 1) {
            if (allowed[docs[i] as number] !== 1) continue;
            const packed = frequencies[i] as number;
            for (let field = 0; field < 4; field += 1)
              if ((packed >>> (8 * field)) & 0xff) inScope[field] = (inScope[field] as number) + 1;
          }
          idf = inScope.map((fieldDocs) => Math.log(1 + (scope.count - fieldDocs + 0.5) / (fieldDocs + 0.5)));
          scope.idf.set(id, idf);
        }
        const averages = scope.averages;
        for (let i = 0; i < docs.length; i += 1) {
          const doc = docs[i] as number;
          if (allowed[doc] !== 1) continue;
          const packed = frequencies[i] as number;
          let score = 0;
          for (let field = 0; field < 4; field += 1) {
            const frequency = (packed >>> (8 * field)) & 0xff;
            if (frequency === 0 || !scored[field]) continue;
            const length = (this.lengths[field] as number[])[doc] as number;
            const normalized =
              (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / (averages[field] as number)));
            score += (fieldBoosts[field] as number) * (idf[field] as number) * (d + normalized);
          }
          // The term is only in fields the query does not score.
          if (score === 0) continue;
          if (visited[doc] === 0) {
            visited[doc] = 1;
            visits.push(doc);
          }
          if (scores[doc] === 0) touched.push(doc);
          scores[doc] = (scores[doc] as number) + weight * query.weight * score;
          if (query.counts !== false && lastSource[doc] !== source) {
            lastSource[doc] = source;
            matched[doc] = (matched[doc] as number) + 1;
          }
        }
      }
    });
    for (const doc of touched) scores[doc] = (scores[doc] as number) * Math.max(1, matched[doc] as number);
    // Only the best `limit` are sorted: the limit-th best score is the cut.
    let cut = Number.NEGATIVE_INFINITY;
    if (touched.length > limit) {
      // Filled by a loop: `Float64Array.from` with a mapping function was a third of a question's time.
      const values = new Float64Array(touched.length);
      for (let i = 0; i < touched.length; i += 1) values[i] = scores[touched[i] as number] as number;
      cut = kthLargest(values, limit);
    }
    const hits: Hit[] = [];
    for (const doc of touched)
      if ((scores[doc] as number) >= cut) hits.push({ doc, score: scores[doc] as number });
    for (const doc of visits) {
      scores[doc] = 0;
      matched[doc] = 0;
      lastSource[doc] = -1;
      visited[doc] = 0;
    }
    hits.sort((left, right) => right.score - left.score);
    return hits.slice(0, limit);
  }

  /**
   * Per-document arrays for one search, reused by the next (searches run one at a time, and each clears
   * what it touched): allocating and zeroing them for every question cost more than the scoring.
   */
  private scratchFor(documents: number) {
    if (this.scratch?.scores.length !== documents)
      this.scratch = {
        scores: new Float64Array(documents),
        matched: new Uint16Array(documents),
        lastSource: new Int32Array(documents).fill(-1),
        visited: new Uint8Array(documents),
      };
    return this.scratch;
  }

  /** How many documents `allowed` marks, their average length per field, their idf per term (cached per array). */
  private statistics(allowed: Uint8Array): { count: number; averages: number[]; idf: Map<number, number[]> } {
    const cached = this.scopeStatistics.get(allowed);
    if (cached && cached.documents === this.documents) return cached;
    let count = 0;
    const totals = fields.map(() => 0);
    for (let doc = 0; doc < this.documents; doc += 1) {
      if (allowed[doc] !== 1) continue;
      count += 1;
      for (let field = 0; field < fields.length; field += 1)
        totals[field] = (totals[field] as number) + ((this.lengths[field] as number[])[doc] as number);
    }
    const result = {
      documents: this.documents,
      count,
      averages: totals.map((total) => (count === 0 ? 1 : total / count || 1)),
      // Per term: its inverse document frequency per field in these documents, filled as terms are asked.
      idf: new Map<number, number[]>(),
    };
    this.scopeStatistics.set(allowed, result);
    return result;
  }

  private idOf(term: string): number | undefined {
    return this.byTerm ? this.byTerm.get(term) : this.termIds.get(term);
  }

  /** The index terms a query term matches, with their weights: exact 1, prefix and fuzzy less. */
  private expand(query: TermQuery): Map<number, number> {
    const matches = new Map<number, number>();
    const exact = this.idOf(query.term);
    if (exact !== undefined) matches.set(exact, 1);
    if (query.prefix) {
      for (const [term, id] of this.termIds.atPrefix(query.term)) {
        const distance = term.length - query.term.length;
        if (distance > 0 && !matches.has(id))
          matches.set(id, (prefixWeight * term.length) / (term.length + 0.3 * distance));
      }
    }
    if (query.fuzzy > 0) {
      for (const [term, [id, distance]] of this.termIds.fuzzyGet(query.term, query.fuzzy)) {
        if (distance > 0 && !matches.has(id))
          matches.set(id, (fuzzyWeight * term.length) / (term.length + distance));
      }
    }
    return matches;
  }
}
