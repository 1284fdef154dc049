/**
 * An answer that asks for the county (src/lookup/county-needed.ts): asked by someone whose county is not
 * known, about something two counties' agreements give to different owners, the answer names both counties
 * with the owner each gives (`countyNeeded`), and shows no card as *the* answer. A case worker of one of the
 * counties gets their county's answer plainly, and a question only one county's agreement answers is
 * answered plainly for anyone. A question no clause covers asks for the county too when nobody's county is
 * known: each county takes unclear cases somewhere else; to a case worker of several counties it names each
 * of their routes.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { countyReader, countyReaderAccount, signedInAs } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';

let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
let vestmark: Agent;
let both: Agent;

beforeAll(async () => {
  // Nobody signed in may look up here, as on a service open to every case worker.
  gjerde = await startTestGjerde({
    examplesDir: join(projectRoot, 'test/fixtures/lookup-county-needed'),
    env: { GJERDE_ANONYMOUS_READ: '1' },
  });
  vestmark = await countyReader(gjerde.app, gjerde.gjerde.accounts, 'Vestmark');
  both = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
    ...countyReaderAccount('Vestmark'),
    username: 'leser-to-fylker',
    name: 'Leser i to fylker',
    email: 'leser-to-fylker@kystfold.example',
    counties: ['Vestmark', 'Austmark'],
  });
});

afterAll(async () => {
  await gjerde.stop();
});

async function ask(asker: Agent | ReturnType<typeof request>, q: string): Promise<LookupAnswer> {
  const response = await asker.get('/api/lookup').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('asked by nobody signed in', () => {
  it('names each county with the owner its agreement gives, and asks for the county', async () => {
    const answer = await ask(request(gjerde.app), 'hvem betaler busskortet');
    expect(answer.scope.source).toBe('none');
    expect(
      answer.countyNeeded?.counties.map(({ county, owner }) => `${county}: ${owner?.name}`).sort(),
    ).toEqual(['Austmark: OT i Austmark', 'Vestmark: NAV Vestmark']);
    expect(answer.countyNeeded?.counties.map(({ clauseId }) => clauseId)).toEqual(['busskort', 'busskort']);
    // Both counties' cards are still there, one county after the other.
    expect(new Set(answer.results.map(({ county }) => county))).toEqual(new Set(['Austmark', 'Vestmark']));
  });

  it('the page asks for the county at the top, each link the question for that county, and emphasises no card', async () => {
    const response = await request(gjerde.app)
      .get('/oppslag')
      .query({ q: 'hvem betaler busskortet', at: '2025-06-01' });
    expect(response.status).toBe(200);
    const html = response.text.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    const answer = html.slice(html.indexOf('id="svar"'));
    const chooser = answer.indexOf(
      'Du har ikke valgt fylke, og avtalene i 2 fylker svarer ulikt. Velg fylke:',
    );
    expect(chooser).toBeGreaterThan(0);
    expect(chooser).toBeLessThan(answer.indexOf('class="lookup-result'));
    // The county alone: its own answer, one tap away, may put another clause first than the one that led here.
    expect(answer).toMatch(/href="\/oppslag\?[^"]*county=Vestmark[^"]*">Vestmark<\/a>/);
    expect(answer).toMatch(/href="\/oppslag\?[^"]*county=Austmark[^"]*">Austmark<\/a>/);
    expect(answer).not.toContain('lookup-result--best');
  });

  it('a question only one county’s agreement answers is answered plainly', async () => {
    const answer = await ask(request(gjerde.app), 'hvem betaler tolk til elevsamtalen');
    expect(answer.results[0]?.clauseId).toBe('tolk');
    expect(answer.countyNeeded).toBeNull();
  });

  it('a county chosen answers for it plainly', async () => {
    const response = await request(gjerde.app)
      .get('/api/lookup')
      .query({ q: 'hvem betaler busskortet', at: '2025-06-01', county: 'Austmark' });
    const answer = response.body as LookupAnswer;
    expect(answer.countyNeeded).toBeNull();
    expect(answer.results[0]?.owner?.name).toBe('OT i Austmark');
  });
});

describe('a question no clause covers, asked by nobody signed in', () => {
  // Each county takes unclear cases to its own committee: the not-covered answer asks for the county too.
  const q = 'førerkort for ungdom i praksis eller tiltak';

  it('says the agreement says nothing about it and asks for the county', async () => {
    const answer = await ask(request(gjerde.app), q);
    expect(answer.notCovered?.because).toBe('not-named');
    expect(answer.countyNeeded?.counties.map(({ county }) => county).sort()).toEqual([
      'Austmark',
      'Vestmark',
    ]);
    expect(answer.escalation.map(({ to }) => to)).toEqual([
      'Samarbeidsutvalget i Austmark',
      'Samarbeidsutvalget i Vestmark',
    ]);
    const page = await request(gjerde.app).get('/oppslag').query({ q, at: '2025-06-01' });
    expect(page.text).toContain(
      'Du har ikke valgt fylke, og fylkene tar uklare saker til ulike steder. Velg fylke:',
    );
    expect(page.text).toContain('Avtalen sa ikke noe om «førerkort» 1. juni 2025.');
    expect(page.text).not.toContain('lookup-result--best');
  });

  it('a county chosen gives its own route, with no question about the county', async () => {
    const response = await request(gjerde.app)
      .get('/api/lookup')
      .query({ q, at: '2025-06-01', county: 'Vestmark' });
    const answer = response.body as LookupAnswer;
    expect(answer.notCovered?.because).toBe('not-named');
    expect(answer.countyNeeded).toBeNull();
    expect(answer.escalation.map(({ to }) => to)).toEqual(['Samarbeidsutvalget i Vestmark']);
  });
});

describe('asked by a case worker of one county', () => {
  it('gets their county’s answer plainly, with no question about the county', async () => {
    const answer = await ask(vestmark, 'hvem betaler busskortet');
    expect(answer.scope).toMatchObject({ counties: ['Vestmark'], source: 'person' });
    expect(answer.countyNeeded).toBeNull();
    expect(answer.results[0]).toMatchObject({ county: 'Vestmark', owner: { name: 'NAV Vestmark' } });
    const page = await vestmark.get('/oppslag').query({ q: 'hvem betaler busskortet', at: '2025-06-01' });
    expect(page.text).not.toContain('Du har ikke valgt fylke');
    expect(page.text).toContain('lookup-result--best');
  });
});

describe('asked by a case worker of both counties', () => {
  // Their first county's cards first would be read as the answer to a case in the other county.
  it('is asked which of their counties the case is in, and no card is the answer', async () => {
    const answer = await ask(both, 'hvem betaler busskortet');
    expect(answer.scope).toMatchObject({ counties: ['Vestmark', 'Austmark'], source: 'person' });
    expect(answer.countyNeeded?.counties.map(({ county }) => county)).toEqual(['Vestmark', 'Austmark']);
    const page = await both.get('/oppslag').query({ q: 'hvem betaler busskortet', at: '2025-06-01' });
    expect(page.text).toContain(
      'Du arbeider i flere fylker, og avtalene i Vestmark og Austmark svarer ulikt. Velg fylket saken gjelder:',
    );
    expect(page.text).not.toContain('lookup-result--best');
  });

  // Neither of their counties covers it: the answer says so with each county's route, named by its county,
  // and asks no county (whether it asked depended on how the nearest clauses happened to score).
  it('a question no clause covers gives each of their counties’ routes, and asks no county', async () => {
    const q = 'førerkort for ungdom i praksis eller tiltak';
    const answer = await ask(both, q);
    expect(answer.notCovered?.because).toBe('not-named');
    expect(answer.countyNeeded).toBeNull();
    const page = await both.get('/oppslag').query({ q, at: '2025-06-01' });
    expect(page.text).toContain(
      'Uklare saker tas til: Samarbeidsutvalget i Austmark (Austmark), Samarbeidsutvalget i Vestmark (Vestmark).',
    );
    expect(page.text).not.toContain('Velg fylket saken gjelder');
  });

  it('a question only one of their counties’ agreements answers is answered plainly', async () => {
    const answer = await ask(both, 'hvem betaler tolk til elevsamtalen');
    expect(answer.countyNeeded).toBeNull();
    expect(answer.results[0]).toMatchObject({ county: 'Austmark', clauseId: 'tolk' });
  });
});

describe('asked about a county Gjerde has no agreement for', () => {
  // Another county's owner is not Nordland's answer, and a chooser of other counties says nothing of Nordland.
  it('says so plainly, and answers with no other county’s clause', async () => {
    const answer = await ask(request(gjerde.app), 'hvem betaler busskortet i Nordland');
    expect(answer.scope).toMatchObject({ counties: ['Nordland'], source: 'question' });
    expect(answer.emptyBecause).toBe('no-agreement-for-county');
    expect(answer.message).toContain('Gjerde har ingen avtale for Nordland.');
    expect(answer.results).toEqual([]);
    expect(answer.elsewhere).toEqual([]);
    expect(answer.countyNeeded).toBeNull();
    const page = await request(gjerde.app)
      .get('/oppslag')
      .query({ q: 'hvem betaler busskortet i Nordland', at: '2025-06-01' });
    expect(page.text).toContain('Gjerde har ingen avtale for Nordland.');
    expect(page.text).not.toContain('Velg fylke');
    expect(page.text).not.toContain('class="lookup-result');
  });

  it('a county of the store is still found by a typo; one of Norway’s without an agreement has none', async () => {
    expect((await ask(request(gjerde.app), 'hvem betaler busskortet i Austmak')).scope.counties).toEqual([
      'Austmark',
    ]);
    expect((await ask(request(gjerde.app), 'hvem betaler busskortet i Østfold')).emptyBecause).toBe(
      'no-agreement-for-county',
    );
  });
});
