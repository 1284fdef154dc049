/**
 * A question that names a grey zone's case by one of its author's keywords (issue 11, blind-13 b13-063, 169):
 * «trenger BUP» names «Kontakt med psykisk helsetjeneste og psykolog», «skal på kurs» names «Kurs, utstyr og
 * arbeidsklær …», so the grey zone's other title words are no narrower case left unsaid, and a settled clause
 * of the same agreement does not answer in its place (search.ts, `greyContext` `narrowerCase`). And a compound
 * that says going through school («skolegangen») is named where school is (`namedByHead`): «Hvem har ansvaret
 * for skolegangen?» is answered, not «Avtalen sier ikke noe om» it (b13-174).
 */

import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-grey-keyword') });

async function ask(q: string): Promise<LookupAnswer> {
  const response = await gjerde.reader.get('/api/lookup').query({ q, county: 'Vardvik' });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('a grey zone named by its own keyword', () => {
  it('governs the settled clause on the adviser at school for «trenger BUP»', async () => {
    const answer = await ask('Eleven min er 16 og trenger BUP. Er det skolen som skal ta det?');
    expect(hits(answer)[0]).toBe('vardvik-avtale#psykisk-helse');
    expect(answer.results[0]?.status).toBe('grey');
  });

  it('governs the settled clause on a lost apprenticeship for «skal på kurs»', async () => {
    const answer = await ask('En oppsagt lærling på 20 i tiltak hos NAV skal på kurs. Hvem betaler?');
    expect(hits(answer)[0]).toBe('vardvik-avtale#kurs-utstyr');
    expect(answer.results[0]?.status).toBe('grey');
  });
});

describe('the schooling asked about', () => {
  it('is answered by the clause on school, not said to be named nowhere', async () => {
    const answer = await ask(
      'En elev på 18 gjennomfører ungdomsstraff og vil fortsette på vg2. Hvem har ansvaret for skolegangen?',
    );
    expect(answer.notCovered).toBeNull();
    expect(hits(answer)[0]).toBe('vardvik-avtale#kriminalomsorg');
    expect(answer.results[0]?.owner?.id).toBe('skolene-vardvik');
  });
});
