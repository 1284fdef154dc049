/**
 * Scope (issue 11): the signed-in person's counties and parties are the default scope; a county or NAV
 * office named in the question sets it; other counties never rank above one's own and come apart; term
 * statistics are per scope; example agreements leave the lookup once real ones are there.
 */

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { projectRoot } from '../../src/config.js';
import { today } from '../../src/format/dates.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { signedInAs } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const fixtures = join(projectRoot, 'test/fixtures/lookup-counties');
let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
/** A NAV veileder in Nordvik (scope from the party), an OT worker in Sørheim (scope from the county). */
let nordvik: Agent;
let sorheim: Agent;
let anyone: Agent;

beforeAll(async () => {
  gjerde = await startTestGjerde({ examplesDir: fixtures });
  const { app, gjerde: service } = gjerde;
  nordvik = await signedInAs(app, service.accounts, {
    username: 'nina',
    name: 'Nina Nordvik',
    email: 'nina@nav.example',
    roles: [],
    parties: ['nav-nordvik'],
  });
  sorheim = await signedInAs(app, service.accounts, {
    username: 'sara',
    name: 'Sara Sørheim',
    email: 'sara@sorheim.example',
    roles: [],
    counties: ['Sørheim'],
  });
  anyone = await gjerde.as('leser');
});

afterAll(async () => {
  await gjerde.stop();
});

/** The counties in the order their runs come: one run per county when they do not interleave. */
function countyRuns(counties: string[]): string[] {
  return counties.filter((county, position) => county !== counties[position - 1]);
}

async function ask(agent: Agent, q: string, extra: Record<string, string> = {}): Promise<LookupAnswer> {
  const response = await agent.get('/api/lookup').query({ q, at: '2025-06-01', ...extra });
  expect(response.status).toBe(200);
  return response.body as LookupAnswer;
}

describe('the same question, two people', () => {
  it('answers each from their own county, with that county’s owner', async () => {
    const inNordvik = await ask(nordvik, 'har sluttet på skolen og sitter hjemme, 19 år');
    const inSorheim = await ask(sorheim, 'har sluttet på skolen og sitter hjemme, 19 år');
    expect(inNordvik.scope).toMatchObject({ counties: ['Nordvik'], source: 'person' });
    expect(inSorheim.scope).toMatchObject({ counties: ['Sørheim'], source: 'person' });
    expect(hits(inNordvik)[0]).toBe('nordvik-ramme#utenfor');
    expect(inNordvik.results[0]?.owner?.name).toBe('OT i Nordvik');
    expect(hits(inSorheim)[0]).toBe('sorheim-ramme#utenfor');
    expect(inSorheim.results[0]?.owner?.name).toBe('NAV Sørheim');
    for (const result of inNordvik.results) expect(result.county).toBe('Nordvik');
    for (const result of inSorheim.results) expect(result.county).toBe('Sørheim');
    expect(inNordvik.elsewhere).toEqual([]);
  });

  it('a county on the account wins over the counties its party serves', async () => {
    // A NAV office that serves Nordvik, with a counsellor whose account says she works for Sørheim.
    const both = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
      username: 'siri',
      name: 'Siri Sørheim',
      email: 'siri@nav.example',
      roles: [],
      counties: ['Sørheim'],
      parties: ['nav-nordvik'],
    });
    const answer = await ask(both, 'har sluttet på skolen og sitter hjemme, 19 år');
    expect(answer.scope).toMatchObject({ counties: ['Sørheim'], source: 'person' });
    expect(hits(answer)[0]).toBe('sorheim-ramme#utenfor');
    for (const result of answer.results) expect(result.county).toBe('Sørheim');
  });

  it('«alle fylker» shows the others apart, after the person’s own', async () => {
    const answer = await ask(nordvik, 'har sluttet på skolen', { scope: 'all' });
    expect(answer.scope).toMatchObject({ counties: ['Nordvik'], all: true });
    expect(answer.results.every((result) => result.county === 'Nordvik')).toBe(true);
    expect(answer.elsewhere.length).toBeGreaterThan(0);
    expect(answer.elsewhere.every((result) => result.county !== 'Nordvik')).toBe(true);
  });

  it('a county named in the question sets the scope', async () => {
    const answer = await ask(nordvik, 'har sluttet på skolen i Sørheim');
    expect(answer.scope).toMatchObject({ counties: ['Sørheim'], source: 'question' });
    expect(hits(answer)[0]).toBe('sorheim-ramme#utenfor');
  });

  it('a county named with a typo sets the scope too', async () => {
    const answer = await ask(nordvik, 'har sluttet på skolen i Sørhem');
    expect(answer.scope).toMatchObject({ counties: ['Sørheim'], source: 'question' });
    expect(hits(answer)[0]).toBe('sorheim-ramme#utenfor');
  });

  it('a NAV office named in the question sets the scope and puts its local agreement first', async () => {
    const answer = await ask(nordvik, 'elev med høyt fravær i Elvdal');
    expect(answer.scope).toMatchObject({ counties: ['Sørheim'], source: 'question', area: 'Elvdal' });
    expect(hits(answer)[0]).toBe('sorheim-lokal-elvdal#fare-for-frafall-elvdal');
    expect(answer.results[0]?.area).toBe('Elvdal');
  });

  it('a town whose local agreement has an office per bydel sets the scope, nobody signed in', async () => {
    // «NAV Bergly sentrum», «NAV Haugen», «NAV Sjøsida»: no office is called Bergly, the agreement's title is.
    const local = await ask(anyone, 'ungdom på hybel i Bergly som har sluttet');
    expect(local.scope).toMatchObject({ counties: ['Sørheim'], source: 'question', area: 'Bergly' });
    expect(hits(local)[0]).toBe('sorheim-lokal-bergly#hybel-bergly');
    expect(local.results[0]?.area).toBe('Bergly');
    // What the local agreement does not cover: the county's own clause, not another county's.
    const umbrella = await ask(anyone, 'fikk ikke læreplass, 19 år, bor i Bergly');
    expect(umbrella.scope).toMatchObject({ counties: ['Sørheim'], source: 'question' });
    expect(hits(umbrella)[0]).toBe('sorheim-ramme#uten-laereplass');
    expect(umbrella.results.every((result) => result.county === 'Sørheim')).toBe(true);
  });

  it('a bydel office of that town is its area too', async () => {
    const answer = await ask(anyone, 'ungdom på hybel i Haugen som har sluttet');
    expect(answer.scope).toMatchObject({ counties: ['Sørheim'], source: 'question', area: 'Haugen' });
    expect(hits(answer)[0]).toBe('sorheim-lokal-bergly#hybel-bergly');
  });

  it('a local agreement comes after the county’s own clause unless the area is named or the person works there', async () => {
    const q = 'elever som står i fare for å slutte';
    expect(hits(await ask(sorheim, q)).slice(0, 2)).toEqual([
      'sorheim-ramme#fare-for-frafall',
      'sorheim-lokal-elvdal#fare-for-frafall-elvdal',
    ]);
    const atElvdal = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
      username: 'elin',
      name: 'Elin Elvdal',
      email: 'elin@nav.example',
      roles: [],
      counties: ['Sørheim'],
      parties: ['nav-elvdal'],
    });
    expect(hits(await ask(atElvdal, q))[0]).toBe('sorheim-lokal-elvdal#fare-for-frafall-elvdal');
  });

  it('a person in two counties gets one county’s clauses after the other’s, the first on the account first', async () => {
    const both = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
      username: 'synne',
      name: 'Synne Sørheim-Nordvik',
      email: 'synne@ot.example',
      roles: [],
      counties: ['Sørheim', 'Nordvik'],
    });
    const answer = await ask(both, 'har sluttet på skolen og sitter hjemme, 19 år', { limit: '20' });
    expect(answer.scope).toMatchObject({ counties: ['Sørheim', 'Nordvik'], source: 'person' });
    const counties = answer.results.map((result) => result.county);
    expect(counties[0]).toBe('Sørheim');
    expect(new Set(counties)).toEqual(new Set(['Sørheim', 'Nordvik']));
    expect(countyRuns(counties)).toEqual(['Sørheim', 'Nordvik']);
    // The same person naming the other county gets that county.
    const named = await ask(both, 'har sluttet på skolen og sitter hjemme, 19 år, i Nordvik');
    expect(named.results[0]?.county).toBe('Nordvik');
  });

  it('someone without a county gets every county, one after another, the best clause’s first', async () => {
    const answer = await ask(anyone, 'hvem betaler arbeidsklær', { limit: '20' });
    const counties = answer.results.map((result) => result.county);
    expect(new Set(counties).size).toBeGreaterThan(1);
    expect(countyRuns(counties)).toHaveLength(new Set(counties).size);
  });

  it('someone without counties or parties gets every county', async () => {
    const answer = await ask(anyone, 'hvem betaler arbeidsklær');
    expect(answer.scope).toMatchObject({ counties: null, source: 'none' });
    expect(new Set(answer.results.map((result) => result.county))).toEqual(new Set(['Nordvik', 'Sørheim']));
  });

  it('an explicit county filter wins over the person’s own', async () => {
    const answer = await ask(nordvik, 'hvem betaler arbeidsklær', { county: 'Sørheim' });
    expect(answer.scope).toMatchObject({ counties: ['Sørheim'], source: 'filter' });
    expect(hits(answer)[0]).toBe('sorheim-ramme#arbeidsklaer');
  });
});

describe('term statistics per scope', () => {
  it('the ranking inside a county does not change when another county is in the store', async () => {
    // Nordvik's own ranking, with Sørheim in the store, against a store of Nordvik alone.
    const withBoth = await ask(nordvik, 'NAV følger opp søkere uten læreplass', {
      limit: '50',
      fields: 'clauseId,score',
    });
    const nordvikOnly = await mkdtemp(join(tmpdir(), 'gjerde-nordvik-'));
    await cp(join(fixtures, 'nordvik-ramme'), join(nordvikOnly, 'nordvik-ramme'), { recursive: true });
    const alone = await startTestGjerde({ examplesDir: nordvikOnly });
    try {
      const reader = await signedInAs(alone.app, alone.gjerde.accounts, {
        username: 'nina',
        name: 'Nina Nordvik',
        email: 'nina@nav.example',
        roles: [],
        parties: ['nav-nordvik'],
      });
      const response = await reader.get('/api/lookup').query({
        q: 'NAV følger opp søkere uten læreplass',
        at: '2025-06-01',
        limit: '50',
        fields: 'clauseId,score',
      });
      const single = response.body as LookupAnswer;
      expect(single.results[0]?.score).toBeGreaterThan(0);
      expect(single.results.map((result) => [result.clauseId, result.score])).toEqual(
        withBoth.results.map((result) => [result.clauseId, result.score]),
      );
    } finally {
      await alone.stop();
      await rm(nordvikOnly, { recursive: true, force: true });
    }
  });
});

describe('a county written in another case', () => {
  it('is the same county: one scope, one group, one name', async () => {
    // A local agreement committed with plain git that writes «sørheim»: the county's other agreements write «Sørheim».
    const store = await mkdtemp(join(tmpdir(), 'gjerde-case-'));
    await cp(fixtures, store, { recursive: true });
    const file = join(store, 'sorheim-lokal-elvdal', '2025-03-03.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('fylke: Sørheim', 'fylke: sørheim'));
    const cased = await startTestGjerde({ examplesDir: store });
    try {
      const reader = await cased.as('leser');
      const response = await reader
        .get('/api/lookup')
        .query({ q: 'elever som står i fare for å slutte', at: '2025-06-01', county: 'Sørheim' });
      const answer = response.body as LookupAnswer;
      expect(hits(answer)).toContain('sorheim-lokal-elvdal#fare-for-frafall-elvdal');
      expect(answer.results.every((result) => result.county === 'Sørheim')).toBe(true);
      const named = (
        await reader.get('/api/lookup').query({ q: 'elev med høyt fravær i Elvdal', at: '2025-06-01' })
      ).body as LookupAnswer;
      expect(named.scope.counties).toEqual(['Sørheim']);
      expect(named.results[0]?.county).toBe('Sørheim');
    } finally {
      await cased.stop();
      await rm(store, { recursive: true, force: true });
    }
  });
});

describe('example agreements', () => {
  it('leave the lookup once the store has real agreements', async () => {
    const answer = await ask(anyone, 'har sluttet på skolen og sitter hjemme');
    expect(answer.results.some((result) => result.example)).toBe(false);
  });

  it('say so when only example agreements are in force where one asks, instead of blaming a filter', async () => {
    const answer = await ask(anyone, 'har sluttet på skolen og sitter hjemme', { county: 'Eksempelfylket' });
    expect(answer.results).toEqual([]);
    expect(answer.message).toBe(
      'Bare eksempelavtaler gjelder her på datoen, og de svarer ikke på oppslag når Gjerde har ekte avtaler. Andre fylkers avtaler gjelder ikke her; velg «alle fylker» for å se hva de har avtalt.',
    );
    expect(answer.emptyBecause).toBe('only-examples');
  });

  it('hand a person whose county has only examples no other county’s clauses, unless asked for', async () => {
    // The stranger, signed in for a county with only examples, got another county's unrelated grey zone
    // under «Fra avtaler i andre fylker».
    const eva = await signedInAs(gjerde.app, gjerde.gjerde.accounts, {
      username: 'eva',
      name: 'Eva Eksempel',
      email: 'eva@eksempel.example',
      roles: [],
      counties: ['Eksempelfylket'],
    });
    const answer = await ask(eva, 'har sluttet på skolen og sitter hjemme');
    expect(answer.scope).toMatchObject({ counties: ['Eksempelfylket'], source: 'person' });
    expect(answer.emptyBecause).toBe('only-examples');
    expect(answer.results).toEqual([]);
    expect(answer.elsewhere).toEqual([]);
    const all = await ask(eva, 'har sluttet på skolen og sitter hjemme', { scope: 'all' });
    expect(all.elsewhere.length).toBeGreaterThan(0);
    expect(all.elsewhere.every((result) => result.county !== 'Eksempelfylket')).toBe(true);
  });

  it('stay for a demonstration with GJERDE_LOOKUP_EXAMPLES=1, never above a real agreement', async () => {
    const demo = await startTestGjerde({ examplesDir: fixtures, env: { GJERDE_LOOKUP_EXAMPLES: '1' } });
    try {
      const reader = await demo.as('leser');
      const response = await reader
        .get('/api/lookup')
        .query({ q: 'har sluttet på skolen og sitter hjemme', at: '2025-06-01' });
      const answer = response.body as LookupAnswer;
      const examples = answer.results.map((result) => result.example);
      expect(examples).toContain(true);
      expect(examples.indexOf(true)).toBeGreaterThan(examples.lastIndexOf(false));
    } finally {
      await demo.stop();
    }
  });
});

describe('a scope with nothing in force', () => {
  it('names the person’s own county rather than a filter they never set', async () => {
    // The example store: Dalheim's agreement starts in 2024, Fjordvik's years before.
    const examples = await startTestGjerde();
    try {
      const dalheim = await signedInAs(examples.app, examples.gjerde.accounts, {
        username: 'dina',
        name: 'Dina Dalheim',
        email: 'dina@dalheim.example',
        roles: [],
        counties: ['Dalheim'],
      });
      const response = await dalheim
        .get('/api/lookup')
        .query({ q: 'har sluttet på skolen', at: '2020-06-01' });
      const answer = response.body as LookupAnswer;
      expect(answer.scope.source).toBe('person');
      expect(answer.message).toBe('Ingen avtaler i Dalheim (ditt fylke) var i kraft på datoen.');
      expect(answer.emptyBecause).toBe('none-in-scope');
    } finally {
      await examples.stop();
    }
  });
});

describe('contacts and dates', () => {
  it('a clause without a contact of its own shows the owner’s contact roles', async () => {
    const answer = await ask(nordvik, 'har sluttet på skolen og sitter hjemme', {
      fields: 'contact,ownerContacts',
    });
    expect(answer.results[0]).toMatchObject({
      contact: null,
      ownerContacts: [{ role: 'OT-koordinator i hver region', description: null }],
    });
  });

  it('a date in the question answers as of that date, and says what the clause says today', async () => {
    const answer = await ask(nordvik, 'fikk ikke læreplass, 19 år, i mars 2024', { at: '' });
    expect(answer.question.date).toEqual({ text: 'i mars 2024', date: '2024-03-01' });
    expect(answer.date).toBe('2024-03-01');
    expect(answer.results[0]).toMatchObject({
      clauseId: 'uten-laereplass',
      owner: { id: 'nordvik-fk' },
      today: { status: 'settled', owner: { id: 'nav-nordvik', name: 'NAV Nordvik' } },
    });
  });

  it('a change in a year that names no law is the agreement’s own change that year', async () => {
    // Nordvik's agreement changed on 1 March 2025 (the owner of «uten læreplass» with it).
    const before = await ask(nordvik, 'fikk ikke læreplass, 19 år, hvem hadde det før endringen i 2025', {
      at: '',
    });
    expect(before.question.date).toEqual({ text: 'før endringen i 2025', date: '2025-02-28' });
    expect(before.date).toBe('2025-02-28');
    expect(before.results[0]).toMatchObject({ clauseId: 'uten-laereplass', owner: { id: 'nordvik-fk' } });
    const after = await ask(nordvik, 'fikk ikke læreplass, 19 år, etter at avtalen ble endret i 2025', {
      at: '',
    });
    expect(after.question.date).toEqual({ text: 'etter at avtalen ble endret i 2025', date: '2025-03-01' });
    expect(after.results[0]).toMatchObject({ clauseId: 'uten-laereplass', owner: { id: 'nav-nordvik' } });
    // Overridable like any date the question names.
    const overridden = await ask(nordvik, 'fikk ikke læreplass, 19 år, før endringen i 2025', {
      at: '2025-06-01',
    });
    expect(overridden.date).toBe('2025-06-01');
    expect(overridden.question.date).toEqual({ text: 'før endringen i 2025', date: '2025-02-28' });
    // A year without a change of the agreement is the year.
    const noChange = await ask(nordvik, 'fikk ikke læreplass, 19 år, før endringen i 2023', { at: '' });
    expect(noChange.question.date?.date).toBe('2023-07-01');
  });

  it('a month with no year is the latest such month not after today, shown and overridable', async () => {
    const now = today();
    const year = Number(now.slice(0, 4));
    const october = `${`${year}-10-01` <= now ? year : year - 1}-10-01`;
    const answer = await ask(nordvik, 'fikk ikke læreplass i oktober, 19 år', { at: '' });
    expect(answer.question.date).toEqual({ text: 'i oktober', date: october });
    expect(answer.date).toBe(october);
    const overridden = await ask(nordvik, 'fikk ikke læreplass i oktober, 19 år', { at: '2025-06-01' });
    expect(overridden.date).toBe('2025-06-01');
    expect(overridden.results[0]?.owner?.id).toBe('nav-nordvik');
  });

  it('the date field overrides the question’s date', async () => {
    const answer = await ask(nordvik, 'fikk ikke læreplass, 19 år, i mars 2024', { at: '2025-06-01' });
    expect(answer.date).toBe('2025-06-01');
    expect(answer.results[0]?.owner?.id).toBe('nav-nordvik');
  });
});
