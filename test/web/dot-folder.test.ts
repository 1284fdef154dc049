/**
 * A project under a folder whose name starts with a dot (`~/.local/share/gjerde`, a CI cache) serves its
 * pages with their styles. The project as it is now (tracked and new files, and its node_modules as hard
 * links, so every path really is under the dot folder) is copied to such a folder, and the asset and page
 * suites run there in a Jest of their own: `send` once refused every absolute path with a dot segment.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';

/** The suites that serve assets and pages: Designsystemet's files, every page in Chromium with its styles. */
const suites = ['test/web/agreements.test.ts', 'test/security/csp.test.ts'];

let root: string;
let clone: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-dot-'));
  clone = join(root, '.lokal', 'share', 'gjerde');
  await mkdir(clone, { recursive: true });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(projectRoot, file)));
  execFileSync('cp', ['--parents', '-t', clone, ...files], { cwd: projectRoot });
  // Hard links: a symlink would lead module resolution back out of the dot folder.
  const linked = spawnSync('cp', ['-al', join(projectRoot, 'node_modules'), join(clone, 'node_modules')]);
  if (linked.status !== 0)
    execFileSync('cp', ['-a', join(projectRoot, 'node_modules'), join(clone, 'node_modules')]);
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a project under a dot folder', () => {
  it('passes the asset and page suites', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^JEST_/.test(key)));
    const run = spawnSync(
      process.execPath,
      [join(clone, 'node_modules/jest/bin/jest.js'), '--ci', '--runInBand', ...suites],
      {
        cwd: clone,
        env: { ...env, NODE_OPTIONS: '--experimental-vm-modules' },
        encoding: 'utf8',
        timeout: 280_000,
      },
    );
    // Jest reports on stderr; its last lines say what failed, if anything.
    const report = `${run.stdout}\n${run.stderr}`.slice(-4000);
    expect(report).toMatch(new RegExp(`Test Suites: ${suites.length} passed, ${suites.length} total`));
    expect(run.status).toBe(0);
  }, 300_000);
});
