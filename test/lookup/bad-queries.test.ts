/** Bad questions get a clear 400 (or an honest empty answer), never a 500; personal data is refused. */
import { describe, expect, it } from '@jest/globals';
import { personalDataMessage } from '../../src/domain/personal-data.js';
import { maxQuestionLength } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits, inForceDate, madeUpNationalIdNumber } from './helpers.js';

const gjerde = testGjerdeForFile();

const api = (query: Record<string, string | string[]>) => gjerde.reader.get('/api/lookup').query(query);
const page = (query: Record<string, string | string[]>) => gjerde.reader.get('/oppslag').query(query);

describe('malformed questions', () => {
  it('empty: 400 with a hint', async () => {
    for (const query of [{}, { q: '' }, { q: '   ' }] as Record<string, string>[]) {
      const response = await api(query);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatch(/Skriv hva saken gjelder/);
    }
  });

  it('only stop words or punctuation: 400 that says why', async () => {
    for (const q of ['hvem har ansvaret?', '???', '*', '...']) {
      const response = await api({ q });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatch(/Fant ingen ord å søke etter/);
    }
  });

  it('10,000 characters: 400, on the API and the page', async () => {
    // (Percent-encoded past Node's 16 KB header limit, a URL gets Node's own 431 before reaching Gjerde.)
    const q = 'elev slutter '.repeat(770).slice(0, 10_000);
    expect(q.length).toBe(10_000);
    expect((await api({ q })).status).toBe(400);
    const html = await page({ q });
    expect(html.status).toBe(400);
    expect(html.text).toContain('for lang');
    expect(html.text).not.toContain('elev slutter elev slutter');
  });

  it('one character over the limit: 400 that says the limit', async () => {
    const response = await api({ q: 'elev slutter '.repeat(200).slice(0, maxQuestionLength + 1) });
    expect(response.status).toBe(400);
    expect(response.body.error).toContain(`høyst ${maxQuestionLength} tegn`);
  });

  it.each([
    '.*',
    '(((',
    'læreplass*',
    'læreplass~2',
    'OT AND NOT NAV',
    '"fikk ikke" OR elev',
    'a|b[c]{d}',
    '^$\\',
    '%00%',
    "'; DROP TABLE avtaler; --",
    '<script>alert(1)</script>',
    '\u0000\u0001',
    '🙂 læreplass',
  ])('search syntax and metacharacters are plain text: %j', async (q) => {
    const response = await api({ q, at: inForceDate });
    expect([200, 400]).toContain(response.status);
    const html = await page({ q, at: inForceDate });
    expect([200, 400]).toContain(html.status);
    expect(html.text).not.toContain('<script>alert(1)</script>');
  });

  it('a repeated parameter: 400', async () => {
    const response = await gjerde.reader.get('/api/lookup?q=elev&q=slutte');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/bare gis én gang/);
  });
});

/**
 * A substitute pastes a parent's message or a case description: a few sentences of who asks, politeness and
 * story around the situation. It is answered as the situation alone is.
 */
const pastedDescription = [
  'Hei! Jeg er ny vikar her og er i min første uke, så beklager hvis dette er et dumt spørsmål.',
  'I dag fikk jeg en lang telefon fra en mor som var ganske fortvilet og ville ha hjelp med en gang.',
  'Sønnen hennes er 19 år og fikk ikke læreplass i år, selv om han har søkt mange steder og vært på intervju.',
  'Hun sier han har lyst til å fullføre og ta fagbrev, men at han nå bare er hjemme og sover lenge om dagen.',
  'Hun har ringt flere kontorer uten å få svar, og ingen har sagt hvem som skal følge ham opp videre.',
  'Jeg har lest litt i avtalene, men jeg er usikker på hvem som egentlig skal ta saken og hvem jeg skal ringe.',
  'Jeg vil gjerne gi henne et riktig svar når jeg ringer henne tilbake i morgen formiddag.',
  'Hun lurer også på om han kan få noe hjelp mens han venter, men det tar vi en annen gang.',
  'Tusen takk for hjelpen, og ha en fin dag videre!',
].join(' ');

describe('a long question', () => {
  it('a pasted description of 800 characters is answered as its situation is, on the API and the page', async () => {
    expect(pastedDescription.length).toBeGreaterThanOrEqual(800);
    const pasted = await api({ q: pastedDescription, at: inForceDate });
    expect(pasted.status).toBe(200);
    const short = await api({ q: '19 år og fikk ikke læreplass', at: inForceDate });
    expect(hits(pasted.body)[0]).toBe(hits(short.body)[0]);
    expect((await page({ q: pastedDescription, at: inForceDate })).status).toBe(200);
  });

  it('its line breaks are read as spaces', async () => {
    const response = await api({ q: pastedDescription.replaceAll('. ', '.\r\n'), at: inForceDate });
    expect(response.status).toBe(200);
  });

  it('a national identity number deep inside it is refused with 422, and not shown again', async () => {
    const fnr = madeUpNationalIdNumber();
    const q = `${pastedDescription.slice(0, 600)} Fødselsnummeret hans er ${fnr}. ${pastedDescription.slice(600)}`;
    const response = await api({ q });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: personalDataMessage });
    const html = await page({ q });
    expect(html.status).toBe(422);
    expect(html.text).not.toContain(fnr);
    expect(html.text).not.toContain('fortvilet');
  });
});

describe('malformed filters', () => {
  it.each([
    [{ q: 'elev', county: 'Atlantis' }, /Ukjent fylke «Atlantis».*Fjordvik/],
    [{ q: 'elev', at: '2019-13-45' }, /«2019-13-45» finnes ikke: et år har bare 12 måneder\./],
    [{ q: 'elev', at: 'i går' }, /ikke en gyldig dato/],
    [{ q: 'elev', at: '2019-02-29' }, /«2019-02-29» finnes ikke: februar 2019 har 28 dager\./],
    [{ q: 'elev', at: '31.02.2024' }, /«31\.02\.2024» finnes ikke: februar 2024 har 29 dager\./],
    [{ q: 'elev', age: 'nitten' }, /Alder må være et helt tall/],
    [{ q: 'elev', age: '-1' }, /Alder må være et helt tall/],
    [{ q: 'elev', age: '1000' }, /Alder må være et helt tall/],
    [{ q: 'elev', situation: 'ferie' }, /Ukjent situasjon/],
    [{ q: 'elev', agreement: '../../etc/passwd' }, /Fant ingen godkjent avtale/],
    [{ q: 'elev', agreement: 'finnes-ikke' }, /Fant ingen godkjent avtale/],
    [{ q: 'elev', party: 'nav-oslo' }, /Ukjent part/],
    [{ q: 'elev', limit: '0' }, /Antall svar/],
  ])('%j → 400', async (query, message) => {
    const response = await api(query);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(message);
    const html = await page(query);
    expect(html.status).toBe(400);
    expect(html.text).toContain('role="alert"');
  });
});

describe('personal data', () => {
  const fnr = madeUpNationalIdNumber();

  it.each([`elev ${fnr} vurderer å slutte`, `${fnr.slice(0, 6)} ${fnr.slice(6)}`, fnr])(
    '%s is refused with 422',
    async (q) => {
      const response = await api({ q });
      expect(response.status).toBe(422);
      expect(response.body).toEqual({ error: personalDataMessage });
      expect(JSON.stringify(response.body)).not.toContain(fnr.slice(6));
    },
  );

  it('the page refuses it and does not show the number again', async () => {
    const response = await page({ q: `elev ${fnr}` });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Personopplysninger om ungdom hører ikke hjemme i Gjerde');
    expect(response.text).not.toContain(fnr);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('eleven digits that are not a valid number are ordinary text', async () => {
    const response = await api({ q: 'elev 12345678901', at: inForceDate });
    expect(response.status).toBe(200);
  });
});
