/**
 * What a clause is about, read once when the index adds its text (issue 11: meaning retrieves clauses,
 * not only shared words): the situations its title and keywords name when the author gave no `situasjon=`
 * (terse agreements often give none), and whether its words are about cost, contact or disagreement.
 * The same reading as a question's (question.ts), so a clause and a question meet on meaning.
 */
import type { Clause } from '../format/types.js';
import { type Intent, interpret } from './question.js';

export interface DocFacts {
  /** Facets read from the title and keywords (only used when the clause declares none). */
  inferredFacets: string[];
  /** What the title and keywords are about. */
  intents: Intent[];
}

export function readDocFacts(clause: Pick<Clause, 'title' | 'keywords'>): DocFacts {
  const reading = interpret([clause.title, ...clause.keywords].join(', '));
  return { inferredFacets: reading.facets, intents: reading.intents };
}

/**
 * A clause's situation facets: those declared (`situasjon=`) and those its title and keywords name
 * («sluttet på skolen» in the keywords is a clause about youth who have left), each with its weight.
 */
export function clauseFacets(clause: Clause, facts: DocFacts): Map<string, number> {
  const facets = new Map<string, number>();
  for (const facet of facts.inferredFacets) facets.set(facet, inferredWeight);
  for (const facet of clause.facets) facets.set(facet, 1);
  return facets;
}

/** A facet the clause's words name but its author did not declare weighs less. */
const inferredWeight = 0.6;

/** Whether the clause answers what the question asks beyond the situation. */
export function answersIntent(intent: Intent, clause: Clause, facts: DocFacts): number {
  const named = facts.intents.includes(intent);
  switch (intent) {
    case 'cost':
      return clause.costBearer ? 1 : named ? 0.6 : 0;
    case 'contact':
      return named ? 1 : 0;
    case 'escalation':
      // A clause about disagreement itself answers best; a grey zone says where its own case goes.
      return named ? 1.5 : clause.status === 'grey' ? 0.5 : 0;
  }
}
