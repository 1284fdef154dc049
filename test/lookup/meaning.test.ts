/**
 * Meaning, not only shared words (issue 11): on two counties' agreements written tersely (few or no
 * `stikkord`, situations only in titles and text), a question's situation, negation, tense, cost, contact
 * and escalation intent find the clause that governs, and a grey zone that fits governs a settled neighbour.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-counties') });

async function ask(q: string, extra: Record<string, string> = {}): Promise<LookupAnswer> {
  const response = await gjerde.reader
    .get('/api/lookup')
    .query({ q, at: '2025-06-01', county: 'Nordvik', ...extra });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

// [class, question, expected first clause of nordvik-ramme]
const questions: [string, string, string][] = [
  ['meaning', 'er 20 og sitter hjemme', 'utenfor'],
  ['meaning', 'verken skole eller jobb', 'utenfor'],
  ['meaning', '22 år, verken jobb eller utdanning', 'utenfor'],
  ['meaning', 'korkje i arbeid eller utdanning', 'utenfor'],
  ['meaning', 'har fått fagbrev men trenger jobb', 'fullfort'],
  ['negation', 'har aldri begynt på vgs', 'utenfor'],
  ['negation', 'ikke lenger elev', 'utenfor'],
  ['negation', 'fikk nei på læreplass, 19 år', 'uten-laereplass'],
  ['tense', 'har droppet ut, 19', 'utenfor'],
  ['tense', 'har sluttet på skolen', 'utenfor'],
  ['tense', 'vurderer å slutte', 'fare-for-frafall'],
  ['tense', 'eleven tenker på å droppe ut', 'fare-for-frafall'],
  ['cost', 'hvem betaler arbeidstøy', 'arbeidsklaer'],
  ['contact', 'kven ringer eg i OT', 'kontakt'],
  ['escalation', 'OT og NAV er uenige om hvem som eier saken', 'uenighet'],
  ['morphology', 'personalansvaret til veilederen', 'veileder-skole'],
];

describe('a question finds the clause by what it means', () => {
  it.each(questions)('%s: «%s» → %s', async (_, q, clause) => {
    expect(hits(await ask(q))[0]).toBe(`nordvik-ramme#${clause}`);
  });

  it('«ikke fullført» is not the clause about those who have completed', async () => {
    const answer = await ask('17 år, ikke fullført vgs');
    expect(answer.question.facets).toContain('rett-vgo');
    expect(answer.question.notFacets).toContain('fullfort');
    expect(hits(answer)[0]).not.toBe('nordvik-ramme#fullfort');
  });

  it('«fullført» rules out the right to upper secondary', async () => {
    const answer = await ask('fullført vgs med fagbrev, men finner ikke jobb');
    expect(answer.question.facets).toContain('fullfort');
    expect(answer.question.notFacets).toContain('rett-vgo');
    expect(hits(answer)[0]).toBe('nordvik-ramme#fullfort');
  });

  it('has left and at risk are told apart', async () => {
    expect((await ask('har sluttet')).question).toMatchObject({ state: 'left', notFacets: ['elev'] });
    expect((await ask('vurderer å slutte')).question).toMatchObject({ state: 'at-risk', facets: ['elev'] });
    expect((await ask('har ikke sluttet ennå')).question.state).toBe('at-risk');
  });

  it('a clause without an age range is not pushed down by an asked age', async () => {
    const withAge = hits(await ask('hvem betaler arbeidsklær, 19 år'));
    expect(withAge[0]).toBe('nordvik-ramme#arbeidsklaer');
  });
});

describe('a grey zone that fits governs the settled clause next to it', () => {
  it('«hvem betaler datamaskin i OT-klassen» answers with the grey zone first and says so', async () => {
    const answer = await ask('hvem betaler datamaskin i OT-klassen');
    expect(hits(answer)[0]).toBe('nordvik-ramme#datamaskin');
    expect(answer.results[0]?.status).toBe('grey');
    expect(answer.caution).toEqual({
      agreementId: 'nordvik-ramme',
      clauseId: 'datamaskin',
      clauseTitle: 'Datamaskin til deltakere i OT-klassen',
      escalation: 'Styringsgruppen i Nordvik',
    });
  });

  it('a settled answer with no grey zone near it has no caution', async () => {
    expect((await ask('hvem betaler arbeidsklær')).caution).toBeNull();
  });
});

describe('escalation questions', () => {
  it('are read as such, so the answer can put where the case goes first', async () => {
    const answer = await ask('uenige om hvem som eier saken');
    expect(answer.question.intents).toContain('escalation');
    expect(answer.escalation[0]?.to).toBe('Styringsgruppen i Nordvik');
  });

  it('«hvem eier saken» without a disagreement asks who owns the case, as every question does', async () => {
    for (const q of ['18 år, sluttet, hvem eier saken', '18 år, slutta, kven eig saka'])
      expect((await ask(q)).question.intents).not.toContain('escalation');
  });
});
