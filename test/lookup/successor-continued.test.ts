/**
 * A dissolved county's agreement once one successor has continued it (test/fixtures/lookup-successor): Kystfold's
 * version answers only in Kystfold; in Heiane the merged county's text still governs until Heiane's own agreement
 * replaces it, and before the split it governed both. Real git (the fixture seeded as a county's
 * history), real HTTP, signed-in accounts.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { countyReader } from '../helpers/accounts.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const server = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-successor') });

/** The first answer to «lærling uten læreplass» for a person of `county` on `at`: which county's text, whose clause. */
async function firstAnswer(county: string, at: string) {
  const person = await countyReader(server.app, server.gjerde.accounts, county);
  const answer = await person.get('/api/lookup').query({ q: 'lærling uten læreplass', at }).expect(200);
  const first = answer.body.results[0] as
    | { agreementId: string; county: string; owner: { id: string } | null }
    | undefined;
  return first && { agreement: first.agreementId, county: first.county, owner: first.owner?.id };
}

describe('a dissolved county’s agreement after one successor has continued it', () => {
  it('answers the continuing successor with its own version from its first day', async () => {
    expect(await firstAnswer('Kystfold', '2024-09-01')).toEqual({
      agreement: 'kh-ramme',
      county: 'Kystfold',
      owner: 'ot',
    });
  });

  it('answers the other successor with the merged text, which still governs there', async () => {
    const merged = { agreement: 'kh-ramme', county: 'Kystfold og Heiane', owner: 'nav-kh' };
    expect(await firstAnswer('Heiane', '2024-05-01')).toEqual(merged);
    expect(await firstAnswer('Heiane', '2024-09-01')).toEqual(merged);
    expect(await firstAnswer('Heiane', '2025-08-31')).toEqual(merged);
  });

  it('answers the other successor with its own agreement once that replaces the merged one', async () => {
    expect(await firstAnswer('Heiane', '2025-09-01')).toEqual({
      agreement: 'heiane-ramme',
      county: 'Heiane',
      owner: 'heiane-fk',
    });
  });

  it('answers both with the merged text for a day before the split', async () => {
    const merged = { agreement: 'kh-ramme', county: 'Kystfold og Heiane', owner: 'nav-kh' };
    expect(await firstAnswer('Heiane', '2022-06-01')).toEqual(merged);
    expect(await firstAnswer('Kystfold', '2022-06-01')).toEqual(merged);
  });
});
