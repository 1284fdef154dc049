/**
 * The lookup page's addresses are the ones people share and bookmark: the form sent without JavaScript comes
 * back as the same question without its empty fields, and «Del dette svaret» from someone of several counties
 * pins the county the answer is for and the date, so whoever opens it sees the same first clause and owner.
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { countyReader, signedInAs } from '../helpers/accounts.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

// Read without signing in too: a shared link may be opened by someone who is not signed in.
const gjerde = testGjerdeForFile({ env: { GJERDE_ANONYMOUS_READ: '1' } });
const question = 'psykisk helse';
// Answered plainly for a reader of Fjordvik and Lyngmark: only Lyngmark's agreement has a clause on it (most
// questions ask them for the county first, «psykisk helse» too: both counties have a clause on it).
const plainForBoth = 'introduksjonsprogram';

/** The first card of a lookup page: its clause (agreement and clause id) and its owner. */
function firstCard(html: string): { clause: string; owner: string } {
  const best = html.slice(html.indexOf('lookup-result--best'));
  return {
    clause: /aria-labelledby="r-([^"]+)"/.exec(best)?.[1] ?? 'none',
    owner: /Ansvarlig:<\/span> <strong>([^<]+)<\/strong>/.exec(best)?.[1] ?? 'none',
  };
}

/** An attribute's value as the page wrote it, HTML entities read back. */
function unescaped(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replaceAll('&amp;', '&');
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

describe('sharing the answer of someone who works in two counties', () => {
  /** A reader of Fjordvik and Lyngmark. */
  const readerOfBoth = () =>
    signedInAs(gjerde.app, gjerde.gjerde.accounts, {
      username: 'leser-to-fylker',
      name: 'Leser i to fylker',
      email: 'leser-to-fylker@kystfold.example',
      roles: [],
      counties: ['Fjordvik', 'Lyngmark'],
    });

  it("offers no link while the answer asks which of their counties; each choice is the county's answer", async () => {
    // The two counties' agreements answer this differently: the page asks for the county first.
    const page = await (await readerOfBoth()).get('/oppslag').query({ q: 'fikk ikke læreplass' }).expect(200);
    expect(page.text).toContain('Velg fylket saken gjelder');
    expect(page.text).not.toContain('Del dette svaret');
    const choices = [...page.text.matchAll(/href="(\/oppslag\?[^"]*county[^"]*)"/g)].map((found) =>
      new URL(unescaped(found[1] as string), 'http://gjerde.test').searchParams.get('county'),
    );
    expect(choices).toEqual(expect.arrayContaining(['Fjordvik', 'Lyngmark']));
  });

  it('pins the county the answer is for and the date: others see the same first clause and owner', async () => {
    const both = await readerOfBoth();
    const page = await both.get('/oppslag').query({ q: plainForBoth }).expect(200);
    const sent = firstCard(page.text);
    expect(sent.owner).not.toBe('none');
    const shared = unescaped(/class="ds-link lookup-share" href="([^"]+)"/.exec(page.text)?.[1] ?? '');
    const pinned = new URL(shared, 'http://gjerde.test').searchParams;
    expect(pinned.get('county')).toBe(sent.clause.startsWith('lyngmark') ? 'Lyngmark' : 'Fjordvik');
    expect(pinned.get('at')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const stranger = await request(gjerde.app).get(shared).expect(200);
    expect(firstCard(stranger.text)).toEqual(sent);
    const elsewhere = await countyReader(gjerde.app, gjerde.gjerde.accounts, 'Innmark');
    expect(firstCard((await elsewhere.get(shared).expect(200)).text)).toEqual(sent);
  });
});
