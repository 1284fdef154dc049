import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { seedStore } from '../../src/store/seed.js';
import { Store } from '../../src/store/store.js';
import { git, kari, tempDirs } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/seed', import.meta.url));
const FJORDVIK = 'avtaler/samarbeid-fjordvik.md';
const NORDVIK = 'avtaler/samarbeid-nordvik.md';

const dirs = tempDirs();
const stores: Store[] = [];

async function openStore(): Promise<Store> {
  const store = await Store.open(await dirs.make());
  stores.push(store);
  return store;
}

/** A writable copy of the fixture, to break. */
async function fixtureCopy(): Promise<string> {
  const dir = join(await dirs.make(), 'eksempler');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await dirs.cleanup();
});

describe('seedStore', () => {
  it('replays every revision in date order with the given authors, dates, reasons and trailers', async () => {
    const store = await openStore();
    const messages: string[] = [];
    const count = await seedStore(store, FIXTURE, (message) => messages.push(message));
    expect(count).toBe(5);
    expect(messages).toHaveLength(5);

    const log = git(store.dir, 'log', '--reverse', '--format=%aI|%an|%ae|%cn|%s', '--name-only')
      .split('\n')
      .filter((line) => line !== '');
    expect(log).toEqual([
      '2016-11-01T10:00:00+01:00|Ola Nordmann|ola@fjordvik.example|Gjerde|Første utkast',
      FJORDVIK,
      '2016-12-01T08:30:00+01:00|Åse Ødegård|ase@nordvik.example|Gjerde|Utkast fra fylkeskommunen',
      NORDVIK,
      // The same instant as the next one: folder order (fjordvik before nordvik) decides.
      '2017-01-10T09:00:00+01:00|Kari Nordmann|kari@nav.example|Gjerde|Godkjent av begge parter.',
      FJORDVIK,
      '2017-01-10T08:00:00+00:00|Åse Ødegård|ase@nordvik.example|Gjerde|Vedtatt',
      NORDVIK,
      '2018-06-01T12:00:00+02:00|Ola Nordmann|ola@fjordvik.example|Gjerde|Oppdatert kontaktperson',
      FJORDVIK,
    ]);

    expect(await store.listFiles()).toEqual([FJORDVIK, NORDVIK]);
    expect(await store.readFile(NORDVIK)).toBe('# Samarbeidsavtale Nordvik\n\nVedtatt æøå.\n');
    const history = await store.history(FJORDVIK);
    expect(history.map((revision) => revision.reason)).toEqual([
      'Oppdatert kontaktperson',
      'Godkjent av begge parter.\n\nPartene signerte i møte 10. januar.',
      'Første utkast',
    ]);
    expect(history[1]?.trailers).toEqual({
      'Godkjent-av': ['Kari Nordmann <kari@nav.example> | Direktør | nav-fjordvik | 2017-01-10'],
    });
    expect(await store.readFile(FJORDVIK, history[2]?.rev)).toBe('# Samarbeidsavtale Fjordvik\n\nUtkast.\n');
  });

  it('refuses a store that already has commits', async () => {
    const store = await openStore();
    const revision = await store.commitFile('avtaler/x.md', 'x\n', { author: kari, reason: 'Ny' });
    await expect(seedStore(store, FIXTURE)).rejects.toThrow(/ikke tomt/);
    expect(await store.head()).toBe(revision.rev);
  });

  it('refuses a folder with files but no commits (an uncommitted migration), says what to do, commits nothing', async () => {
    for (const setup of [
      // Files copied in, never committed.
      (dir: string) => writeFile(join(dir, 'fjordvik-ramme.md'), '# Vår avtale\n'),
      // Staged, not committed.
      async (dir: string) => {
        await mkdir(join(dir, 'avtaler'));
        await writeFile(join(dir, 'avtaler', 'fjordvik-ramme.md'), '# Vår avtale\n');
        git(dir, 'add', '-A');
      },
    ]) {
      const store = await openStore();
      await setup(store.dir);
      const refusal = seedStore(store, FIXTURE);
      await expect(refusal).rejects.toThrow(/har filer .*legger ikke eksempelavtalene oppå/);
      await expect(refusal).rejects.toThrow(/git commit.*GJERDE_DATA til en tom mappe/);
      expect(await store.head()).toBeUndefined();
    }
  });

  it('names the file when a revision file is missing, and commits nothing', async () => {
    const examples = await fixtureCopy();
    await rm(join(examples, 'samarbeid-nordvik', 'vedtatt.md'));
    const store = await openStore();
    await expect(seedStore(store, examples)).rejects.toThrow(/samarbeid-nordvik\/vedtatt\.md finnes ikke/);
    expect(await store.head()).toBeUndefined();
  });

  it('names the manifest and file when a date is bad', async () => {
    const examples = await fixtureCopy();
    await writeFile(
      join(examples, 'samarbeid-nordvik', 'revisions.yaml'),
      '- file: utkast.md\n  date: "2016-12-01"\n  author: Åse\n  email: ase@x\n  reason: Utkast\n',
    );
    const store = await openStore();
    await expect(seedStore(store, examples)).rejects.toThrow(
      /samarbeid-nordvik\/revisions\.yaml, revisjon 1 \(utkast\.md\): ugyldig dato "2016-12-01"/,
    );
    expect(await store.head()).toBeUndefined();
  });

  it('rejects a manifest that is not a list, a missing reason and files outside the folder', async () => {
    const cases: Array<[string, RegExp]> = [
      ['file: a.md\n', /må være en ikke-tom liste/],
      ['- file: utkast.md\n  date: "2016-12-01T10:00:00Z"\n  author: Å\n  email: a@x\n', /mangler «reason»/],
      [
        '- file: ../samarbeid-fjordvik/v1.md\n  date: "2016-12-01T10:00:00Z"\n  author: Å\n  email: a@x\n  reason: r\n',
        /peker ut av mappen/,
      ],
      ['- [ugyldig\n', /kunne ikke lese YAML/],
    ];
    for (const [manifest, message] of cases) {
      const examples = await fixtureCopy();
      await writeFile(join(examples, 'samarbeid-nordvik', 'revisions.yaml'), manifest);
      const store = await openStore();
      await expect(seedStore(store, examples)).rejects.toThrow(message);
      expect(await store.head()).toBeUndefined();
    }
  });
});
