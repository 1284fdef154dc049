/**
 * A grey zone answered for today, when an approved version from a later day settles it: the card and the API
 * say so («Fra 1. januar 2027: Ansvarlig NAV Fjordvik (godkjent versjon lagret …)»), as the agreement page
 * does. Found by a stranger on 38a4a4c (PC in the OT class, Fjordvik). Real git store seeded in a temp folder
 * from Fjordvik's umbrella agreement with one more approved version, the composed service, real HTTP.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const examples = mkdtempSync(join(tmpdir(), 'gjerde-upcoming-'));
const folder = join(examples, 'fjordvik-ramme');
cpSync(join(projectRoot, 'agreements', 'fjordvik-ramme'), folder, { recursive: true });
const settled = readFileSync(join(folder, '2025-06-23.md'), 'utf8')
  .replace('gyldig-fra: 2025-08-01', 'gyldig-fra: 2031-01-01')
  .replace('{#pc-utstyr status=uavklart eskalering=Samarbeidsutvalget', '{#pc-utstyr ansvarlig=nav-fjordvik');
expect(settled).toContain('{#pc-utstyr ansvarlig=nav-fjordvik');
writeFileSync(join(folder, '2026-11-30.md'), settled);
writeFileSync(
  join(folder, 'revisions.yaml'),
  `${readFileSync(join(folder, 'revisions.yaml'), 'utf8')}
- file: 2026-11-30.md
  date: "2026-11-30T12:00:00+01:00"
  author: Ingrid Berg
  email: ingrid.berg@fjordvik-fk.eksempel.no
  reason: |
    PC i OT-klassen avklart fra 1. januar 2031: NAV Fjordvik har ansvaret
`,
);

const gjerde = testGjerdeForFile({ examplesDir: examples });
afterAll(() => rmSync(examples, { recursive: true, force: true }));

const question = { q: 'PC i OT-klassen', county: 'fjordvik' };

describe('an approved later version that settles a grey zone', () => {
  it('is said on the card and in the API answer for today', async () => {
    const answer = (await gjerde.reader.get('/api/lookup').query(question).expect(200)).body as LookupAnswer;
    const pc = answer.results.find((result) => result.clauseId === 'pc-utstyr');
    expect(pc?.status).toBe('grey');
    expect(pc?.upcoming).toEqual({
      from: '2031-01-01',
      status: 'settled',
      owner: { id: 'nav-fjordvik', name: expect.stringContaining('NAV Fjordvik') },
      saved: expect.stringMatching(/^2026-11-30/),
    });
    const page = await gjerde.reader.get('/oppslag').query(question).expect(200);
    const card = page.text.slice(page.text.indexOf('id="r-fjordvik-ramme-pc-utstyr"') - 2000);
    expect(card).toMatch(
      /<p class="ds-paragraph lookup-result__upcoming" data-size="sm">Fra 1\. januar 2031: Ansvarlig NAV Fjordvik[^<]* \(godkjent versjon lagret 30\. november 2026\)<\/p>/,
    );
  });

  it('is not said once that version is the one answering, nor for a clause it leaves as it was', async () => {
    const later = (
      await gjerde.reader
        .get('/api/lookup')
        .query({ ...question, at: '2031-02-01', full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    const pc = later.results.find((result) => result.clauseId === 'pc-utstyr');
    expect(pc?.owner?.id).toBe('nav-fjordvik');
    expect(pc?.upcoming).toBeUndefined();
    const today = (
      await gjerde.reader
        .get('/api/lookup')
        .query({ ...question, full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    for (const result of today.results.filter((result) => result.clauseId !== 'pc-utstyr'))
      expect(result.upcoming).toBeUndefined();
  });
});
