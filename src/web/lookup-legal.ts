import { type LegalTable, repealedCitations } from '../domain/legal-references.js';

/**
 * A lookup answer's clauses that cite a repealed provision say so on their card: «Hjemmelen «…» er opphevet
 * fra …; nå: …». Only `date` and each result's `legalBasis` are read, so the lookup can change its insides.
 */
interface ShownClause {
  legalBasis: string | null;
}

type WithLegal = { legalBasisRepealed: string[] };

export function withLegalNotes<
  A extends { date: string; results: readonly ShownClause[]; elsewhere: readonly ShownClause[] },
>(
  legal: LegalTable,
  answer: A,
): Omit<A, 'results' | 'elsewhere'> & {
  results: (A['results'][number] & WithLegal)[];
  elsewhere: (A['elsewhere'][number] & WithLegal)[];
} {
  const note = <R extends ShownClause>(result: R): R & WithLegal => ({
    ...result,
    legalBasisRepealed: repealedCitations(legal, result.legalBasis ?? undefined, answer.date).map(
      (citation) => citation.text,
    ),
  });
  return { ...answer, results: answer.results.map(note), elsewhere: answer.elsewhere.map(note) };
}
