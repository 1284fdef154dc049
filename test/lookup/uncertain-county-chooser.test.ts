/**
 * An uncertain answer under the county chooser: asked by someone whose county is not known, about work
 * practice that two counties give to different owners, the answer asks for the county; inside the first
 * county's cards two close clauses still give the case to different parties. The page must say that it is
 * uncertain there, under the county's heading, as the API does — a case worker on a phone reads the first
 * county's first card as the answer otherwise (a stranger saw «Usikkert» in the API and nowhere on the page).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { startTestGjerde } from '../helpers/gjerde.js';

let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
let examples: string;

beforeAll(async () => {
  // Nordmark's two close clauses beside Sørmark's one: two counties' fixtures in one store.
  examples = await mkdtemp(join(tmpdir(), 'gjerde-uncertain-counties-'));
  for (const fixture of ['lookup-uncertain', 'lookup-uncertain-elsewhere'])
    await cp(join(projectRoot, 'test/fixtures', fixture), examples, { recursive: true });
  gjerde = await startTestGjerde({ examplesDir: examples, env: { GJERDE_ANONYMOUS_READ: '1' } });
});

afterAll(async () => {
  await gjerde.stop();
  await rm(examples, { recursive: true, force: true });
});

const question = 'hvem skaffer praksisplass i en bedrift';

describe('asked by nobody signed in, about what two counties answer differently', () => {
  it('the API asks for the county and says the answer within the first county is uncertain', async () => {
    const response = await request(gjerde.app).get('/api/lookup').query({ q: question, at: '2025-06-01' });
    expect(response.status).toBe(200);
    const answer = response.body as LookupAnswer;
    expect(answer.countyNeeded?.counties.map(({ county }) => county).sort()).toEqual(['Nordmark', 'Sørmark']);
    expect(answer.results[0]?.county).toBe('Nordmark');
    expect(answer.uncertain?.message).toContain('Nordmark fylkeskommune og NAV Nordmark');
  });

  it('the page says so under the first county’s heading, above its first card', async () => {
    const response = await request(gjerde.app).get('/oppslag').query({ q: question, at: '2025-06-01' });
    expect(response.status).toBe(200);
    const html = response.text.replaceAll('&#x3D;', '=');
    const answer = html.slice(html.indexOf('id="svar"'));
    const chooser = answer.indexOf('Velg fylke:');
    const heading = answer.indexOf('Hvis saken gjelder Nordmark');
    const notice = answer.indexOf('Usikkert svar: to punkter passer nesten like godt');
    expect(chooser).toBeGreaterThan(0);
    expect(heading).toBeGreaterThan(chooser);
    expect(notice).toBeGreaterThan(heading);
    expect(notice).toBeLessThan(answer.indexOf('class="lookup-result'));
    expect(answer).not.toContain('lookup-result--best');
  });
});
