/**
 * A question about a day before the clause that answers it existed (src/lookup/not-covered.ts): the answer
 * says the agreement said nothing about it then, with the route for unclear cases, and the clause that was
 * there is only the nearest one. Fixture county: test/fixtures/lookup-not-covered (Åsdal, a PC clause added
 * on 1 February 2025).
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { judge } from '../../eval/judge.js';
import type { EvalQuestion } from '../../eval/question-set.js';
import { projectRoot } from '../../src/config.js';
import type { IndexedVersion } from '../../src/lookup/clause-index.js';
import { notYetCovered } from '../../src/lookup/not-covered.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-not-covered') });

function ask(q: string, at?: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, at, county: 'Åsdal' });
}

describe('a question about a day before its clause existed', () => {
  it('says the agreement said nothing then, and the nearest clause is not the answer', async () => {
    const answer = await ask('hvem betalte PC til OT-klassen i 2024');
    expect(answer.date).toBe('2024-07-01');
    expect(answer.notCovered).toEqual({
      because: 'not-yet',
      message:
        'Avtalen sa ikke noe om dette på den datoen du spør om. Punktet som svarer i dag, «PC til deltakere i OT-klassen», kom inn senere.',
      later: {
        agreementId: 'aasdal-ramme',
        clauseId: 'pc-ot-klasse',
        clauseTitle: 'PC til deltakere i OT-klassen',
      },
    });
    expect(hits(answer)[0]).toBe('aasdal-ramme#busskort');
    expect(answer.escalation.map((route) => route.to)).toEqual(['Samarbeidsutvalget i Åsdal']);
    // Not two owners to choose between: there is no owner for that day.
    expect(answer.uncertain).toBeNull();
  });

  it('answers with the clause once it exists, and for a day its own clause covers', async () => {
    const today = await ask('hvem betaler PC til OT-klassen');
    expect(hits(today)[0]).toBe('aasdal-ramme#pc-ot-klasse');
    expect(today.notCovered).toBeNull();
    const bus = await ask('hvem betalte busskort for ungdom hos OT i 2024');
    expect(hits(bus)[0]).toBe('aasdal-ramme#busskort');
    expect(bus.notCovered).toBeNull();
  });

  it('the evaluation counts «nothing covered it» as the first answer only when the set expects it', async () => {
    const answer = await ask('hvem betalte PC til OT-klassen i 2024');
    const base = { id: 't', q: answer.question.q, asked: { from: '2024-01-01', to: '2024-12-31' } };
    const none = {
      ...base,
      expect: { kind: 'none', county: 'Åsdal', escalation: 'Samarbeidsutvalget i Åsdal' },
    };
    expect(judge(none as unknown as EvalQuestion, answer, '2026-12-01', () => 'Åsdal')).toMatchObject({
      rank: 1,
      danger: null,
    });
    const bus = {
      ...base,
      expect: { kind: 'clause', agreement: 'aasdal-ramme', clause: 'busskort', owner: 'ot-aasdal', also: [] },
    };
    expect(judge(bus as unknown as EvalQuestion, answer, '2026-12-01', () => 'Åsdal')).toMatchObject({
      rank: 2,
      danger: 'grey-where-covered',
    });
  });
});

describe('GET /api/lookup', () => {
  it('says in a field that no clause covered the day asked about', async () => {
    const response = await gjerde.reader
      .get('/api/lookup')
      .query({ q: 'hvem betalte PC til OT-klassen i 2024', county: 'Åsdal' });
    expect(response.status).toBe(200);
    expect(response.body.notCovered.because).toBe('not-yet');
    const today = await gjerde.reader
      .get('/api/lookup')
      .query({ q: 'hvem betaler PC til OT-klassen', county: 'Åsdal' });
    expect(today.body.notCovered).toBeNull();
  });
});

describe('the lookup page', () => {
  it('says at the top that the agreement said nothing, with the route, and shows the nearest clauses below', async () => {
    const response = await gjerde.reader
      .get('/oppslag')
      .query({ q: 'hvem betalte PC til OT-klassen i 2024', county: 'Åsdal' });
    expect(response.status).toBe(200);
    const html = response.text;
    const notice = html.indexOf('lookup-not-covered');
    expect(notice).toBeGreaterThan(0);
    expect(html).toContain(
      'Avtalen sa ikke noe om dette 1. juli 2024.</strong> Uklare saker tas til: Samarbeidsutvalget i Åsdal.',
    );
    expect(html).toContain('Punktet som svarer i dag, «PC til deltakere i OT-klassen», kom inn senere.');
    const nearest = html.indexOf('Nærmeste punkter');
    expect(nearest).toBeGreaterThan(notice);
    expect(html.indexOf('Busskort til ungdom i tilbud fra OT')).toBeGreaterThan(nearest);
    // No card stands as the answer.
    expect(html).not.toContain('lookup-result--best');
  });
});

describe('a question about a day under an agreement since replaced by another', () => {
  // test/fixtures/lookup-replaced: Bekkdal's agreement of 2020 ended with 2023; a new agreement with another id
  // says the same from 2024. Today's ranking cannot show the old agreement's clause, so it is no evidence.
  const replaced = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-replaced') });

  it("answers with the day's clause, not «the agreement said nothing»", async () => {
    const answer = await replaced.gjerde.lookup.search({
      q: 'ungdom som har sluttet i videregående i 2022',
      county: 'Bekkdal',
    });
    expect(answer.date).toBe('2022-07-01');
    expect(hits(answer)[0]).toBe('bekkdal-avtale#sluttet');
    expect(answer.notCovered).toBeNull();
    const today = await replaced.gjerde.lookup.search({
      q: 'ungdom som har sluttet i videregående',
      county: 'Bekkdal',
    });
    expect(hits(today)[0]).toBe('bekkdal-samarbeidsavtale#sluttet');
  });

  it('says the agreement was silent when the clause answering today came later, under the replacing agreement', async () => {
    const answer = await replaced.gjerde.lookup.search({
      q: 'hvem lånte ut PC til OT-klassen i 2022',
      county: 'Bekkdal',
    });
    expect(hits(answer)[0]).toBe('bekkdal-avtale#busskort');
    expect(answer.notCovered?.later).toEqual({
      agreementId: 'bekkdal-samarbeidsavtale',
      clauseId: 'pc-ot-klasse',
      clauseTitle: 'PC til deltakere i OT-klassen',
    });
  });

  it('does not say a clause the replacing agreement carried on under its id came later', async () => {
    const today = await replaced.gjerde.lookup.search({
      q: 'under 18 og vil ha arbeidspraksis',
      county: 'Bekkdal',
    });
    expect(hits(today)[0]).toBe('bekkdal-samarbeidsavtale#busskort');
    const answer = await replaced.gjerde.lookup.search({
      q: 'under 18 og vil ha arbeidspraksis i 2022',
      county: 'Bekkdal',
    });
    expect(hits(answer)[0]).toBe('bekkdal-ot-nav#under-18');
    expect(answer.notCovered).toBeNull();
  });
});

describe('today’s ranking as evidence', () => {
  // The rule itself (notYetCovered), on two agreements: «old», replaced by «new», which carries «karriere» on.
  const version = (id: string, clauses: string[], replaces?: string) =>
    ({
      agreement: { meta: { id, replaces } },
      clauses: clauses.map((clauseId) => ({ clause: { id: clauseId } })),
    }) as unknown as IndexedVersion;
  const ranked = (agreementId: string, clauseId: string, score: number) => ({
    agreementId,
    clauseId,
    clauseTitle: clauseId,
    status: 'avklart',
    score,
  });
  const onDay = new Map([['old', version('old', ['karriere', 'malgruppe'])]]);
  const today = new Map([['new', version('new', ['karriere', 'ot-ansvar'], 'old')]]);
  const dayAnswer = [ranked('old', 'karriere', 10)];

  it('is no evidence when it finds the day’s clause nearly as fitting as the new one', () => {
    const close = [ranked('new', 'ot-ansvar', 5.5), ranked('new', 'karriere', 5.3)];
    expect(notYetCovered(dayAnswer, close, onDay, today)).toBeNull();
    const far = [ranked('new', 'ot-ansvar', 10), ranked('new', 'karriere', 3)];
    expect(notYetCovered(dayAnswer, far, onDay, today)?.later?.clauseId).toBe('ot-ansvar');
  });
});
