/**
 * The real service (`node --import tsx src/server.ts`) never puts the example history on top of a data
 * folder that already holds files, and never says it is ready on a port it could not listen on: it stops at
 * start with a Norwegian message saying what to do.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { projectRoot } from '../../src/config.js';

jest.setTimeout(120_000);

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-start-refusal-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function start(dataDir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server.ts')], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      GJERDE_DATA: dataDir,
      GJERDE_ACCOUNTS: join(root, 'accounts.json'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
    },
  });
}

describe('starting on a data folder that has files', () => {
  it('a git repository with uncommitted agreement files: refused, nothing committed', async () => {
    const dataDir = join(root, 'uncommitted');
    await mkdir(join(dataDir, 'avtaler'), { recursive: true });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dataDir });
    await writeFile(join(dataDir, 'avtaler', 'fjordvik-ramme.md'), '# Vår avtale\n');

    const result = start(dataDir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Gjerde kan ikke starte');
    expect(result.stderr).toMatch(/har filer \(avtaler\)/);
    expect(result.stderr).toMatch(/git add.*git commit/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const log = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dataDir });
    expect(log.status).not.toBe(0);
  });

  it('a folder of files that is not a git repository: refused too', async () => {
    const dataDir = join(root, 'plain');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'notat.txt'), 'Ikke en avtale.\n');
    const result = start(dataDir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/har filer \(notat\.txt\)/);
  });
});

describe('starting on a port another program listens on', () => {
  it('stops with exit code 1 and says so, instead of saying it is ready', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const examples = join(root, 'no-examples');
      await mkdir(examples, { recursive: true });
      const result = start(join(root, 'port-taken'), {
        PORT: String(port),
        HOST: '127.0.0.1',
        GJERDE_EXAMPLES: examples,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Gjerde kan ikke starte');
      expect(result.stderr).toContain(`port ${port} på 127.0.0.1 er allerede i bruk`);
      expect(result.stdout).not.toContain('Gjerde er klar');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
