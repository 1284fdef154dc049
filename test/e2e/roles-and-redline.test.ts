import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { PersonaName } from '../helpers/accounts.js';
import {
  browserGjerdeForFile,
  desktop,
  pastTheScreen,
  phone,
  screenshot,
  scrollsSideways,
  violations,
  wait,
} from './browser.js';

/**
 * Issue 14's journeys in a real Chromium, at 1280 and 360 px: each person's front page starts where their
 * work is, and an auditor goes from an agreement to its history and reads what changed as text with marks,
 * never as a source diff. Every step has zero axe violations, no sideways scroll and a screenshot in
 * test-artifacts/ (ux-*.png).
 */

const app = browserGjerdeForFile();

const screens = [
  ['desktop', desktop],
  ['telefon', phone],
] as const;

async function step(page: Page, name: string): Promise<void> {
  await screenshot(page, `ux-${name}`);
  expect(await violations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
}

describe('each person starts where their work is', () => {
  const starts: Array<[PersonaName, string, string]> = [
    // A case worker: the lookup first, focused, and no drafts or deadlines.
    ['leser', 'Hvem har ansvaret?', 'saksbehandler'],
    // An editor: the drafts and reviews of their own agreements.
    ['redaktor', 'Utkast og revisjoner', 'redaktor'],
    // An approver who is also an editor, with nothing waiting: the work first, the empty queue said after it.
    ['kari', 'Utkast og revisjoner', 'godkjenner'],
  ];
  for (const [name, viewport] of screens) {
    for (const [persona, heading, label] of starts) {
      it(`${label} (${name}, ${viewport.width} px)`, async () => {
        const page = await app.newPage(viewport, persona);
        await page.goto(`${app.base}/`);
        expect(await page.locator('h1').innerText()).toBe(heading);
        if (persona === 'leser') {
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
          expect(await page.locator('.attention-item').count()).toBe(0);
        } else {
          expect(await page.locator('.attention-item').count()).toBeGreaterThan(0);
        }
        if (persona === 'kari') {
          expect(await page.getByText('Ingen avtaler venter på din godkjenning.').isVisible()).toBe(true);
        }
        // The header is one row on a desktop.
        if (viewport === desktop) {
          const header = await page.locator('.site-header__inner').boundingBox();
          expect(header?.height ?? 999).toBeLessThan(80);
        }
        await step(page, `forside-${label}-${name}`);
        await page.context().close();
      });
    }
  }
});

describe('an auditor reads what changed as text with marks', () => {
  for (const [name, viewport] of screens) {
    it(`from the agreement to its history to the comparison (${name}, ${viewport.width} px)`, async () => {
      const page = await app.newPage(viewport, 'leser');
      await page.goto(`${app.base}/avtaler/fjordvik-ramme`);
      await step(page, `revisor-${name}-1-avtale`);

      // The toolbar at the top leads to the history.
      const toolbar = page.getByRole('group', { name: 'Verktøy for avtalen' });
      await Promise.all([
        page.waitForURL(/\/historikk$/, wait),
        toolbar.getByRole('link', { name: 'Historikk' }).click(),
      ]);
      // The periods as a picture, with the same facts as text.
      await page.locator('.validity-chart__picture').waitFor(wait);
      expect(await page.locator('#chart-text li').count()).toBeGreaterThan(3);
      // Revisions are headed by what they are; the hash comes second.
      expect(await page.locator('.history-table').innerText()).toContain(
        'Versjonen godkjent 12. januar 2017 (registrert 16. januar 2017)',
      );
      await step(page, `revisor-${name}-2-historikk`);

      // Pick the first approved version and the one in force; «Sammenlign» is on screen beside the choices.
      await page.getByRole('radio', { name: /^Fra revisjon 2,/ }).check();
      const compare = page.getByRole('button', { name: 'Sammenlign', exact: true });
      const box = await compare.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport.height);
      await step(page, `revisor-${name}-3-valgt`);
      await Promise.all([page.waitForURL(/\/sammenlign\?/, wait), compare.click()]);

      // Each changed clause as it reads, with inserted and deleted words marked; no Markdown in it.
      const clause = page.locator('.compare-clause--changed .clause--redline').first();
      await clause.waitFor(wait);
      const text = await clause.innerText();
      expect(text).not.toMatch(/:::|\{#|ansvarlig=/);
      expect(await page.locator('.clause--redline ins.redline__ins').count()).toBeGreaterThan(0);
      expect(await page.locator('.clause--redline del.redline__del').count()).toBeGreaterThan(0);
      // The metadata as a table, the source diff only when asked for.
      expect(await page.locator('table.compare-meta').count()).toBe(1);
      expect(await page.locator('.compare-source').count()).toBe(0);
      await step(page, `revisor-${name}-4-sammenligning`);

      await Promise.all([
        page.waitForURL(/visning=linje/, wait),
        page.locator('.compare-source-links').getByRole('link', { name: 'i teksten' }).click(),
      ]);
      await page.locator('.compare-source').waitFor(wait);
      await step(page, `revisor-${name}-5-kildetekst`);
      await page.context().close();
    }, 120_000);
  }
});

describe('a county leader drafts without meeting Markdown or an id', () => {
  for (const [name, viewport] of screens) {
    it(`the form's index leads to the checks, and the overview puts the next step first (${name}, ${viewport.width} px)`, async () => {
      const page = await app.newPage(viewport, 'redaktor');
      await page.goto(`${app.base}/ny/ramme`);
      // The way to the checks is on the first screen, before the long form.
      const toChecks = page
        .getByRole('navigation', { name: 'I skjemaet' })
        .getByRole('link', { name: /^Råd og forhåndsvisning/ });
      const link = await toChecks.boundingBox();
      expect((link?.y ?? 999) + (link?.height ?? 0)).toBeLessThanOrEqual(viewport.height);
      await step(page, `fylkesleder-${name}-1-skjema`);
      await toChecks.click();
      await page.waitForFunction(() => {
        const top = document.getElementById('forhandsvisning')?.getBoundingClientRect().top ?? -1;
        return top >= 0 && top < window.innerHeight;
      });

      // A draft's overview: the next step on the first screen, the source text only behind «Avansert».
      await page.goto(`${app.base}/avtaler/fjordvik-ot-nav/utkast`);
      const next = page.locator('.draft-next').getByRole('link', { name: 'Fortsett i skjemaet' });
      const box = await next.boundingBox();
      expect((box?.y ?? 999) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport.height);
      expect(await page.locator('main').innerText()).not.toMatch(/:::|ansvarlig=|Linje \d+, kolonne/);
      await step(page, `fylkesleder-${name}-2-oversikt`);
      await page.context().close();
    }, 120_000);
  }
});

describe('nothing reaches past a 360 px screen', () => {
  let draft: string;
  beforeAll(async () => {
    // A draft whose text and reason hold a long address, as a link to a law does, and a clause's legal
    // basis a long compound word, as Norwegian has them (as wide as a wider font makes «Oppfølgingstjenesten»).
    const editor = await app.gjerde.as('redaktor');
    const latest = (await editor.get('/api/agreements/fjordvik-ramme').expect(200)).body;
    const address = 'https://lovdata.no/dokument/NL/lov/1998-07-17-61/KAPITTEL_3#KAPITTEL_3-ungdomsretten';
    const saved = await editor
      .put('/api/agreements/fjordvik-ramme')
      .send({
        markdown: latest.markdown
          .replace(/^(Ingen ungdom skal falle .*)$/m, `$1 Se ${address}.`)
          .replace(
            'hjemmel="barneloven §§ 66 og 68"',
            'hjemmel="barneloven §§ 66 og 68, Oppfølgingstjenesteforskriften"',
          ),
        baseRev: latest.revision.rev,
        reason: `Lenke til ${address}`,
      })
      .expect(200);
    draft = saved.body.revision.rev;
  });

  it.each([
    ['the agreement with a draft present', () => '/avtaler/fjordvik-ramme'],
    ['the draft itself', () => `/avtaler/fjordvik-ramme?rev=${draft}`],
    ['a comparison of two dates', () => '/avtaler/fjordvik-ramme/sammenlign?fra=2017-03-01&til=2025-09-01'],
    ['the history with its picture', () => '/avtaler/fjordvik-ramme/historikk'],
    ['another history picture', () => '/avtaler/innmark-samarbeidsavtale/historikk'],
  ])('%s', async (_what, path) => {
    const page = await app.newPage(phone, 'kari');
    await page.goto(`${app.base}${path()}`);
    // The table of contents open, as a reader on a phone opens it.
    const contents = page.locator('details.agreement-toc--narrow');
    if ((await contents.count()) > 0) await contents.locator('summary').click();
    expect(await pastTheScreen(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await page.context().close();
  });
});
