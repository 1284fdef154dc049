import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GjerdeError } from '../../src/domain/errors.js';
import { AgreementHistory } from '../../src/history/history.js';
import type { Timeline } from '../../src/history/timeline.js';
import type { Store } from '../../src/store/store.js';
import { seededStore, tempDirs } from './helpers.js';

const dirs = tempDirs();
const today = '2026-11-22';
let store: Store;
let history: AgreementHistory;
let timeline: Timeline;

/** The full commit id of the fjordvik-ramme revision saved on a day. */
function revOn(day: string): string {
  const entry = timeline.entries.find((candidate) => candidate.date.startsWith(day));
  if (!entry) throw new Error(`no revision on ${day}`);
  return entry.rev;
}

async function rejection(promise: Promise<unknown>): Promise<GjerdeError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GjerdeError);
  return error as GjerdeError;
}

beforeAll(async () => {
  store = await seededStore(await dirs.make());
  history = new AgreementHistory(store);
  timeline = await history.timeline('fjordvik-ramme', today);
});
afterAll(async () => {
  await store.close();
  await dirs.cleanup();
});

describe('timeline', () => {
  it('lists every revision newest first with date, author and reason', () => {
    expect(timeline.entries).toHaveLength(13);
    expect(timeline.entries.map((entry) => entry.date.slice(0, 10))).toEqual(
      [...timeline.entries.map((entry) => entry.date.slice(0, 10))].sort().reverse(),
    );
    const first = timeline.entries.at(-1);
    expect(first).toMatchObject({
      index: 0,
      kind: 'draft',
      status: 'utkast',
      author: { name: 'Kari Nordmann' },
    });
    expect(first?.reason).toMatch(/^Utkast til rammeavtale fra arbeidsgruppen/);
  });

  it('says which approved versions were in force for which days, by validity dates', () => {
    const byDay = (day: string) => timeline.entries.find((entry) => entry.rev === revOn(day));
    expect(byDay('2018-12-17')).toMatchObject({
      kind: 'approved',
      periods: [{ from: '2019-01-01', to: '2020-12-31' }],
    });
    expect(byDay('2024-06-24')).toMatchObject({
      periods: [{ from: '2024-08-01', to: '2025-07-31' }],
      current: false,
    });
    expect(byDay('2025-06-23')).toMatchObject({
      periods: [{ from: '2025-08-01' }],
      current: true,
      latest: true,
    });
    expect(timeline.current).toBe(revOn('2025-06-23'));
  });

  it('marks drafts as never in force, and an approval later overtaken for its whole period', () => {
    for (const day of ['2016-12-05', '2018-11-26', '2020-11-23', '2024-05-27', '2025-06-02']) {
      const entry = timeline.entries.find((candidate) => candidate.rev === revOn(day));
      expect(entry).toMatchObject({ kind: 'draft', periods: [] });
    }
    const first = timeline.entries.find((entry) => entry.rev === revOn('2017-01-16'));
    expect(first).toMatchObject({ kind: 'approved', periods: [], supersededBy: revOn('2017-09-04') });
  });

  it('links each revision to the one before it for "compare with previous"', () => {
    const [newest, second] = timeline.entries;
    expect(newest?.previous).toBe(second?.rev);
    expect(timeline.entries.at(-1)?.previous).toBeUndefined();
  });
});

describe('compare', () => {
  it('2017 against 2025 by dates: responsibility changes first, in plain Norwegian with names', async () => {
    const comparison = await history.compare('fjordvik-ramme', {
      from: '2017-03-01',
      to: '2025-09-01',
      today,
    });
    expect(comparison.from).toMatchObject({
      rev: revOn('2017-09-04'),
      requested: { kind: 'date', value: '2017-03-01' },
    });
    expect(comparison.to).toMatchObject({ rev: revOn('2025-06-23'), validFrom: '2025-08-01' });
    const sentences = comparison.summary.responsibility.map((sentence) => sentence.text);
    expect(sentences).toContain(
      'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    );
    expect(sentences).toContain(
      'Arbeidsklær, vernesko og busskort i arbeidspraksis: avklart: NAV Fjordvik har nå ansvaret (var uavklart)',
    );
    expect(sentences).toContain('NAV-veileder i videregående skole: nytt punkt: NAV Fjordvik har ansvaret');
    expect(sentences).toContain(
      'Tilrettelagt fag- og yrkesopplæring på arbeidsplass, 16–19 år: nytt punkt: NAV Fjordvik har ansvaret',
    );
    const target = comparison.summary.clauses.find((clause) => clause.id === 'ot-malgruppe');
    expect(target?.changes.map((change) => change.text)).toContain('alder endret fra 15–21 år til 15–24 år');
    expect(comparison.summary.meta.map((change) => change.text)).toContain(
      'Gyldighet endret fra 1. januar 2017 – 31. desember 2018 til fra 1. august 2025',
    );
    expect(comparison.between).toHaveLength(10);
    expect(comparison.between.at(-1)?.rev).toBe(comparison.to.rev);
    expect(comparison.redline.status).toBe('ok');
    expect(comparison.redline.stats.inserted).toBeGreaterThan(100);
  });

  it('the 2019 owner change alone, between the two approved versions', async () => {
    const comparison = await history.compare('fjordvik-ramme', {
      from: '2018-06-01',
      to: '2019-03-01',
      today,
    });
    expect(comparison.from.validFrom).toBe('2017-01-01');
    expect(comparison.to.validFrom).toBe('2019-01-01');
    const owner = comparison.summary.clauses.find((clause) => clause.id === 'uten-laereplass')?.changes[0];
    expect(owner).toMatchObject({ field: 'owner', from: 'Fjordvik fylkeskommune', to: 'NAV Fjordvik' });
    expect(comparison.between.map((revision) => revision.date.slice(0, 10))).toEqual([
      '2018-11-26',
      '2018-12-17',
    ]);
  });

  it('the 2022 re-ordering and re-numbering is no clause change', async () => {
    const comparison = await history.compare('fjordvik-ramme', {
      from: revOn('2021-01-11'),
      to: revOn('2022-03-14'),
      today,
    });
    expect(comparison.summary.clauses).toEqual([]);
    expect(comparison.summary.responsibility).toEqual([]);
    expect(comparison.summary.counts.unchanged).toBeGreaterThan(10);
    expect(comparison.summary.reordered).toBe(true);
    expect(comparison.redline.stats.changes).toBeGreaterThan(0);
  });

  it('accepts short revision prefixes', async () => {
    const comparison = await history.compare('fjordvik-ramme', {
      from: revOn('2021-01-11').slice(0, 7),
      to: revOn('2024-06-24').slice(0, 10),
      today,
    });
    expect(comparison.from.rev).toBe(revOn('2021-01-11'));
    expect(comparison.to.rev).toBe(revOn('2024-06-24'));
    expect(comparison.from.requested).toEqual({ kind: 'rev', value: revOn('2021-01-11').slice(0, 7) });
  });

  it('defaults to the approved version before the current one against the current one', async () => {
    const comparison = await history.compare('fjordvik-ramme', { today });
    expect(comparison.to.rev).toBe(revOn('2025-06-23'));
    expect(comparison.from.rev).toBe(revOn('2024-06-24'));
    expect(comparison.between.map((revision) => revision.status)).toEqual(['til-godkjenning', 'godkjent']);
    const added = comparison.summary.clauses.find((clause) => clause.id === 'tilrettelagt-opplaering');
    expect(added?.kind).toBe('added');
  });

  it('refuses unknown revisions, from after to, malformed dates and dates with nothing in force', async () => {
    expect((await rejection(history.compare('fjordvik-ramme', { from: 'abcdef1234', today }))).code).toBe(
      'not-found',
    );
    const reversed = await rejection(
      history.compare('fjordvik-ramme', { from: revOn('2025-06-23'), to: revOn('2017-01-16'), today }),
    );
    expect(reversed.code).toBe('invalid-input');
    expect(reversed.message).toMatch(/er nyere enn «to»/);
    const reversedDates = await rejection(
      history.compare('fjordvik-ramme', { from: '2025-01-01', to: '2018-01-01', today }),
    );
    expect(reversedDates.code).toBe('invalid-input');
    expect(reversedDates.message).toMatch(/er etter/);
    for (const bad of ['2019-02-30', '2019-13-01', 'neste-uke', '2019-3-1', '../../etc/passwd']) {
      const error = await rejection(history.compare('fjordvik-ramme', { from: bad, today }));
      expect(error.code).toBe('invalid-input');
    }
    expect(
      (await rejection(history.compare('fjordvik-ramme', { from: '2016-06-01', today }))).message,
    ).toMatch(/var ikke i kraft 1\. juni 2016/);
    expect((await rejection(history.compare('finnes-ikke', { today }))).code).toBe('not-found');
    expect((await rejection(history.compare('Ugyldig!', { today }))).code).toBe('invalid-input');
    expect((await rejection(history.compare('fjordvik-ramme', { from: '2019', today }))).message).toMatch(
      /Mente du et år\? Skriv en dato som 01\.01\.2019 for versjonen som gjaldt den dagen\./,
    );
  });
});

describe('clause history', () => {
  it('finds every revision where one clause changed, with who, when, why and when it was approved', async () => {
    const clause = await history.clauseHistory('fjordvik-ramme', 'uten-laereplass');
    expect(clause.present).toBe(true);
    expect(clause.entries.map((entry) => [entry.date.slice(0, 10), entry.kind])).toEqual([
      ['2024-05-27', 'changed'],
      ['2018-11-26', 'changed'],
      ['2016-12-05', 'added'],
    ]);
    const owner = clause.entries[1];
    expect(owner?.author.name).toBe('Ingrid Berg');
    expect(owner?.changes[0]?.text).toBe('ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik');
    expect(owner?.approvedIn).toMatchObject({ rev: revOn('2018-12-17'), validFrom: '2019-01-01' });
    expect(owner?.previous).toBe(revOn('2017-09-04'));
    expect(owner?.clause?.owner).toBe('NAV Fjordvik');
    // The clause as it read, with the new owner and the changed words marked.
    expect(owner?.redline.verdict).toEqual([
      { op: 'del', text: 'Ansvarlig: Fjordvik fylkeskommune' },
      { op: 'same', text: ' ' },
      { op: 'ins', text: 'Ansvarlig: NAV Fjordvik' },
    ]);
    expect(owner?.redline.body.some((part) => part.op === 'ins')).toBe(true);
    expect(owner?.redline.body.map((part) => part.text).join('')).not.toMatch(/:::|\{#/);
  });

  it('ignores the re-ordering revision and follows a grey zone into settled', async () => {
    const clause = await history.clauseHistory('fjordvik-ramme', 'arbeidsklaer');
    expect(clause.entries.map((entry) => entry.date.slice(0, 10))).not.toContain('2022-03-14');
    expect(clause.entries[0]?.changes[0]?.text).toBe('avklart: NAV Fjordvik har nå ansvaret (var uavklart)');
  });

  it('404s a clause the agreement never had, 400s a malformed clause id', async () => {
    expect((await rejection(history.clauseHistory('fjordvik-ramme', 'finnes-ikke'))).code).toBe('not-found');
    expect((await rejection(history.clauseHistory('fjordvik-ramme', 'Ugyldig Id'))).code).toBe(
      'invalid-input',
    );
  });
});
