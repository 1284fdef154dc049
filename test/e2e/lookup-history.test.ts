/**
 * The lookup page's history with its script: answers while typing replace each other, but the answer sent
 * with Enter keeps its entry, so the back button returns to the question asked before.
 */
import { describe, expect, it } from '@jest/globals';
import { browserGjerdeForFile, desktop, wait } from './browser.js';

const app = browserGjerdeForFile();

describe('the lookup page’s history', () => {
  it('returns with Back from the second question sent to the first one’s answer', async () => {
    const page = await app.newPage(desktop, 'leser');
    await page.goto(`${app.base}/`);
    await page.goto(`${app.base}/oppslag`);
    const question = page.locator('#q');
    await question.fill('psykisk helse');
    await page.waitForURL(/\?q=psykisk\+helse$/, wait);
    await question.press('Enter');
    await question.fill('fikk ikke læreplass');
    await page.waitForURL(/\?q=fikk\+ikke\+l%C3%A6replass$/, wait);
    await question.press('Enter');

    await page.goBack();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#q')?.value === 'psykisk helse',
      undefined,
      wait,
    );
    expect(new URL(page.url()).search).toBe('?q=psykisk+helse');
    await page.goBack();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#q')?.value === '',
      undefined,
      wait,
    );
    expect(new URL(page.url()).pathname).toBe('/oppslag');
    await page.context().close();
  });
});
