/**
 * A fødselsnummer is never logged: the real server in its own process, logging at info level, is sent the
 * whole hostile table over HTTP by a signed-in editor; afterwards its entire output is searched for every
 * number in the table, and for the password the editor signed in with.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Accounts } from '../../src/accounts/accounts.js';
import { containsNationalIdNumber } from '../../src/domain/personal-data.js';
import { type Service, startService, waitForOutput } from '../crash/service.js';
import { ensurePersona, signInOverHttp, testPassword } from '../helpers/accounts.js';
import { hostileCases, nationalId, prepare, type Send, sender } from './hostile-cases.js';

let root: string;
let server: Service;
/** The sender's session cookie and CSRF token. */
let signedIn: Record<string, string>;

const send: Send = async (c) => {
  const headers: Record<string, string> = c.anonymous ? {} : { ...signedIn };
  if (c.forged) delete headers['x-csrf-token'];
  if (c.crossSite) headers['sec-fetch-site'] = 'cross-site';
  const init: RequestInit = { method: c.method, headers };
  if (c.raw) init.body = typeof c.raw.body === 'string' ? c.raw.body : new Uint8Array(c.raw.body);
  else if (c.json !== undefined) init.body = JSON.stringify(c.json);
  if (c.raw || c.json !== undefined) headers['content-type'] = c.raw?.type ?? 'application/json';
  const res = await fetch(`${server.url}${c.path}`, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-hostile-log-'));
  const accountsFile = join(root, 'accounts.json');
  await ensurePersona(new Accounts(accountsFile), sender);
  server = await startService(
    { LOG_LEVEL: 'info', GJERDE_DATA: join(root, 'store'), GJERDE_ACCOUNTS: accountsFile },
    60_000,
    { wholeOutput: true },
  );
  await waitForOutput(server, /Gjerde er klar/);
  signedIn = await signInOverHttp(server.url, sender);
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('national identity numbers in the log', () => {
  it('are refused everywhere and never written to the log, at info level', async () => {
    const context = await prepare(send);
    const cases = hostileCases(context);
    const numbers = cases.flatMap((c) => [c.nationalId, c.numberInPath].filter((n) => n !== undefined));
    expect(numbers.length).toBeGreaterThanOrEqual(15);
    for (const c of cases) {
      const res = await send(c);
      expect({ name: c.name, client: res.status >= 400 && res.status < 500 }).toEqual({
        name: c.name,
        client: true,
      });
    }
    // An unexpected error is logged with its message: make sure one carrying a number would be visible.
    const output = server.output();
    expect(output).toContain('"msg":"request"');
    expect(output).toContain('"status":422');
    expect(output).toContain('"path":"/api/session","status":201');
    expect(output).not.toContain(testPassword);
    // No logged path holds a number, however it was written or encoded.
    const paths = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { path?: string }).path)
      .filter((path) => path !== undefined);
    expect(paths.length).toBeGreaterThan(cases.length / 2);
    for (const path of paths)
      expect({ path, number: containsNationalIdNumber(safeDecode(path)) }).toEqual({ path, number: false });
    for (const number of [...numbers, nationalId(1)]) {
      expect(output).not.toContain(number);
      // Nor split by a space or a dot, as people write them.
      expect(output).not.toContain(`${number.slice(0, 6)} ${number.slice(6)}`);
    }
  }, 120_000);
});

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
