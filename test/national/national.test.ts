/**
 * Across counties: the table over the example counties, as of two dates, says what each county's agreement
 * text said then. The expectations are read from the example files themselves (agreements/<id>/<date>.md,
 * the version in force by its front matter), not from Gjerde's parser or index, and a few are written out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { CountyRow, NationalOverview } from '../../src/lookup/national.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { madeUpNationalIdNumber } from '../lookup/helpers.js';

const gjerde = testGjerdeForFile();

const dates = ['2022-06-01', '2025-11-01'] as const;

async function table(query: Record<string, string>): Promise<NationalOverview> {
  const response = await gjerde.reader.get('/api/national').query(query);
  expect(response.status).toBe(200);
  return response.body as NationalOverview;
}

function row(overview: NationalOverview, county: string): CountyRow {
  const found = overview.rows.find((candidate) => candidate.county === county);
  if (!found) throw new Error(`no row for ${county}`);
  return found;
}

/** A clause line as written in an example file: its id and attributes, read with a regular expression. */
interface WrittenClause {
  owner: string | null;
  grey: boolean;
  supporting: string[];
  cost: string | null;
}

function attribute(line: string, name: string): string | null {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|([^\\s}]+))`).exec(line);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** The example file of an agreement in force on a date: approved, its period covering the date, latest start. */
function writtenInForce(agreementId: string, date: string): Map<string, WrittenClause> | undefined {
  const folder = join(projectRoot, 'agreements', agreementId);
  let best: { from: string; file: string } | undefined;
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()) {
    const text = readFileSync(join(folder, file), 'utf8');
    const field = (key: string) => new RegExp(`^${key}: (.+)$`, 'm').exec(text)?.[1]?.trim();
    const from = field('gyldig-fra');
    const to = field('gyldig-til');
    if (field('status') !== 'godkjent' || !from || from > date || (to && to < date)) continue;
    // The latest start wins; of the same start, the latest saved file (files are named by date).
    if (!best || from >= best.from) best = { from, file: text };
  }
  if (!best) return undefined;
  const clauses = new Map<string, WrittenClause>();
  for (const line of best.file.split('\n')) {
    const id = /^:::ansvar\[.*\]\{#([a-z0-9-]+)/.exec(line)?.[1];
    if (!id) continue;
    clauses.set(id, {
      owner: attribute(line, 'ansvarlig'),
      grey: attribute(line, 'status') === 'uavklart',
      supporting: (attribute(line, 'bistand') ?? '').split(' ').filter(Boolean).sort(),
      cost: attribute(line, 'kostnad'),
    });
  }
  return clauses;
}

/** Every row with an answer says what the file in force on the date says about that clause. */
function expectRowsMatchTheTexts(overview: NationalOverview): void {
  for (const { county, answer, local } of overview.rows) {
    for (const clause of [answer, ...local]) {
      if (!clause) continue;
      const written = writtenInForce(clause.agreementId, overview.date)?.get(clause.clauseId);
      expect({ county, clause: clause.clauseId, written: written !== undefined }).toEqual({
        county,
        clause: clause.clauseId,
        written: true,
      });
      expect({
        owner: clause.owner?.id ?? null,
        grey: clause.status === 'grey',
        supporting: clause.supporting.map((party) => party.id).sort(),
        cost: clause.costBearer?.id ?? null,
      }).toEqual(written);
    }
  }
}

describe('the table matches the agreement texts on two dates', () => {
  it.each(dates)('situation «søkt læreplass, fikk ikke» as of %s', async (at) => {
    const overview = await table({ situation: 'uten-laereplass', at });
    expect(overview.date).toBe(at);
    expect(overview.rows.map((entry) => entry.county)).toEqual([
      'Dalheim',
      'Fjordvik',
      'Innmark',
      'Lyngmark',
      'Sørholm',
    ]);
    expectRowsMatchTheTexts(overview);
    // Fjordvik moved this to NAV in 2019; the other counties keep it with the county's apprenticeship office.
    expect(row(overview, 'Fjordvik').answer).toMatchObject({
      clauseId: 'uten-laereplass',
      owner: { id: 'nav-fjordvik' },
      since: '2019-01-01',
    });
    expect(row(overview, 'Fjordvik').differs).toBe(true);
    expect(row(overview, 'Lyngmark')).toMatchObject({ key: 'Fylkeskommunen', differs: false });
    expect(overview.common?.key).toBe('Fylkeskommunen');
  });

  it('Dalheim and Sørholm had no agreement in 2022, and have one in 2025', async () => {
    const [before, after] = await Promise.all(dates.map((at) => table({ situation: 'uten-laereplass', at })));
    for (const county of ['Dalheim', 'Sørholm']) {
      expect(row(before as NationalOverview, county)).toMatchObject({
        status: 'no-agreement',
        differs: false,
      });
      expect(row(after as NationalOverview, county).status).toBe('settled');
    }
  });

  it.each(dates)('«ung voksen 23 år utenfor arbeid og skole» as of %s', async (at) => {
    const overview = await table({ q: 'ung voksen 23 år utenfor arbeid og skole', at });
    expectRowsMatchTheTexts(overview);
    if (at === '2022-06-01') {
      // Under the old Education Act OT followed up to 21: the young adults were NAV's.
      expect(row(overview, 'Fjordvik').answer).toMatchObject({ clauseId: 'unge-voksne', ownerRole: 'NAV' });
      expect(row(overview, 'Lyngmark').answer).toMatchObject({ clauseId: 'unge-voksne', ownerRole: 'NAV' });
    } else {
      // From 1 August 2024 OT follows up to 24; Dalheim settled its grey zone for NAV instead.
      for (const county of ['Fjordvik', 'Lyngmark'])
        expect(row(overview, county).answer).toMatchObject({
          clauseId: 'unge-voksne',
          ownerRole: 'OT',
          since: '2024-08-01',
        });
      expect(row(overview, 'Dalheim')).toMatchObject({ key: 'NAV', differs: true });
      expect(overview.common?.key).toBe('OT');
    }
  });

  it.each(dates)('a clause compared with the other counties as of %s', async (at) => {
    const overview = await table({ agreement: 'fjordvik-ramme', clause: 'uten-laereplass', at });
    expect(overview.topic).toMatchObject({ kind: 'clause', label: 'Lærling uten læreplass' });
    expectRowsMatchTheTexts(overview);
    expect(row(overview, 'Fjordvik').answer?.clauseId).toBe('uten-laereplass');
  });

  it('a grey zone is a grey zone, with where the case goes', async () => {
    const overview = await table({ q: 'hvem betaler PC', at: '2025-11-01' });
    expectRowsMatchTheTexts(overview);
    expect(row(overview, 'Fjordvik')).toMatchObject({ status: 'grey', key: 'uavklart' });
    expect(row(overview, 'Fjordvik').answer?.owner).toBeNull();
    expect(row(overview, 'Fjordvik').answer?.escalation).toBeTruthy();
  });
});

describe('the page', () => {
  it('says in words what most counties do and who differs, and links each clause', async () => {
    const response = await gjerde.reader
      .get('/fylkene')
      .query({ q: 'ung voksen 23 år utenfor arbeid og skole', at: '2025-11-01' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('De fleste fylkene: OT');
    expect(response.text).toMatch(/Ulikt: [^<]*Dalheim \(NAV Fjordvik\)/);
    expect(response.text).toContain('Ulikt de fleste (OT)');
    expect(response.text).toContain('href="/avtaler/lyngmark-ramme?at&#x3D;2025-11-01#unge-voksne"');
    expect(response.text).toContain('1. august 2024');
  });

  it('labels the date field in the future tense for a date after today', async () => {
    const later = await gjerde.reader
      .get('/fylkene')
      .query({ situation: 'sluttet', at: '01.01.2999' })
      .expect(200);
    expect(later.text).toContain('Slik avtalene vil gjelde (dato)');
    expect((await gjerde.reader.get('/fylkene').expect(200)).text).toContain('Slik avtalene gjaldt (dato)');
  });

  it('opens empty with examples, and refuses two topics at once with a Norwegian message', async () => {
    expect((await gjerde.reader.get('/fylkene').expect(200)).text).toContain('Eksempler');
    const both = await gjerde.reader.get('/fylkene').query({ q: 'slutta', situation: 'sluttet' }).expect(400);
    expect(both.text).toContain('Velg én ting å sammenligne');
    await gjerde.reader.get('/api/national').query({ situation: 'romskip' }).expect(400);
    await gjerde.reader.get('/api/national').query({ q: 'x', at: '2024-02-30' }).expect(400);
  });

  it('refuses a fødselsnummer and never shows it again', async () => {
    const number = madeUpNationalIdNumber();
    const page = await gjerde.reader
      .get('/fylkene')
      .query({ q: `elev ${number}` })
      .expect(422);
    expect(page.text).not.toContain(number);
    const api = await gjerde.reader
      .get('/api/national')
      .query({ q: `elev ${number}` })
      .expect(422);
    expect(JSON.stringify(api.body)).not.toContain(number);
  });
});
