/**
 * The lookup index is kept beside the data repository (in its .git folder) after a build, and a start reads
 * it instead of building: it answers as the built index does, follows what was committed since it was
 * written, and a kept file this code did not write (another fingerprint, a broken file) is ignored.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { indexModules } from '../../src/lookup/kept-index.js';
import { keptReadingsBeside } from '../../src/lookup/kept-readings.js';
import { Lookup } from '../../src/lookup/lookup.js';
import { Store } from '../../src/store/store.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { commitByHand, git } from '../repository/helpers.js';
import { hits, restartAnswers } from './helpers.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;
let store: Store;
let kept: string;
const opened: Lookup[] = [];

/** A lookup as a restart opens one, and what it logs. */
function restart(keptIndex = kept, buildApartFrom?: number, on = store) {
  const lines: string[] = [];
  // Errors as their messages, as the service's log shows them.
  const line = (message: string, data: object) =>
    `${message} ${JSON.stringify(data, (_key, value) => (value instanceof Error ? value.message : value))}`;
  const log = {
    info: (data: object, message: string) => lines.push(line(message, data)),
    error: (data: object, message: string) => lines.push(line(message, data)),
  };
  const lookup = new Lookup(on, log, { keptIndex, buildApartFrom });
  opened.push(lookup);
  return { lookup, lines };
}

beforeAll(async () => {
  server = await startTestGjerde();
  await server.gjerde.lookup.ready();
  await server.gjerde.lookup.kept;
  kept = join(server.dataDir, '.git', 'gjerde', 'oppslagsindeks.bin');
  store = await Store.open(server.dataDir);
});

afterAll(async () => {
  await Promise.all(opened.map((lookup) => lookup.close()));
  await store.close();
  await server.stop();
});

describe('the kept index', () => {
  it('is written after a build, in the repository folder git does not commit', async () => {
    expect(existsSync(kept)).toBe(true);
    expect(git(server.dataDir, ['status', '--porcelain'])).toBe('');
  });

  it('is read at start instead of a build, and answers as the built index does', async () => {
    const { lookup, lines } = restart();
    expect(await restartAnswers(lookup)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(lines).toEqual([
      expect.stringMatching(/^Oppslagsindeksen er klar \{"ms":\d+,"kept":"[0-9a-f]{40}"\}$/),
    ]);
    expect(lookup.stats).toBeUndefined();
  });

  it('follows what was committed after it was written', async () => {
    const path = 'avtaler/strandby-lokal.md';
    const before = git(server.dataDir, ['show', `HEAD:${path}`]);
    const clause =
      ':::ansvar[Ungdom som trenger førerkort]{#forerkort ansvarlig=nav-strandby stikkord="førerkort, lappen"}\nNAV Strandby vurderer støtte til førerkort.\n:::\n\n';
    await commitByHand(
      server.dataDir,
      {
        [path]: before
          .replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2026-01-01')
          .replace('## 4. Samarbeidsarenaer', `${clause}## 4. Samarbeidsarenaer`),
      },
      'Nytt punkt om førerkort',
    );
    const { lookup, lines } = restart();
    expect(hits(await lookup.search({ q: 'førerkort', at: '2026-02-01' }))).toContain(
      'strandby-lokal#forerkort',
    );
    expect(lines[0]).toMatch(/^Oppslagsindeksen er klar \{"ms":\d+,"kept"/);
  });

  it('is not used when this code did not write it, or it is broken: the lookup builds', async () => {
    const other = join(server.dataDir, '.git', 'gjerde', 'annen.bin');
    const data = await readFile(kept);
    const length = data.readUInt32BE(0);
    const header = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as { fingerprint: string };
    await writeFile(
      other,
      Buffer.from(data.toString('latin1').replace(header.fingerprint, '0'.repeat(64)), 'latin1'),
    );
    const foreign = restart(other);
    expect(await restartAnswers(foreign.lookup)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(foreign.lookup.stats?.versions).toBeGreaterThan(0);

    const broken = join(server.dataDir, '.git', 'gjerde', 'halv.bin');
    await copyFile(kept, broken);
    await writeFile(broken, (await readFile(broken)).subarray(0, 1000));
    const half = restart(broken);
    expect(await restartAnswers(half.lookup)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(half.lookup.stats?.versions).toBeGreaterThan(0);
  });

  it('is not read when a byte of it changed on disk: the lookup builds', async () => {
    const flipped = join(server.dataDir, '.git', 'gjerde', 'endret.bin');
    const data = Buffer.from(await readFile(kept));
    const middle = Math.floor(data.length * 0.6);
    data[middle] = (data[middle] as number) ^ 0x01;
    await writeFile(flipped, data);
    const { lookup, lines } = restart(flipped);
    expect(await restartAnswers(lookup)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(lookup.stats?.versions).toBeGreaterThan(0);
    expect(lines).toEqual([expect.stringMatching(/^Oppslagsindeksen er klar \{"phases"/)]);
  });

  it('kept at a commit the branch no longer has is never served: the lookup builds again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gjerde-kept-'));
    try {
      const clone = join(root, 'lager');
      git(root, ['clone', '-q', server.dataDir, clone]);
      const path = 'avtaler/strandby-lokal.md';
      const before = git(clone, ['show', `HEAD:${path}`]);
      const withClause = (id: string, title: string) =>
        before
          .replace(/^gyldig-fra: .*$/m, 'gyldig-fra: 2026-01-01')
          .replace(
            '## 4. Samarbeidsarenaer',
            `:::ansvar[${title}]{#${id} ansvarlig=nav-strandby stikkord="${id}"}\nNAV Strandby vurderer dette.\n:::\n\n## 4. Samarbeidsarenaer`,
          );
      await commitByHand(
        clone,
        { [path]: withClause('snoskuter', 'Ungdom som trenger snøskuter') },
        'Snøskuter',
      );
      const cloneStore = await Store.open(clone);
      try {
        const keptInClone = join(clone, '.git', 'gjerde', 'oppslagsindeks.bin');
        const first = restart(keptInClone, undefined, cloneStore);
        expect(hits(await first.lookup.search({ q: 'snøskuter', at: '2026-02-01' }))).toContain(
          'strandby-lokal#snoskuter',
        );
        await first.lookup.kept;
        // The commit the kept index is up to date with is taken away, and another put in its place.
        git(clone, ['reset', '-q', '--hard', 'HEAD~1']);
        await commitByHand(
          clone,
          { [path]: withClause('moped', 'Ungdom som trenger moped') },
          'Moped i stedet',
        );
        const { lookup, lines } = restart(keptInClone, undefined, cloneStore);
        expect(hits(await lookup.search({ q: 'snøskuter', at: '2026-02-01' }))).not.toContain(
          'strandby-lokal#snoskuter',
        );
        expect(hits(await lookup.search({ q: 'moped', at: '2026-02-01' }))).toContain('strandby-lokal#moped');
        expect(lines).toContainEqual(
          expect.stringMatching(/^Oppslagsindeksen bygges på nytt: historikken er endret/),
        );
        const built = restart(join(clone, '.git', 'gjerde', 'ingen.bin'), undefined, cloneStore);
        expect(await restartAnswers(lookup)).toEqual(await restartAnswers(built.lookup));
      } finally {
        // The clone's lookups still write their kept files; the folder goes only when they are done.
        await Promise.all(opened.splice(0).map((lookup) => lookup.close()));
        await cloneStore.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('is built in a process of its own for a large store: the service reads what it kept', async () => {
    const apart = join(server.dataDir, '.git', 'gjerde', 'egen-prosess.bin');
    // Every store is large enough here (the service's default is 1,000 versions).
    const { lookup, lines } = restart(apart, 0);
    expect(await restartAnswers(lookup)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(existsSync(apart)).toBe(true);
    expect(lines).toEqual([expect.stringMatching(/^Oppslagsindeksen er klar \{"phases".*"apart":true\}$/)]);
    expect(lookup.stats?.versions).toBeGreaterThan(0);
    // What the build process kept is what a restart reads.
    const again = restart(apart);
    expect(await restartAnswers(again.lookup)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(again.lookup.stats).toBeUndefined();
    expect(git(server.dataDir, ['status', '--porcelain'])).toBe('');
  });

  it('is built in the service, saying why, when the build process fails', async () => {
    // The kept file's folder is a file: the build process cannot keep the index and stops.
    const blocked = join(server.dataDir, '.git', 'gjerde', 'ikke-en-mappe');
    await writeFile(blocked, 'en fil');
    const { lookup, lines } = restart(join(blocked, 'oppslagsindeks.bin'), 0);
    expect(await restartAnswers(lookup)).toEqual(await restartAnswers(server.gjerde.lookup));
    expect(lines[0]).toMatch(
      /^Oppslagsindeksen kunne ikke bygges i en egen prosess; den bygges i tjenesten i stedet .*stopped \(exit code 1\).*EEXIST/,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^Oppslagsindeksen er klar \{"phases"/));
    expect(lookup.stats?.versions).toBeGreaterThan(0);
  });
});

describe('closing a lookup', () => {
  it('waits for a build under way and the kept files it writes: nothing writes into the folder after', async () => {
    const file = join(server.dataDir, '.git', 'gjerde', 'lukket', 'oppslagsindeks.bin');
    const { lookup } = restart(file);
    const building = lookup.ready();
    await lookup.close();
    expect(existsSync(file)).toBe(true);
    expect(existsSync(keptReadingsBeside(file))).toBe(true);
    await building;
  });
});

describe("the kept index's key", () => {
  it('is every module that builds, indexes and packs it, and not the search and ranking that read it', () => {
    const program = join(import.meta.dirname, '..', '..', 'src');
    const modules = indexModules().map((file) => relative(program, file));
    expect(modules).toEqual(
      expect.arrayContaining([
        'lookup/build.ts',
        'lookup/build-process.ts',
        'lookup/kept-index.ts',
        'lookup/clause-index.ts',
        'lookup/clause-facts.ts',
        'lookup/question.ts',
        'lookup/term-index.ts',
        'lookup/synonyms.ts',
        'lookup/lexicon.ts',
        'lookup/norwegian.ts',
        'format/stored/version.ts',
        'domain/stored.ts',
      ]),
    );
    expect(modules).not.toContain('lookup/search.ts');
    expect(modules).not.toContain('lookup/lookup.ts');
    expect(modules.some((module) => module.startsWith('web/'))).toBe(false);
    expect(modules.every((module) => existsSync(join(program, module)))).toBe(true);
  });
});
