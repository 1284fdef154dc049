/**
 * A question with a national identity number is never logged: the real server, as started in production
 * (its own process, logging at info level), asked over HTTP by a signed-in person; its whole log is then
 * searched for the number.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Accounts } from '../../src/accounts/accounts.js';
import { projectRoot } from '../../src/config.js';
import { ensurePersona, signInOverHttp } from '../helpers/accounts.js';
import { madeUpNationalIdNumber } from './helpers.js';

let root: string;
let server: ChildProcess;
let port: number;
let output = '';
/** The signed-in reader's session cookie and CSRF token. */
let signedIn: Record<string, string>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function waitForOutput(pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(output)) {
        server.stdout?.off('data', check);
        server.off('exit', failed);
        resolve();
      }
    };
    const failed = (code: number | null) => reject(new Error(`The server stopped (${code}):\n${output}`));
    server.stdout?.on('data', check);
    server.once('exit', failed);
    check();
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-log-test-'));
  port = await freePort();
  const accountsFile = join(root, 'accounts.json');
  await ensurePersona(new Accounts(accountsFile), 'leser');
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_') && key !== 'NODE_OPTIONS'),
  );
  server = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server.ts')], {
    cwd: projectRoot,
    env: {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: String(port),
      GJERDE_DATA: join(root, 'store'),
      GJERDE_ACCOUNTS: accountsFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitForOutput(/Oppslagsindeksen er klar/);
  signedIn = await signInOverHttp(`http://127.0.0.1:${port}`, 'leser');
}, 60_000);

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(root, { recursive: true, force: true });
});

describe('the request log', () => {
  it('has the path of a refused question, never the question', async () => {
    const fnr = madeUpNationalIdNumber();
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { headers: signedIn });
    const api = await get(`/api/lookup?q=${encodeURIComponent(`elev ${fnr}`)}`);
    expect(api.status).toBe(422);
    const page = await get(`/oppslag?q=${fnr}`);
    expect(page.status).toBe(422);
    expect(await page.text()).not.toContain(fnr);
    const ordinary = await get(`/api/lookup?q=markørspørsmål-${fnr.slice(0, 4)}`);
    expect(ordinary.status).toBe(200);
    // The log line of the last request is written when its response has finished.
    await waitForOutput(/"path":"\/api\/lookup","status":200/);
    expect(output).toContain('"path":"/api/lookup","status":422');
    expect(output).toContain('"path":"/oppslag","status":422');
    expect(output).not.toContain(fnr);
    expect(output).not.toContain(fnr.slice(6));
    expect(output).not.toContain('markørspørsmål');
  });
});
