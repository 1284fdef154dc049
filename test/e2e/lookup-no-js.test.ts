/**
 * The lookup form without its script (as on a locked-down work PC): «Søk» sends every field, empty ones too;
 * the page answers at the address without them (the one people share and bookmark), and the back button
 * returns to the form, not to the address with the empty fields.
 */
import { describe, expect, it } from '@jest/globals';
import { browserGjerdeForFile, desktop, wait } from './browser.js';

const app = browserGjerdeForFile();

describe('the lookup form without JavaScript', () => {
  it('answers at the address without the empty fields, and the back button returns to the form', async () => {
    const page = await app.newPage(desktop, 'leser');
    await page.route('**/lookup.js', (route) => route.abort());
    await page.goto(`${app.base}/oppslag`);
    await page.locator('#q').fill('psykisk helse');
    await Promise.all([
      page.waitForURL(/\/oppslag\?q=/),
      page.getByRole('button', { name: 'Søk', exact: true }).click(),
    ]);
    await page.locator('.lookup-scope').waitFor(wait);
    expect(new URL(page.url()).search).toBe('?q=psykisk%20helse');
    await page.goBack();
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  });
});
