/**
 * The strict Content-Security-Policy as the app sends it: the headers on pages and API answers, and every
 * page in a real (headless) Chromium without a single CSP violation, with its styles and scripts loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { startBrowserGjerde, wait } from '../e2e/browser.js';
import type { PersonaName } from '../helpers/accounts.js';

let env: Awaited<ReturnType<typeof startBrowserGjerde>>;
let reader: Agent;

beforeAll(async () => {
  env = await startBrowserGjerde();
  reader = await env.gjerde.as('leser');
});
afterAll(async () => {
  await env?.stop();
});

describe('security headers', () => {
  it('sends a strict CSP and helmet’s other headers on pages', async () => {
    const res = await reader.get('/').expect(200);
    const csp = res.headers['content-security-policy'] as string;
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "script-src-attr 'none'",
      "style-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it.each([
    '/api/agreements',
    '/api/agreements/fjordvik-ramme',
    '/api/agreements/fjordvik-ramme/history',
    '/api/lookup?q=OT',
    '/api/finnes-ikke',
  ])('never lets %s be cached', async (path) => {
    const res = await reader.get(path);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('keeps the assets cacheable', async () => {
    const res = await reader.get('/assets/gjerde.css').expect(200);
    expect(res.headers['cache-control']).toContain('max-age');
  });
});

/** Every page, seen by someone allowed to see it (signed in through the sign-in page, itself checked too). */
const pages: Array<[string, PersonaName | 'nobody']> = [
  ['/logg-inn', 'nobody'],
  ['/api/dokumentasjon', 'nobody'],
  ['/', 'leser'],
  ['/oppslag?q=fikk+ikke+l%C3%A6replass', 'leser'],
  ['/avtaler/fjordvik-ramme', 'leser'],
  ['/avtaler/fjordvik-ramme/historikk', 'leser'],
  ['/avtaler/fjordvik-ramme/sammenlign', 'leser'],
  ['/konto/passord', 'leser'],
  ['/finnes-ikke', 'leser'],
  ['/avtaler/fjordvik-ot-nav/rediger', 'kari'],
  ['/avtaler/fjordvik-ot-nav/send', 'kari'],
  ['/avtaler/fjordvik-ot-nav/godkjenn', 'kari'],
  ['/ny', 'kari'],
  ['/ny/ramme', 'kari'],
  ['/admin/integritet', 'admin'],
  ['/admin/brukere', 'admin'],
];

describe('pages under the CSP in a browser', () => {
  it.each(pages)('%s (%s) loads its styles and scripts with no CSP violation', async (path, persona) => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    const failedAssets: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.url().includes('/assets/') && response.status() >= 400)
        failedAssets.push(`${response.status()} ${response.url()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    if (persona !== 'nobody') await env.signIn(page, persona);
    const res = await page.goto(`${env.base}${path}`, { waitUntil: 'load', ...wait });
    const landed = { path: new URL(page.url()).pathname, status: res?.status() };
    const loaded = await page.evaluate(() => ({
      sheets: [...document.styleSheets].filter((sheet) => sheet.href?.includes('/assets/')).length,
      styled: getComputedStyle(document.body).fontFamily,
      scripts: [...document.scripts].map((script) => script.src),
      inlineScripts: [...document.scripts].filter((script) => !script.src).length,
      inlineStyles: document.querySelectorAll('[style], style').length,
    }));
    await context.close();
    // The page itself, not the sign-in page it would send a stranger to.
    expect(landed).toEqual({
      path: new URL(path, env.base).pathname,
      status: path === '/finnes-ikke' ? 404 : 200,
    });
    expect(problems).toEqual([]);
    expect(failedAssets).toEqual([]);
    expect(loaded.sheets).toBeGreaterThanOrEqual(2);
    expect(loaded.styled).not.toMatch(/^"?Times/);
    expect(loaded.inlineScripts).toBe(0);
    expect(loaded.inlineStyles).toBe(0);
  });
});
