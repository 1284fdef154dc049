/**
 * Example agreements leave the lookup once a real agreement is in force on the day asked, not as soon as one
 * is approved. Found by a first-time user: a county's first real agreement, approved ahead of its start, left
 * every lookup today with «Bare eksempelavtaler gjelder på datoen…» and nothing else. Real git store in a temp
 * folder, the composed service, real HTTP, real approvals.
 */
import { describe, expect, it } from '@jest/globals';
import { today } from '../../src/format/dates.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { rammeAnswers, validFrom } from '../drafting/helpers.js';
import { submitAndApprove, testGjerdeWithPeople } from '../helpers/gjerde.js';

const server = testGjerdeWithPeople(['leser', 'redaktor', 'nina', 'jonas']);
const { leser, redaktor, nina, jonas } = server.people;

async function ask(q: string, at?: string): Promise<LookupAnswer> {
  return (
    await leser
      .get('/api/lookup')
      .query(at ? { q, at } : { q })
      .expect(200)
  ).body as LookupAnswer;
}

describe('a first real agreement that starts in the future', () => {
  it('leaves today’s answers to the examples, marked as examples, and takes over from its start', async () => {
    const question = 'fikk ikke læreplass';
    const before = await ask(question);
    expect(before.results.length).toBeGreaterThan(0);
    expect(before.results.every((result) => result.example)).toBe(true);

    const id = 'forste-ekte-ramme';
    await redaktor
      .post('/api/agreements')
      .send({ template: 'ramme', answers: rammeAnswers({ id, example: false }), reason: 'Første utkast' })
      .expect(201);
    const done = await submitAndApprove(id, redaktor, [
      { by: nina, role: 'Direktør', party: 'nav-eksempelfylket' },
      { by: jonas, role: 'Fylkesdirektør for opplæring', party: 'eksempelfylket-fk' },
    ]);
    expect(done.complete).toBe(true);
    expect(validFrom > today()).toBe(true);

    const now = await ask(question);
    expect(now.emptyBecause).toBeNull();
    expect(now.results.length).toBeGreaterThan(0);
    expect(now.results.every((result) => result.example)).toBe(true);
    expect(now.results.map((result) => result.agreementId)).not.toContain(id);

    const fromStart = await ask(question, validFrom);
    expect(fromStart.results.some((result) => result.example)).toBe(false);
    expect(fromStart.results[0]?.agreementId).toBe(id);
    expect(fromStart.results[0]?.clauseId).toBe('uten-laereplass');
  }, 120_000);
});
