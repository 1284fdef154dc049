/**
 * Sharing an answer: a NAV worker in Fjordvik sends «Del dette svaret» to a colleague in Lyngmark, who sees
 * Fjordvik's answer on that date, labelled as another county's, not Lyngmark's own answer (found by a
 * stranger testing Gjerde: the plain address of the search showed the colleague their own county).
 */
import { describe, expect, it } from '@jest/globals';
import { today } from '../../src/format/dates.js';
import { browserGjerdeForFile, desktop, wait } from './browser.js';

const app = browserGjerdeForFile();
const fjordvik = {
  username: 'fjordvikveileder',
  name: 'Frida Fjordvik',
  email: 'frida@fjordvik.example',
  roles: [],
  counties: ['Fjordvik'],
};
const lyngmark = {
  username: 'lyngmarkveileder',
  name: 'Lene Lyngmark',
  email: 'lene@lyngmark.example',
  roles: [],
  counties: ['Lyngmark'],
};

describe('sharing a lookup answer', () => {
  it('shows the colleague in another county the same answer, labelled as not theirs', async () => {
    const sender = await app.newPage(desktop, fjordvik);
    await sender.goto(`${app.base}/oppslag`);
    await sender.locator('#q').fill('hvem betaler arbeidsklær i praksis');
    await Promise.all([
      sender.waitForURL(/\/oppslag\?q=/, { waitUntil: 'commit' }),
      sender.getByRole('button', { name: 'Søk', exact: true }).click(),
    ]);
    await sender.locator('.lookup-result--best').waitFor(wait);
    // The empty fields of the form are not in the address.
    expect(new URL(sender.url()).search).not.toMatch(/=(&|$)/);
    const shared = await sender.getByRole('link', { name: 'Del dette svaret' }).getAttribute('href');
    const pinned = new URL(shared ?? '', app.base).searchParams;
    expect(pinned.get('county')).toBe('Fjordvik');
    expect(pinned.get('at')).toBe(today());
    const sent = await sender.locator('.lookup-result--best .lookup-result__source').innerText();
    await sender.context().close();

    const colleague = await app.newPage(desktop, lyngmark);
    await colleague.goto(`${app.base}${shared}`);
    await colleague.locator('.lookup-result--best').waitFor(wait);
    expect(await colleague.locator('.lookup-scope').innerText()).toContain(
      'Svar fra avtalene i Fjordvik (ikke ditt fylke)',
    );
    expect(await colleague.locator('.lookup-result--best .lookup-result__source').innerText()).toBe(sent);
    // Without the pinned county the same question answers from the colleague's own county.
    await colleague.goto(`${app.base}/oppslag?q=${encodeURIComponent('hvem betaler arbeidsklær i praksis')}`);
    expect(await colleague.locator('.lookup-scope').innerText()).toContain('Lyngmark');
    await colleague.context().close();
  });
});
