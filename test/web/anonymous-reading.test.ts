/**
 * Reading without signing in (GJERDE_ANONYMOUS_READ=1): the header offers «Logg inn», back to the page read,
 * to someone not signed in, and «Logg ut» to someone who is.
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile({ env: { GJERDE_ANONYMOUS_READ: '1' } });

/** The header's «Logg inn» link, or undefined. */
function signInLink(html: string): string | undefined {
  const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
  return /<a [^>]*href="([^"]+)"[^>]*>Logg inn<\/a>/.exec(header)?.[1]?.replaceAll('&#x3D;', '=');
}

describe('anonymous reading', () => {
  it('offers «Logg inn» in the header, back to the page read', async () => {
    const front = await request(gjerde.app).get('/');
    expect(front.status).toBe(200);
    expect(signInLink(front.text)).toBe('/logg-inn?neste=%2F');
    const lookup = await request(gjerde.app).get('/oppslag?q=psykisk%20helse');
    expect(lookup.status).toBe(200);
    expect(signInLink(lookup.text)).toBe(
      `/logg-inn?neste=${encodeURIComponent('/oppslag?q=psykisk%20helse')}`,
    );
  });

  it('offers no «Logg inn» to someone signed in, nor on the sign-in page', async () => {
    const reader = await gjerde.as('leser');
    const front = await reader.get('/');
    expect(front.text).toContain('Logg ut');
    expect(signInLink(front.text)).toBeUndefined();
    const signIn = await request(gjerde.app).get('/logg-inn');
    expect(signInLink(signIn.text)).toBeUndefined();
  });
});
