/**
 * A county written in another case or spacing than its other agreements write it («fjordvik» for «Fjordvik»),
 * committed with plain git: the validator warns at `fylke` (line and column, never blocking), on a save's
 * check and in `gjerde validate`, and the lookup still reads it as the county.
 */
import { describe, expect, it, jest } from '@jest/globals';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand, git } from './helpers.js';

jest.setTimeout(120_000);

const warning =
  'Fylket skrives «Fjordvik» i fylkets andre avtaler, her «fjordvik». Oppslaget og tilgangen leser dem som samme fylke, men skriv det likt, så fylket ikke ser ut som to.';

describe('a county written in another case', () => {
  const server = testGjerdeWithPeople(['leser']);

  it('is a warning at «fylke» on a save’s check, and nothing else changes', async () => {
    const text = git(server.dataDir, ['show', 'HEAD:avtaler/strandby-lokal.md']);
    const line = text.split('\n').findIndex((row) => row.startsWith('fylke:')) + 1;
    const analysis = await server.gjerde.drafting.check(
      text.replace(/^fylke: Fjordvik$/m, 'fylke: fjordvik'),
    );
    expect(analysis.ok).toBe(true);
    expect(analysis.messages.filter((message) => message.rule === 'county-spelling')).toEqual([
      { line, column: 8, severity: 'warning', rule: 'county-spelling', message: warning },
    ]);
    const unchanged = await server.gjerde.drafting.check(text);
    expect(unchanged.messages.some((message) => message.rule === 'county-spelling')).toBe(false);
  });

  it('is a warning in «gjerde validate» when committed with plain git, and the lookup keeps one county', async () => {
    const text = git(server.dataDir, ['show', 'HEAD:avtaler/strandby-lokal.md']);
    const line = text.split('\n').findIndex((row) => row.startsWith('fylke:')) + 1;
    await commitByHand(
      server.dataDir,
      { 'avtaler/strandby-lokal.md': text.replace(/^fylke: Fjordvik$/m, 'fylke: fjordvik') },
      'Fylket skrevet med liten forbokstav',
    );
    const validate = cli(server.dataDir, 'validate');
    expect(validate.out).toContain(
      `avtaler/strandby-lokal.md:${line}:8: advarsel: ${warning} [county-spelling]`,
    );
    expect(validate.code).toBe(0);
    const answer = (
      await server.people.leser
        .get('/api/lookup')
        .query({ q: 'praksis', county: 'Fjordvik', agreement: 'strandby-lokal' })
        .expect(200)
    ).body as LookupAnswer;
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.every((result) => result.county === 'Fjordvik')).toBe(true);
  });
});
