/**
 * The county chooser after a split (felles/fylker.yaml): Austmark was split into Nordaust and Søraust on
 * 1 March 2025, and its agreement applies in each until they have their own. Asked by someone whose county is
 * not known, the answer offers the counties that exist on the day asked about — the successors, not the
 * dissolved county — and a successor chosen, or named in the question, is answered by the agreement that
 * applies there. Real git (the registry committed by hand), real HTTP.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { projectRoot } from '../../src/config.js';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { commitFileByHand } from '../counties/helpers.js';
import { startTestGjerde } from '../helpers/gjerde.js';

let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;

const registry = `# Fylker som er delt: etterfølgerne overtar avtalene fra delingen.
fylker:
  - fylke: Austmark
    fylkeskommune: austmark-fk
    delt: 2025-03-01
    etterfolgere: [Nordaust, Søraust]
  - fylke: Nordaust
    fylkeskommune: nordaust-fk
    fra: 2025-03-01
  - fylke: Søraust
    fylkeskommune: soraust-fk
    fra: 2025-03-01
`;

beforeAll(async () => {
  gjerde = await startTestGjerde({
    examplesDir: join(projectRoot, 'test/fixtures/lookup-county-needed'),
    env: { GJERDE_ANONYMOUS_READ: '1' },
  });
  await gjerde.gjerde.lookup.ready();
  await commitFileByHand(gjerde.dataDir, countyRegistryPath, registry, 'Austmark delt 1. mars 2025');
});

afterAll(async () => {
  await gjerde.stop();
});

async function ask(query: Record<string, string>): Promise<LookupAnswer> {
  const response = await request(gjerde.app).get('/api/lookup').query(query);
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('the county chooser after a split', () => {
  it('offers the successors on a day after the split, never the dissolved county', async () => {
    const answer = await ask({ q: 'hvem betaler busskortet', at: '2025-06-01' });
    expect(answer.countyNeeded?.counties.map(({ county }) => county).sort()).toEqual([
      'Nordaust',
      'Søraust',
      'Vestmark',
    ]);
    const page = await request(gjerde.app)
      .get('/oppslag')
      .query({ q: 'hvem betaler busskortet', at: '2025-06-01' });
    const html = page.text.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    expect(html).toMatch(/href="\/oppslag\?[^"]*county=Nordaust[^"]*">Nordaust<\/a>/);
    expect(html).not.toMatch(/">Austmark<\/a>/);
  });

  it('offers the county itself on a day before the split', async () => {
    const answer = await ask({ q: 'hvem betaler busskortet', at: '2025-02-01' });
    expect(answer.countyNeeded?.counties.map(({ county }) => county).sort()).toEqual([
      'Austmark',
      'Vestmark',
    ]);
  });

  it('a successor chosen is answered by the agreement that applies there', async () => {
    const answer = await ask({ q: 'hvem betaler busskortet', at: '2025-06-01', county: 'Nordaust' });
    expect(answer.countyNeeded).toBeNull();
    expect(answer.filters.county).toBe('Nordaust');
    expect(answer.scope.counties).toEqual(['Nordaust', 'Austmark']);
    expect(answer.results[0]).toMatchObject({
      agreementId: 'austmark-avtale',
      owner: { name: 'OT i Austmark' },
    });
  });

  it('a successor named in the question is answered the same, with no chooser', async () => {
    const answer = await ask({ q: 'hvem betaler busskortet i Nordaust', at: '2025-06-01' });
    expect(answer.scope).toMatchObject({ counties: ['Nordaust', 'Austmark'], source: 'question' });
    expect(answer.countyNeeded).toBeNull();
    expect(answer.results[0]).toMatchObject({
      agreementId: 'austmark-avtale',
      owner: { name: 'OT i Austmark' },
    });
  });

  it('the page says why the dissolved county’s agreement answers for the successor chosen', async () => {
    const page = await request(gjerde.app)
      .get('/oppslag')
      .query({ q: 'hvem betaler busskortet', at: '2025-06-01', county: 'Nordaust' });
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'Svaret er fra avtalen for Austmark. Fylket ble delt 1. mars 2025, og avtalen gjelder for Nordaust til Nordaust har sin egen avtale som erstatter den.',
    );
    expect(page.text).not.toContain('Velg fylke');
  });
});
