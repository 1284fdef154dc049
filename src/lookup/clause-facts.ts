/**
 * What a clause is about, read once when the index adds its text (issue 11: meaning retrieves clauses,
 * not only shared words): the situations its title and keywords name when the author gave no `situasjon=`
 * (terse agreements often give none), and whether its words are about cost, contact or disagreement.
 * The same reading as a question's (question.ts), so a clause and a question meet on meaning.
 */
import type { Clause } from '../format/types.js';
import { situationFacets } from '../format/vocabulary.js';
import { type Intent, interpret, namesHandOver } from './question.js';

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
  /**
   * The title is about handing the young person over («Skulen melder frå til OT når ein elev sluttar»): the
   * clause gives the party that hands over a duty, and answers who owns the case only when that is asked.
   */
  handsOver: boolean;
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
  return { facets, intents: reading.intents, namesAge, groupAges, handsOver: namesHandOver(clause.title) };
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

/** The situation facets as the columns of `DocFactTable`. */
const facetColumns = new Map(Object.keys(situationFacets).map((facet, column) => [facet, column]));
const columns = facetColumns.size;
const intentBits: Record<Intent, number> = { cost: 1, contact: 2, escalation: 4 };
const namesAgeBit = 8;
const handsOverBit = 16;

/** A set of situation facets as a bit mask over `DocFactTable`'s columns (facets not in the vocabulary: none). */
export function facetMask(facets: readonly string[]): number {
  let mask = 0;
  for (const facet of facets) {
    const column = facetColumns.get(facet);
    if (column !== undefined) mask |= 1 << column;
  }
  return mask;
}

/** What a `DocFactTable` keeps, as plain typed arrays (for the kept index). */
export interface DocFactTableSnapshot {
  weights: Float64Array;
  masks: Uint16Array;
  facetCounts: Uint8Array;
  flags: Uint8Array;
}

/**
 * The facts of every search document in typed arrays, so that weighing a candidate is a few array reads
 * rather than a `Map` and an array per document (the ranking weighs hundreds of candidates per question):
 * per document its facet weights (a row of one column per situation facet), its facets as a bit mask and
 * their number (facets outside the vocabulary count there only), what its words are about and whether they
 * name an age.
 */
export class DocFactTable {
  private weights: Float64Array;
  private masks: Uint16Array;
  private facetCounts: Uint8Array;
  private flags: Uint8Array;
  private count: number;

  constructor(snapshot?: DocFactTableSnapshot) {
    this.weights = snapshot?.weights ?? new Float64Array(1024 * columns);
    this.masks = snapshot?.masks ?? new Uint16Array(1024);
    this.facetCounts = snapshot?.facetCounts ?? new Uint8Array(1024);
    this.flags = snapshot?.flags ?? new Uint8Array(1024);
    this.count = snapshot ? snapshot.masks.length : 0;
  }

  snapshot(): DocFactTableSnapshot {
    return {
      weights: this.weights.slice(0, this.count * columns),
      masks: this.masks.slice(0, this.count),
      facetCounts: this.facetCounts.slice(0, this.count),
      flags: this.flags.slice(0, this.count),
    };
  }

  /** Adds the next document's facts. */
  add(facts: DocFacts): void {
    if (this.count === this.masks.length) this.grow();
    const doc = this.count;
    this.count += 1;
    for (const [facet, weight] of facts.facets) {
      const column = facetColumns.get(facet);
      if (column === undefined) continue;
      this.weights[doc * columns + column] = weight;
      this.masks[doc] = (this.masks[doc] as number) | (1 << column);
    }
    this.facetCounts[doc] = Math.min(255, facts.facets.size);
    let flags = (facts.namesAge ? namesAgeBit : 0) | (facts.handsOver ? handsOverBit : 0);
    for (const intent of facts.intents) flags |= intentBits[intent];
    this.flags[doc] = flags;
  }

  /** The document's weight for a facet (0 when it is not about it). */
  weight(doc: number, facet: string): number {
    const column = facetColumns.get(facet);
    // The mask first: the row of weights is far from the ranking's other reads (a cache miss per candidate).
    if (column === undefined || ((this.masks[doc] as number) & (1 << column)) === 0) return 0;
    return this.weights[doc * columns + column] as number;
  }

  /** The document's facets in the vocabulary, as a bit mask (see `facetMask`). */
  mask(doc: number): number {
    return this.masks[doc] as number;
  }

  /** How many facets the document has (with any outside the vocabulary). */
  facetCount(doc: number): number {
    return this.facetCounts[doc] as number;
  }

  names(doc: number, intent: Intent): boolean {
    return ((this.flags[doc] as number) & intentBits[intent]) !== 0;
  }

  namesAge(doc: number): boolean {
    return ((this.flags[doc] as number) & namesAgeBit) !== 0;
  }

  handsOver(doc: number): boolean {
    return ((this.flags[doc] as number) & handsOverBit) !== 0;
  }

  private grow(): void {
    const size = Math.max(1024, this.masks.length * 2);
    this.weights = copyInto(this.weights, new Float64Array(size * columns));
    this.masks = copyInto(this.masks, new Uint16Array(size));
    this.facetCounts = copyInto(this.facetCounts, new Uint8Array(size));
    this.flags = copyInto(this.flags, new Uint8Array(size));
  }
}

function copyInto<T extends Float64Array | Uint16Array | Uint8Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/** Whether the clause answers what the question asks beyond the situation (`named`: its words are about it). */
export function answersIntent(intent: Intent, clause: Clause, named: boolean): number {
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
