/**
 * The question's frame is not its subject (src/lookup/norwegian.ts, stop words): «kven eig saka», «kven åtte
 * saka» ask who owns the case, as «hvem eier saken» does. Read as a subject word, «saka» made a grey zone that
 * ends «… tek saka til samarbeidsutvalet» about what the question asks, and it governed a plain question
 * about a young adult outside school and work that the agreement settles.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { terms } from '../../src/lookup/norwegian.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-frame') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('the question’s frame is not its subject', () => {
  it('«saka» is a frame word as «saken» is', () => {
    expect(terms('kven eig saka')).toEqual(terms('kven eig saken'));
  });

  it('«kven eig saka» about a young adult outside school and work gets the settled clause', async () => {
    for (const q of [
      '22 år, har ikkje fullført, ikkje i jobb. Kven eig saka?',
      'kven åtte saka for ein 23-åring utan skule og arbeid',
    ]) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe('austvik-ramme#unge-vaksne');
      expect(answer.caution).toBeNull();
    }
  });

  it('a question that names the grey zone’s case still gets it', async () => {
    const answer = await ask('23 år med psykiske vanskar, ikkje i skule eller arbeid. Kven eig saka?');
    expect(hits(answer)[0]).toBe('austvik-ramme#psykisk-helse');
    expect(answer.results[0]?.status).toBe('grey');
  });
});
