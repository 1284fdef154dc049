/**
 * Migration, both ways docs/format.md describes. `gjerde import`: a county brings its agreements in with
 * their own history — a folder of revisions with `revisions.yaml`, or one file with its date, author and
 * reason — checked as saves are, one commit per revision, and refused with nothing written when any
 * revision is invalid. Plain git: the documented commands, run as written, give the same history.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stringify } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';
import { madeUpNationalIdNumber } from '../lookup/helpers.js';
import { cli, git } from './helpers.js';

jest.setTimeout(120_000);

const root = tempDirForFile('gjerde-import-');
const dataDir = join(root, 'lager');

/** The CLI on this test's data repository. */
function gjerde(...args: string[]) {
  return cli(dataDir, ...args);
}

function head(): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], {
    cwd: dataDir,
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Strandby's example revisions as another agreement's history (`id`), written as a county would. */
async function archive(id: string, edit: (file: string, text: string) => string = (_file, text) => text) {
  const source = join(projectRoot, 'agreements/strandby-lokal');
  const folder = join(root, 'arkiv', id);
  await mkdir(folder, { recursive: true });
  const revisions = [
    {
      file: '2018-06-11.md',
      date: '2018-06-11T13:00:00+02:00',
      author: 'Martin Solberg',
      reason: 'Første utkast',
    },
    {
      file: '2018-08-20.md',
      date: '2018-08-20T08:45:00+02:00',
      author: 'Sofie Dahl',
      reason: 'Godkjent i ledermøtet 16. august 2018',
    },
    {
      file: '2021-08-09.md',
      date: '2021-08-09T10:30:00+02:00',
      author: 'Martin Solberg',
      reason: 'Skolen blir part i avtalen',
    },
  ];
  for (const { file } of revisions) {
    const text = (await readFile(join(source, file), 'utf8')).replace('id: strandby-lokal', `id: ${id}`);
    await writeFile(join(folder, file), edit(file, text));
  }
  await writeFile(
    join(folder, 'revisions.yaml'),
    stringify(
      revisions.map((revision) => ({
        ...revision,
        email: `${revision.author.split(' ')[0]?.toLowerCase()}@nordby.example`,
      })),
    ),
  );
  return folder;
}

describe('gjerde import', () => {
  it('brings a folder of revisions in, one commit each with its own author, date and reason, and no examples', async () => {
    const folder = await archive('nordby-lokal');
    const result = gjerde('import', folder);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^nordby-lokal\t3 revisjon\(er\), 2018-06-11–2021-08-09\tavtaler\/nordby-lokal\.md$/m,
    );

    const log = git(dataDir, [
      'log',
      '--reverse',
      '--format=%an|%ae|%aI|%cn|%s',
      '--',
      'avtaler/nordby-lokal.md',
    ])
      .trim()
      .split('\n');
    expect(log).toEqual([
      'Martin Solberg|martin@nordby.example|2018-06-11T13:00:00+02:00|Gjerde|Første utkast',
      'Sofie Dahl|sofie@nordby.example|2018-08-20T08:45:00+02:00|Gjerde|Godkjent i ledermøtet 16. august 2018',
      'Martin Solberg|martin@nordby.example|2021-08-09T10:30:00+02:00|Gjerde|Skolen blir part i avtalen',
    ]);
    // The county's own repository: nothing but what it brought in.
    expect(git(dataDir, ['ls-tree', '-r', '--name-only', 'HEAD']).trim()).toBe('avtaler/nordby-lokal.md');
    // Approved versions are sealed, as seeding and saving seal them.
    expect(git(dataDir, ['tag', '-l', 'godkjent/nordby-lokal/*']).trim().split('\n')).toHaveLength(2);

    const asOf2019 = gjerde('show', 'nordby-lokal', '--at', '2019-06-01');
    expect(asOf2019.code).toBe(0);
    expect(asOf2019.out).toContain('gyldig-fra: 2018-08-20');
    expect(asOf2019.out).not.toContain('strandby-vgs');
    expect(gjerde('validate')).toMatchObject({ code: 0 });
  });

  it('brings one file in with its date, author and reason as options', async () => {
    const file = join(root, 'enkel.md');
    const text = (
      await readFile(join(projectRoot, 'agreements/strandby-lokal/2025-01-13.md'), 'utf8')
    ).replace('id: strandby-lokal', 'id: nordby-enkel');
    await writeFile(file, text);
    const missing = gjerde('import', file, '--dato', '2025-01-13T09:00:00+01:00');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('oppgi --forfatter, --epost, --begrunnelse');

    const result = gjerde(
      'import',
      file,
      '--dato',
      '2025-01-13T09:00:00+01:00',
      '--forfatter',
      'Nina Holm',
      '--epost',
      'nina@nordby.example',
      '--begrunnelse',
      'Vedtatt i ledermøtet',
    );
    expect(result.code).toBe(0);
    expect(git(dataDir, ['log', '-1', '--format=%an|%aI|%s', '--', 'avtaler/nordby-enkel.md']).trim()).toBe(
      'Nina Holm|2025-01-13T09:00:00+01:00|Vedtatt i ledermøtet',
    );
  });

  it('refuses a history with an invalid revision, naming file, line and column, and writes nothing', async () => {
    const folder = await archive('nordby-feil', (file, text) =>
      file === '2018-08-20.md' ? text.replace(/alder=16-21/, 'alder=16_21') : text,
    );
    const line = (await readFile(join(folder, '2018-08-20.md'), 'utf8'))
      .split('\n')
      .findIndex((text) => text.includes('alder=16_21'));
    expect(line).toBeGreaterThan(0);
    const before = head();
    const result = gjerde('import', folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Ingenting er hentet inn');
    expect(result.err).toMatch(
      new RegExp(`nordby-feil/2018-08-20\\.md:${line + 1}:\\d+: Ugyldig alder «16_21»`),
    );
    expect(head()).toBe(before);
    expect(git(dataDir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    expect(git(dataDir, ['ls-tree', '-r', '--name-only', 'HEAD'])).not.toContain('nordby-feil');
  });

  it('reports every problem of a revision at once, a fødselsnummer among them, by line and column only', async () => {
    const number = madeUpNationalIdNumber();
    const folder = await archive('nordby-alle', (file, text) =>
      file === '2018-08-20.md'
        ? text
            .replace('Praksisplasser i Strandby]{#praksisplasser', 'Praksisplasser i Strandby]{#ot-dag')
            .replace('kl. 9–15.', `kl. 9–15, som for elev ${number}.`)
        : text,
    );
    const lines = (await readFile(join(folder, '2018-08-20.md'), 'utf8')).split('\n');
    const numberLine = lines.findIndex((text) => text.includes(number)) + 1;
    const duplicateLine = lines.findIndex((text) => text.includes('Strandby]{#ot-dag')) + 1;
    expect(numberLine).toBeGreaterThan(0);
    expect(duplicateLine).toBeGreaterThan(0);
    const result = gjerde('import', folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Ingenting er hentet inn: 2 feil');
    expect(result.err).toMatch(new RegExp(`nordby-alle/2018-08-20\\.md:${numberLine}:\\d+: .*fødselsnummer`));
    expect(result.err).toMatch(new RegExp(`nordby-alle/2018-08-20\\.md:${duplicateLine}:\\d+: .*ot-dag`));
    expect(result.err + result.out).not.toContain(number);
  });

  it('creates no data repository when it refuses', async () => {
    const folder = await archive('nordby-ingen', (file, text) =>
      file === '2018-08-20.md' ? text.replace(/alder=16-21/, 'alder=16_21') : text,
    );
    const newData = join(root, 'nytt-lager');
    const result = cli(newData, 'import', folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Ingenting er hentet inn');
    expect(existsSync(newData)).toBe(false);
  });

  it('refuses approvals dated after the version that records them, or before the version they change was approved', async () => {
    const folder = await archive('nordby-datoer', (file, text) =>
      file === '2018-08-20.md'
        ? text.replace(/dato: 2018-08-16/, 'dato: 2018-08-25')
        : file === '2021-08-09.md'
          ? text.replace(/dato: 2021-08-06/, 'dato: 2018-08-01')
          : text,
    );
    const before = head();
    const result = gjerde('import', folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Ingenting er hentet inn');
    expect(result.err).toMatch(
      /nordby-datoer\/2018-08-20\.md: Godkjenningen fra .+ er datert 25\. august 2018, etter at versjonen som sier at den er gitt, ble lagret 20\. august 2018\./,
    );
    expect(result.err).toMatch(
      /nordby-datoer\/2021-08-09\.md: Godkjenningen fra .+ er datert 1\. august 2018, før forrige godkjente versjon ble lagret 20\. august 2018: ingen kan ha godkjent en endring av en tekst som ikke var godkjent ennå\./,
    );
    expect(head()).toBe(before);
    expect(git(dataDir, ['ls-tree', '-r', '--name-only', 'HEAD'])).not.toContain('nordby-datoer');
  });

  it('refuses an agreement that is already there, and a manifest without a reason, writing nothing', async () => {
    const before = head();
    const again = gjerde('import', join(root, 'arkiv', 'nordby-lokal'));
    expect(again.code).toBe(1);
    expect(again.err).toContain('Avtalen «nordby-lokal» finnes allerede i datalageret');

    const folder = await archive('nordby-uten-grunn');
    const manifest = await readFile(join(folder, 'revisions.yaml'), 'utf8');
    await writeFile(join(folder, 'revisions.yaml'), manifest.replace(/ {2}reason: Første utkast\n/, ''));
    const noReason = gjerde('import', folder);
    expect(noReason.code).toBe(1);
    expect(noReason.err).toContain('mangler «reason»');
    expect(head()).toBe(before);
  });
});

describe('migrating with plain git, as docs/format.md shows', () => {
  let gitData: string;
  const revisions = [
    { file: '2018-06-11.md', date: '2018-06-11T13:00:00+02:00', reason: 'Første utkast' },
    { file: '2018-08-20.md', date: '2018-08-20T08:45:00+02:00', reason: 'Godkjent i ledermøtet' },
  ];

  /**
   * The documented commands for one revision: `gjerde validate` the file, copy it to avtaler/<id>.md,
   * `git add`, and `git commit --author --date -m`. Returns what validate said.
   */
  async function commitAsDocumented(file: string, date: string, reason: string) {
    const checked = cli(gitData, 'validate', file);
    await mkdir(join(gitData, 'avtaler'), { recursive: true });
    await writeFile(join(gitData, 'avtaler/nordby-ramme.md'), await readFile(file, 'utf8'));
    git(gitData, ['add', 'avtaler/nordby-ramme.md']);
    git(
      gitData,
      [
        'commit',
        '-q',
        '--author=Kari Nordmann <kari.nordmann@nordby.example>',
        `--date=${date}`,
        '-m',
        reason,
      ],
      { GIT_COMMITTER_NAME: 'Kari Nordmann', GIT_COMMITTER_EMAIL: 'kari.nordmann@nordby.example' },
    );
    return checked;
  }

  beforeAll(async () => {
    gitData = join(root, 'git-lager');
    await mkdir(gitData);
    git(gitData, ['init', '-q', '-b', 'main']);
    const folder = await archive('nordby-ramme');
    for (const { file, date, reason } of revisions) {
      const checked = await commitAsDocumented(join(folder, file), date, reason);
      expect(checked.code).toBe(0);
    }
  });

  it('gives each revision its own author, date and reason, answered by Gjerde without examples', () => {
    expect(cli(gitData, 'validate')).toMatchObject({ code: 0 });
    const history = cli(gitData, 'history', 'nordby-ramme');
    expect(history.code).toBe(0);
    expect(history.out).toMatch(/^\w{8} {2}2018-08-20 .*Kari Nordmann: Godkjent i ledermøtet$/m);
    expect(history.out).toMatch(/^\w{8} {2}2018-06-11 .*Kari Nordmann: Første utkast$/m);
    const inForce = cli(gitData, 'show', 'nordby-ramme', '--at', '2019-06-01');
    expect(inForce.code).toBe(0);
    expect(inForce.out).toContain('gyldig-fra: 2018-08-20');
    // Gjerde reads the county's repository as it is: no example agreements seeded on top.
    expect(git(gitData, ['ls-tree', '-r', '--name-only', 'HEAD']).trim()).toBe('avtaler/nordby-ramme.md');
  });

  it('reports a committed revision the validator refuses, with line and column, and keeps the last valid one', async () => {
    const folder = join(root, 'arkiv', 'nordby-ramme');
    const broken = join(folder, 'feil.md');
    const text = (await readFile(join(folder, '2021-08-09.md'), 'utf8')).replace(
      /alder=16-21/,
      'alder=16_21',
    );
    await writeFile(broken, text);
    const line = text.split('\n').findIndex((row) => row.includes('alder=16_21')) + 1;
    const checked = await commitAsDocumented(broken, '2021-08-09T10:30:00+02:00', 'Skolen blir part');
    expect(checked.code).toBe(1);
    expect(checked.out + checked.err).toMatch(new RegExp(`feil\\.md:${line}:\\d+`));

    const whole = cli(gitData, 'validate');
    expect(whole.code).toBe(1);
    expect(whole.out + whole.err).toMatch(new RegExp(`avtaler/nordby-ramme\\.md:${line}:\\d+`));
    // Valid, it would be in force from 16 August 2021; refused, the approved version before it stays.
    const current = cli(gitData, 'show', 'nordby-ramme', '--at', '2025-01-01');
    expect(current.code).toBe(0);
    expect(current.out).toContain('gyldig-fra: 2018-08-20');
    expect(current.out).not.toContain('alder=16_21');
  });
});
