/**
 * Signing in through OpenID Connect against a real provider: oidc-provider runs in this process on its
 * own port (with its development login and consent pages), Gjerde on another, and a small cookie-keeping
 * browser walks the whole authorization code flow over HTTP. The mapping of claims to rights and the
 * configuration are checked on their own below.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Provider from 'oidc-provider';
import request from 'supertest';
import { type ClaimMapping, parseClaimMapping, principalFromClaims } from '../../src/accounts/claims.js';
import { loadConfig } from '../../src/config.js';
import { nationalIdNumber } from '../accounts/helpers.js';
import { startTestGjerde } from '../helpers/gjerde.js';

type TestGjerde = Awaited<ReturnType<typeof startTestGjerde>>;

const clientId = 'gjerde';
const clientSecret = 'en hemmelighet som bare testen kjenner';

/** The provider's people: the login name typed on its sign-in page is the `sub`. */
const people: Record<string, Record<string, unknown>> = {
  rita: {
    name: 'Rita Redaktør',
    email: 'rita@fjordvik.example',
    groups: ['alle', 'gjerde-redaktor-fjordvik'],
  },
  kari: {
    name: 'Kari Nordmann',
    email: 'kari@nav.example',
    groups: ['gjerde-redaktor-fjordvik', 'gjerde-godkjenner-nav', 'alle'],
  },
  lise: { name: 'Lise Leser', email: 'lise@fjordvik.example', groups: ['gjerde-lesere'] },
  ukjent: { name: 'Uno Ukjent', email: 'uno@annet.example', groups: ['alle'] },
};

const mapping = {
  claim: 'groups',
  rules: [
    { value: 'gjerde-redaktor-fjordvik', roles: ['redaktor'], counties: ['Fjordvik'] },
    { value: 'gjerde-godkjenner-nav', roles: ['godkjenner'], parties: ['nav-fjordvik'] },
    { value: 'gjerde-lesere' },
  ],
  allowEveryone: false,
};

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The provider, as ID-porten or Entra ID would be set up for Gjerde: a confidential client, PKCE required. */
function startProvider(issuer: string, redirectUri: string): Provider {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    findAccount: (_context: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, ...people[id] }),
    }),
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups'] },
    // Like Entra ID: the groups are in the ID token itself.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test' }] },
    cookies: { keys: ['nøkkel for testleverandørens informasjonskapsler'] },
    features: { devInteractions: { enabled: true } },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
  });
}

interface Visit {
  status: number;
  /** The address of the last response. */
  url: URL;
  body: string;
  /** Where the last response pointed, when the browser stopped before following it. */
  location?: URL;
}

/**
 * Enough of a browser for the flow: keeps each host's cookies, follows redirects, and goes nowhere but
 * the two servers on this machine (a redirect elsewhere is returned, not followed).
 */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly hosts: string[]) {}

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(new URL(origin).host)?.get(name);
  }

  async go(
    address: string | URL,
    options: { form?: Record<string, string>; stopAt?: (next: URL) => boolean } = {},
  ): Promise<Visit> {
    let url = new URL(address);
    let form = options.form;
    for (let hops = 0; hops < 20; hops++) {
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...(this.jar.get(url.host) ?? [])].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      this.keepCookies(url, response.headers.getSetCookie());
      const body = await response.text();
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location)
        return { status: response.status, url, body };
      const next = new URL(location, url);
      if (!this.hosts.includes(next.host) || options.stopAt?.(next))
        return { status: response.status, url, body, location: next };
      url = next;
      form = undefined;
    }
    throw new Error(`Too many redirects, last at ${url.href}`);
  }

  private keepCookies(url: URL, headers: string[]) {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    this.jar.set(url.host, cookies);
    for (const header of headers) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const expired = attributes.some(
        (attribute) =>
          /^max-age=(0|-)/i.test(attribute) ||
          (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) < Date.now()),
      );
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(name.length + 1));
    }
  }
}

describe('signing in with OpenID Connect', () => {
  let root: string;
  let gjerdeServer: Server;
  let providerServer: Server;
  let gjerdeUrl: string;
  let issuer: string;
  let gjerde: TestGjerde;
  let callback: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gjerde-oidc-'));
    // Both addresses are needed before either side is set up: the provider registers Gjerde's redirect URI.
    gjerdeServer = createServer();
    providerServer = createServer();
    gjerdeUrl = await listen(gjerdeServer);
    issuer = await listen(providerServer);
    callback = `${gjerdeUrl}/logg-inn/oidc/tilbake`;
    providerServer.on('request', startProvider(issuer, callback).callback());
    const rolesFile = join(root, 'roller.json');
    await writeFile(rolesFile, JSON.stringify(mapping, null, 2));
    gjerde = await startTestGjerde({
      env: {
        GJERDE_OIDC_ISSUER: issuer,
        GJERDE_OIDC_CLIENT_ID: clientId,
        GJERDE_OIDC_CLIENT_SECRET: clientSecret,
        GJERDE_OIDC_ROLES: rolesFile,
        GJERDE_OIDC_SCOPE: 'openid profile email groups',
        GJERDE_PUBLIC_URL: gjerdeUrl,
      },
    });
    gjerdeServer.on('request', gjerde.app);
  });

  afterAll(async () => {
    await close(gjerdeServer);
    await close(providerServer);
    await gjerde.stop();
    await rm(root, { recursive: true, force: true });
  });

  const newBrowser = () => new Browser([new URL(gjerdeUrl).host, new URL(issuer).host]);

  /**
   * From Gjerde's button through the provider's login and consent pages, up to the provider sending
   * the person back to Gjerde: returns that address, not yet visited.
   */
  async function throughProvider(browser: Browser, login: string, neste = '/'): Promise<URL> {
    const loginPage = await browser.go(`${gjerdeUrl}/logg-inn/oidc?neste=${encodeURIComponent(neste)}`);
    expect(loginPage.url.origin).toBe(issuer);
    expect(loginPage.url.pathname).toMatch(/^\/interaction\//);
    const backToGjerde = (next: URL) => next.href.startsWith(callback);
    const consentPage = await browser.go(loginPage.url, {
      form: { prompt: 'login', login, password: 'hva som helst' },
      stopAt: backToGjerde,
    });
    const answer =
      consentPage.location ??
      (await browser.go(consentPage.url, { form: { prompt: 'consent' }, stopAt: backToGjerde })).location;
    expect(answer?.href.startsWith(callback)).toBe(true);
    return answer as URL;
  }

  async function session(browser: Browser) {
    const visit = await browser.go(`${gjerdeUrl}/api/session`);
    return { status: visit.status, body: visit.status === 200 ? JSON.parse(visit.body) : undefined };
  }

  it('gives the person the rights of every rule their groups match, in a new session without tokens', async () => {
    const browser = newBrowser();
    const answer = await throughProvider(browser, 'kari', '/ny');
    const sessionBefore = browser.cookie(gjerdeUrl, 'gjerde.sid');
    expect(sessionBefore).toBeDefined();
    const landing = await browser.go(answer);
    expect(landing.url.href).toBe(`${gjerdeUrl}/ny`);
    expect(landing.status).toBe(200);
    expect(browser.cookie(gjerdeUrl, 'gjerde.sid')).not.toBe(sessionBefore);

    const { status, body } = await session(browser);
    expect(status).toBe(200);
    expect(body.user).toEqual({
      username: 'oidc:kari',
      name: 'Kari Nordmann',
      email: 'kari@nav.example',
      roles: ['redaktor', 'godkjenner'],
      roleNames: ['Redaktør', 'Godkjenner'],
      parties: ['nav-fjordvik'],
      counties: ['Fjordvik'],
    });
    expect(JSON.stringify(body)).not.toMatch(/eyJ/); // no JWT anywhere in what the session tells
  });

  it('lets a rule without roles admit a reader, who may read but not draft', async () => {
    const browser = newBrowser();
    await browser.go(await throughProvider(browser, 'lise'));
    const { body } = await session(browser);
    expect(body.user).toMatchObject({ username: 'oidc:lise', roles: [], roleNames: ['Leser'] });
    expect((await browser.go(`${gjerdeUrl}/api/agreements`)).status).toBe(200);
    expect((await browser.go(`${gjerdeUrl}/ny`)).status).toBe(403);
  });

  it('refuses a person whose groups match no rule when the mapping does not allow everyone', async () => {
    const browser = newBrowser();
    const refused = await browser.go(await throughProvider(browser, 'ukjent'));
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Du har ikke tilgang til Gjerde');
    expect((await session(browser)).status).toBe(401);
  });

  it('refuses an answer whose state was tampered with, and the same answer a second time', async () => {
    const browser = newBrowser();
    const answer = await throughProvider(browser, 'rita');
    const tampered = new URL(answer);
    tampered.searchParams.set('state', `${answer.searchParams.get('state')}x`);
    const refused = await browser.go(tampered);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('kunne ikke godtas');
    expect(refused.body).not.toMatch(/at .*\.(js|ts):\d+/); // no stack trace
    expect((await session(browser)).status).toBe(401);
    // The transaction was used up by the tampered answer: the genuine one is now refused too.
    const again = await browser.go(answer);
    expect(again.status).toBe(400);
    expect(again.body).toContain('Start innloggingen på nytt');
    expect((await session(browser)).status).toBe(401);
  });

  it('follows «neste» only to a path on Gjerde itself', async () => {
    const local = newBrowser();
    const there = await local.go(
      await throughProvider(local, 'rita', '/avtaler/fjordvik-ramme?at=2019-03-01'),
    );
    expect(there.url.href).toBe(`${gjerdeUrl}/avtaler/fjordvik-ramme?at=2019-03-01`);
    expect(there.status).toBe(200);
    for (const elsewhere of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const browser = newBrowser();
      const landing = await browser.go(await throughProvider(browser, 'rita', elsewhere));
      expect(landing.location).toBeUndefined();
      expect(landing.url.href).toBe(`${gjerdeUrl}/`);
    }
  });

  it('shows a Norwegian page with 403 when the person cancels at the provider', async () => {
    const browser = newBrowser();
    const loginPage = await browser.go(`${gjerdeUrl}/logg-inn/oidc`);
    const cancelled = await browser.go(new URL(`${loginPage.url.pathname}/abort`, issuer));
    expect(cancelled.url.href.startsWith(callback)).toBe(true);
    expect(cancelled.status).toBe(403);
    expect(cancelled.body).toContain('Innloggingen ble avbrutt');
    expect((await session(browser)).status).toBe(401);
  });

  it('answers a return to Gjerde without a sign-in begun here with 400', async () => {
    const visit = await newBrowser().go(`${callback}?code=abc&state=def`);
    expect(visit.status).toBe(400);
    expect(visit.body).toContain('Innloggingen er utløpt');
  });

  it('keeps local accounts working beside it, and shows the button on the sign-in page', async () => {
    const page = await request(gjerde.app).get('/logg-inn').expect(200);
    expect(page.text).toContain('href="/logg-inn/oidc?neste=%2F"');
    // The way back keeps its whole query (encoded), not just the part before the first «&».
    const deep = await request(gjerde.app).get(
      `/logg-inn?neste=${encodeURIComponent('/oppslag?q=a&at=2020-01-01')}`,
    );
    expect(deep.text).toContain('href="/logg-inn/oidc?neste=%2Foppslag%3Fq%3Da%26at%3D2020-01-01"');
    expect(page.text).toContain('Logg inn med ID-porten');
    const agent = await gjerde.as('redaktor');
    const { body } = await agent.get('/api/session').expect(200);
    expect(body.user).toMatchObject({ username: 'redaktor', roles: ['redaktor'] });
  });
});

describe('a provider that cannot be reached', () => {
  it('gives a Norwegian page with 502, and local sign-in still works', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gjerde-oidc-'));
    // An address on this machine where nothing listens any more.
    const gone = createServer();
    const issuer = await listen(gone);
    await close(gone);
    const rolesFile = join(root, 'roller.yaml');
    await writeFile(rolesFile, 'claim: groups\nrules: []\nallowEveryone: true\n');
    const gjerde = await startTestGjerde({
      env: {
        GJERDE_OIDC_ISSUER: issuer,
        GJERDE_OIDC_CLIENT_ID: clientId,
        GJERDE_OIDC_ROLES: rolesFile,
        GJERDE_OIDC_LABEL: 'Entra ID',
        GJERDE_PUBLIC_URL: 'http://127.0.0.1:1',
      },
    });
    try {
      const page = await request(gjerde.app).get('/logg-inn/oidc').expect(502);
      expect(page.text).toContain('Innloggingstjenesten svarer ikke');
      expect(page.text).not.toMatch(/ECONNREFUSED|TypeError|at .*\.(js|ts):\d+/);
      expect((await request(gjerde.app).get('/logg-inn').expect(200)).text).toContain(
        'Logg inn med Entra ID',
      );
      await (await gjerde.as('leser')).get('/api/session').expect(200);
    } finally {
      await gjerde.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('the mapping of claims to rights', () => {
  const parsed: ClaimMapping = parseClaimMapping(JSON.stringify(mapping), 'roller.json');
  const claims = (groups: unknown, more: Record<string, unknown> = {}) => ({
    iss: 'https://idporten.no/',
    sub: 'abc123',
    groups,
    ...more,
  });

  it('unites the matched rules, without repeats', () => {
    const principal = principalFromClaims(
      claims(['gjerde-godkjenner-nav', 'gjerde-redaktor-fjordvik', 'gjerde-lesere'], { name: 'Kari' }),
      parsed,
    );
    expect(principal).toMatchObject({
      username: 'oidc:abc123',
      roles: ['redaktor', 'godkjenner'],
      parties: ['nav-fjordvik'],
      counties: ['Fjordvik'],
    });
  });

  it('reads a claim holding one value, as text or number, as well as a list', () => {
    expect(principalFromClaims(claims('gjerde-redaktor-fjordvik'), parsed)?.roles).toEqual(['redaktor']);
    const byNumber = parseClaimMapping(
      'claim: pid\nrules:\n  - value: 12345678901\n    roles: [admin]\nallowEveryone: false',
      'roller.yaml',
    );
    expect(principalFromClaims({ sub: 'x', pid: '12345678901' }, byNumber)?.roles).toEqual(['admin']);
    expect(principalFromClaims({ sub: 'x', pid: 12345678901 }, byNumber)?.roles).toEqual(['admin']);
  });

  it('lets everyone read when allowed, and no one unmatched in otherwise', () => {
    expect(principalFromClaims(claims(['alle']), parsed)).toBeUndefined();
    expect(principalFromClaims(claims(undefined), parsed)).toBeUndefined();
    const open = { ...parsed, allowEveryone: true };
    expect(principalFromClaims(claims(['alle']), open)).toMatchObject({
      roles: [],
      parties: [],
      counties: [],
    });
  });

  it('takes the name and address from the claims, with fallbacks for providers that give neither', () => {
    const open = { ...parsed, allowEveryone: true };
    expect(
      principalFromClaims(claims([], { given_name: 'Ola', family_name: 'Nordmann' }), open),
    ).toMatchObject({
      name: 'Ola Nordmann',
      email: 'abc123@idporten.no.invalid',
    });
    expect(
      principalFromClaims(claims([], { name: 'Ola', preferred_username: 'ola@fjordvik.example' }), open),
    ).toMatchObject({ name: 'Ola', email: 'ola@fjordvik.example' });
    expect(principalFromClaims(claims([]), open)).toMatchObject({ name: 'abc123' });
  });

  it('never makes a national identity number a name or an address in the history', () => {
    const open = { ...parsed, allowEveryone: true };
    const number = nationalIdNumber();
    const person = principalFromClaims(
      claims([], {
        sub: number,
        name: `Ola ${number.slice(0, 6)} ${number.slice(6)}`,
        email: `${number}@nav.example`,
        preferred_username: number,
      }),
      open,
    );
    expect(person?.name).toMatch(/^person-[0-9a-f]{16}$/);
    expect(person?.email).toBe(`${person?.name}@idporten.no.invalid`);
    expect(JSON.stringify({ name: person?.name, email: person?.email })).not.toContain(number.slice(0, 6));
  });

  it.each([
    ['[]', /must be an object/],
    ['{ "claim": "groups", "rules": [] }', /"allowEveryone" must be true/],
    ['{ "claim": "", "rules": [], "allowEveryone": true }', /"claim" must name/],
    ['{ "claim": "groups", "rule": [], "allowEveryone": true }', /unknown "rule"/],
    [
      '{ "claim": "groups", "rules": [{ "value": "x", "roles": ["sjef"] }], "allowEveryone": true }',
      /rule 1: unknown role "sjef"/,
    ],
    [
      '{ "claim": "groups", "rules": [{ "value": "x", "role": ["redaktor"] }], "allowEveryone": true }',
      /rule 1: unknown "role"/,
    ],
    [
      '{ "claim": "groups", "rules": [{ "roles": ["redaktor"] }], "allowEveryone": true }',
      /rule 1: "value" must be/,
    ],
    [
      '{ "claim": "groups", "rules": [{ "value": "x", "counties": "Fjordvik" }], "allowEveryone": true }',
      /"counties" must be a list/,
    ],
    ['claim: [', /not valid JSON or YAML/],
  ])('refuses the mapping %s', (text, message) => {
    expect(() => parseClaimMapping(text, 'roller.json')).toThrow(message);
    expect(() => parseClaimMapping(text, 'roller.json')).toThrow(/roller\.json/);
  });
});

describe('the configuration', () => {
  let root: string;
  let rolesFile: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gjerde-oidc-'));
    rolesFile = join(root, 'roller.json');
    await writeFile(rolesFile, JSON.stringify(mapping));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const complete = () => ({
    GJERDE_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0/.well-known/openid-configuration',
    GJERDE_OIDC_CLIENT_ID: 'gjerde',
    GJERDE_OIDC_ROLES: rolesFile,
    GJERDE_PUBLIC_URL: 'https://gjerde.example/',
  });

  it('is off without an issuer, and complete with one', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig(complete()).oidc).toEqual({
      issuer: 'https://login.microsoftonline.com/tenant-id/v2.0',
      clientId: 'gjerde',
      redirectUri: 'https://gjerde.example/logg-inn/oidc/tilbake',
      scope: 'openid profile email',
      label: 'ID-porten',
      mapping: parseClaimMapping(JSON.stringify(mapping), 'x'),
    });
  });

  it.each([
    [
      { GJERDE_OIDC_ISSUER: undefined },
      /GJERDE_OIDC_CLIENT_ID, GJERDE_OIDC_ROLES set without GJERDE_OIDC_ISSUER/,
    ],
    [{ GJERDE_OIDC_ROLES: undefined }, /OpenID Connect \(GJERDE_OIDC_ISSUER\) also needs GJERDE_OIDC_ROLES/],
    [{ GJERDE_PUBLIC_URL: '' }, /also needs GJERDE_PUBLIC_URL/],
    [{ GJERDE_OIDC_ISSUER: 'http://idp.example' }, /GJERDE_OIDC_ISSUER must be an https:\/\//],
    [{ GJERDE_PUBLIC_URL: 'gjerde.example' }, /GJERDE_PUBLIC_URL must be an http\(s\):\/\//],
    [{ GJERDE_OIDC_SCOPE: 'profile email' }, /GJERDE_OIDC_SCOPE must include "openid"/],
    [{ GJERDE_OIDC_ROLES: '/finnes/ikke.json' }, /GJERDE_OIDC_ROLES: cannot read \/finnes\/ikke\.json/],
  ])('stops the start on %p', (change, message) => {
    expect(() => loadConfig({ ...complete(), ...change })).toThrow(message);
  });
});
