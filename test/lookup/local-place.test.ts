/**
 * A local agreement's clause is not a county's answer when the case's place is not known
 * (src/lookup/county-wide-first.ts): the umbrella's clause answers for the county, and the local one comes
 * below it, marked with the place it applies to. Named, the place's own clause answers.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { signedInAs } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';

let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;

beforeAll(async () => {
  gjerde = await startTestGjerde({
    examplesDir: join(projectRoot, 'test/fixtures/lookup-local-place'),
    env: { GJERDE_ANONYMOUS_READ: '1' },
  });
});

afterAll(async () => {
  await gjerde.stop();
});

const question = 'hvem betaler buss kort for o t elev';

async function ask(query: Record<string, string>): Promise<LookupAnswer> {
  const response = await request(gjerde.app)
    .get('/api/lookup')
    .query({ at: '2025-06-01', ...query });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

const firsts = (answer: LookupAnswer) =>
  answer.results.map(
    ({ agreementId, clauseId, area }) => `${agreementId}#${clauseId}${area ? ` (${area})` : ''}`,
  );

describe('a local agreement when the place is not known', () => {
  it('the county chosen: the umbrella answers first, the local clause below it marked with its place', async () => {
    const answer = await ask({ q: question, county: 'Nordmark' });
    expect(firsts(answer).slice(0, 2)).toEqual([
      'nordmark-ramme#reise-praksis',
      'bakkely-lokal#skyss (Bakkely)',
    ]);
    expect(answer.results[0]?.owner?.name).toBe('NAV Nordmark');
    // Not «uncertain» for it: the local card says the one place it applies.
    expect(answer.uncertain).toBeNull();
  });

  it('the chooser’s hint for the county is the umbrella’s clause too', async () => {
    const answer = await ask({ q: question });
    const nordmark = answer.countyNeeded?.counties.find(({ county }) => county === 'Nordmark');
    expect(nordmark).toMatchObject({ agreementId: 'nordmark-ramme', clauseId: 'reise-praksis' });
  });

  it('the page shows the local card below the county’s, saying where it applies', async () => {
    const response = await request(gjerde.app)
      .get('/oppslag')
      .query({ q: question, county: 'Nordmark', at: '2025-06-01' });
    const answer = response.text.slice(response.text.indexOf('id="svar"'));
    const umbrella = answer.indexOf('Gjelder Nordmark');
    const local = answer.indexOf('Lokal avtale: gjelder bare Bakkely');
    expect(umbrella).toBeGreaterThan(0);
    expect(local).toBeGreaterThan(umbrella);
  });

  it('the place named: its local clause answers', async () => {
    const answer = await ask({ q: `${question} i Bakkely` });
    expect(answer.scope).toMatchObject({ counties: ['Nordmark'], area: 'Bakkely' });
    expect(firsts(answer)[0]).toBe('bakkely-lokal#skyss (Bakkely)');
  });
});

describe('a local agreement the asker is a party of', () => {
  it('answers for the asker’s own school: its local clause first', async () => {
    const school = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
      username: 'bakkely-skole',
      name: 'Rådgiver på Bakkely',
      email: 'radgiver@bakkely.example',
      roles: [],
      parties: ['bakkely-vgs'],
    });
    const response = await school.get('/api/lookup').query({ q: question, at: '2025-06-01' });
    const answer = response.body as LookupAnswer;
    expect(answer.scope.counties).toEqual(['Nordmark']);
    expect(firsts(answer)[0]).toBe('bakkely-lokal#skyss (Bakkely)');
  });
});
