/**
 * The lookup page's addresses are the ones people share and bookmark: the form sent without JavaScript comes
 * back as the same question without its empty fields.
 */
import { describe, expect, it } from '@jest/globals';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const gjerde = testGjerdeForFile();
const question = 'psykisk helse';

/** The first card of a lookup page: its clause (agreement and clause id) and its owner. */
function firstCard(html: string): { clause: string; owner: string } {
  const best = html.slice(html.indexOf('lookup-result--best'));
  return {
    clause: /aria-labelledby="r-([^"]+)"/.exec(best)?.[1] ?? 'none',
    owner: /Ansvarlig:<\/span> <strong>([^<]+)<\/strong>/.exec(best)?.[1] ?? 'none',
  };
}

describe('the form sent without JavaScript', () => {
  it('is answered at the address without its empty fields, with the same answer', async () => {
    const clean = `/oppslag?q=${encodeURIComponent(question)}&county=Fjordvik`;
    const redirect = await gjerde.reader
      .get(
        `/oppslag?q=${encodeURIComponent(question)}&at=&county=Fjordvik&agreement=&party=&age=&situation=&kommune=`,
      )
      .expect(303);
    expect(redirect.headers.location).toBe(clean);
    const followed = await gjerde.reader.get(clean).expect(200);
    const card = firstCard(followed.text);
    expect(card.owner).not.toBe('none');
    expect(card).toEqual(
      firstCard((await gjerde.reader.get('/oppslag').query({ q: question, county: 'Fjordvik' })).text),
    );
  });

  it('keeps the fields that were filled in, in their order, and an empty form is the plain page', async () => {
    const redirect = await gjerde.reader
      .get(`/oppslag?q=${encodeURIComponent(question)}&at=2026-06-01&county=&kommune=Strandby`)
      .expect(303);
    expect(redirect.headers.location).toBe(
      `/oppslag?q=${encodeURIComponent(question)}&at=2026-06-01&kommune=Strandby`,
    );
    expect((await gjerde.reader.get('/oppslag?q=&county=').expect(303)).headers.location).toBe('/oppslag');
  });
});
