/**
 * The party directory (src/access/party-grants.ts) is read from each agreement's newest front matter, not
 * from the agreement read whole: access control depends on it, so what it reads must be what reading every
 * agreement whole gives, field for field. Over the example history, every version, and after newest
 * versions committed by hand that the front matter alone cannot stand for (carriage returns, a YAML error)
 * or whose body the validator refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { partyDirectory } from '../../src/access/party-grants.js';
import { Agreements } from '../../src/domain/agreements.js';
import { readWholeMetaFast } from '../../src/format/stored/front-matter.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { commitByHand, git } from '../repository/helpers.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;

beforeAll(async () => {
  server = await startTestGjerde();
});

afterAll(async () => {
  await server.stop();
});

/** The newest metadata and party directory read by a new reader, against the summaries' whole reads. */
async function expectAsReadWhole(): Promise<void> {
  const fresh = new Agreements(server.gjerde.store);
  // The store sees a commit by hand when inotify tells it HEAD moved: both reads must be of the new HEAD.
  const head = git(server.dataDir, ['rev-parse', 'HEAD']).trim();
  while ((await server.gjerde.store.head()) !== head) await new Promise((resolve) => setTimeout(resolve, 10));
  const whole = (await fresh.summaries()).map((summary) => summary.latest.agreement.meta);
  const fromFrontMatter = await fresh.latestMetas();
  expect(fromFrontMatter).toStrictEqual(whole);
  expect(partyDirectory(fromFrontMatter)).toStrictEqual(partyDirectory(whole));
}

describe('the party directory read from front matter', () => {
  it('equals the one read from whole agreements, and every version’s front matter its whole metadata', async () => {
    await expectAsReadWhole();
    const agreements = new Agreements(server.gjerde.store);
    let compared = 0;
    for (const id of await agreements.ids()) {
      for (const version of await agreements.versions(id)) {
        const markdown = await server.gjerde.store.readFile(version.revision.path, version.revision.rev);
        const meta = readWholeMetaFast(markdown as string);
        if (meta === undefined) continue;
        expect(meta).toStrictEqual(version.agreement.meta);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect((await new Agreements(server.gjerde.store).latestMetas()).length).toBe(
      (await agreements.ids()).length,
    );
  });

  it('equals it after newest versions the front matter alone cannot stand for, committed by hand', async () => {
    const ramme = 'avtaler/fjordvik-ramme.md';
    const before = git(server.dataDir, ['show', `HEAD:${ramme}`]);
    // A body the validator refuses, front matter as before: read from the front matter.
    const refusedBody = before.replace(/alder=(\d+)-(\d+)/, 'alder=$1_$2');
    expect(refusedBody).not.toBe(before);
    expect(readWholeMetaFast(refusedBody)).toBeDefined();
    await commitByHand(server.dataDir, { [ramme]: refusedBody }, 'Flyttet inn fra fylkets arkiv');
    await expectAsReadWhole();

    // Carriage returns: read whole.
    const crlf = before
      .replace(/^ {4}navn: NAV Fjordvik$/m, '    navn: NAV Fjordvik og Havbu')
      .replaceAll('\n', '\r\n');
    expect(crlf).toContain('NAV Fjordvik og Havbu');
    expect(readWholeMetaFast(crlf)).toBeUndefined();
    await commitByHand(server.dataDir, { [ramme]: crlf }, 'Lagret i Windows');
    await expectAsReadWhole();

    // A YAML error in the front matter: read whole, as the parser reads what it can.
    const other = 'avtaler/strandby-lokal.md';
    const broken = git(server.dataDir, ['show', `HEAD:${other}`]).replace(/^fylke: (.*)$/m, 'fylke: [$1');
    expect(readWholeMetaFast(broken)).toBeUndefined();
    await commitByHand(server.dataDir, { [other]: broken }, 'Feil i fylket');
    await expectAsReadWhole();
  });
});
