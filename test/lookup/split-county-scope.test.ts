/**
 * The scope of a lookup on the README's example agreements beside a split county (test/fixtures/lookup-successor:
 * Kystfold og Heiane, split on 1 January 2024; Kystfold continued its agreement from 1 August 2024, Heiane has
 * none of its own in this store), as a hostile tester found it: a municipality of a county Gjerde has no
 * agreement for, the county chooser, the lookup page's county filter and a person of the successor county
 * with no agreement of its own. Real git (committed by hand, with the approvals' trailers), real HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { projectRoot } from '../../src/config.js';
import { countyRegistryPath } from '../../src/domain/county-splits.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { commitFileByHand } from '../counties/helpers.js';
import { countyReader } from '../helpers/accounts.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

// The examples kept in the lookup beside a real agreement, as a demonstration has them.
const server = testGjerdeForFile({ env: { GJERDE_ANONYMOUS_READ: '1', GJERDE_LOOKUP_EXAMPLES: '1' } });
const fixture = join(projectRoot, 'test/fixtures/lookup-successor');
const approvedBy = (countyParty: string, day: string) =>
  `Godkjent-av: Nils Nav | Direktør, NAV Kystfold og Heiane | nav-kh | ${day}\nGodkjent-av: Frida Fylke | Fylkesdirektør | ${countyParty} | ${day}`;

let split: Promise<void> | undefined;

/** The split county committed as a county migrating by plain git would: once for the file. */
function commitTheSplit(): Promise<void> {
  const commit = (path: string, file: string, message: string) =>
    commitFileByHand(server.dataDir, path, readFileSync(join(fixture, file), 'utf8'), message);
  split ??= (async () => {
    await commit(
      'avtaler/kh-ramme.md',
      'kh-ramme/2019-12-16.md',
      `Rammeavtale 2020\n\n${approvedBy('kh-fk', '2019-12-10')}`,
    );
    await commit(
      countyRegistryPath,
      'datafiler/fylker-2024-01-02.yaml',
      'Kystfold og Heiane delt 1. januar 2024',
    );
    await commit(
      'avtaler/kh-ramme.md',
      'kh-ramme/2024-07-01.md',
      `Videreført av Kystfold\n\n${approvedBy('kystfold-fk', '2024-07-01')}`,
    );
  })();
  return split;
}

async function ask(query: Record<string, string>): Promise<LookupAnswer> {
  await commitTheSplit();
  return (await request(server.app).get('/api/lookup').query(query).expect(200)).body as LookupAnswer;
}

async function page(query: Record<string, string>): Promise<string> {
  await commitTheSplit();
  const response = await request(server.app).get('/oppslag').query(query).expect(200);
  return response.text.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
}

/** The counties the lookup page's «Fylke» filter offers. */
function filterCounties(html: string): string[] {
  const select = html.match(/<select[^>]*name="county"[^>]*>([\s\S]*?)<\/select>/)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('a municipality of a county Gjerde has no agreement for', () => {
  it('is answered as the county is: plainly, with no other county’s clause', async () => {
    const byCounty = await ask({ q: 'ungdom i Vestland uten skoleplass' });
    const byMunicipality = await ask({ q: 'ungdom i Bergen uten skoleplass' });
    expect(byMunicipality.scope).toMatchObject({ counties: ['Vestland'], source: 'question' });
    expect(byMunicipality.results).toEqual([]);
    expect(byMunicipality.countyNeeded).toBeNull();
    expect(byMunicipality.message).toBe(byCounty.message);
    expect(byMunicipality.message).toMatch(/^Gjerde har ingen avtale for Vestland\./);
  });

  it('a name that is an everyday word too is a place only written as one', async () => {
    expect((await ask({ q: 'elev i Time som har sluttet' })).scope.counties).toEqual(['Rogaland']);
    expect((await ask({ q: 'har time hos rådgiver og vil slutte' })).scope.source).toBe('none');
  });
});

describe('the county chooser', () => {
  it('offers every county with a card on the page', async () => {
    const answer = await ask({ q: 'ungdom uten skoleplass' });
    const offered = answer.countyNeeded?.counties.map(({ county }) => county) ?? [];
    expect(answer.results[0]?.county).toBe('Kystfold');
    for (const { county } of answer.results) expect(offered).toContain(county);
  });
});

describe('the lookup page’s county filter', () => {
  it('lists the counties there are on the day: the successors after the split, the dissolved one before', async () => {
    const after = filterCounties(await page({ q: 'lærling uten læreplass', at: '2024-09-01' }));
    expect(after).toEqual(expect.arrayContaining(['Heiane', 'Kystfold', 'Fjordvik']));
    expect(after).not.toContain('Kystfold og Heiane');
    const before = filterCounties(await page({ q: 'lærling uten læreplass', at: '2022-06-01' }));
    expect(before).toContain('Kystfold og Heiane');
    expect(before).not.toContain('Heiane');
    expect(before).not.toContain('Kystfold');
  });

  it('Heiane chosen is answered by the dissolved county’s text, in force there', async () => {
    const answer = await ask({ q: 'lærling uten læreplass', county: 'Heiane', at: '2024-09-01' });
    expect(answer.filters.county).toBe('Heiane');
    expect(answer.results[0]).toMatchObject({
      agreementId: 'kh-ramme',
      county: 'Kystfold og Heiane',
      owner: { id: 'nav-kh' },
    });
    expect(
      filterCounties(await page({ q: 'lærling uten læreplass', county: 'Heiane', at: '2024-09-01' })),
    ).toContain('Heiane');
  });
});

describe('a person of the successor county with no agreement of its own', () => {
  it('sees their own county in the scope line, and why the dissolved county’s agreement answers', async () => {
    await commitTheSplit();
    const person = await countyReader(server.app, server.gjerde.accounts, 'Heiane');
    const answer = (
      await person.get('/api/lookup').query({ q: 'lærling uten læreplass', at: '2024-09-01' }).expect(200)
    ).body as LookupAnswer;
    expect(answer.scope).toMatchObject({ counties: ['Heiane', 'Kystfold og Heiane'], source: 'person' });
    expect(answer.results[0]).toMatchObject({ agreementId: 'kh-ramme', owner: { id: 'nav-kh' } });
    const html = (
      await person.get('/oppslag').query({ q: 'lærling uten læreplass', at: '2024-09-01' }).expect(200)
    ).text;
    expect(html).toContain('Svar fra avtalene i Heiane (ditt fylke)');
    expect(html).toContain(
      'Svaret er fra avtalen for Kystfold og Heiane. Fylket ble delt 1. januar 2024, og avtalen gjelder for Heiane til Heiane har sin egen avtale som erstatter den.',
    );
  });
});
