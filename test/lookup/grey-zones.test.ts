/**
 * When a grey zone governs (src/lookup/grey-zones.ts): only a grey zone about what the question is about
 * comes before a settled clause that fits, never one that shares only the situation («elev») with the
 * question; and a local agreement's settlement answers for its own area only, so with no area known the
 * county's grey zone still governs.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-grey') });

/** Vestmark is the only county: the question's place (Bakke) sets the area when it names one. */
async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, at: '2025-06-01' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a grey zone governs only a question about the same thing', () => {
  it('a grey zone that shares only the situation does not stand over the settled answer', async () => {
    for (const q of ['eleven tenker på å droppe ut', 'elev som vurderer å hoppe av']) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe('vestmark-ramme#elever-i-fare');
      expect(answer.caution).toBeNull();
    }
  });

  it('a grey zone about a narrower case than the question («psykiske vansker») does not stand over the settled answer', async () => {
    for (const q of [
      '18 år, verken skole eller jobb, hvem eier saken',
      '20 år, ikke fullført vgs, ikke i jobb',
    ]) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe('vestmark-ramme#utenfor');
      expect(answer.caution).toBeNull();
    }
    // The same when the grey zone comes first on its own words («ikke klar for skole eller arbeid»).
    for (const q of [
      'en gutt på 20 som ikke er i jobb og ikke på skolen',
      'ei jente på 19 uten skole eller arbeid',
    ]) {
      const answer = await ask(q);
      expect(hits(answer)[0]).toBe('vestmark-ramme#utenfor');
      expect(answer.caution).toBeNull();
    }
    const asked = await ask('19 år med psykiske vansker, verken skole eller jobb');
    expect(hits(asked)[0]).toBe('vestmark-ramme#psykiske-vansker');
    expect(asked.results[0]?.status).toBe('grey');
  });

  it('a grey zone about the question’s subject governs, and the answer says so', async () => {
    const answer = await ask('elev som mangler penger til livsopphold, og har fravær');
    expect(hits(answer)[0]).toBe('vestmark-ramme#livsopphold-elever');
    expect(answer.results[0]?.status).toBe('grey');
  });

  it('the cost object decides: a computer in the OT class is the grey zone, not the class’s costs', async () => {
    const answer = await ask('hvem betaler datamaskin i OT-klassen');
    expect(hits(answer)[0]).toBe('vestmark-ramme#datamaskin');
    expect(answer.caution?.clauseId).toBe('datamaskin');
    expect((await ask('hvem betaler arbeidsklær i OT-klassen')).caution).toBeNull();
  });
});

describe('a local agreement settles for its own area only', () => {
  it('with no area known, the county’s grey zone governs the local settlement', async () => {
    const answer = await ask('datamaskin i OT-klassen');
    expect(answer.caution?.clauseId).toBe('datamaskin');
    expect(hits(answer)).toContain('vestmark-lokal-bakke#datamaskin-bakke');
  });

  it('in Bakke, the local settlement answers even when the county’s grey zone has more of the words', async () => {
    const answer = await ask('datamaskin til deltakere i OT-klassen i Bakke');
    expect(hits(answer)[0]).toBe('vestmark-lokal-bakke#datamaskin-bakke');
    expect(answer.caution).toBeNull();
  });

  it('in Bakke, the local agreement answers and nothing is uncertain', async () => {
    const answer = await ask('hvem låner ut datamaskin til deltakere i OT-klassen i Bakke');
    expect(hits(answer)[0]).toBe('vestmark-lokal-bakke#datamaskin-bakke');
    expect(answer.caution).toBeNull();
  });
});
