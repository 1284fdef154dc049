/**
 * A build keeps what the reader made of each version (kept-readings.ts) beside the kept index, keyed by
 * blob id and path; a build after a code change (no kept index this code may read) takes them instead of
 * reading and parsing those versions again, and answers exactly as a build from the files. What was
 * committed since, a history rewritten, readings another reader wrote or a broken file are read anew.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readerModules } from '../../src/lookup/kept-readings.js';
import { Lookup } from '../../src/lookup/lookup.js';
import { Store } from '../../src/store/store.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { commitByHand, git } from '../repository/helpers.js';
import { hits, restartAnswers } from './helpers.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;
let store: Store;
let folder: string;
let readings: string;
const opened: Lookup[] = [];

/** A start with no kept index it may read (as after a new release): it builds, with the readings beside. */
function startWithoutIndex(name: string): Lookup {
  const lookup = new Lookup(store, undefined, {
    keptIndex: join(folder, `${name}.bin`),
    buildApartFrom: 1e9,
  });
  opened.push(lookup);
  return lookup;
}

beforeAll(async () => {
  server = await startTestGjerde();
  await server.gjerde.lookup.ready();
  await server.gjerde.lookup.kept;
  folder = join(server.dataDir, '.git', 'gjerde');
  readings = join(folder, 'lesninger.bin');
  store = await Store.open(server.dataDir);
});

afterAll(async () => {
  await Promise.all(opened.map((lookup) => lookup.close()));
  await store.close();
  await server.stop();
});

describe('the kept readings', () => {
  it('are kept after a build, beside the kept index, where git commits nothing', async () => {
    expect(existsSync(readings)).toBe(true);
    expect(git(server.dataDir, ['status', '--porcelain'])).toBe('');
  });

  it('spare a build after a code change every version read before, and it answers as a build from the files', async () => {
    const lookup = startWithoutIndex('ny-kode');
    const rebuilt = await restartAnswers(lookup);
    const stats = lookup.stats;
    expect(stats?.versions).toBeGreaterThan(0);
    expect(stats?.reused).toBe(stats?.versions);
    expect(stats?.fullParses).toBe(0);
    expect(rebuilt).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(await restartAnswers(server.gjerde.lookup)));
  });

  it('read only what was committed since, and what it says is answered', async () => {
    const path = 'avtaler/strandby-lokal.md';
    const before = git(server.dataDir, ['show', `HEAD:${path}`]);
    const clause =
      ':::ansvar[Ungdom som trenger traktorlappen]{#traktor ansvarlig=nav-strandby stikkord="traktor"}\nNAV Strandby vurderer støtte til traktorlappen.\n:::\n\n';
    await commitByHand(
      server.dataDir,
      {
        [path]: before
          .replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2026-01-01')
          .replace('## 4. Samarbeidsarenaer', `${clause}## 4. Samarbeidsarenaer`),
      },
      'Nytt punkt om traktorlappen',
    );
    const lookup = startWithoutIndex('etter-commit');
    expect(hits(await lookup.search({ q: 'traktorlappen', at: '2026-02-01' }))).toContain(
      'strandby-lokal#traktor',
    );
    expect(lookup.stats?.reused).toBe((lookup.stats?.versions ?? 0) - 1);
    // A build from the files alone (no readings beside its kept index) answers the same.
    const fresh = new Lookup(store, undefined, {
      keptIndex: join(folder, 'uten', 'lesninger', 'indeks.bin'),
      buildApartFrom: 1e9,
    });
    opened.push(fresh);
    expect(await restartAnswers(lookup)).toEqual(await restartAnswers(fresh));
    expect(fresh.stats?.reused).toBe(0);
    await Promise.all([lookup.kept, fresh.kept]);
  });

  it('written by another reader, or broken, are not used: every version is read', async () => {
    const data = await readFile(readings);
    const length = data.readUInt32BE(0);
    const { fingerprint } = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as {
      fingerprint: string;
    };
    await writeFile(
      readings,
      Buffer.from(data.toString('latin1').replace(fingerprint, '0'.repeat(64)), 'latin1'),
    );
    const foreign = startWithoutIndex('annen-leser');
    expect(await restartAnswers(foreign)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(foreign.stats?.reused).toBe(0);
    await foreign.kept;

    await writeFile(readings, (await readFile(readings)).subarray(0, 2000));
    const broken = startWithoutIndex('halv');
    expect(await restartAnswers(broken)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(broken.stats?.reused).toBe(0);
    await broken.kept;
    // The build that read everything kept readings this reader can use again.
    const after = startWithoutIndex('etterpå');
    await after.ready();
    expect(after.stats?.reused).toBe(after.stats?.versions);
  });

  it('are kept by a build in a process of its own, after the index it waits for', async () => {
    await rm(readings);
    const apart = new Lookup(store, undefined, {
      keptIndex: join(folder, 'egen-prosess.bin'),
      buildApartFrom: 0,
    });
    opened.push(apart);
    expect(await restartAnswers(apart)).toEqual(await restartAnswers(server.gjerde.lookup));
    await apart.kept;
    expect(existsSync(readings)).toBe(true);
    const after = startWithoutIndex('etter-egen-prosess');
    await after.ready();
    expect(after.stats?.reused).toBe(after.stats?.versions);
  });

  it('are keyed by every module the reading runs, found from their imports', () => {
    const program = join(import.meta.dirname, '..', '..', 'src');
    const modules = readerModules().map((file) => relative(program, file));
    expect(modules).toEqual(
      expect.arrayContaining([
        'format/stored/version.ts',
        'format/clauses.ts',
        'format/consistency.ts',
        'format/processor.ts',
        'domain/stored.ts',
        'domain/placement.ts',
        'store/layout.ts',
      ]),
    );
    expect(modules.every((module) => existsSync(join(program, module)))).toBe(true);
  });
});
