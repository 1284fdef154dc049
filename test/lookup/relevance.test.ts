/**
 * Relevance: questions in case workers' own words over the example agreements of Fjordvik (real git store,
 * real HTTP); the expected clause comes first, and grey zones come back as grey zones. The store holds
 * other counties' examples too, so the questions are asked for Fjordvik, as a case worker there would.
 * The relevance set over every county is `npm run eval` (test/eval).
 */
import { describe, expect, it } from '@jest/globals';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits, inForceDate } from './helpers.js';

const gjerde = testGjerdeForFile();

async function ask(q: string, extra: Record<string, string> = {}): Promise<LookupAnswer> {
  // A question that names Strandby is scoped by the place it names, whose local agreement answers first.
  const county = /strandby/i.test(q) ? '' : 'Fjordvik';
  // Every part of each result (supporting parties, contact, version, score), not only the brief answer.
  const response = await gjerde.reader
    .get('/api/lookup')
    .query({ q, at: inForceDate, county, full: '1', ...extra });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

// [question, expected first hit, expected owner name or 'Uavklart']
const questions: [string, string, string][] = [
  ['19 år og fikk ikke læreplass', 'fjordvik-ramme#uten-laereplass', 'NAV Fjordvik'],
  ['hvem betaler arbeidsklær', 'fjordvik-ramme#arbeidsklaer', 'NAV Fjordvik'],
  ['elev som vurderer å slutte', 'fjordvik-ramme#forebygging-elever', 'Uavklart'],
  [
    'eleven ber om penger til å leve av',
    'fjordvik-ramme#livsopphold-elev',
    'De videregående skolene i Fjordvik',
  ],
  ['sosialhjelp til elev', 'fjordvik-ramme#livsopphold-elev', 'De videregående skolene i Fjordvik'],
  ['lån av PC i OT-klassen', 'fjordvik-ramme#pc-utstyr', 'Uavklart'],
  ['hvem holder kurs for de som søker læreplass', 'fjordvik-ramme#laereplasskurs', 'Fjordvik fylkeskommune'],
  ['mindreårig som trenger tiltak', 'fjordvik-ramme#under-18', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['registrert hos NAV men har fortsatt skolerett', 'fjordvik-ramme#nav-registrert-med-rett', 'NAV Fjordvik'],
  ['ungdomsgarantien', 'fjordvik-ramme#ungdomsgarantien', 'NAV Fjordvik'],
  [
    'hvem dekker tilrettelagt fag- og yrkesopplæring',
    'fjordvik-ramme#tilrettelagt-opplaering',
    'NAV Fjordvik',
  ],
  ['OT-klasse og arbeidspraksis', 'fjordvik-ramme#ot-klasse', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['samtykke til å dele opplysninger', 'fjordvik-ramme#samtykke', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['taushetsplikt', 'fjordvik-ramme#samtykke', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['karriereveiledning for voksne', 'fjordvik-ramme#karriereveiledning', 'Fjordvik fylkeskommune'],
  ['unge voksne over 21 uten arbeid', 'fjordvik-ramme#unge-voksne', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  // Dictated (speech to text): numbers said as words, an acronym spelt out, a compound heard as two words.
  [
    'unge voksne over tjueein uten arbeid',
    'fjordvik-ramme#unge-voksne',
    'Oppfølgingstjenesten (OT) i Fjordvik',
  ],
  ['o t klasse og arbeids praksis', 'fjordvik-ramme#ot-klasse', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['ungdoms garantien', 'fjordvik-ramme#ungdomsgarantien', 'NAV Fjordvik'],
  [
    'hvor ofte er samarbeidsmøtet mellom OT og NAV',
    'fjordvik-ot-nav#samarbeidsmote',
    'Oppfølgingstjenesten (OT) i Fjordvik',
  ],
  ['første møte med ungdommen', 'fjordvik-ot-nav#forste-mote', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['hvem ringer jeg i OT', 'fjordvik-ot-nav#kontaktperson-ot', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['hvem ringer jeg i NAV', 'fjordvik-ot-nav#kontaktperson-nav', 'NAV Fjordvik med NAV-kontorene i fylket'],
  ['tiltaket falt bort fordi budsjettet er brukt opp', 'fjordvik-ot-nav#tiltak-faller-bort', 'Uavklart'],
  ['OT henviser til NAV', 'fjordvik-ot-nav#melding-til-nav', 'Oppfølgingstjenesten (OT) i Fjordvik'],
  ['NAV melder til OT', 'fjordvik-ot-nav#melding-til-ot', 'NAV Fjordvik med NAV-kontorene i fylket'],
  ['fagsamling', 'fjordvik-ot-nav#fagsamling', 'NAV Fjordvik med NAV-kontorene i fylket'],
  [
    'OT-dag på NAV-kontoret i Strandby',
    'strandby-lokal#ot-dag',
    'Oppfølgingstjenesten (OT) i Fjordvik, region Strandby',
  ],
  ['høyt fravær på Strandby videregående', 'strandby-lokal#fravaersmote', 'Strandby videregående skole'],
  ['praksisplasser i Strandby', 'strandby-lokal#praksisplasser', 'NAV Strandby'],
  [
    'ungdom uten skoleplass i august',
    'strandby-lokal#sommerrutine',
    'Oppfølgingstjenesten (OT) i Fjordvik, region Strandby',
  ],
  // Typing and spelling: no æ, a slip of the finger, inflected and compound forms.
  ['arbeidsklaer', 'fjordvik-ramme#arbeidsklaer', 'NAV Fjordvik'],
  ['lærepalss', 'fjordvik-ramme#uten-laereplass', 'NAV Fjordvik'],
  ['læreplassen', 'fjordvik-ramme#uten-laereplass', 'NAV Fjordvik'],
  ['fraværsoppfølging', 'strandby-lokal#fravaersmote', 'Strandby videregående skole'],
  // Synonyms: everyday words and the glossaries' acronyms.
  ['arbeidstøy', 'fjordvik-ramme#arbeidsklaer', 'NAV Fjordvik'],
  ['busskort i praksis', 'fjordvik-ramme#arbeidsklaer', 'NAV Fjordvik'],
  ['lærlingplass', 'fjordvik-ramme#uten-laereplass', 'NAV Fjordvik'],
  [
    'kontaktperson i oppfølgingstjenesten',
    'fjordvik-ot-nav#kontaktperson-ot',
    'Oppfølgingstjenesten (OT) i Fjordvik',
  ],
];

describe('questions in case workers’ words', () => {
  it.each(questions)('«%s» → %s first', async (q, expected, owner) => {
    const answer = await ask(q);
    expect(hits(answer)[0]).toBe(expected);
    const [first] = answer.results;
    expect(first?.status === 'grey' ? 'Uavklart' : first?.owner?.name).toBe(owner);
  });

  it('has at least 25 questions', () => {
    expect(questions.length).toBeGreaterThanOrEqual(25);
  });
});

describe('grey zones', () => {
  it('come back as grey zones: no owner, and where to take the case', async () => {
    const answer = await ask('elev som vurderer å slutte');
    const grey = answer.results.find((result) => result.clauseId === 'forebygging-elever');
    expect(grey).toMatchObject({ status: 'grey', owner: null, escalation: 'Samarbeidsutvalget' });
  });

  it('show the local agreement that settles one next to it', async () => {
    const answer = await ask('elev som vurderer å slutte');
    expect(hits(answer).slice(0, 2)).toEqual([
      'fjordvik-ramme#forebygging-elever',
      'strandby-lokal#fravaersmote',
    ]);
    expect(answer.results[1]).toMatchObject({
      status: 'settled',
      owner: { id: 'strandby-vgs', name: 'Strandby videregående skole' },
    });
  });
});

describe('the answer', () => {
  it('carries owner, supporting parties, text, legal basis, contact, escalation, version and permalink', async () => {
    const [first] = (await ask('19 år og fikk ikke læreplass')).results;
    expect(first).toMatchObject({
      agreementId: 'fjordvik-ramme',
      agreementTitle: 'Samarbeidsavtale mellom NAV Fjordvik og Fjordvik fylkeskommune',
      agreementKind: 'ramme',
      clauseId: 'uten-laereplass',
      clauseTitle: 'Lærling uten læreplass',
      status: 'settled',
      owner: { id: 'nav-fjordvik', name: 'NAV Fjordvik' },
      supporting: [
        { id: 'fjordvik-fk', name: 'Fjordvik fylkeskommune' },
        { id: 'ot', name: 'Oppfølgingstjenesten (OT) i Fjordvik' },
      ],
      legalBasis: 'arbeidsmarkedsloven § 12',
      contact: {
        id: 'nav-kontakt',
        role: 'Ungdomskontakt ved hvert NAV-kontor',
        party: { id: 'nav-fjordvik', name: 'NAV Fjordvik' },
      },
      escalation: 'Samarbeidsutvalget (punkt 6)',
      ages: { min: 16, max: 24 },
      facets: ['uten-laereplass'],
      validity: { from: '2025-08-01', to: null },
      permalink: `/avtaler/fjordvik-ramme?at=${inForceDate}#uten-laereplass`,
    });
    expect(first?.text).toContain('Søkere uten læreplass 1. september');
    expect(first?.revision.rev).toMatch(/^[0-9a-f]{40}$/);
    expect(first?.score).toBeGreaterThan(0);
  });

  it('reads an age and a situation out of the question', async () => {
    const answer = await ask('19-åring som ikke har fått læreplass');
    expect(answer.question.age).toEqual({ min: 19, max: 19 });
    expect(answer.question.facets).toContain('uten-laereplass');
    expect(hits(answer)[0]).toBe('fjordvik-ramme#uten-laereplass');
  });

  it('leaves out clauses whose age range does not fit', async () => {
    const answer = await ask('25 år lærling uten læreplass');
    expect(hits(answer)).not.toContain('fjordvik-ramme#uten-laereplass');
    for (const result of answer.results)
      if (result.ages?.max !== undefined) expect(result.ages.max).toBeGreaterThanOrEqual(25);
  });

  it('says plainly when nothing fits, and where unclear cases go', async () => {
    const answer = await ask('tannregulering');
    expect(answer.results).toEqual([]);
    expect(answer.message).toMatch(/Fant ingen ansvarspunkt/);
    expect(answer.emptyBecause).toBe('no-fit');
    expect(answer.escalation).toEqual([
      expect.objectContaining({ agreementId: 'fjordvik-ramme', to: 'Samarbeidsutvalget (punkt 6)' }),
    ]);
  });

  it('without a county, says where unclear cases go in each county', async () => {
    const answer = await ask('tannregulering', { county: '' });
    expect(answer.results).toEqual([]);
    expect(answer.escalation.map(({ county, agreementId }) => `${county}: ${agreementId}`)).toEqual([
      'Dalheim: dalheim-avtale',
      'Fjordvik: fjordvik-ramme',
      'Innmark: innmark-samarbeidsavtale',
      'Lyngmark: lyngmark-ramme',
      'Sørholm: sorholm-avtale',
    ]);
  });
});

describe('filters', () => {
  it('an agreement filter puts that agreement first, and keeps the agreements above it', async () => {
    const answer = await ask('NAV-veileder på skolen', { agreement: 'strandby-lokal' });
    expect(hits(answer)[0]).toBe('strandby-lokal#nav-veileder-skole');
    expect(new Set(answer.results.map((result) => result.agreementId))).toEqual(
      new Set(
        ['strandby-lokal', 'fjordvik-ot-nav', 'fjordvik-ramme'].filter((id) =>
          answer.results.some((r) => r.agreementId === id),
        ),
      ),
    );
    expect(answer.escalation.map((route) => route.agreementId)).toEqual(
      ['strandby-lokal', 'fjordvik-ot-nav', 'fjordvik-ramme'].filter((id) =>
        answer.escalation.some((route) => route.agreementId === id),
      ),
    );
    expect(answer.escalation[0]?.to).toBe('Ledermøtet i Strandby, deretter samarbeidsutvalget i Fjordvik');
  });

  it('an age alone lists the clauses for that age, the narrowest range first', async () => {
    const answer = await ask('', { age: '17', situation: 'utenfor' });
    expect(hits(answer)[0]).toBe('fjordvik-ramme#under-18');
    for (const result of answer.results) {
      expect(result.facets.length === 0 || result.facets.includes('utenfor')).toBe(true);
      if (result.ages) expect((result.ages.min ?? 0) <= 17 && 17 <= (result.ages.max ?? 200)).toBe(true);
    }
  });

  it('a party filter keeps clauses where the party is responsible, supports or pays', async () => {
    const answer = await ask('praksis', { party: 'nav-strandby' });
    expect(answer.results.length).toBeGreaterThan(0);
    for (const result of answer.results) {
      const involved = [
        result.owner?.id,
        result.costBearer?.id,
        ...result.supporting.map((party) => party.id),
      ];
      expect(involved).toContain('nav-strandby');
    }
  });

  it('a county filter matches the county name in any case', async () => {
    const answer = await ask('fikk ikke læreplass', { county: 'fjordvik' });
    expect(answer.filters.county).toBe('Fjordvik');
    expect(hits(answer)[0]).toBe('fjordvik-ramme#uten-laereplass');
  });
});
