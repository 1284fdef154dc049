/**
 * A question in a hurry names the thing a clause names in another form: a strong verb's past («fløy hjem»
 * for «fly», src/lookup/forms.ts `searchedVerbForms`) or a compound no clause writes whole («flyreise», said by
 * a clause with «fly» and «reise»: src/lookup/norwegian.ts, `shortHeadSplit`; search.ts, `wholeByParts`).
 * Neither is «a thing no clause names», and a compound said by the grey zone's parts keeps the grey zone over
 * a sub-agreement's settled neighbour that has only the question's other words.
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { compoundParts, term } from '../../src/lookup/norwegian.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-dated-events') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, county: 'Skarvik' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a word in another form than the clause writes it', () => {
  it('reads «fløy» as «fly» and «flyreise» as «fly» + «reise»', () => {
    expect(term('fløy')).toBe(term('fly'));
    expect(compoundParts(term('flyreise') as string)).toEqual([term('fly'), term('reise')]);
  });

  it('meets the clause that names it: no «nothing covers»', async () => {
    for (const q of ['fløy hjem jul betaler?', 'flyreise hjem i fjor']) {
      const answer = await ask(q);
      expect(answer.notCovered).toBeNull();
      expect(hits(answer)[0]).toBe('skarvik-avtale#hjemreiser');
      expect(answer.results[0]?.owner?.id).toBe('skarvik-fk');
    }
  });

  it('keeps the grey zone its parts name over a settled neighbour with only the other words', async () => {
    const answer = await ask('flyreise hjem 2022');
    expect(hits(answer)[0]).toBe('skarvik-avtale#hjemreiser');
    expect(answer.results[0]?.status).toBe('grey');
  });
});
