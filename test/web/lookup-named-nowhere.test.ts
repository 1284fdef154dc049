/**
 * `GET /api/lookup` and `/oppslag` for a case worker of two counties whose agreements both say nothing about
 * what is asked («16 år og trenger bolig»): the answer says nothing covers it, with each county's route named
 * by its county, and neither shows a clause as the answer nor asks which county (no clause is near: «uten» of
 * «uten bolig» finds no clause without the whole phrase). Before, «uten» of «uten bolig» made the apprentices'
 * clause count as one on housing, and the chooser offered each county's owner. A covered
 * question with a typo is still answered. Fixture counties: test/fixtures/lookup-named-nowhere.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { countyReaderAccount, signedInAs } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';

let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
let both: Agent;

beforeAll(async () => {
  gjerde = await startTestGjerde({
    examplesDir: join(projectRoot, 'test/fixtures/lookup-named-nowhere'),
  });
  both = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
    ...countyReaderAccount('Brekkvik'),
    username: 'leser-brekkvik-tindeland',
    name: 'Leser i to fylker',
    email: 'leser-brekkvik-tindeland@kystfold.example',
    counties: ['Brekkvik', 'Tindeland'],
  });
});

afterAll(async () => {
  await gjerde.stop();
});

async function ask(q: string): Promise<LookupAnswer> {
  const response = await both.get('/api/lookup').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a case worker of two counties asks about a thing neither agreement names', () => {
  const q = '16 år og trenger bolig';

  it('is told nothing covers it, with no owner and no question about the county', async () => {
    const answer = await ask(q);
    expect(answer.scope).toMatchObject({ counties: ['Brekkvik', 'Tindeland'], source: 'person' });
    // Nothing is near: «uten» of «uten bolig» no longer finds the apprentices' clause.
    expect(answer.notCovered?.message).toBe('Avtalen sier ikke noe om «bolig».');
    expect(answer.results).toEqual([]);
    expect(answer.countyNeeded).toBeNull();
    expect(answer.escalation.map(({ to, county }) => `${county}: ${to}`).sort()).toEqual([
      'Brekkvik: Samarbeidsutvalget i Brekkvik',
      'Tindeland: Leiarmøtet i Tindeland',
    ]);
    const page = await both.get('/oppslag').query({ q, at: '2025-06-01' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Avtalen sa ikke noe om «bolig» 1. juni 2025.');
    expect(page.text).toMatch(
      /Uklare saker tas til: (Samarbeidsutvalget i Brekkvik \(Brekkvik\), Leiarmøtet i Tindeland \(Tindeland\)|Leiarmøtet i Tindeland \(Tindeland\), Samarbeidsutvalget i Brekkvik \(Brekkvik\))\./,
    );
    expect(page.text).not.toContain('Velg fylket saken gjelder');
    expect(page.text).not.toContain('lookup-result--best');
  });

  it('a covered question with a typo is answered by its clause', async () => {
    const answer = await ask('jente på 17 trenger arbiedsklær');
    expect(answer.notCovered).toBeNull();
    expect(answer.results[0]).toMatchObject({ county: 'Brekkvik', clauseId: 'arbeidsklaer' });
  });
});
