/**
 * Reference rows: two well-known search engines on the same documents (the lookup index's distinct clause
 * texts: title, keywords, body) and the same questions, each asked for its ten best. They answer less than
 * Gjerde does (no dates, filters, ages, grey zones or owners): they show what the scoring alone costs
 * elsewhere. SQLite FTS5 (through better-sqlite3, BM25 with Gjerde's field weights, the question's words
 * OR-ed, the last one as a prefix) and MiniSearch (prefix and fuzzy 0.2, the same boosts).
 */
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import type { ClauseIndex } from '../src/lookup/clause-index.js';
import { percentile } from './harness.js';

export interface PeerDocument {
  id: number;
  title: string;
  keywords: string;
  text: string;
}

export interface PeerFigures {
  engine: string;
  documents: number;
  buildMs: number;
  p50: number;
  p99: number;
  empty: number;
}

/** A bench hook into the lookup index: its distinct searchable clause texts, one document each. */
export function peerDocuments(index: ClauseIndex): PeerDocument[] {
  const documents = new Map<number, PeerDocument>();
  for (const agreementId of index.agreementIds())
    for (const version of index.history(agreementId))
      for (const { clause, doc } of version.clauses.values())
        if (!documents.has(doc))
          documents.set(doc, {
            id: doc,
            title: clause.title,
            keywords: clause.keywords.join(' '),
            text: clause.text,
          });
  return [...documents.values()];
}

function words(question: string): string[] {
  return question
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function timed(questions: string[], ask: (question: string) => number) {
  const times: number[] = [];
  let empty = 0;
  for (const question of questions) {
    const started = performance.now();
    if (ask(question) === 0) empty += 1;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), empty };
}

export function sqliteFts5(documents: PeerDocument[], questions: string[]): PeerFigures {
  const started = performance.now();
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, keywords, text, tokenize = 'unicode61')");
  const insert = db.prepare('INSERT INTO docs (rowid, title, keywords, text) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const doc of documents) insert.run(doc.id, doc.title, doc.keywords, doc.text);
  })();
  const buildMs = performance.now() - started;
  const search = db.prepare(
    'SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 3, 2.5, 1) LIMIT 10',
  );
  const figures = timed(questions, (question) => {
    const terms = words(question).map((word) => `"${word}"`);
    if (terms.length === 0) return 0;
    terms[terms.length - 1] += '*';
    return search.all(terms.join(' OR ')).length;
  });
  db.close();
  return { engine: 'SQLite FTS5', documents: documents.length, buildMs, ...figures };
}

export function miniSearch(documents: PeerDocument[], questions: string[]): PeerFigures {
  const started = performance.now();
  const engine = new MiniSearch<PeerDocument>({
    fields: ['title', 'keywords', 'text'],
    searchOptions: { boost: { title: 3, keywords: 2.5 }, prefix: true, fuzzy: 0.2 },
  });
  engine.addAll(documents);
  const buildMs = performance.now() - started;
  const figures = timed(questions, (question) => engine.search(question).slice(0, 10).length);
  return { engine: 'MiniSearch', documents: documents.length, buildMs, ...figures };
}
