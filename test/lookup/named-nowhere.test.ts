/**
 * A thing no clause in the scope names, wherever the question names it (src/lookup/not-covered.ts
 * `thingNamedNowhere`, src/lookup/opening-thing.ts `namedThings`): the answer says the agreement says nothing
 * about it, with the route for unclear cases; the clause found for the age or the person is only the nearest.
 * A synonym phrase counts only whole («uten bolig» is not named by «lærling uten læreplass»). A typo, a word
 * beside a situation the question reads, or a thing named by the first clause's other words keeps its clause.
 * Fixture counties: test/fixtures/lookup-named-nowhere (Brekkvik, Tindeland; neither says anything about
 * housing).
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({
  examplesDir: join(projectRoot, 'test/fixtures/lookup-named-nowhere'),
});

function ask(q: string, county: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, county, at: '2025-06-01' });
}

describe('a thing no clause in the county names, wherever it stands', () => {
  it('says the agreement says nothing about it, with the county’s route', async () => {
    // Nothing in Brekkvik is near «16 år og trenger bolig» («uten» of «uten bolig» is no word of it).
    for (const [q, county, thing, route, nearest] of [
      ['16 år og trenger bolig', 'Brekkvik', 'bolig', 'Samarbeidsutvalget i Brekkvik', ''],
      [
        'lærling på 17 som trenger hybel',
        'Brekkvik',
        'hybel',
        'Samarbeidsutvalget i Brekkvik',
        ' Punktene under er bare de nærmeste, ikke svaret.',
      ],
      [
        'elev med rusproblem, hvem følger opp',
        'Brekkvik',
        'rusproblem',
        'Samarbeidsutvalget i Brekkvik',
        ' Punktene under er bare de nærmeste, ikke svaret.',
      ],
    ] as const) {
      const answer = await ask(q, county);
      expect(answer.notCovered).toEqual({
        because: 'not-named',
        message: `Avtalen sier ikke noe om «${thing}».${nearest}`,
        thing,
        later: null,
      });
      expect(answer.escalation.map(({ to }) => to)).toEqual([route]);
      expect(answer.uncertain).toBeNull();
    }
  });

  it('says it for a thing asked about where it is, when the clause was found for the place', async () => {
    // The clause on work clothes in «arbeidspraksis» says nothing about an interpreter there.
    const answer = await ask('hvem betaler tolk på arbeidspraksis', 'Brekkvik');
    expect(answer.notCovered?.thing).toBe('tolk');
    expect(hits(answer)[0]).toBe('brekkvik-avtale#arbeidsklaer');
    const covered = await ask('hvem betaler vernesko på arbeidspraksis', 'Brekkvik');
    expect(covered.notCovered).toBeNull();
    expect(hits(covered)[0]).toBe('brekkvik-avtale#arbeidsklaer');
  });

  it('keeps the clause of a covered question with a typo', async () => {
    const answer = await ask('jente på 17 trenger arbiedsklær', 'Brekkvik');
    expect(answer.notCovered).toBeNull();
    expect(hits(answer)[0]).toBe('brekkvik-avtale#arbeidsklaer');
  });

  it('keeps a first clause that has another of the question’s words', async () => {
    // «mat» and «husleie» are named nowhere; the money for them is the clause on living costs.
    const answer = await ask('elev trenger penger til mat og husleie', 'Brekkvik');
    expect(answer.notCovered).toBeNull();
    expect(hits(answer)[0]).toBe('brekkvik-avtale#livsopphold');
  });

  it('keeps the clause of a situation the question reads, with a word beside it', async () => {
    // «byggfag» is named nowhere, but the question is about a young person outside school and work.
    const answer = await ask('19 år, gikk byggfag, verken skole eller jobb nå', 'Brekkvik');
    expect(answer.notCovered).toBeNull();
    expect(hits(answer)[0]).toBe('brekkvik-avtale#utenfor');
  });
});
