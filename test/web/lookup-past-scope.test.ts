/**
 * An answer for a past date names only the reader's counties that had an agreement in force that day, and
 * says which had none; the contact person it names is from today's register, and says so. Found by a
 * stranger on 38a4a4c: «avtalene i Fjordvik og Dalheim (dine fylker), slik de gjaldt 1. juli 2018», while
 * Dalheim's agreement starts in 2024. Real HTTP on the seeded examples.
 */
import { describe, expect, it } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';

const server = testGjerdeWithPeople(['kari']);
const { kari } = server.people;

/** An element's text as a reader sees it. */
function textOf(html: string, className: string): string | undefined {
  const match = new RegExp(`<p class="[^"]*${className}[^"]*"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return match?.[1]
    ?.replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const question = 'lærling uten læreplass';

describe('a past answer for a reader of several counties', () => {
  it('names only the counties with an agreement that day, and says which had none', async () => {
    const today = await kari.get('/oppslag').query({ q: question }).expect(200);
    expect(textOf(today.text, 'lookup-scope')).toMatch(
      /^Svar fra avtalene i Fjordvik og Dalheim \(dine fylker\), slik de gjelder i dag\./,
    );
    const past = await kari.get('/oppslag').query({ q: question, at: '2018-07-01' }).expect(200);
    expect(textOf(past.text, 'lookup-scope')).toMatch(
      /^Svar fra avtalene i Fjordvik \(dine fylker\), slik de gjaldt 1\. juli 2018\. Dalheim hadde ingen avtale i kraft 1\. juli 2018\./,
    );
    const api = await kari.get('/api/lookup').query({ q: question, at: '2018-07-01' }).expect(200);
    expect(api.body.scope.withoutAgreement).toEqual(['Dalheim']);
    const now = await kari.get('/api/lookup').query({ q: question }).expect(200);
    expect(now.body.scope.withoutAgreement).toEqual([]);
  });

  it('marks the contact person as today’s', async () => {
    const today = await kari.get('/oppslag').query({ q: question, county: 'Fjordvik' }).expect(200);
    expect(textOf(today.text, 'lookup-result__contact')).toMatch(/^Kontakt: Per Fiktiv/);
    const past = await kari
      .get('/oppslag')
      .query({ q: question, county: 'Fjordvik', at: '2022-07-01' })
      .expect(200);
    expect(textOf(past.text, 'lookup-result__contact')).toMatch(/^Kontakt i dag: Per Fiktiv/);
    // The list of contacts below the answer is today's register too.
    expect(today.text).toContain('id="kontakter-tittel">OT-kontakter for ditt NAV-kontor</h2>');
    expect(past.text).toContain('id="kontakter-tittel">OT-kontakter for ditt NAV-kontor (i dag)</h2>');
  });
});
