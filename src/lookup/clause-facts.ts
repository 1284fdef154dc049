/**
 * What a clause is about, read once when the index adds its text (issue 11: meaning retrieves clauses,
 * not only shared words): the situations its title and keywords name when the author gave no `situasjon=`
 * (terse agreements often give none), and whether its words are about cost, contact or disagreement.
 * The same reading as a question's (question.ts), so a clause and a question meet on meaning.
 */
import type { Clause } from '../format/types.js';
import { type Intent, interpret } from './question.js';

export interface DocFacts {
  /**
   * The clause's situation facets with their weight: those declared (`situasjon=`, 1) and those its title
   * and keywords name (0.6: «sluttet på skolen» in the keywords is a clause about youth who have left).
   */
  facets: Map<string, number>;
  /** What the title and keywords are about. */
  intents: Intent[];
  /**
   * The title or keywords name an age («Unge voksne 22–24 år», «under 18 år»): the clause is about an age
   * group, and a question about an age in its range is about it even without another shared word.
   */
  namesAge: boolean;
  /** The ages of a narrow named group (at most five years), under which the index lists it by age. */
  groupAges: number[];
}

/** A named age group this narrow or narrower is what a clause is about («22–24 år», «under 18»). */
const narrowGroup = 5;

/** A facet the clause's words name but its author did not declare weighs less. */
const inferredWeight = 0.6;

/** Read once per distinct clause text (declared facets are part of what makes it distinct). */
export function readDocFacts(clause: Pick<Clause, 'title' | 'keywords' | 'facets' | 'ages'>): DocFacts {
  const reading = interpret([clause.title, ...clause.keywords].join(', '));
  const facets = new Map<string, number>();
  // What the author declared is what the clause is about; its words are read only when there is nothing.
  if (clause.facets.length === 0) for (const facet of reading.facets) facets.set(facet, inferredWeight);
  for (const facet of clause.facets) facets.set(facet, 1);
  const namesAge = reading.age !== undefined;
  // The declared range when there is one (the title's «under 18» has no lower end), else the named one.
  const range = clause.ages ?? reading.age;
  const groupAges: number[] = [];
  if (namesAge && range?.min !== undefined && range.max !== undefined && range.max - range.min < narrowGroup)
    for (let age = range.min; age <= range.max; age += 1) groupAges.push(age);
  if (namesAge && range?.min === undefined && range?.max !== undefined)
    for (let age = Math.max(0, range.max - narrowGroup + 1); age <= range.max; age += 1) groupAges.push(age);
  return { facets, intents: reading.intents, namesAge, groupAges };
}

/** Keys under which the index lists a document as a candidate by meaning (see `ClauseIndex.byMeaning`). */
export function meaningKeys(facts: DocFacts): string[] {
  // By intent, only clauses *about* it («Uenighet om ansvar», «Kontaktpersoner»): every clause with a cost
  // bearer or every grey zone would make every «hvem betaler» a search of all clauses; those still weigh
  // more among the text hits (`answersIntent`).
  return [
    ...[...facts.facets.keys()].map((facet) => `facet:${facet}`),
    ...facts.intents.map((intent) => `intent:${intent}`),
    ...facts.groupAges.map((age) => `age:${age}`),
  ];
}

/** Whether the clause answers what the question asks beyond the situation. */
export function answersIntent(intent: Intent, clause: Clause, facts: DocFacts): number {
  const named = facts.intents.includes(intent);
  switch (intent) {
    case 'cost':
      return clause.costShares ? 1 : named ? 0.6 : 0;
    case 'contact':
      return named ? 1 : 0;
    case 'escalation':
      // A clause about disagreement itself answers best; a grey zone says where its own case goes.
      return named ? 1.5 : clause.status === 'grey' ? 0.5 : 0;
  }
}
