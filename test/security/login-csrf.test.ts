/**
 * Login CSRF: a page on another site that posts a form to Gjerde's sign-in must not sign the visitor's
 * browser into the attacker's account (whatever the visitor then wrote would land there). Tried in a real
 * Chromium — the attacker's page on `localhost`, Gjerde on `127.0.0.1`, two different sites — and with
 * the headers a browser sends.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { startBrowserGjerde, wait } from '../e2e/browser.js';
import { ensurePersona, personas, testPassword } from '../helpers/accounts.js';

let env: Awaited<ReturnType<typeof startBrowserGjerde>>;
let attacker: Server;
let attackerBase: string;
/** The page the attacker's server sends: a form that posts itself to `action` at once. */
let formFor: (action: string, fields: Record<string, string>, enctype?: string) => string;

beforeAll(async () => {
  env = await startBrowserGjerde();
  await ensurePersona(env.gjerde.gjerde.accounts, 'utenfor');
  const pages = new Map<string, string>();
  attacker = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(pages.get(req.url ?? '') ?? '');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerBase = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  let n = 0;
  formFor = (action, fields, enctype = 'application/x-www-form-urlencoded') => {
    n += 1;
    const inputs = Object.entries(fields)
      .map(([name, value]) => `<input name="${name}" value="${value}">`)
      .join('');
    pages.set(
      `/side-${n}`,
      `<!doctype html><form method="post" enctype="${enctype}" action="${env.base}${action}">${inputs}</form>` +
        '<script>document.forms[0].submit()</script>',
    );
    return `${attackerBase}/side-${n}`;
  };
});

afterAll(async () => {
  attacker?.closeAllConnections();
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
  await env?.stop();
});

const attackersAccount = { username: personas.utenfor.username, password: testPassword };

/** Who the browser is signed in as at Gjerde now (undefined: nobody). */
async function signedInAs(page: Page): Promise<string | undefined> {
  const answer = await page.goto(`${env.base}/api/session`);
  if (answer?.status() !== 200) return undefined;
  return ((await answer.json()) as { user: { username: string } }).user.username;
}

/** Opens the attacker's page and waits until its form has been answered by Gjerde. */
async function visit(page: Page, url: string): Promise<number | undefined> {
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.url().startsWith(env.base), wait),
    page.goto(url),
  ]);
  return answer.status();
}

describe('a sign-in form on another site', () => {
  it.each([
    ['the API, urlencoded', '/api/session', 'application/x-www-form-urlencoded'],
    ['the API, as text/plain', '/api/session', 'text/plain'],
    ['the sign-in page', '/logg-inn', 'application/x-www-form-urlencoded'],
  ])('posted to %s does not sign an anonymous visitor in', async (_name, action, enctype) => {
    const page = await env.newPage();
    const status = await visit(page, formFor(action, attackersAccount, enctype));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(await signedInAs(page)).toBeUndefined();
    await page.context().close();
  });

  it('does not replace the session of a signed-in visitor', async () => {
    const page = await env.newPage(undefined, 'leser');
    expect(await signedInAs(page)).toBe('leser');
    const status = await visit(page, formFor('/api/session', attackersAccount));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(await signedInAs(page)).toBe('leser');
    await page.context().close();
  });
});

describe('the headers a browser sends', () => {
  const app = () => env.gjerde.app;

  it('refuses a sign-in that is not JSON (415) and one from another site (403)', async () => {
    const form = await request(app()).post('/api/session').type('form').send(attackersAccount);
    expect(form.status).toBe(415);
    expect(form.body.error).toMatch(/JSON/);
    expect(form.headers['set-cookie']).toBeUndefined();
    const plain = await request(app())
      .post('/api/session')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(attackersAccount));
    expect(plain.status).toBe(415);
    const crossSite = await request(app())
      .post('/api/session')
      .set('Sec-Fetch-Site', 'cross-site')
      .send(attackersAccount);
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error).toMatch(/annet nettsted/);
    expect(crossSite.headers['set-cookie']).toBeUndefined();
  });

  it('still signs a script in with JSON, and a browser on Gjerde’s own pages', async () => {
    await request(app()).post('/api/session').send(attackersAccount).expect(201);
    await request(app())
      .post('/api/session')
      .set('Sec-Fetch-Site', 'same-origin')
      .send(attackersAccount)
      .expect(201);
  });
});
