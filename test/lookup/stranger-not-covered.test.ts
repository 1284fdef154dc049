/**
 * A stranger's questions on the example agreements (issue 11, session 28), each answered with a confident
 * owner for something no clause covers. The answer must say the agreement says nothing about it
 * (src/lookup/not-covered.ts), with the route for unclear cases, and show the clauses found for the rest of the
 * question only as the nearest:
 * - a thing the young person needs («hvem skaffer bolig …»), also when the question says more about the case
 *   (a school state: «… som har sluttet på skolen»);
 * - a compound named only by its tail elsewhere («tannbehandling»: «rusbehandling»; «barnehageplass»: «plass»);
 * - a thing to pay for, when the first clause was found for the person alone («førerkort for ungdom» in
 *   Dalheim: «Ungdom utan skule eller arbeid»), or is a grey zone found for the age (Sørholm's housing);
 * - an age beyond every clause's age range («45 år gammel mann»).
 * Questions the agreements do cover keep their clause.
 */
import { describe, expect, it } from '@jest/globals';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile();

/** Asked as the stranger asked: no county chosen, the place in the question. */
function ask(q: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, at: '2026-12-01' });
}

function notNamed(thing: string) {
  return {
    because: 'not-named',
    message: `Avtalen sier ikke noe om «${thing}». Punktene under er bare de nærmeste, ikke svaret.`,
    thing,
    later: null,
  };
}

describe('the stranger’s questions that no clause covers', () => {
  it('says nothing covers a thing no clause in the county names, with the county’s route', async () => {
    for (const [q, thing, route] of [
      ['hvem skaffer bolig til ungdom i Fjordvik', 'bolig', 'Samarbeidsutvalget (punkt 6)'],
      ['bolig til en 20-åring i Fjordvik', 'bolig', 'Samarbeidsutvalget (punkt 6)'],
      ['gutt på 17 som har sluttet og trenger bolig i Fjordvik', 'bolig', 'Samarbeidsutvalget (punkt 6)'],
      [
        'hvem skaffer bolig til en 20-åring som har sluttet på skolen i Fjordvik',
        'bolig',
        'Samarbeidsutvalget (punkt 6)',
      ],
      [
        'tannbehandling for elev i Lyngmark som har droppet ut',
        'tannbehandling',
        'Samarbeidsutvalget i Lyngmark (punkt 7)',
      ],
      [
        'hvem betaler tannbehandling for elev i Lyngmark',
        'tannbehandling',
        'Samarbeidsutvalget i Lyngmark (punkt 7)',
      ],
      ['barnehageplass for ung mor i Strandby', 'barnehageplass', 'Samarbeidsutvalget (punkt 6)'],
      ['hvem betaler førerkort for ungdom i Dalheim', 'førerkort', ''],
      ['hvem betaler førerkort for ungdom i Fjordvik', 'førerkort', 'Samarbeidsutvalget (punkt 6)'],
      ['hvem dekker psykolog for 17-åring i Sørholm', 'psykolog', ''],
      // A grey zone found for the rest («rus»): the question opens with what it asks about.
      ['ettervern 17 år rus i Lyngmark', 'ettervern', ''],
    ] as const) {
      const answer = await ask(q);
      expect({ q, notCovered: answer.notCovered }).toEqual({ q, notCovered: notNamed(thing) });
      expect(answer.uncertain).toBeNull();
      expect(answer.caution).toBeNull();
      expect(answer.countyNeeded).toBeNull();
      if (route) expect(answer.escalation.map(({ to }) => to)).toEqual([route]);
    }
  });

  it('says the agreement is about young people when the age is beyond every clause’s range', async () => {
    const answer = await ask('hvem har ansvar for en 45 år gammel mann uten vgs i Fjordvik');
    expect(answer.notCovered).toEqual({
      because: 'outside-ages',
      message:
        'Avtalen gjelder ungdom til og med 30 år, ikke 45 år. Punktene under er bare de nærmeste, ikke svaret.',
      ages: { covered: 'til og med 30 år', asked: '45 år' },
      later: null,
    });
    expect(answer.uncertain).toBeNull();
  });

  it('names the thing or the ages in the page’s headline, in the past tense for a past date', async () => {
    for (const [q, at, headline] of [
      ['hvem skaffer bolig til ungdom i Fjordvik', '', 'Avtalen sier ikke noe om «bolig».'],
      [
        'hvem skaffer bolig til ungdom i Fjordvik',
        '2025-06-01',
        'Avtalen sa ikke noe om «bolig» 1. juni 2025.',
      ],
      [
        'hvem har ansvar for en 45 år gammel mann uten vgs i Fjordvik',
        '',
        'Avtalen gjelder ungdom til og med 30 år, ikke 45 år.',
      ],
    ] as const) {
      const page = await gjerde.reader.get('/oppslag').query(at ? { q, at } : { q });
      expect(page.status).toBe(200);
      expect({ q, at, headline: /<strong>(Avtalen [^<]*)<\/strong>/u.exec(page.text)?.[1] }).toEqual({
        q,
        at,
        headline,
      });
    }
  });

  it('keeps the clause of a question the agreements cover', async () => {
    for (const [q, clause] of [
      ['hvem betaler busskort i arbeidspraksis i Fjordvik', 'fjordvik-ramme#arbeidsklaer'],
      ['20-åring som har sluttet på skolen i Fjordvik', 'fjordvik-ramme#ot-malgruppe'],
      ['hvem følger opp en 24-åring uten jobb i Fjordvik', 'fjordvik-ramme#unge-voksne'],
    ] as const) {
      const answer = await ask(q);
      expect({ q, notCovered: answer.notCovered }).toEqual({ q, notCovered: null });
      expect(hits(answer)[0]).toBe(clause);
    }
  });
});
