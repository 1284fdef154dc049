/**
 * A fresh start never has a known password: the real service (`node --import tsx src/server.ts`) on an
 * empty data folder makes one administrator with a random one-time password, printed on a terminal or,
 * when the output is not one (here a pipe, as a log file or a journal), put in a file only the service's
 * user can read: never in the log. It must be changed before anything else works.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { firstAdminNotice } from '../../src/accounts/first-admin.js';
import { type Service, startService } from '../crash/service.js';

// Two starts of the real service, and argon2id hashing, on a machine that may be busy.
jest.setTimeout(240_000);

let root: string;
let env: Record<string, string>;
const services: Service[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-first-start-'));
  env = {
    GJERDE_DATA: join(root, 'store'),
    // No example agreements: the data repository starts empty, as a county's own would.
    GJERDE_EXAMPLES: join(root, 'ingen-eksempler'),
    LOG_LEVEL: 'info',
  };
});
afterAll(async () => {
  for (const service of services) await service.stop();
  await rm(root, { recursive: true, force: true });
});

async function start(): Promise<Service> {
  const service = await startService(env);
  services.push(service);
  return service;
}

/** The log: the JSON lines of the output (pino); everything else is the console's. */
function logLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('{'));
}

/** A browser-like client of one service: keeps the session cookie and the CSRF token, follows no redirect. */
class Client {
  private cookie = '';
  csrfToken = '';

  constructor(private readonly base: string) {}

  async send(method: string, path: string, body?: { json?: unknown; form?: Record<string, string> }) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    }
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('gjerde.sid='));
    if (cookie) this.cookie = cookie.split(';')[0] ?? '';
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  }

  /** `POST /api/session`; keeps the session and token when it worked. */
  async signIn(username: string, password: string) {
    const answer = await this.send('POST', '/api/session', { json: { username, password } });
    if (answer.status === 201) this.csrfToken = (JSON.parse(answer.text) as { csrfToken: string }).csrfToken;
    return answer;
  }
}

const newPassword = 'Fjordvik har et nytt og langt passord';
let oneTimePassword = '';
let first: Service;

describe('the first start', () => {
  beforeAll(async () => {
    first = await start();
  });

  it('says where the one-time password is: in a file only the service reads, never in the output (the log)', async () => {
    const output = first.output();
    expect(output).toContain('Gjerde er startet for første gang. En administrator er opprettet:');
    expect(output).toMatch(/^ {4}brukernavn: {5}admin$/m);
    // The output is a pipe here, as a log file or a journal is: the password is not in it.
    const file = join(root, 'engangspassord-admin.txt');
    expect(output).toContain(`    engangspassord: i filen ${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const [username, password] = (await readFile(file, 'utf8')).split('\n');
    expect(username).toBe('admin');
    oneTimePassword = password ?? '';
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(output).not.toContain(oneTimePassword);
    const log = logLines(output);
    expect(log.some((line) => line.includes('Gjerde er klar'))).toBe(true);
    for (const line of log) {
      JSON.parse(line);
      expect(line).not.toContain(oneTimePassword);
    }
  });

  it('keeps the accounts readable by the service only, with no password in plain text', async () => {
    const file = join(root, 'accounts.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const content = await readFile(file, 'utf8');
    expect(content).not.toContain(oneTimePassword);
    expect(content).toContain('$argon2id$');
    const { accounts } = JSON.parse(content) as { accounts: { username: string; roles: string[] }[] };
    expect(accounts.map(({ username, roles }) => ({ username, roles }))).toEqual([
      { username: 'admin', roles: ['admin'] },
    ]);
  });

  it('never lets a guessed password in', async () => {
    const client = new Client(first.url);
    for (const guess of ['admin', 'password', ''])
      expect((await client.signIn('admin', guess)).status).toBe(401);
  });

  it('signs in with the one-time password, but nothing works until it is changed', async () => {
    const client = new Client(first.url);
    const signIn = await client.signIn('admin', oneTimePassword);
    expect(signIn.status).toBe(201);
    expect(JSON.parse(signIn.text)).toMatchObject({ mustChangePassword: true, user: { username: 'admin' } });
    for (const page of ['/', '/admin/brukere', '/oppslag?q=l%C3%A6replass', '/ny']) {
      const answer = await client.send('GET', page);
      expect({ page, status: answer.status, location: answer.location }).toEqual({
        page,
        status: 303,
        location: '/konto/passord',
      });
    }
    for (const [method, path] of [
      ['GET', '/api/agreements'],
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users'],
    ] as const) {
      const answer = await client.send(
        method,
        path,
        method === 'POST' ? { json: { username: 'x' } } : undefined,
      );
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
      expect(answer.text).toContain('Du må bytte engangspassordet');
    }
    expect((await client.send('GET', '/konto/passord')).text).toContain('Velg ditt eget passord');

    const changed = await client.send('POST', '/konto/passord', {
      form: {
        _csrf: client.csrfToken,
        current: oneTimePassword,
        password: newPassword,
        repeat: newPassword,
        neste: '/admin/brukere',
      },
    });
    expect({ status: changed.status, location: changed.location }).toEqual({
      status: 303,
      location: '/admin/brukere',
    });
    expect((await client.send('GET', '/admin/brukere')).status).toBe(200);
    // The one-time password's file has done its job.
    await expect(stat(join(root, 'engangspassord-admin.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('after the change, only the new password works', async () => {
    const old = new Client(first.url);
    expect((await old.signIn('admin', oneTimePassword)).status).toBe(401);
    const client = new Client(first.url);
    const signIn = await client.signIn('admin', newPassword);
    expect(signIn.status).toBe(201);
    expect(JSON.parse(signIn.text)).toMatchObject({ mustChangePassword: false });
    expect((await client.send('GET', '/api/admin/users')).status).toBe(200);
    const content = await readFile(join(root, 'accounts.json'), 'utf8');
    expect(content).not.toContain(newPassword);
    expect(logLines(first.output()).some((line) => line.includes(newPassword))).toBe(false);
  });
});

describe('a second start', () => {
  it('prints no password and makes no second administrator', async () => {
    await first.stop();
    const second = await start();
    expect(second.output()).not.toContain('engangspassord');
    expect(second.output()).not.toContain('for første gang');
    const { accounts } = JSON.parse(await readFile(join(root, 'accounts.json'), 'utf8')) as {
      accounts: unknown[];
    };
    expect(accounts).toHaveLength(1);
    const client = new Client(second.url);
    for (const guess of ['admin', 'password', '', oneTimePassword])
      expect((await client.signIn('admin', guess)).status).toBe(401);
    expect((await client.signIn('admin', newPassword)).status).toBe(201);
  });
});

describe('on a terminal', () => {
  it('shows the one-time password there, and writes no file', async () => {
    const folder = join(root, 'terminal');
    const lines = await firstAdminNotice(
      { username: 'admin', password: 'Abc3479xyzAbc3479xyz' },
      join(folder, 'accounts.json'),
      true,
    );
    expect(lines).toContain('    engangspassord: Abc3479xyzAbc3479xyz');
    await expect(stat(join(folder, 'engangspassord-admin.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
