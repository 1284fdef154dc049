/**
 * A fødselsnummer in the address — the path, a query parameter's value or its name — is refused (422) on
 * every kind of route, before any route can say it again: the real server in its own process (logging at
 * info level, anonymous reading on), asked over HTTP by an editor and by someone not signed in. No answer
 * holds the number (message, title, sign-in link, redirect), and neither does the log. Ordinary numbers
 * (dates, eleven digits that are no fødselsnummer) still pass.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Accounts } from '../../src/accounts/accounts.js';
import { personalDataMessage } from '../../src/domain/personal-data.js';
import { type Service, startService, waitForOutput } from '../crash/service.js';
import { ensurePersona, personas, signInOverHttp } from '../helpers/accounts.js';
import { nationalId, sender, writtenForms } from './hostile-cases.js';

let root: string;
let server: Service;
/** The editor's session cookie and CSRF token. */
let signedIn: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-address-guard-'));
  const accountsFile = join(root, 'accounts.json');
  await ensurePersona(new Accounts(accountsFile), sender);
  server = await startService(
    {
      LOG_LEVEL: 'info',
      GJERDE_DATA: join(root, 'store'),
      GJERDE_ACCOUNTS: accountsFile,
      GJERDE_ANONYMOUS_READ: '1',
    },
    60_000,
    { wholeOutput: true },
  );
  await waitForOutput(server, /Oppslagsindeksen er klar/);
  signedIn = await signInOverHttp(server.url, sender);
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

interface Asked {
  status: number;
  type: string;
  text: string;
  location: string | null;
  cacheControl: string | null;
}

async function get(path: string, anonymous = false): Promise<Asked> {
  const res = await fetch(`${server.url}${path}`, {
    headers: anonymous ? {} : signedIn,
    redirect: 'manual',
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
    location: res.headers.get('location'),
    cacheControl: res.headers.get('cache-control'),
  };
}

const agreement = '/avtaler/fjordvik-ramme';
/** Each row its own number, so that the log search tells which one leaked. */
let n = 100;
const next = () => {
  n += 1;
  return nationalId(n);
};
const spaced = writtenForms['in three groups'] as (number: string) => string;
const zeroWidth = writtenForms['with zero-width spaces'] as (number: string) => string;

/** [what, the address with the number in it, the number, asked by someone not signed in] */
const refused: Array<[string, (number: string) => string, boolean?]> = [
  ['the question of the lookup API', (f) => `/api/lookup?q=${f}`],
  ...(['county', 'agreement', 'party', 'situation', 'at', 'age', 'limit'] as const).map(
    (name): [string, (number: string) => string] => [
      `the lookup API's ${name}`,
      (f) => `/api/lookup?q=l%C3%A6replass&${name}=${f}`,
    ],
  ),
  ["the lookup page's county", (f) => `/oppslag?q=l%C3%A6replass&county=${f}`],
  ['the question across counties', (f) => `/fylkene?q=elev&at=${f}`],
  ['an agreement id in the path of a page', (f) => `/avtaler/${f}`],
  ['an agreement id in the path of the API', (f) => `/api/agreements/${f}`],
  ['an agreement id written with spaces in the path', (f) => `/avtaler/${encodeURIComponent(spaced(f))}`],
  [
    'an agreement id with zero-width spaces in the path',
    (f) => `/avtaler/${encodeURIComponent(zeroWidth(f))}`,
  ],
  ['a path with a malformed escape before the number', (f) => `/avtaler/%ZZ-${f}`],
  ["the agreement page's date", (f) => `${agreement}?at=${f}`],
  ['the compare page', (f) => `${agreement}/sammenlign?fra=2017-03-01&til=${f}`],
  ["the own agreement's county", (f) => `${agreement}/egen-avtale?for=${f}`],
  ['a query parameter named by the number', (f) => `/?${f}=1`],
  ['a repeated parameter', (f) => `/oppslag?q=elev&q=${f}`],
  ['the front page, not signed in', (f) => `/?q=ungdom+${f}`, true],
  ['the lookup page, not signed in', (f) => `/oppslag?q=${encodeURIComponent(spaced(f))}`, true],
  ['the way back after signing in', (f) => `/logg-inn?neste=${encodeURIComponent(`/?q=ungdom ${f}`)}`, true],
  ['an asset', (f) => `/assets/${f}.css`, true],
];

describe('a fødselsnummer in the address', () => {
  const rows = refused.map(([what, address, anonymous]) => {
    const number = next();
    return { what, number, address: address(number), anonymous: anonymous ?? false };
  });

  it.each(rows)('$what: refused with 422, never said again', async ({ number, address, anonymous }) => {
    const res = await get(address, anonymous);
    expect({ address, status: res.status }).toEqual({ address, status: 422 });
    if (address.startsWith('/api/')) {
      expect(res.type).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toEqual({ error: personalDataMessage });
    } else {
      expect(res.type).toMatch(/^text\/html/);
      expect(res.text).toContain('Personopplysninger om ungdom hører ikke hjemme i Gjerde');
    }
    expect(res.location).toBeNull();
    expect(res.cacheControl).toBe('no-store');
    for (const written of [number, number.slice(6), spaced(number), encodeURIComponent(spaced(number))])
      expect(res.text).not.toContain(written);
  });

  it('a page marks the parameter to type again, emptied, and keeps the others', async () => {
    const number = next();
    const res = await get(`/oppslag?q=l%C3%A6replass&county=${number}`);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/name="county"[^>]*value=""/);
    expect(res.text).toContain('value="læreplass"');
  });

  it('is never the way back a sign-in form sends anyone', async () => {
    const number = next();
    const page = await fetch(`${server.url}/logg-inn`);
    const cookie = page.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const res = await fetch(`${server.url}/logg-inn`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        username: personas[sender].username,
        password: 'feil passord',
        neste: `/?q=ungdom+${number}`,
      }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).toContain('name="neste" value="/"');
    expect(text).not.toContain(number);
  });

  it('never reaches the log', async () => {
    // Every row has been asked (the rows above run first); its log line is written when its answer ends.
    await get('/healthz?markør=ferdig');
    await waitForOutput(server, /"path":"\/healthz","status":200/);
    const output = server.output();
    expect(output).toContain('"status":422');
    for (const { number } of rows) {
      expect(output).not.toContain(number);
      expect(output).not.toContain(spaced(number));
    }
    expect(output).not.toContain('markør');
  });
});

describe('ordinary numbers in the address', () => {
  const notAnId = '12345678901';
  it.each([
    ['a date in the lookup API', '/api/lookup?q=l%C3%A6replass&at=2026-02-01', 200],
    ['eleven digits that are no fødselsnummer in a question', `/api/lookup?q=elev+${notAnId}`, 200],
    ['a date as people write it on a page', `${agreement}?at=01.02.2026`, 200],
    ['a date in a question on the page', '/oppslag?q=l%C3%A6replass+2026-02-01', 200],
    ['two dates to compare', `${agreement}/sammenlign?fra=2017-03-01&til=2025-09-01`, 200],
    ['eleven digits that are no fødselsnummer as an agreement id', `/avtaler/${notAnId}`, 404],
    ['eleven digits that are no fødselsnummer as a county', `/api/lookup?q=elev&county=${notAnId}`, 400],
  ])('%s: %s answers %i', async (_what, address, status) => {
    expect((await get(address)).status).toBe(status);
  });
});
