import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { commitByHand, git } from '../repository/helpers.js';
import { awaitingApproval, browserGjerdeForFile, desktop, wait } from './browser.js';

/**
 * What a screen reader user meets on the agreement page and the approval page: an outline of headings with one
 * h1 and no skipped level (the agreement's own Markdown unchanged), and an approval form that reports every
 * field's problem at once, each named as its field is labelled.
 */

const app = browserGjerdeForFile();

/** The headings a screen reader lists, in order: level and text (the rendered ones, visually hidden included). */
async function outline(page: Page): Promise<Array<{ level: number; text: string }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')]
      .filter((heading) => heading.getClientRects().length > 0)
      .map((heading) => ({
        level: Number(heading.tagName.slice(1)),
        text: (heading.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
  );
}

/** Headings that go down more than one level from the one before them (the first must be the h1). */
function skips(headings: Array<{ level: number; text: string }>): string[] {
  return headings.flatMap((heading, index) =>
    heading.level > (headings[index - 1]?.level ?? 0) + 1 ? [`h${heading.level} ${heading.text}`] : [],
  );
}

describe('the outline of headings', () => {
  it('the agreement page: one h1, the agreement’s title, and no level skipped down to the clauses', async () => {
    const page = await app.newPage(desktop, 'leser');
    // Strandby's clauses stand under `##` sections, Fjordvik's under `###` sub-sections.
    for (const [id, title] of [
      ['strandby-lokal', /^Lokal samarbeidsavtale/],
      ['fjordvik-ramme', /^Samarbeidsavtale mellom NAV Fjordvik og Fjordvik fylkeskommune$/],
    ] as const) {
      await page.goto(`${app.base}/avtaler/${id}`);
      const headings = await outline(page);
      const h1s = headings.filter((heading) => heading.level === 1);
      expect({ id, h1s: h1s.length }).toEqual({ id, h1s: 1 });
      expect(h1s[0]?.text).toMatch(title);
      expect(await page.getByRole('article', { name: h1s[0]?.text }).count()).toBe(1);
      expect({ id, skips: skips(headings) }).toEqual({ id, skips: [] });
      expect(headings.some((heading) => heading.level >= 3 && /#$/.test(heading.text))).toBe(true);
    }
    await page.context().close();
  });

  it('a text with a second `#` heading: still one h1 on the agreement page and in the editor’s preview', async () => {
    const path = 'avtaler/strandby-lokal.md';
    const text = git(app.gjerde.dataDir, ['show', `HEAD:${path}`]);
    await commitByHand(
      app.gjerde.dataDir,
      { [path]: `${text.trimEnd()}\n\n# Vedlegg\n\nIngen vedlegg.\n` },
      'Vedlegg',
    );
    const page = await app.newPage(desktop, 'kari');
    await page.goto(
      `${app.base}/avtaler/strandby-lokal?rev=${git(app.gjerde.dataDir, ['rev-parse', 'HEAD']).trim()}`,
    );
    const headings = await outline(page);
    expect(headings.filter((heading) => heading.level === 1).map((heading) => heading.text)).toEqual([
      expect.stringMatching(/^Lokal samarbeidsavtale/),
    ]);
    expect(headings).toContainEqual({ level: 2, text: 'Vedlegg' });
    expect(skips(headings)).toEqual([]);
    await page.goto(`${app.base}/avtaler/strandby-lokal/rediger`);
    const preview = await outline(page);
    expect(preview.filter((heading) => heading.level === 1)).toHaveLength(1);
    expect(skips(preview)).toEqual([]);
    await page.context().close();
  });

  it('the editor: the preview of the text under the page’s own h1, no level skipped', async () => {
    const page = await app.newPage(desktop, 'kari');
    await page.goto(`${app.base}/avtaler/fjordvik-ramme/rediger`);
    const headings = await outline(page);
    expect(headings.filter((heading) => heading.level === 1).map((heading) => heading.text)).toEqual([
      expect.stringMatching(/^Rediger: /),
    ]);
    expect(skips(headings)).toEqual([]);
    await page.context().close();
  });
});

describe('the approval page', () => {
  let id: string;
  beforeAll(async () => {
    id = await awaitingApproval(app.gjerde);
  }, 120_000);

  it('with the text unfolded: one h1, «Godkjenning», and no level skipped', async () => {
    const page = await app.newPage(desktop, 'nina');
    await page.goto(`${app.base}/avtaler/${id}/godkjenn`);
    await page.getByText('Les teksten du godkjenner').click();
    const headings = await outline(page);
    expect(headings.filter((heading) => heading.level === 1).map((heading) => heading.text)).toEqual([
      'Godkjenning',
    ]);
    expect(skips(headings)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('refused, reports every field’s problem in one round, each named as the field is labelled', async () => {
    const page = await app.newPage(desktop, 'nina');
    await page.goto(`${app.base}/avtaler/${id}/godkjenn`);
    await page.locator('#godkjenn-party-nav-fjordvik').check();
    // One letter, and a day before the text was written: both pass the browser's own checks, not the server's.
    await page.locator('#godkjenn-role').fill('x');
    await page.locator('#godkjenn-date').fill('01.01.2020');
    await Promise.all([
      page.waitForURL(/\/godkjenn$/, { ...wait, waitUntil: 'load' }),
      page.getByRole('button', { name: 'Godkjenn avtalen' }).click(),
    ]);
    const summary = page.locator('.ds-error-summary');
    const links = await summary
      .getByRole('link')
      .evaluateAll((found) =>
        found.map((link) => ({ text: link.textContent ?? '', href: link.getAttribute('href') })),
      );
    expect(links).toEqual([
      { text: expect.stringMatching(/stilling/i), href: '#godkjenn-role' },
      { text: expect.stringMatching(/dato/i), href: '#godkjenn-date' },
    ]);
    expect(links[0]?.text).not.toMatch(/rolle/i);
    await expect(page.locator('#godkjenn-role-feil').textContent()).resolves.toMatch(/stilling/i);
    await expect(page.locator('#godkjenn-date-feil').textContent()).resolves.toMatch(/dato/i);
    await page.context().close();
  }, 120_000);
});
