/**
 * A NAV office's first real local agreement under the example umbrella (issue 11, «Scope» and «Example
 * agreements»): it takes out only the example local agreement of its own office, answers first for its own
 * office, and never stands above the example umbrella for another office or for someone at no office, nor
 * gives them its route for unclear cases. Found testing as a new office's leader on a fresh start. Fixture
 * county: test/fixtures/lookup-local-real (real git store in a temp folder, the composed service, real HTTP).
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer, LookupRequest } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const fixture = join(projectRoot, 'test/fixtures/lookup-local-real');
const gjerde = testGjerdeForFile({ examplesDir: fixture });
const kept = testGjerdeForFile({ examplesDir: fixture, env: { GJERDE_LOOKUP_EXAMPLES: '1' } });

/** After the real local agreement's start (1 January 2027). */
const started = '2027-01-15';

function ask(office: string | null, q: string, at = started, from = gjerde): Promise<LookupAnswer> {
  const request: LookupRequest = { q, at };
  if (office) request.person = { counties: ['Lia'], parties: [office] };
  return from.gjerde.lookup.search(request);
}

const routes = (answer: LookupAnswer) => answer.escalation.map((route) => route.to);

describe('a real local agreement under the example umbrella', () => {
  it('answers first for its own office, from its start', async () => {
    expect(hits(await ask('nav-furuli', 'sommerjobb'))[0]).toBe('furuli-lokal#sommerjobb');
    expect(hits(await ask('nav-furuli', 'sommerjobb', '2026-06-01'))).not.toContain(
      'furuli-lokal#sommerjobb',
    );
  });

  it('leaves another office the example umbrella’s clause and route', async () => {
    for (const from of [gjerde, kept]) {
      const answer = await ask('nav-sjovik', 'sommerjobb', started, from);
      expect(hits(answer)[0]).toBe('lia-ramme#sommerjobb');
      expect(routes(answer)).toEqual(['Samarbeidsutvalget i Lia']);
    }
  });

  it('leaves someone at no office the example umbrella’s clause and route, over HTTP', async () => {
    const answer = (
      await gjerde.reader.get('/api/lookup').query({ q: 'sommerjobb', at: started }).expect(200)
    ).body as LookupAnswer;
    expect(hits(answer)[0]).toBe('lia-ramme#sommerjobb');
    expect(answer.results[0]?.example).toBe(true);
    expect(routes(answer)).toEqual(['Samarbeidsutvalget i Lia']);
  });

  it('comes after everything else for another office', async () => {
    const answer = await ask('nav-sjovik', 'sommerjobb', started, kept);
    expect(hits(answer)[0]).toBe('lia-ramme#sommerjobb');
    expect(hits(answer).at(-1)).toBe('furuli-lokal#sommerjobb');
    expect(routes(answer)).toEqual(['Samarbeidsutvalget i Lia']);
  });

  it('is not lifted above the example umbrella for a question naming another place', async () => {
    const answer = await ask(null, 'sommerjobb på NAV Sjøvik', started, kept);
    expect(hits(answer)[0]).toBe('lia-ramme#sommerjobb');
    expect(routes(answer)).toEqual(['Samarbeidsutvalget i Lia']);
  });

  it('replaces only its own office’s example local agreement', async () => {
    expect(hits(await ask('nav-furuli', 'OT-dag'))).not.toContain('furuli-eksempel#ot-dag');
    expect(hits(await ask('nav-furuli', 'OT-dag', '2026-06-01'))).toContain('furuli-eksempel#ot-dag');
    expect(hits(await ask('nav-sjovik', 'OT-dag'))[0]).toBe('sjovik-eksempel#ot-dag');
    expect(hits(await ask('nav-sjovik', 'OT-dag', started, kept))).toContain('furuli-eksempel#ot-dag');
  });
});
