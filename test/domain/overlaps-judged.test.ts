/**
 * Overlaps read only the umbrella versions that may be in force, and take the lookup index's verdict on
 * those it has read instead of reading them whole (src/domain/agreements.ts). What they find must be what
 * reading every version whole finds: over the example history, and after versions committed by hand that
 * the index has not judged valid (a body the validator refuses) or that overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agreements } from '../../src/domain/agreements.js';
import {
  type AgreementHistory,
  plannedOverlaps,
  type StoredMeta,
  umbrellaOverlaps,
} from '../../src/domain/overlaps.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { commitByHand, git } from '../repository/helpers.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;

beforeAll(async () => {
  server = await startTestGjerde();
});

afterAll(async () => {
  await server.stop();
});

/** Every version of every umbrella agreement read whole, drafts and refused versions too. */
async function wholeHistories(agreements: Agreements): Promise<AgreementHistory[]> {
  const histories: AgreementHistory[] = [];
  for (const { id } of await agreements.umbrellaHistories()) {
    const versions = await agreements.versions(id);
    histories.push({
      id,
      versions: versions.map(({ agreement, valid }) => ({ meta: agreement.meta, valid })),
    });
  }
  return histories;
}

/** Overlaps with the index's verdicts against those of every version read whole; how many were judged. */
async function expectAsReadWhole(): Promise<number> {
  const head = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
  while ((await server.gjerde.store.head()) !== head) await new Promise((resolve) => setTimeout(resolve, 10));
  await server.gjerde.lookup.ready();
  let judged = 0;
  const fromIndex = new Agreements(server.gjerde.store, undefined, (id) => {
    const versions = server.gjerde.lookup.indexedVersions(id);
    judged += versions.size;
    return versions;
  });
  const readWhole = new Agreements(server.gjerde.store);
  const histories = await fromIndex.umbrellaHistories();
  expect(histories).toStrictEqual(await readWhole.umbrellaHistories());
  const whole = await wholeHistories(readWhole);
  expect(await fromIndex.umbrellaOverlaps()).toStrictEqual(umbrellaOverlaps(whole));
  for (const history of whole) {
    const candidate = { id: history.id, meta: (history.versions[0] as StoredMeta).meta };
    expect(plannedOverlaps(candidate, histories)).toStrictEqual(plannedOverlaps(candidate, whole));
  }
  return judged;
}

describe('overlaps with the lookup index’s verdicts', () => {
  it('are those of every version read whole, over the example history', async () => {
    expect(await expectAsReadWhole()).toBeGreaterThan(5);
  });

  it('are so after an approved version the validator refuses and an overlapping one, committed by hand', async () => {
    const ramme = 'avtaler/fjordvik-ramme.md';
    const before = git(server.dataDir, ['show', `HEAD:${ramme}`]);
    expect(before).toMatch(/^status: godkjent$/m);
    const refused = before
      .replace(/alder=(\d+)-(\d+)/, 'alder=$1_$2')
      .replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2026-01-01');
    expect(refused).not.toBe(before);
    await commitByHand(server.dataDir, { [ramme]: refused }, 'Flyttet inn fra fylkets arkiv');
    await expectAsReadWhole();

    const second = before
      .replace(/^id: fjordvik-ramme$/m, 'id: fjordvik-andre-ramme')
      .replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2026-03-01');
    await commitByHand(server.dataDir, { 'avtaler/fjordvik-andre-ramme.md': second }, 'Ny rammeavtale');
    await expectAsReadWhole();
    expect(await server.gjerde.agreements.umbrellaOverlaps()).toEqual(
      expect.arrayContaining([expect.objectContaining({ county: 'Fjordvik', from: '2026-03-01' })]),
    );
  });
});
