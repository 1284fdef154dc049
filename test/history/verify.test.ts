import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { today } from '../../src/format/dates.js';
import { sealApprovedVersions, verifyHistory } from '../../src/history/verify.js';
import { Store } from '../../src/store/store.js';
import { runGjerde } from '../helpers/cli.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { exampleCounts, fixture, git, kari, seededStore, tempDirs } from './helpers.js';

const dirs = tempDirs();
const stores: Store[] = [];

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await dirs.cleanup();
});

function statuses(report: Awaited<ReturnType<typeof verifyHistory>>) {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

/** A small store: two approved versions (approvals recorded as Gjerde records them) and a draft of one agreement. */
async function smallStore(): Promise<Store> {
  const store = await Store.open(await dirs.make());
  stores.push(store);
  const clause = (owner: string) => [
    { id: 'uten-laereplass', title: 'Lærling uten læreplass', attributes: `ansvarlig=${owner}` },
  ];
  await store.commitFile('avtaler/testavtale.md', fixture({ clauses: clause('testby-fk') }), {
    author: kari,
    reason: 'Godkjent første versjon',
    date: '2019-01-10T10:00:00+01:00',
    trailers: { 'Godkjent-av': 'Kari Nordmann | Direktør | nav-testby | 2019-01-10' },
  });
  await store.commitFile(
    'avtaler/testavtale.md',
    fixture({ validFrom: '2021-01-01', clauses: clause('nav-testby') }),
    {
      author: kari,
      reason: 'Godkjent andre versjon',
      date: '2021-01-10T10:00:00+01:00',
      trailers: { 'Godkjent-av': 'Kari Nordmann | Direktør | nav-testby | 2021-01-10' },
    },
  );
  await store.commitFile(
    'avtaler/testavtale.md',
    fixture({ status: 'utkast', validFrom: '2023-01-01', clauses: clause('ot') }),
    {
      author: kari,
      reason: 'Utkast',
      date: '2022-11-10T10:00:00+01:00',
    },
  );
  return store;
}

describe('gjerde verify on the seeded example history', () => {
  let store: Store;
  let dataDir: string;

  beforeAll(async () => {
    store = await seededStore(await dirs.make());
    stores.push(store);
    dataDir = store.dir;
  });

  it('finds the history intact, and says that approved versions are not sealed yet', async () => {
    const report = await verifyHistory(store);
    expect(report.intact).toBe(true);
    expect(statuses(report)).toEqual({
      objects: 'ok',
      replacements: 'ok',
      branch: 'ok',
      dates: 'ok',
      seals: 'ok',
      files: 'ok',
      coverage: 'warning',
      'approved-texts': 'ok',
      'sync-conflicts': 'ok',
    });
    const { commits, agreements, approved } = exampleCounts();
    expect(approved).toBeGreaterThanOrEqual(17);
    expect(report.counts).toMatchObject({ commits, agreements, approved, sealed: 0 });
    expect(report.message).toMatch(
      new RegExp(
        `^Historikken er intakt, med merknader: ${approved} av ${approved} godkjente versjoner er ikke forseglet`,
      ),
    );
  });

  it('seals every approved version once, with the commit, file and blob in an annotated tag', async () => {
    const created = await sealApprovedVersions(store);
    const { approved } = exampleCounts();
    expect(created).toHaveLength(approved);
    expect(created).toContain(
      `godkjent/fjordvik-ramme/2018-12-17-${git(dataDir, ['log', '--format=%H', '--grep=NAV får ansvaret', '-1']).trim().slice(0, 12)}`,
    );
    expect(await sealApprovedVersions(store)).toEqual([]);
    const tag = git(dataDir, ['cat-file', '-p', created[0] as string]);
    expect(tag).toMatch(/^type commit$/m);
    expect(tag).toMatch(/^tagger Gjerde <gjerde@localhost>/m);
    expect(tag).toMatch(/^Blob: [0-9a-f]{40}$/m);
    expect(tag).toMatch(/^Fil: avtaler\/[a-z-]+\.md$/m);
    const report = await verifyHistory(store);
    expect(statuses(report)).toEqual({
      objects: 'ok',
      replacements: 'ok',
      branch: 'ok',
      dates: 'ok',
      seals: 'ok',
      files: 'ok',
      coverage: 'ok',
      'approved-texts': 'ok',
      'sync-conflicts': 'ok',
    });
    expect(report.message).toBe(
      'Historikken er intakt: lageret er helt, grenen har bare gått fremover, og alle godkjente versjoner er uendret siden godkjenning.',
    );
    expect(report.counts.sealed).toBe(approved);
  });

  it('reports plainly when an old approved version is rewritten (filter-branch)', async () => {
    const target = git(dataDir, ['log', '--format=%H', '--grep=NAV får ansvaret for lærling', '-1']).trim();
    git(
      dataDir,
      [
        'filter-branch',
        '-f',
        '--tree-filter',
        `if [ "$GIT_COMMIT" = ${target} ]; then printf 'Endret i ettertid.\\n' >> avtaler/fjordvik-ramme.md; fi`,
        '--',
        'main',
      ],
      { FILTER_BRANCH_SQUELCH_WARNING: '1' },
    );
    const report = await verifyHistory(store);
    expect(report.intact).toBe(false);
    expect(report.message).toMatch(/^Historikken er IKKE intakt: /);
    expect(statuses(report)).toMatchObject({ objects: 'ok', branch: 'error', seals: 'error' });
    const seals = report.checks.find((check) => check.id === 'seals');
    expect(seals?.details).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Den godkjente versjonen av «fjordvik-ramme» lagret 17\\. desember 2018 \\(revisjon ${target.slice(0, 8)}, segl godkjent/fjordvik-ramme/2018-12-17-[0-9a-f]{12}\\) er ikke lenger en del av historikken: historikken er skrevet om, og TEKSTEN ER ENDRET: revisjon [0-9a-f]{8} har samme forfatter, dato og begrunnelse, men en annen tekst enn den som ble godkjent\\.$`,
        ),
      ),
    );
    // Later approved versions got new commit ids, but their text survived unchanged.
    expect(
      seals?.details.some((line) =>
        /har samme forfatter, dato og begrunnelse og samme tekst, men er en ny revisjon\.$/.test(line),
      ),
    ).toBe(true);
    const branch = report.checks.find((check) => check.id === 'branch');
    expect(branch?.summary).toMatch(/^Historikken er skrevet om: \d+ revisjon\(er\) som grenen har pekt på/);

    const cli = runGjerde({ GJERDE_DATA: dataDir, GJERDE_EXAMPLES: join(dataDir, 'ingen') }, 'verify');
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/^Historikken er IKKE intakt/);
    expect(cli.out).toMatch(/FEIL {4}Godkjente versjoner: /);
  });
});

describe('gjerde verify on small repositories', () => {
  it('fails for a file that says godkjent when no approval of any of its texts is recorded', async () => {
    const store = await Store.open(await dirs.make());
    stores.push(store);
    await store.commitFile(
      'avtaler/testavtale.md',
      fixture({
        clauses: [{ id: 'uten-laereplass', title: 'Lærling uten læreplass', attributes: 'ansvarlig=ot' }],
      }),
      { author: kari, reason: 'Lagt inn som godkjent', date: '2024-03-01T10:00:00+01:00' },
    );
    const report = await verifyHistory(store);
    expect(report.intact).toBe(false);
    expect(report.checks.find((check) => check.id === 'approved-texts')).toMatchObject({
      status: 'error',
      details: [
        'avtaler/testavtale.md: Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten. Ansvarspunktene fikk denne teksten 1. mars 2024 av Kari Nordmann <kari@nav.example> (revisjon ' +
          (await store.head())?.slice(0, 8) +
          '), uten at noen godkjenning ble registrert. Avtalen har ingen registrert godkjenning. Begrunnelse: «Lagt inn som godkjent».',
      ],
    });
  });

  it('reports an amended commit the branch once pointed at', async () => {
    const store = await smallStore();
    expect((await verifyHistory(store)).intact).toBe(true);
    git(store.dir, ['commit', '--amend', '--quiet', '-m', 'Omskrevet begrunnelse']);
    const report = await verifyHistory(store);
    expect(report.intact).toBe(false);
    const branch = report.checks.find((check) => check.id === 'branch');
    expect(branch?.status).toBe('error');
    expect(branch?.details).toEqual([
      expect.stringMatching(
        /^Revisjon [0-9a-f]{8} \(«Utkast» av Kari Nordmann, 10\. november 2022\) var en del av grenen, men er det ikke lenger\. Grenen ble flyttet bort \d+\. [a-zæøå]+ \d{4} med «commit \(amend\): Omskrevet begrunnelse»\.$/,
      ),
    ]);
  });

  it('warns of a revision dated by hand: saved another day than it says, and before the one it builds on', async () => {
    const store = await smallStore();
    expect(statuses(await verifyHistory(store)).dates).toBe('ok');
    await writeFile(
      join(store.dir, 'avtaler', 'testavtale.md'),
      fixture({ status: 'utkast', validFrom: '2018-06-01' }),
    );
    git(store.dir, ['commit', '--quiet', '-am', 'Eier byttet i 2018'], {
      GIT_AUTHOR_DATE: '2018-05-02T10:00:00+02:00',
    });
    const report = await verifyHistory(store);
    expect(report.intact).toBe(true);
    const dates = report.checks.find((check) => check.id === 'dates');
    expect(dates?.status).toBe('warning');
    expect(dates?.summary).toMatch(/^1 revisjon\(er\) er datert en annen dag enn de ble lagret i lageret/);
    const named = /^Revisjon [0-9a-f]{8} \(«Eier byttet i 2018» av Mallory\)/;
    expect(dates?.details).toEqual([
      expect.stringMatching(
        new RegExp(
          `${named.source} oppgir datoen 2\\. mai 2018, men ble lagret i lageret \\d+\\. [a-zæøå]+ \\d{4}: historikken viser den på datoen den oppgir\\.$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `${named.source} er datert 2\\. mai 2018, før revisjonen den bygger på \\([0-9a-f]{8}, 10\\. november 2022\\)\\.$`,
        ),
      ),
    ]);
  });

  it('reports a sealed approved version removed by a reset, though its text is gone from the branch', async () => {
    const store = await smallStore();
    expect(await sealApprovedVersions(store)).toHaveLength(2);
    git(store.dir, ['reset', '--quiet', '--hard', 'HEAD~2']);
    const report = await verifyHistory(store);
    const seals = report.checks.find((check) => check.id === 'seals');
    expect(seals?.status).toBe('error');
    expect(seals?.summary).toBe('1 av 2 forseglede godkjente versjoner er ikke lenger slik de ble godkjent.');
    expect(seals?.details[0]).toMatch(
      /«testavtale» lagret 10\. januar 2021 .* er ikke lenger en del av historikken: historikken er skrevet om, og den godkjente teksten finnes ikke i historikken i dag \(endret eller fjernet\)\.$/,
    );
  });

  it('reports a moved seal, replacement objects and a broken object database', async () => {
    const store = await smallStore();
    const [first] = await sealApprovedVersions(store);
    // Point the first seal at another commit.
    git(store.dir, [
      'tag',
      '-f',
      '-a',
      '-m',
      'Flyttet\n\nCommit: 0000000000000000000000000000000000000000',
      first as string,
      'HEAD',
    ]);
    git(store.dir, ['replace', 'HEAD~1', 'HEAD~2']);
    await writeFile(join(store.dir, '.git', 'refs', 'tags', 'ødelagt'), `${'1'.repeat(40)}\n`);
    const report = await verifyHistory(store);
    expect(statuses(report)).toMatchObject({ objects: 'error', replacements: 'error', seals: 'error' });
    expect(report.checks.find((check) => check.id === 'replacements')?.details[0]).toMatch(
      /^refs\/replace\//,
    );
    expect(report.checks.find((check) => check.id === 'objects')?.details.join('\n')).toMatch(
      /ødelagt|1111111/,
    );
  });
});

describe('a version approved in Gjerde', () => {
  it('is sealed by the time Gjerde has closed: the save does not wait for its seal, closing does', async () => {
    const server = await startTestGjerde();
    try {
      const { markdown } = await server.gjerde.agreements.get('fjordvik-ramme', { at: today() });
      const version = await server.gjerde.agreements.save(
        markdown.replace(/^id: fjordvik-ramme$/m, 'id: fjordvik-kopi'),
        { author: kari, reason: 'Godkjent kopi' },
      );
      expect(version.agreement.meta.status).toBe('godkjent');
      await server.gjerde.close();
      expect(git(server.dataDir, ['tag', '--points-at', version.revision.rev]).trim()).toMatch(
        /^godkjent\/fjordvik-kopi\//,
      );
    } finally {
      await server.stop();
    }
  });
});
