/**
 * Signing in, sessions and forged requests, over real HTTP against the real app: CSRF tokens, the rate
 * limit on sign-in, the session cookie's attributes, a new session id at sign-in, sessions that end
 * (signing out, a reset password, a removed account), unknown users answered as wrong passwords, and the
 * strict CSP on the sign-in and password pages in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { expectNoInlineScript } from '../drafting/helpers.js';
import { startBrowserGjerde } from '../e2e/browser.js';
import { ensurePersona, type PersonaName, personas, testPassword } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';

type TestGjerde = Awaited<ReturnType<typeof startTestGjerde>>;

const csrfMessage = 'Skjemaet er utløpt eller kom ikke fra Gjerde. Last siden på nytt og prøv igjen.';
const failedMessage = 'Feil brukernavn eller passord.';
const tooManyMessage = 'For mange mislykkede forsøk. Vent et kvarter og prøv igjen.';

let server: TestGjerde;

beforeAll(async () => {
  server = await startTestGjerde();
});
afterAll(async () => {
  await server?.stop();
});

/** The `gjerde.sid` cookie an answer sets, as `name=value` and with its attributes. */
function sessionCookie(response: request.Response): { pair: string; attributes: string[] } | undefined {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((line) => line.startsWith('gjerde.sid='));
  if (!cookie) return undefined;
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  return { pair: pair as string, attributes };
}

/** Signs in through `POST /api/session` without setting the token on later requests. */
async function signIn(app: Express, persona: PersonaName, target: TestGjerde = server) {
  await ensurePersona(target.gjerde.accounts, persona);
  const agent = request.agent(app);
  const response = await agent
    .post('/api/session')
    .send({ username: personas[persona].username, password: testPassword })
    .expect(201);
  const cookie = sessionCookie(response);
  if (!cookie) throw new Error('no session cookie');
  return { agent, token: (response.body as { csrfToken: string }).csrfToken, cookie: cookie.pair };
}

/** Whether a bare request with this cookie is signed in. */
async function signedIn(cookie: string): Promise<boolean> {
  const response = await request(server.app).get('/api/session').set('cookie', cookie);
  return response.status === 200;
}

const head = () => server.gjerde.store.head();

/** A valid edit of an agreement in Rita's counties: what a forged request would like to save. */
async function edit(id = 'strandby-lokal') {
  const latest = await server.gjerde.agreements.get(id);
  return {
    markdown: `${latest.markdown}\nEn linje ingen skulle lagre.\n`,
    baseRev: latest.revision.rev,
    reason: 'Forfalsket',
  };
}

describe('CSRF', () => {
  it('refuses a signed-in change without a token, with a wrong one or with another session’s', async () => {
    const { agent, token } = await signIn(server.app, 'redaktor');
    const other = await signIn(server.app, 'redaktor');
    const before = await head();
    const body = await edit();
    const attempts: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['a wrong token', 'feil-token'],
      ['another session’s token', other.token],
    ];
    for (const [what, sent] of attempts) {
      const attempt = agent.put('/api/agreements/strandby-lokal');
      const response = await (sent === undefined ? attempt : attempt.set('x-csrf-token', sent)).send(body);
      expect([what, response.status, response.body]).toEqual([what, 403, { error: csrfMessage }]);
    }
    const page = await agent
      .post('/avtaler/strandby-lokal/rediger')
      .type('form')
      .send({ ...body, action: 'lagre', _csrf: other.token })
      .expect(403);
    expect(page.text).toContain(csrfMessage);
    expect(page.text).not.toContain('En linje ingen skulle lagre.');
    expect(await head()).toBe(before);
    // The same change with the session's own token is saved: it was the token that was missing.
    await agent.put('/api/agreements/strandby-lokal').set('x-csrf-token', token).send(body).expect(200);
    expect(await head()).not.toBe(before);
  });

  it('puts the session’s token in every page’s meta tag and in each form’s _csrf field', async () => {
    const { agent, token } = await signIn(server.app, 'redaktor');
    for (const path of ['/', '/avtaler/fjordvik-ramme/rediger', '/ny/ramme', '/konto/passord']) {
      const page = await agent.get(path).expect(200);
      expect([path, /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1]]).toEqual([
        path,
        token,
      ]);
      const fields = [...page.text.matchAll(/<input type="hidden" name="_csrf" value="([^"]*)">/g)];
      expect(fields.length).toBeGreaterThan(0);
      expect(new Set(fields.map((field) => field[1]))).toEqual(new Set([token]));
    }
    // The sign-in form has one too, before anyone is signed in.
    const signInPage = await request(server.app).get('/logg-inn').expect(200);
    expect(signInPage.text).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('refuses the sign-in form without its token (no signing someone into another account)', async () => {
    await ensurePersona(server.gjerde.accounts, 'leser');
    const response = await request(server.app)
      .post('/logg-inn')
      .type('form')
      .send({ username: 'leser', password: testPassword })
      .expect(403);
    expect(response.text).toContain(csrfMessage);
    expect(sessionCookie(response)).toBeUndefined();
  });
});

describe('rate limit on sign-in', () => {
  const attempt = (app: Express, username: string, password: string) =>
    request(app).post('/api/session').send({ username, password });

  it('refuses the 11th attempt after ten failures, even with the right password; other names go on', async () => {
    await ensurePersona(server.gjerde.accounts, 'ola');
    await ensurePersona(server.gjerde.accounts, 'kari');
    for (let failure = 1; failure <= 10; failure += 1) {
      const response = await attempt(server.app, 'ola', `feil passord ${failure}`);
      expect([failure, response.status, response.body]).toEqual([failure, 401, { error: failedMessage }]);
    }
    const eleventh = await attempt(server.app, 'ola', testPassword);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body).toEqual({ error: tooManyMessage });
    expect(sessionCookie(eleventh)).toBeUndefined();
    // The sign-in page counts the same attempts.
    const agent = request.agent(server.app);
    const form = await agent.get('/logg-inn').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
    const page = await agent
      .post('/logg-inn')
      .type('form')
      .send({ username: 'OLA', password: testPassword, _csrf: token })
      .expect(429);
    expect(page.text).toContain(tooManyMessage);
    // Another user name from the same address is not affected.
    await attempt(server.app, 'kari', testPassword).expect(201);
  });

  it('does not count successful sign-ins', async () => {
    await ensurePersona(server.gjerde.accounts, 'utenfor');
    for (let failure = 1; failure <= 9; failure += 1)
      await attempt(server.app, 'utenfor', 'feil passord').expect(401);
    for (let success = 1; success <= 3; success += 1)
      await attempt(server.app, 'utenfor', testPassword).expect(201);
    // Nine failures so far, whatever the successes: the tenth failure is still answered as one.
    await attempt(server.app, 'utenfor', 'feil passord').expect(401);
    await attempt(server.app, 'utenfor', testPassword).expect(429);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, lasts 8 hours and is not Secure on plain HTTP', async () => {
    await ensurePersona(server.gjerde.accounts, 'leser');
    const response = await request(server.app)
      .post('/api/session')
      .set('x-forwarded-proto', 'https')
      .send({ username: 'leser', password: testPassword })
      .expect(201);
    const cookie = sessionCookie(response);
    expect(cookie?.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
    // Without a trusted proxy, X-Forwarded-Proto is anyone's word: the request came over plain HTTP.
    expect(cookie?.attributes).not.toContain('Secure');
    const expires = cookie?.attributes.find((attribute) => attribute.startsWith('Expires='));
    const hours = (Date.parse(expires?.slice('Expires='.length) ?? '') - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
  });

  it('is Secure behind a trusted TLS proxy (GJERDE_TRUST_PROXY=1, X-Forwarded-Proto: https)', async () => {
    const proxied = await startTestGjerde({ env: { GJERDE_TRUST_PROXY: '1' } });
    try {
      await ensurePersona(proxied.gjerde.accounts, 'leser');
      const viaTls = await request(proxied.app)
        .post('/api/session')
        .set('x-forwarded-proto', 'https')
        .send({ username: 'leser', password: testPassword })
        .expect(201);
      expect(sessionCookie(viaTls)?.attributes).toEqual(
        expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']),
      );
      const plain = await request(proxied.app)
        .post('/api/session')
        .set('x-forwarded-proto', 'http')
        .send({ username: 'leser', password: testPassword })
        .expect(201);
      expect(sessionCookie(plain)?.attributes).not.toContain('Secure');
    } finally {
      await proxied.stop();
    }
  });
});

describe('sessions', () => {
  it('gets a new id at sign-in: an id known before signing in is worthless', async () => {
    await ensurePersona(server.gjerde.accounts, 'leser');
    const agent = request.agent(server.app);
    const form = await agent.get('/logg-inn').expect(200);
    const before = sessionCookie(form);
    expect(before).toBeDefined();
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
    const signedInPage = await agent
      .post('/logg-inn')
      .type('form')
      .send({ username: 'leser', password: testPassword, _csrf: token })
      .expect(303);
    const after = sessionCookie(signedInPage);
    expect(after?.pair).toMatch(/^gjerde\.sid=/);
    expect(after?.pair).not.toBe(before?.pair);
    expect(await signedIn(after?.pair as string)).toBe(true);
    expect(await signedIn(before?.pair as string)).toBe(false);
  });

  it('ends when the person signs out, on the page and through the API', async () => {
    const page = await signIn(server.app, 'leser');
    expect(await signedIn(page.cookie)).toBe(true);
    const out = await page.agent.post('/logg-ut').type('form').send({ _csrf: page.token }).expect(303);
    expect(out.headers.location).toBe('/logg-inn?utlogget=1');
    expect(await signedIn(page.cookie)).toBe(false);
    const old = await request(server.app).get('/').set('cookie', page.cookie).expect(303);
    expect(old.headers.location).toBe('/logg-inn?neste=%2F');

    const api = await signIn(server.app, 'leser');
    await api.agent.delete('/api/session').set('x-csrf-token', api.token).expect(204);
    expect(await signedIn(api.cookie)).toBe(false);
  });

  // Names and e-mail addresses are unique among accounts, so each temporary account has its own.
  const person = (username: string) => ({
    name: `Rolf Redaktør ${username.slice(-6)}`,
    email: `${username}@fjordvik.example`,
  });

  it.each([
    ['a reset password', (username: string) => server.gjerde.accounts.resetPassword(username)],
    ['a removed account', (username: string) => server.gjerde.accounts.remove(username)],
    [
      'changed roles',
      (username: string) => server.gjerde.accounts.update(username, { ...person(username), roles: [] }),
    ],
  ])('ends at the next request after %s', async (_what, change) => {
    const username = `midlertidig-${Math.random().toString(36).slice(2, 8)}`;
    const oneTime = await server.gjerde.accounts.add({
      username,
      ...person(username),
      roles: ['redaktor'],
      counties: ['Fjordvik'],
    });
    await server.gjerde.accounts.changePassword(username, oneTime, testPassword);
    const agent = request.agent(server.app);
    const session = await agent.post('/api/session').send({ username, password: testPassword }).expect(201);
    const cookie = sessionCookie(session)?.pair as string;
    expect(await signedIn(cookie)).toBe(true);
    await change(username);
    const before = await head();
    await agent
      .put('/api/agreements/strandby-lokal')
      .set('x-csrf-token', (session.body as { csrfToken: string }).csrfToken)
      .send(await edit())
      .expect(401);
    expect(await head()).toBe(before);
    expect(await signedIn(cookie)).toBe(false);
  });
});

describe('unknown users', () => {
  it('get exactly the answer of a wrong password', async () => {
    await ensurePersona(server.gjerde.accounts, 'admin');
    const wrong = await request(server.app)
      .post('/api/session')
      .send({ username: 'admin', password: 'feil passord' });
    const unknown = await request(server.app)
      .post('/api/session')
      .send({ username: 'finnes-ikke', password: 'feil passord' });
    expect([unknown.status, unknown.body]).toEqual([401, { error: failedMessage }]);
    expect([wrong.status, wrong.body]).toEqual([unknown.status, unknown.body]);

    const pageAnswer = async (username: string) => {
      const agent = request.agent(server.app);
      const form = await agent.get('/logg-inn').expect(200);
      const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
      const response = await agent
        .post('/logg-inn')
        .type('form')
        .send({ username, password: 'feil passord', _csrf: token });
      return {
        status: response.status,
        alert: /<div class="ds-alert"[^>]*>([\s\S]*?)<\/div>/.exec(response.text)?.[1],
      };
    };
    const page = await pageAnswer('finnes-ikke');
    expect(page).toEqual({ status: 401, alert: expect.stringContaining(failedMessage) });
    expect(await pageAnswer('admin')).toEqual(page);
  });
});

describe('the sign-in and password pages under the strict CSP', () => {
  let env: Awaited<ReturnType<typeof startBrowserGjerde>>;
  beforeAll(async () => {
    env = await startBrowserGjerde();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('sends the strict policy and has no inline script or style', async () => {
    const signedInAgent = await env.gjerde.as('leser');
    for (const [agent, path] of [
      [request(env.gjerde.app), '/logg-inn'],
      [signedInAgent, '/konto/passord'],
    ] as const) {
      const page = await agent.get(path).expect(200);
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expectNoInlineScript(page.text);
      expect(page.text).not.toMatch(/<style|\sstyle=/);
    }
  });

  it('signs in through the form in Chromium with no CSP violation on either page', async () => {
    const page = await env.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await env.signIn(page, 'leser');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.goto(`${env.base}/konto/passord`);
    await page.locator('#current').waitFor();
    const styled = await page.evaluate(() => [...document.styleSheets].filter((sheet) => sheet.href).length);
    expect(styled).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
