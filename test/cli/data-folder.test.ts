/**
 * The command line finds the data repository as the service does, without GJERDE_DATA on every command:
 * `--data <mappe>`, or GJERDE_DATA in the nearest `.gjerde` file (the working folder or one above it, a
 * relative path read from the file's folder), with the environment over the file and `--data` over both.
 * A real data repository, the real `gjerde` command.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { seededStore } from '../helpers/gjerde.js';

let root: string;
let store: string;
/** A folder below the one with `.gjerde`, as an operator's working folder might be. */
let deeper: string;

/** `gjerde …` run in `cwd`, with the environment of the test less any GJERDE_DATA, plus `env`. */
function gjerde(cwd: string, args: string[], env: Record<string, string> = {}) {
  const { GJERDE_DATA: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/gjerde.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...inherited, LOG_LEVEL: 'silent', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-data-folder-'));
  store = join(root, 'drift', 'store');
  await cp(await seededStore(), store, { recursive: true });
  deeper = join(root, 'drift', 'rutiner', 'mandag');
  await mkdir(deeper, { recursive: true });
}, 120_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('where the command line finds the data repository', () => {
  it('takes --data on any command', () => {
    const { code, out } = gjerde(root, ['--data', store, 'list']);
    expect(code).toBe(0);
    expect(out).toContain('fjordvik-ramme');
  });

  it('reads GJERDE_DATA from the nearest .gjerde file, relative to the file’s folder', async () => {
    await writeFile(join(root, 'drift', '.gjerde'), '# Gjerde i drift\nGJERDE_DATA=store\n');
    const { code, out, err } = gjerde(deeper, ['list']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('fjordvik-ramme');
    expect(gjerde(deeper, ['show', 'fjordvik-ramme', '--at', '2018-06-01']).code).toBe(0);
  });

  it('lets the environment win over the file, and --data over both', async () => {
    const empty = join(root, 'tom');
    // An empty folder as GJERDE_DATA: refused as it is not a repository with agreements, or empty; either
    // way not the store the file names.
    const fromEnvironment = gjerde(deeper, ['list'], { GJERDE_DATA: empty, GJERDE_EXAMPLES: empty });
    expect(fromEnvironment.out).not.toContain('fjordvik-ramme');
    const fromFlag = gjerde(deeper, ['--data', store, 'list'], {
      GJERDE_DATA: empty,
      GJERDE_EXAMPLES: empty,
    });
    expect(fromFlag.code).toBe(0);
    expect(fromFlag.out).toContain('fjordvik-ramme');
  });

  it('says which line of a .gjerde file it cannot read, and stops', async () => {
    const other = join(root, 'feil');
    await mkdir(other);
    await writeFile(join(other, '.gjerde'), 'GJERDE_DATA=store\ndata: store\n');
    const { code, err } = gjerde(other, ['list']);
    expect(code).not.toBe(0);
    expect(err).toContain('.gjerde, linje 2');
  });
});
