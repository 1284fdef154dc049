import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AgreementHistory } from '../../src/history/history.js';
import { Store } from '../../src/store/store.js';
import { fixture, kari, ola, tempDirs } from './helpers.js';

const dirs = tempDirs();
let store: Store;
let history: AgreementHistory;
const revs: string[] = [];

const clause = (attributes: string) => ({
  id: 'uten-laereplass',
  title: 'Lærling uten læreplass',
  attributes,
});
const kurs = { id: 'laereplasskurs', title: 'Læreplasskurs', attributes: 'ansvarlig=testby-fk' };

beforeAll(async () => {
  store = await Store.open(await dirs.make());
  const oldPath = 'avtaler/testby/ramme-2019.md';
  const steps: Array<() => Promise<{ rev: string }>> = [
    () =>
      store.commitFile(
        oldPath,
        fixture({ status: 'utkast', clauses: [clause('ansvarlig=testby-fk alder=16-21'), kurs] }),
        {
          author: kari,
          reason: 'Første utkast',
          date: '2019-01-10T10:00:00+01:00',
        },
      ),
    () =>
      store.commitFile(oldPath, fixture({ clauses: [clause('ansvarlig=nav-testby alder=16-21'), kurs] }), {
        author: ola,
        reason: 'Godkjent: NAV får ansvaret for lærling uten læreplass',
        date: '2019-02-01T10:00:00+01:00',
        // An approval approves a change only when it is recorded (src/history/clause-history.ts).
        trailers: {
          'Godkjent-av': [
            'Ola Nordmann | Direktør | nav-testby | 2019-02-01',
            'Kari Fylke | Fylkesdirektør | testby-fk | 2019-02-01',
          ],
        },
      }),
    () =>
      store.renameFile(oldPath, 'avtaler/testavtale.md', {
        author: kari,
        reason: 'Flyttet til fast filnavn',
        date: '2020-03-01T10:00:00+01:00',
      }),
    () =>
      store.commitFile(
        'avtaler/testavtale.md',
        fixture({ clauses: [kurs, clause('ansvarlig=nav-testby alder=16-24')] }),
        {
          author: ola,
          reason: 'Aldersgrensen hevet til 24 år, punktene sortert',
          date: '2024-06-01T10:00:00+02:00',
        },
      ),
  ];
  for (const step of steps) revs.push((await step()).rev);
  history = new AgreementHistory(store);
});
afterAll(async () => {
  await store.close();
  await dirs.cleanup();
});

describe('history across a rename of the file', () => {
  it('follows one clause from its old path to its new one', async () => {
    const result = await history.clauseHistory('testavtale', 'uten-laereplass');
    expect(result.entries.map((entry) => [entry.rev, entry.kind, entry.path])).toEqual([
      [revs[3], 'changed', 'avtaler/testavtale.md'],
      [revs[1], 'changed', 'avtaler/testby/ramme-2019.md'],
      [revs[0], 'added', 'avtaler/testby/ramme-2019.md'],
    ]);
    expect(result.entries[0]?.changes.map((change) => change.text)).toEqual([
      'alder endret fra 16–21 år til 16–24 år',
    ]);
    expect(result.entries[1]?.changes.map((change) => change.text)).toEqual([
      'ansvarlig endret fra Testby fylkeskommune til NAV Testby',
    ]);
    // Added in a draft and changed before approval: that first wording was never approved as such.
    expect(result.entries[2]?.approvedIn).toBeUndefined();
    expect(result.entries[1]?.approvedIn?.rev).toBe(revs[1]);
    // The rename commit is the "previous" revision of the next change, so "compare" spans the move.
    expect(result.entries[0]?.previous).toBe(revs[2]);
  });

  it('shows the move in the timeline and compares across it', async () => {
    const timeline = await history.timeline('testavtale', '2026-01-01');
    expect(timeline.entries).toHaveLength(4);
    expect(timeline.entries[1]).toMatchObject({
      rev: revs[2],
      renamedFrom: 'avtaler/testby/ramme-2019.md',
      path: 'avtaler/testavtale.md',
    });
    const comparison = await history.compare('testavtale', {
      from: revs[0],
      to: revs[3],
      today: '2026-01-01',
    });
    expect(comparison.summary.responsibility.map((sentence) => sentence.text)).toEqual([
      'Lærling uten læreplass: ansvarlig endret fra Testby fylkeskommune til NAV Testby',
    ]);
    expect(comparison.summary.reordered).toBe(true);
    expect(comparison.from.path).toBe('avtaler/testby/ramme-2019.md');
    expect(comparison.between.map((revision) => revision.rev)).toEqual([revs[1], revs[2], revs[3]]);
  });
});
