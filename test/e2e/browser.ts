import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { AccountInput } from '../../src/accounts/accounts.js';
import { loadConfig, projectRoot } from '../../src/config.js';
import { chromiumArgs } from '../../src/export/browser.js';
import { today } from '../../src/format/dates.js';
import { ensureAccount, type PersonaName, personas, testPassword } from '../helpers/accounts.js';
import { startedForFile, startTestGjerde, type TestGjerde } from '../helpers/gjerde.js';

/**
 * The real app on a seeded temporary store, listening on a free port, and one headless Chromium.
 * `newPage` opens a tab in a browser context of its own (its own cookies), signed in as a test persona
 * when one is named.
 */
export async function startBrowserGjerde(options: Parameters<typeof startTestGjerde>[0] = {}) {
  const gjerde = await startTestGjerde(options);
  const server: Server = createServer(gjerde.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: loadConfig().chromium,
    args: chromiumArgs,
  });
  /** Signs the tab in through the sign-in page, as a person would (the persona or account is created first). */
  const signIn = async (page: Page, persona: PersonaName | AccountInput) => {
    const account = typeof persona === 'string' ? personas[persona] : persona;
    await ensureAccount(gjerde.gjerde.accounts, account);
    await page.goto(`${base}/logg-inn`);
    await page.locator('#username').fill(account.username);
    await page.locator('#password').fill(testPassword);
    // Signed in once the answer sends the tab on (the page it goes to is the caller's business).
    await Promise.all([
      // Checking a password is slow on purpose (argon2id), and slower on a loaded machine: its own bound.
      page.waitForURL((url) => url.pathname !== '/logg-inn', { timeout: 60_000, waitUntil: 'commit' }),
      page.getByRole('button', { name: 'Logg inn', exact: true }).click({ timeout: 60_000 }),
    ]);
  };
  return {
    gjerde,
    base,
    browser,
    signIn,
    /** `locale`: the browser's language (a person's browser may be in English). */
    async newPage(viewport = desktop, persona?: PersonaName | AccountInput, locale = 'nb-NO'): Promise<Page> {
      const context = await browser.newContext({ viewport, locale });
      const page = await context.newPage();
      page.setDefaultTimeout(wait.timeout);
      page.setDefaultNavigationTimeout(wait.timeout);
      if (persona) await signIn(page, persona);
      return page;
    },
    async stop() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await gjerde.stop();
    },
  };
}

/**
 * One app and browser for every test in the file (`timeout`: the start's own bound, in ms; `options`: the
 * test Gjerde's, e.g. a fixture's agreements as its examples).
 */
export function browserGjerdeForFile(timeout?: number, options?: Parameters<typeof startTestGjerde>[0]) {
  return startedForFile(() => startBrowserGjerde(options), timeout);
}

export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 900 };

/**
 * Bounded waits everywhere: no step waits more than 30 s. A step takes well under a second on a quiet
 * machine; the bound is for a loaded one (CI shares two cores), where 10 s was seen to run out.
 */
export const wait = { timeout: 30_000 };

const artifacts = join(projectRoot, 'test-artifacts');
let announced = false;

/** A full-page screenshot of a step, kept in test-artifacts/ (gitignored); the folder is named once a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifacts, { recursive: true });
  if (!announced) {
    announced = true;
    process.stdout.write(`Skjermbilder av hvert steg: ${artifacts}/\n`);
  }
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** Whether anything on the page is wider than the screen (the page would scroll sideways). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/**
 * What reaches past the right edge of the screen even where the page itself does not scroll sideways: a
 * table wider than the region it scrolls in, SVG text drawn beyond the picture. Each as «tag.class: right».
 */
export async function pastTheScreen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')].flatMap((element) => {
      const right = element.getBoundingClientRect().right;
      return right > window.innerWidth + 0.5
        ? [`${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}: ${Math.round(right)}`]
        : [];
    }),
  );
}

/** axe-core with the WCAG 2.1 A and AA rules; each violation as «rule: target – summary». */
export async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id}: ${node.target.join(' ')} – ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
    ),
  );
}

/** A version of Fjordvik's OT agreement awaiting approval, written by the editor (so another approves it). */
export async function awaitingApproval(gjerde: TestGjerde): Promise<string> {
  const editor = await gjerde.as('redaktor');
  const id = 'fjordvik-ot-nav';
  const latest = (await editor.get(`/api/agreements/${id}`).expect(200)).body;
  const year = Number(today().slice(0, 4)) + 1;
  const markdown = latest.markdown
    .replace(/^gyldig-fra: .*$/m, `gyldig-fra: ${year}-01-01`)
    .replace(/^revideres: .*$/m, `revideres: ${year + 1}-09-01`);
  await editor
    .put(`/api/agreements/${id}`)
    .send({ markdown, baseRev: latest.revision.rev, reason: 'Klar til godkjenning' })
    .expect(200);
  await editor.post(`/api/agreements/${id}/submit`).send({}).expect(200);
  return id;
}
