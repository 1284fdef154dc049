/**
 * The county chooser among known counties (src/lookup/county-needed.ts): a person who works in two counties,
 * or a question naming two, is offered each of those counties whose agreement has a fitting clause, however
 * its score compares with the other's: two agreements worded apart score apart (test/fixtures/
 * lookup-two-counties). Before, the second county's clause of the question's very title was under half the
 * first's score, so no chooser came, and the first county's cards stood alone under «dine fylker».
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { countyReaderAccount, signedInAs } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';

let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
let both: Agent;

beforeAll(async () => {
  gjerde = await startTestGjerde({
    examplesDir: join(projectRoot, 'test/fixtures/lookup-two-counties'),
    env: { GJERDE_ANONYMOUS_READ: '1' },
  });
  both = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
    ...countyReaderAccount('Høgmark'),
    username: 'leser-hogmark-lagmark',
    name: 'Leser i to fylker',
    email: 'leser-hogmark-lagmark@kystfold.example',
    counties: ['Høgmark', 'Lågmark'],
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

describe('a person who works in two counties', () => {
  const q = 'har sluttet på skolen';

  it('is offered both, though the second county’s clause outscores the first’s many times', async () => {
    const answer = await ask(both, q);
    expect(answer.scope).toMatchObject({ counties: ['Høgmark', 'Lågmark'], source: 'person' });
    expect(answer.countyNeeded?.counties.map(({ county, owner }) => `${county}: ${owner?.name}`)).toEqual([
      'Høgmark: OT i Høgmark',
      'Lågmark: NAV Lågmark',
    ]);
    // The second county's own answer is on the page, not pushed off by the first county's cards.
    expect(answer.results.map(({ county, clauseId }) => `${county}#${clauseId}`)).toContain(
      'Lågmark#sluttet',
    );
    const page = await both.get('/oppslag').query({ q, at: '2025-06-01' });
    expect(page.text).toContain(
      'Du arbeider i flere fylker, og avtalene i Høgmark og Lågmark svarer ulikt. Velg fylket saken gjelder:',
    );
    expect(page.text).not.toContain('lookup-result--best');
  });
});

describe('a question naming two counties', () => {
  const q = 'elev i Høgmark og Lågmark vil slutte';

  it('asks which of them, with each county’s owner or its open question', async () => {
    const answer = await ask(request(gjerde.app), q);
    expect(answer.scope).toMatchObject({ source: 'question' });
    expect(answer.scope.counties?.slice().sort()).toEqual(['Høgmark', 'Lågmark']);
    expect(
      answer.countyNeeded?.counties
        .map(({ county, owner }) => `${county}: ${owner?.name ?? 'uavklart'}`)
        .sort(),
    ).toEqual(['Høgmark: Høgmark fylkeskommune', 'Lågmark: uavklart']);
    const page = await request(gjerde.app).get('/oppslag').query({ q, at: '2025-06-01' });
    expect(page.text).toMatch(
      /Spørsmålet nevner flere fylker, og avtalene i (Høgmark og Lågmark|Lågmark og Høgmark) svarer ulikt\. Velg fylket saken gjelder:/,
    );
    expect(page.text).not.toContain('lookup-result--best');
  });

  it('a county chosen answers for it plainly', async () => {
    const response = await request(gjerde.app)
      .get('/api/lookup')
      .query({ q, at: '2025-06-01', county: 'Lågmark' });
    const answer = response.body as LookupAnswer;
    expect(answer.countyNeeded).toBeNull();
    expect(answer.results[0]).toMatchObject({
      county: 'Lågmark',
      clauseId: 'vurderer-a-slutte',
      status: 'grey',
    });
  });
});
