/**
 * `GET /api/lookup` for a thing no clause names, asked as case workers open a question with it («førerkort
 * for ungdom i tiltak»): the answer says the agreement says nothing about it and gives the county's route for
 * unclear cases; the clause found for «ungdom i tiltak» is only the nearest (src/lookup/opening-thing.ts,
 * src/lookup/not-covered.ts). A thing the agreement names, and a person with an age first, keep their clause.
 * Fixture county: test/fixtures/lookup-not-named (Haugli).
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-not-named') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, county: 'Haugli' }).expect(200);
  return response.body as LookupAnswer;
}

describe('a question that opens with a thing no clause names', () => {
  it('says the agreement says nothing about it and gives the route', async () => {
    for (const [q, thing] of [
      ['førerkort for ungdom i tiltak', 'førerkort'],
      ['tannregulering ungdom som har sluttet', 'tannregulering'],
    ] as const) {
      const answer = await ask(q);
      expect(answer.notCovered).toEqual({
        because: 'not-named',
        message: `Avtalen sier ikke noe om «${thing}». Punktene under er bare de nærmeste, ikke svaret.`,
        thing,
        later: null,
      });
      expect(answer.escalation.map((route) => route.to)).toEqual(['Samarbeidsutvalget i Haugli']);
      expect(answer.results.length).toBeGreaterThan(0);
      expect(answer.uncertain).toBeNull();
    }
  });

  it('keeps the clause of a thing the agreement names, and of a person with an age', async () => {
    for (const [q, clause] of [
      ['kurs for ungdom uten læreplass', 'kurs'],
      ['jente 17 år har sluttet på skolen', 'sluttet'],
    ] as const) {
      const answer = await ask(q);
      expect(answer.notCovered).toBeNull();
      expect(answer.results[0]?.clauseId).toBe(clause);
    }
  });
});
