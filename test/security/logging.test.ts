/**
 * A fødselsnummer is never logged: the real server in its own process, logging at info level, is sent the
 * whole hostile table over HTTP; afterwards its entire output is searched for every number in the table.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { freePort } from '../crash/service.js';
import { hostileCases, nationalId, prepare, type Send } from './hostile-cases.js';

let root: string;
let child: ChildProcess;
let base: string;
let output = '';

const send: Send = async (c) => {
  const init: RequestInit = { method: c.method };
  if (c.raw) init.body = typeof c.raw.body === 'string' ? c.raw.body : new Uint8Array(c.raw.body);
  else if (c.json !== undefined) init.body = JSON.stringify(c.json);
  if (c.raw || c.json !== undefined) init.headers = { 'content-type': c.raw?.type ?? 'application/json' };
  const res = await fetch(`${base}${c.path}`, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-hostile-log-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(GIT_|NODE_OPTIONS$|JEST_|GJERDE_)/.test(key)),
  );
  child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server.ts')], {
    cwd: projectRoot,
    env: {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      GJERDE_DATA: join(root, 'store'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => (output.includes('Gjerde er klar') ? resolve() : undefined);
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`The server stopped (${code}):\n${output}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(root, { recursive: true, force: true });
});

describe('national identity numbers in the log', () => {
  it('are refused everywhere and never written to the log, at info level', async () => {
    const context = await prepare(send);
    const cases = hostileCases(context);
    const numbers = cases.flatMap((c) => (c.nationalId ? [c.nationalId] : []));
    expect(numbers.length).toBeGreaterThanOrEqual(15);
    for (const c of cases) {
      const res = await send(c);
      expect({ name: c.name, client: res.status >= 400 && res.status < 500 }).toEqual({
        name: c.name,
        client: true,
      });
    }
    // An unexpected error is logged with its message: make sure one carrying a number would be visible.
    expect(output).toContain('"msg":"request"');
    expect(output).toContain('"status":422');
    for (const number of [...numbers, nationalId(1)]) {
      expect(output).not.toContain(number);
      // Nor split by a space or a dot, as people write them.
      expect(output).not.toContain(`${number.slice(0, 6)} ${number.slice(6)}`);
    }
  }, 120_000);
});
