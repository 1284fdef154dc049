/**
 * The list of agreements (front page, API, reviews) reads of most versions only their status and validity
 * period: what it gives must be what reading every version whole gives. For the example history, on
 * dates before, inside and after its versions, and after commits by hand: a newer approved version the
 * validator refuses (the last valid one stays in force) and an approval round of several drafts. The
 * newest metadata the party directory reads is each summary's `latest`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agreements } from '../../src/domain/agreements.js';
import { approvalRound } from '../../src/domain/approvals.js';
import { openSyncConflict } from '../../src/domain/sync-conflict.js';
import { versionInForce } from '../../src/domain/validity.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { commitByHand, git } from '../repository/helpers.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;

beforeAll(async () => {
  server = await startTestGjerde();
});

afterAll(async () => {
  await server.stop();
});

const dates = ['2010-01-01', '2016-06-01', '2020-03-01', '2025-09-01', '2026-12-06', '2031-01-01'];

/** Each summary against every version of its agreement read whole. */
async function expectAsReadWhole(agreements: Agreements, date: string): Promise<void> {
  const summaries = await agreements.summaries(date);
  expect(summaries.map((summary) => summary.id)).toEqual(await agreements.ids());
  // What the party directory reads, kept per agreement and read again only where a file has a newer commit.
  expect(await agreements.latestMetas()).toEqual(summaries.map((summary) => summary.latest.agreement.meta));
  for (const summary of summaries) {
    const all = await agreements.versions(summary.id);
    expect(summary.latest).toEqual(all[0]);
    expect(summary.inForce?.revision).toEqual(versionInForce(all, date)?.revision);
    if (summary.inForce) expect(summary.inForce).toEqual(versionInForce(all, date));
    expect(summary.versions).toEqual(all.slice(0, summary.versions.length));
    expect(approvalRound(summary.versions)).toEqual(approvalRound(all));
    expect(openSyncConflict(summary.versions)).toEqual(openSyncConflict(all));
  }
}

describe('summaries', () => {
  it('give for every agreement what reading its versions whole gives, on every date', async () => {
    for (const date of dates) await expectAsReadWhole(server.gjerde.agreements, date);
  });

  it('give the same after a refused approved version and an approval round committed by hand', async () => {
    const path = 'avtaler/fjordvik-ramme.md';
    const before = git(server.dataDir, ['show', `HEAD:${path}`]);
    // A newer approved version with an age the validator refuses: never in force.
    const refused = before
      .replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2026-01-01')
      .replace(/alder=(\d+)-(\d+)/, 'alder=$1_$2');
    expect(refused).not.toBe(before);
    await commitByHand(server.dataDir, { [path]: refused }, 'Flyttet inn fra fylkets arkiv');
    // Then a round: two drafts by different people, sent for approval.
    const draft = before
      .replace(/^status: .*$/m, 'status: utkast')
      .replace('Skolen informerer', 'Skolen varsler');
    await commitByHand(server.dataDir, { [path]: draft }, 'Utkast');
    await commitByHand(
      server.dataDir,
      {
        [path]: draft
          .replace('status: utkast', 'status: til-godkjenning')
          .replace('varsler', 'melder fra til'),
      },
      'Sendt til godkjenning',
      { name: 'Per Redaktør', email: 'per@fjordvik.example' },
    );
    // A change put back by a synchronization over one older than the last approved version.
    const other = 'avtaler/strandby-lokal.md';
    const oldest = git(server.dataDir, ['log', '--format=%H', '--reverse', '--', other]).split(
      '\n',
    )[0] as string;
    const current = git(server.dataDir, ['show', `HEAD:${other}`]);
    await commitByHand(
      server.dataDir,
      {
        [other]: current
          .replace(/^status: .*$/m, 'status: utkast')
          .replace(/\n## /, '\nEn ny setning.\n\n## '),
      },
      `Satt tilbake etter synkronisering\n\nGjenopprettet-fra: ${oldest}\nOverstyrt: ${oldest}`,
    );
    for (const date of dates) await expectAsReadWhole(server.gjerde.agreements, date);
    const restored = (await server.gjerde.agreements.summaries()).find(
      (candidate) => candidate.id === 'strandby-lokal',
    );
    expect(restored?.versions.at(-1)?.revision.rev).toBe(oldest);
    const [summary] = (await server.gjerde.agreements.summaries('2026-12-06')).filter(
      (candidate) => candidate.id === 'fjordvik-ramme',
    );
    expect(summary?.latest.agreement.meta.status).toBe('til-godkjenning');
    expect(summary?.inForce?.valid).toBe(true);
    // The round goes back to the last approved version, the refused one (as approvalRound reads them).
    expect(summary?.versions.map((version) => version.revision.reason)).toEqual([
      'Sendt til godkjenning',
      'Utkast',
      'Flyttet inn fra fylkets arkiv',
    ]);
  });
});
