/**
 * A grey zone and a settled clause that both have some of the question's subject words (grey-zones.ts): the
 * one with more of them is about what the question asks. A grey zone with fewer does not govern, whether it
 * comes first on its own or would be lifted over the settled clause, and no «Obs» is given for it.
 */
import { describe, expect, it } from '@jest/globals';
import type { Clause } from '../../src/format/types.js';
import type { IndexedVersion } from '../../src/lookup/clause-index.js';
import { type GreyContext, governingGreyZone, type ScoredClause } from '../../src/lookup/grey-zones.js';

const version = {
  agreementId: 'vestmark-ramme',
  agreement: { meta: { county: 'Vestmark', kind: 'ramme' } },
} as unknown as IndexedVersion;

function scored(doc: number, status: 'grey' | 'settled', score: number, fit = 1): ScoredClause {
  const clause = { id: `punkt-${doc}`, status, facets: ['elev'] } as unknown as Clause;
  return { version, clause, score, doc, fit, ageGroup: false };
}

/** Subject words by document: how many of the question's rare words each clause has. */
function context(words: Record<number, number>): GreyContext {
  return {
    aboutSubject: (doc) => (words[doc] ?? 0) > 0,
    subjectCount: (doc) => words[doc] ?? 0,
    aboutThing: () => undefined,
    thingAskedOutright: false,
    appliesHere: () => true,
    narrowerCase: () => false,
    asksNoKeyword: () => false,
  };
}

const ids = (list: ScoredClause[]) => list.map((hit) => hit.clause.id);

describe('a grey zone governs only when it has as many of the subject words as the settled clause', () => {
  it('a grey zone first with fewer subject words yields to the settled clause, with no «Obs»', () => {
    const list = [scored(1, 'grey', 100), scored(2, 'settled', 90), scored(3, 'settled', 40)];
    expect(governingGreyZone(list, context({ 1: 1, 2: 2 }))).toBeUndefined();
    expect(ids(list)).toEqual(['punkt-2', 'punkt-1', 'punkt-3']);
  });

  it('a grey zone first with as many subject words governs, and the answer says so', () => {
    const list = [scored(1, 'grey', 100), scored(2, 'settled', 90)];
    expect(governingGreyZone(list, context({ 1: 2, 2: 2 }))?.clause.id).toBe('punkt-1');
    expect(ids(list)).toEqual(['punkt-1', 'punkt-2']);
  });

  it('a grey zone below with fewer subject words is not lifted over the settled clause', () => {
    const list = [scored(2, 'settled', 100), scored(1, 'grey', 90)];
    expect(governingGreyZone(list, context({ 1: 1, 2: 2 }))).toBeUndefined();
    expect(ids(list)).toEqual(['punkt-2', 'punkt-1']);
  });

  it('a grey zone below with as many subject words and as much of the situation is lifted, as before', () => {
    const list = [scored(2, 'settled', 100), scored(1, 'grey', 90)];
    expect(governingGreyZone(list, context({ 1: 1, 2: 1 }))?.clause.id).toBe('punkt-1');
    expect(ids(list)).toEqual(['punkt-1', 'punkt-2']);
  });

  it('a grey zone below with as many subject words but less of the situation is not lifted', () => {
    // «ikkje fullført vgs, 20 år, ikkje i jobb»: «jobb» is in both; the settled clause is about youth outside
    // school and work (two situations), the grey zone about youth with mental-health problems (one).
    const list = [scored(2, 'settled', 100, 2.25), scored(1, 'grey', 62, 1)];
    expect(governingGreyZone(list, context({ 1: 1, 2: 1 }))).toBeUndefined();
    expect(ids(list)).toEqual(['punkt-2', 'punkt-1']);
  });
});
