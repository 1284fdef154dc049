/**
 * A question with a national identity number is never logged: the real server, as started in production
 * (its own process, logging at info level), asked over HTTP by a signed-in person; its whole log is then
 * searched for the number.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Accounts } from '../../src/accounts/accounts.js';
import { type Service, startService, waitForOutput } from '../crash/service.js';
import { ensurePersona, signInOverHttp } from '../helpers/accounts.js';
import { madeUpNationalIdNumber } from './helpers.js';

let root: string;
let server: Service;
/** The signed-in reader's session cookie and CSRF token. */
let signedIn: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-log-test-'));
  const accountsFile = join(root, 'accounts.json');
  await ensurePersona(new Accounts(accountsFile), 'leser');
  server = await startService(
    { LOG_LEVEL: 'info', GJERDE_DATA: join(root, 'store'), GJERDE_ACCOUNTS: accountsFile },
    60_000,
    { wholeOutput: true },
  );
  await waitForOutput(server, /Oppslagsindeksen er klar/);
  signedIn = await signInOverHttp(server.url, 'leser');
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('the request log', () => {
  it('has the path of a refused question, never the question', async () => {
    const fnr = madeUpNationalIdNumber();
    const get = (path: string) => fetch(`${server.url}${path}`, { headers: signedIn });
    const api = await get(`/api/lookup?q=${encodeURIComponent(`elev ${fnr}`)}`);
    expect(api.status).toBe(422);
    const page = await get(`/oppslag?q=${fnr}`);
    expect(page.status).toBe(422);
    const pasted = `Vikar her, første uke. En mor ringte om sønnen sin på 17 som har sluttet. ${'Hun var lei seg. '.repeat(40)}Han har fødselsnummer ${fnr}.`;
    const long = await get(`/api/lookup?q=${encodeURIComponent(pasted)}`);
    expect(long.status).toBe(422);
    expect(await page.text()).not.toContain(fnr);
    // Any other parameter is refused the same way, before the lookup could name it («Ukjent fylke …»).
    for (const parameter of ['county', 'agreement', 'party', 'situation', 'at']) {
      const refused = await get(`/api/lookup?q=l%C3%A6replass&${parameter}=${fnr}`);
      expect({ parameter, status: refused.status }).toEqual({ parameter, status: 422 });
      expect(await refused.text()).not.toContain(fnr);
    }
    const ordinary = await get(`/api/lookup?q=markørspørsmål-${fnr.slice(0, 4)}`);
    expect(ordinary.status).toBe(200);
    // The log line of the last request is written when its response has finished.
    await waitForOutput(server, /"path":"\/api\/lookup","status":200/);
    const output = server.output();
    expect(output).toContain('"path":"/api/lookup","status":422');
    expect(output).toContain('"path":"/oppslag","status":422');
    expect(output).not.toContain(fnr);
    expect(output).not.toContain(fnr.slice(6));
    expect(output).not.toContain('markørspørsmål');
    expect(output).not.toContain('Hun var lei seg');
  });
});
