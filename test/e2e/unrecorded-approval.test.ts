/**
 * An approved agreement's clause changed with plain git, keeping `status: godkjent`: in Chromium, the lookup's
 * card says so before it says who owns the case (on a phone too), and the agreement page and the history
 * page say which commit gave the clauses that text and who made it. The pages pass axe.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { commitByHand } from '../repository/helpers.js';
import { browserGjerdeForFile, desktop, phone, screenshot, violations, wait } from './browser.js';

const app = browserGjerdeForFile();
const heading = 'Står som godkjent i fila, men ingen godkjenning er registrert for denne teksten.';
let changed: string;

beforeAll(async () => {
  const path = 'avtaler/fjordvik-ramme.md';
  const before = await readFile(join(app.gjerde.dataDir, path), 'utf8');
  const after = before.replace(
    '{#uten-laereplass ansvarlig=nav-fjordvik bistand="fjordvik-fk ot"',
    '{#uten-laereplass ansvarlig=fjordvik-fk bistand="nav-fjordvik ot"',
  );
  expect(after).not.toBe(before);
  changed = await commitByHand(app.gjerde.dataDir, { [path]: after }, 'Rettet ansvar');
});

describe('an approved clause changed with plain git, in the browser', () => {
  it('the lookup card warns above the owner, on a phone', async () => {
    const page = await app.newPage(phone, 'kari');
    await page.goto(
      `${app.base}/oppslag?q=${encodeURIComponent('lærling uten læreplass')}&agreement=fjordvik-ramme&at=2025-11-01`,
    );
    const best = page.locator('.lookup-result--best');
    await best.waitFor(wait);
    await screenshot(page, 'unrecorded-approval-lookup-phone');
    const warning = best.locator('.lookup-result__unrecorded');
    await expect(warning.isVisible()).resolves.toBe(true);
    const text = await warning.innerText();
    expect(text).toContain(heading);
    expect(text).toContain(`av Mona Migrator (revisjon ${changed.slice(0, 8)})`);
    expect(text).toContain('Sjekk med partene før du handler på svaret.');
    // Read before the owner it warns about.
    const [warningBox, ownerBox] = await Promise.all([
      warning.boundingBox(),
      best.locator('.lookup-result__owner').boundingBox(),
    ]);
    expect((warningBox?.y ?? Infinity) < (ownerBox?.y ?? -Infinity)).toBe(true);
    // What the parties approved, right under the owner they did not.
    const approved = best.locator('.lookup-result__last-approved');
    await expect(approved.isVisible()).resolves.toBe(true);
    expect(await approved.innerText()).toBe('Sist godkjent: Ansvarlig NAV Fjordvik');
    expect(((await approved.boundingBox())?.y ?? -Infinity) > (ownerBox?.y ?? Infinity)).toBe(true);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('the agreement page and the history page name the commit and its author', async () => {
    const page = await app.newPage(desktop, 'kari');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme`);
    const banner = page.locator('.agreement-unrecorded');
    await banner.waitFor(wait);
    const text = await banner.innerText();
    expect(text).toContain(heading);
    expect(text).toContain(`av Mona Migrator (revisjon ${changed.slice(0, 8)})`);
    expect(await violations(page)).toEqual([]);

    await page.goto(`${app.base}/avtaler/fjordvik-ramme/historikk`);
    const row = page.locator('tr', { has: page.locator(`code:text-is("${changed.slice(0, 8)}")`) });
    await row.waitFor(wait);
    expect(await row.innerText()).toContain('Ingen registrert godkjenning');
    expect(await row.locator('.history-unrecorded').innerText()).toContain(heading);
    // Only that version: the approved versions before it were approved in Gjerde.
    await expect(page.locator('.history-unrecorded').count()).resolves.toBe(1);
    await screenshot(page, 'unrecorded-approval-history');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('an agreement committed with plain git without its approvals, in the browser', () => {
  it('the lookup says so once above the answer, and tags the cards', async () => {
    const text = (
      await readFile(join(projectRoot, 'agreements/strandby-lokal/2018-08-20.md'), 'utf8')
    ).replace('id: strandby-lokal', 'id: nordby-lokal');
    await commitByHand(app.gjerde.dataDir, { 'avtaler/nordby-lokal.md': text }, 'Lokal avtale fra arkivet');
    const page = await app.newPage(phone, 'kari');
    await page.goto(
      `${app.base}/oppslag?q=${encodeURIComponent('ungdom uten skoleplass')}&agreement=nordby-lokal&at=2019-01-15`,
    );
    const notice = page.locator('.lookup-unrecorded');
    await notice.waitFor(wait);
    await expect(notice.count()).resolves.toBe(1);
    expect(await notice.innerText()).toMatch(
      /^Ingen godkjenning av «[^»]+» er registrert i Gjerde: avtalen er lagt inn/,
    );
    // The agreement's own cards are tagged; its parent's (Fjordvik's, approved in Gjerde) are not.
    const own = page.locator('.lookup-result', { has: page.locator('a[href^="/avtaler/nordby-lokal"]') });
    expect(await own.count()).toBeGreaterThan(0);
    await expect(page.locator('.lookup-result__unrecorded').count()).resolves.toBe(0);
    for (const card of await own.all())
      expect(await card.innerText()).toContain('Ingen registrert godkjenning');
    const tagged = page.locator('.lookup-result', { hasText: 'Ingen registrert godkjenning' });
    await expect(tagged.count()).resolves.toBe(await own.count());
    const cards = page.locator('.lookup-result');
    // Read before the first answer.
    const [noticeBox, firstBox] = await Promise.all([notice.boundingBox(), cards.first().boundingBox()]);
    expect((noticeBox?.y ?? Infinity) < (firstBox?.y ?? -Infinity)).toBe(true);
    await screenshot(page, 'unrecorded-approval-never-recorded-phone');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});
