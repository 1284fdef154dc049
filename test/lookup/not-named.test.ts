/**
 * Who pays for a thing no clause names (src/lookup/not-covered.ts, `not-named`): the answer says the
 * agreement says nothing about it, with the route for unclear cases, and the clauses found for the situation
 * or the cost are only the nearest ones. A thing agreements pay for under another name («bussen» for travel),
 * or named by the head of its compound («læreplass» of «læreplasskurset»), still gets its clause; a compound
 * whose tail alone is named («kurs» of «jobbsøkerkurs») is another kind of the thing, and is not covered; nor
 * is one whose first part alone is named («ungdom» of «ungdomsskolen»): a person says whose it is, not what. Fixture county:
 * test/fixtures/lookup-not-named (Haugli).
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-not-named') });

function ask(q: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, county: 'Haugli' });
}

describe('who pays for a thing no clause names', () => {
  it('says the agreement says nothing about it, and gives the route', async () => {
    for (const [q, thing] of [
      ['hvem betaler førerkortet for en 19-åring i tiltak', 'førerkortet'],
      ['tannlege for en elev på 17, hvem dekker?', 'tannlege'],
      ['hvem betaler jobbsøkerkurs', 'jobbsøkerkurs'],
      // Clauses say «ungdom», not «ungdomsskole»: a compound's person part says whose it is, not what.
      ['hvem betaler ungdomsskolen', 'ungdomsskolen'],
    ] as const) {
      const answer = await ask(q);
      expect(answer.notCovered).toEqual({
        because: 'not-named',
        message: `Avtalen sier ikke noe om «${thing}». Punktene under er bare de nærmeste, ikke svaret.`,
        thing,
        later: null,
      });
      expect(answer.escalation.map((route) => route.to)).toEqual(['Samarbeidsutvalget i Haugli']);
      expect(answer.uncertain).toBeNull();
    }
  });

  it('a thing the clause names by the head of its compound gets its clause', async () => {
    for (const [q, clause] of [
      ['hvem betaler arbeidsklærne i praksis', 'haugli-ramme#arbeidsklaer'],
      ['hvem betaler læreplasskurset', 'haugli-ramme#kurs'],
    ] as const) {
      const answer = await ask(q);
      expect(answer.notCovered).toBeNull();
      expect(hits(answer)[0]).toBe(clause);
    }
  });

  it('a thing agreements pay for under another name is not said to be uncovered', async () => {
    // «Bussen» is travel: the clause on travel costs answers, though the search does not know the two words.
    const answer = await ask('hvem betaler bussen');
    expect(answer.notCovered).toBeNull();
    expect(hits(answer).slice(0, 2)).toContain('haugli-ramme#reise');
  });

  it('a question that does not ask who pays is not read for a thing', async () => {
    const answer = await ask('19 år, har sluttet på skolen og tar førerkort');
    expect(answer.notCovered).toBeNull();
    expect(hits(answer)[0]).toBe('haugli-ramme#sluttet');
  });
});
