/**
 * An uncertain answer says so (src/lookup/uncertainty.ts): when a clause just below the first fits nearly
 * as well and gives the case to another party, the answer (API and page) says it is uncertain and names
 * both, and the page does not show the first owner as *the* answer. A question that tells the two apart is
 * answered without the notice, and so is one whose close clauses give the case to the same party.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
let reader: Agent;

beforeAll(async () => {
  gjerde = await startTestGjerde({ examplesDir: join(projectRoot, 'test/fixtures/lookup-uncertain') });
  reader = await gjerde.as('leser');
});

afterAll(async () => {
  await gjerde.stop();
});

async function ask(q: string): Promise<LookupAnswer> {
  // Every part of each result: the scores that make an answer uncertain or not.
  const response = await reader.get('/api/lookup').query({ q, at: '2025-06-01', full: '1' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

/** The lookup page's answer region, with Handlebars' attribute escape of «=» undone. */
async function page(q: string): Promise<string> {
  const response = await reader.get('/oppslag').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  const html = response.text.replaceAll('&#x3D;', '=');
  return html.slice(html.indexOf('id="svar"'));
}

describe('two close clauses with different owners', () => {
  it('the answer says it is uncertain and names both parties', async () => {
    for (const q of ['hvem skaffer praksisplass i en bedrift', 'praksisplass']) {
      const answer = await ask(q);
      expect(answer.uncertain?.because).toBe('owners-differ');
      expect(answer.uncertain?.message).toContain('Nordmark fylkeskommune');
      expect(answer.uncertain?.message).toContain('NAV Nordmark');
    }
  });

  it('the page says so above the first card and shows no card as the one answer', async () => {
    const html = await page('hvem skaffer praksisplass i en bedrift');
    const notice = html.indexOf('Usikkert svar: to punkter passer nesten like godt');
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(html.indexOf('class="lookup-result'));
    expect(html).not.toContain('lookup-result--best');
  });
});

describe('a confident answer', () => {
  it('a question that tells the two apart has no notice, and its first card is the answer', async () => {
    for (const [q, first] of [
      ['elev på yrkesfag trenger praksisplass', 'nordmark-ramme#praksis-elev'],
      ['ungdom som ikke går på skole trenger praksisplass', 'nordmark-ramme#praksis-utenfor'],
    ] as const) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe(first);
      expect(answer.uncertain).toBeNull();
    }
    const html = await page('elev på yrkesfag trenger praksisplass');
    expect(html).toContain('lookup-result--best');
    expect(html).not.toContain('Usikkert svar');
  });

  it('close clauses that give the case to the same party are not uncertain', async () => {
    const answer = await ask('hva dekker NAV når praksisen er et NAV-tiltak');
    expect(hits(answer).slice(0, 2).sort()).toEqual(['nordmark-ramme#arbeidsklaer', 'nordmark-ramme#skyss']);
    const [first, second] = answer.results;
    expect(second?.score).toBeGreaterThan(0.85 * (first?.score ?? 0));
    expect(answer.uncertain).toBeNull();
  });
});
