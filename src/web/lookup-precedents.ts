import type { Cases } from '../cases/cases.js';
import { clauseKey } from '../cases/precedents.js';
import type { AgeRange } from '../format/types.js';
import { presentPrecedent, raiseHref } from './cases-present.js';

/**
 * The seam between the lookup and the case register: a lookup answer (API or page) gets the decisions of
 * the cooperation committee that concern it — on each clause it shows, and for the situation it was
 * asked about — and the links for raising a case from it. Only the few fields below are read from the
 * answer, so the lookup can change its insides freely.
 */

interface AnswerShape {
  date: string;
  question: { age: AgeRange | null; facets: readonly string[] };
  filters: { county: string | null; agreement: string | null };
  results: readonly ShownClause[];
  /** Other counties' clauses, shown apart. */
  elsewhere?: readonly ShownClause[];
}

interface ShownClause {
  agreementId: string;
  clauseId: string;
  county: string;
}

type Presented = ReturnType<typeof presentPrecedent>;
type WithPrecedents = { precedents: Presented[]; raiseHref: string };

export async function withPrecedents<A extends AnswerShape>(
  cases: Cases,
  answer: A,
): Promise<
  Omit<A, 'results' | 'elsewhere'> & {
    results: (A['results'][number] & WithPrecedents)[];
    elsewhere: (NonNullable<A['elsewhere']>[number] & WithPrecedents)[];
    precedents: Presented[];
    raiseHref: string;
  }
> {
  const found = await cases.precedents({
    date: answer.date,
    county: answer.filters.county,
    age: answer.question.age,
    facets: answer.question.facets,
    results: answer.results,
    elsewhere: answer.elsewhere ?? [],
  });
  const situation = {
    age: answer.question.age,
    facets: answer.question.facets,
  };
  const withOwn = <R extends ShownClause>(result: R): R & WithPrecedents => ({
    ...result,
    precedents: (found.byClause.get(clauseKey(result.agreementId, result.clauseId)) ?? []).map(
      presentPrecedent,
    ),
    raiseHref: raiseHref({ ...situation, agreement: result.agreementId, clause: result.clauseId }),
  });
  return {
    ...answer,
    results: answer.results.map(withOwn),
    elsewhere: (answer.elsewhere ?? []).map(withOwn),
    precedents: found.bySituation.map(presentPrecedent),
    raiseHref: raiseHref({
      ...situation,
      agreement: answer.filters.agreement ?? answer.results[0]?.agreementId,
    }),
  };
}
