/**
 * Nothing covers a question about a pupil of grunnskolen, or about the thing a phone story last asks the owner of
 * («Hvem har ansvaret for tannlegen?»), when no clause in the county names it (src/lookup/grunnskole.ts,
 * src/lookup/opening-thing.ts `responsibleFor`): the answer says so, with the county's route, and the clause
 * found for «elev», «skulker» or the age is only the nearest. A county whose agreement covers the move from
 * «ungdomsskolen» keeps its clause; a young person who has left grunnskolen is the agreements' case.
 * Fixture counties: test/fixtures/lookup-grunnskole (Kvernes says nothing about grunnskolen, Solbakk does).
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { inGrunnskolen } from '../../src/lookup/grunnskole.js';
import { responsibleFor } from '../../src/lookup/opening-thing.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({
  examplesDir: join(projectRoot, 'test/fixtures/lookup-grunnskole'),
});

function ask(q: string, county: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, county, at: '2025-06-01' });
}

describe('grunnskolen', () => {
  it('is read where the pupil is now, not where they came from', () => {
    for (const [q, written] of [
      ['jeg har en gutt i 9. klasse som skulker masse', '9. klasse'],
      ['ein gut på 15 som går i 10. klasse og ikkje vil på vidaregåande', '10. klasse'],
      ['kontaktlærer på ungdomsskolen, en elev skulker', 'ungdomsskolen'],
      ['skuleskyss for barn i barneskulen', 'barneskulen'],
      ['jente 16 år har ikke begynt på vgs etter 10. klasse', undefined],
      ['femten år ferdig med ungdomsskulen og har ikkje søkt', undefined],
      ['kven tek over eleven frå 10. trinn', undefined],
      ['elev i Vg1 som skulker', undefined],
    ] as const) {
      expect(inGrunnskolen(q)?.written).toBe(written);
    }
  });

  it('is not covered where no clause names it', async () => {
    for (const [q, thing] of [
      [
        'kontaktlærer på ungdomsskolen, en gutt i 9. klasse skulker masse. Hvem har ansvaret for ham?',
        'ungdomsskolen',
      ],
      ['en gutt på 15 som går i 10. klasse og ikke vil på videregående, hvem har ansvaret?', '10. klasse'],
    ] as const) {
      const answer = await ask(q, 'Kvernes');
      expect(answer.notCovered).toEqual({
        because: 'not-named',
        message: `Avtalen sier ikke noe om «${thing}». Punktene under er bare de nærmeste, ikke svaret.`,
        thing,
        later: null,
      });
      expect(answer.escalation.map(({ to }) => to)).toEqual(['Samarbeidsutvalget i Kvernes']);
    }
  });

  it('keeps the clause of a county that covers it, and of a young person who has left it', async () => {
    const covered = await ask('en gutt på 15 som går i 10. klasse og ikke har søkt videregående', 'Solbakk');
    expect(covered.notCovered).toBeNull();
    expect(hits(covered)[0]).toBe('solbakk-avtale#overgang');
    const left = await ask('jente 16 år har sluttet på skolen etter 10. klasse, hvem følger opp', 'Kvernes');
    expect(left.notCovered).toBeNull();
    expect(hits(left)[0]).toBe('kvernes-avtale#sluttet');
  });
});

describe('the thing the question asks the owner of', () => {
  it('is the word after «ansvaret for», not a pronoun, a person or a verb', () => {
    expect(responsibleFor('en jente på 19 trenger tannbehandling. Hvem har ansvaret for tannlegen?')).toEqual(
      {
        term: 'tannlege',
        written: 'tannlegen',
      },
    );
    expect(responsibleFor('hvem har ansvaret for en bolig')?.written).toBe('bolig');
    for (const q of [
      'hvem har ansvaret for ham nå',
      'hvem har ansvaret for det',
      'hvem har ansvaret for en elev som skulker',
      'hvem har ansvaret for å følge henne opp',
    ]) {
      expect(responsibleFor(q)).toBeUndefined();
    }
  });

  it('is not covered where no clause names it, and keeps a clause that does', async () => {
    // «skulker» reads a school state, so a noun beside it says only more about the case: the question's last
    // ask says what it is about.
    const answer = await ask(
      'en elev på 18 som skulker skal flytte til en kommunal bolig. Hvem har ansvaret for boligen?',
      'Kvernes',
    );
    expect(answer.notCovered?.thing).toBe('boligen');
    expect(answer.escalation.map(({ to }) => to)).toEqual(['Samarbeidsutvalget i Kvernes']);
    const covered = await ask(
      'en gutt på 19 er i arbeidspraksis. Hvem har ansvaret for arbeidsklærne?',
      'Kvernes',
    );
    expect(covered.notCovered).toBeNull();
    expect(hits(covered)[0]).toBe('kvernes-avtale#arbeidsklaer');
  });
});
