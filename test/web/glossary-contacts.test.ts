/**
 * The shared glossary and the contact register over HTTP: the pages and the API, terms marked in agreement
 * pages and lookup answers, the right contacts in a lookup answer, and who may change what.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { otContact, saveContact, saveOffice } from '../helpers/contacts.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { nationalId } from '../security/hostile-cases.js';

let server: Awaited<ReturnType<typeof startTestGjerde>>;
beforeAll(async () => {
  server = await startTestGjerde();
});
afterAll(async () => server?.stop());

describe('the glossary', () => {
  it('marks terms in an agreement page as buttons that explain them, once per clause', async () => {
    const leser = await server.as('leser');
    const page = await leser.get('/avtaler/fjordvik-ramme').expect(200);
    // The agreement's own glossary explains OT; the shared one explains NEET-like words and more.
    expect(page.text).toMatch(
      /<span class="term"><button class="term__button" type="button" aria-expanded="false" aria-controls="begrep-\d+" aria-describedby="begrep-\d+">OT<\/button><span class="term__explanation" id="begrep-\d+" role="note" hidden><strong>OT<\/strong> \(oppfølgingstjenesten, oppfølgingstenesta\): Fylkeskommunens/,
    );
    expect(page.text).toContain('(Avtalens ordliste)');
    expect(page.text).toContain('(Felles begrepsliste)');
    expect(page.text).toContain('<script src="/assets/terms.js" defer></script>');
    // Headings and links are never marked.
    expect(page.text).not.toMatch(/<h[1-6][^>]*>[^<]*<span class="term">/);
  });

  it('marks terms in lookup answers', async () => {
    const leser = await server.as('leser');
    const page = await leser
      .get('/oppslag?q=l%C3%A6rekandidat+uten+l%C3%A6replass&county=Fjordvik')
      .expect(200);
    expect(page.text).toMatch(/class="term__button"[^>]*>[^<]+<\/button>/);
  });

  it('marks in a lookup card the terms of that agreement’s own ordliste too, each with an id of its own', async () => {
    const leser = await server.as('leser');
    const page = await leser.get('/oppslag?q=hvem+betaler+PC+i+OT-klassen&county=Fjordvik').expect(200);
    // Fjordvik's umbrella agreement explains «arbeidsrettet tiltak» in its own :::ordliste; the shared glossary does not.
    expect(page.text).toMatch(
      /<strong>Arbeidsrettet tiltak<\/strong> \(tiltak, arbeidsmarkedstiltak\): [^<]*<span class="term__origin"> \(Avtalens ordliste\)<\/span>/,
    );
    const ids = [...page.text.matchAll(/class="term__explanation" id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is a page everyone reads and editors change, one commit per change', async () => {
    const leser = await server.as('leser');
    const page = await leser.get('/begreper').expect(200);
    expect(page.text).toContain('id="begrep-ot"');
    // Its history: who changed it, when and why.
    expect(page.text).toContain(
      'Martin Solberg:</span> Begrepslisten: fagbrev på jobb, karrieresenter og ungdomsgarantien',
    );
    expect(page.text).not.toContain('Nytt begrep');
    await leser.post('/begreper').type('form').send({ term: 'X', definition: 'Y' }).expect(403);

    const rita = await server.as('redaktor');
    expect((await rita.get('/begreper').expect(200)).text).toContain('Nytt begrep');
    const saved = await rita
      .post('/begreper')
      .type('form')
      .send({
        term: 'Hospitering',
        aliases: 'jobbskygging',
        definition: 'Å følge en kollega hos den andre parten.',
      })
      .expect(303);
    expect(saved.headers.location).toBe('/begreper?lagret=Hospitering#begrep-hospitering');
    const [last] = await server.gjerde.store.history('felles/begreper.yaml');
    expect(last?.author.name).toBe('Rita Redaktør');

    const refused = await rita
      .post('/begreper')
      .type('form')
      .send({ term: 'Nytt', definition: `Gjelder ${nationalId(11)}` })
      .expect(422);
    expect(refused.text).toContain('fødselsnummer');
    expect(refused.text).not.toContain(nationalId(11));

    const api = await rita.get('/api/glossary').expect(200);
    expect(api.body.terms.some((entry: { term: string }) => entry.term === 'Hospitering')).toBe(true);
    await rita.put('/api/glossary/Hospitering').send({ definition: 'Endret.', aliases: [] }).expect(200);
    await rita.delete('/api/glossary/Hospitering').expect(204);
    await rita.delete('/api/glossary/Hospitering').expect(404);
    await rita.put('/api/glossary/Kameratstøtte').send({ definition: 'Ny.' }).expect(201);
  });
});

describe('the contact register', () => {
  it('shows the right contacts for a municipality, and for the person’s NAV office in a lookup', async () => {
    const leser = await server.as('leser');
    const page = await leser.get('/kontakter?kommune=Berg').expect(200);
    expect(page.text).toContain('Kontakter for Berg');
    expect(page.text).toContain('Jon Prøve');
    expect(page.text).toContain('Per Fiktiv');
    expect(page.text).not.toContain('Endre Jon Prøve');

    const api = await leser.get('/api/contacts?municipality=Berg').expect(200);
    expect(api.body.contacts.map((contact: { name: string }) => contact.name)).toEqual([
      'Jon Prøve',
      'Per Fiktiv',
    ]);

    // Kari works at NAV Fjordvik and NAV Strandby: her lookup shows OT's contacts for those offices.
    const kari = await server.as('kari');
    const lookup = await kari.get('/oppslag?q=hvem+ringer+jeg+i+OT').expect(200);
    expect(lookup.text).toContain('OT-kontakter for ditt NAV-kontor');
    expect(lookup.text).toContain('Sara Demo');
    expect(lookup.text).not.toContain('Maria Testesen');
    const json = await kari.get('/api/lookup?q=hvem+ringer+jeg+i+OT&kommune=Vik%C3%B8y').expect(200);
    expect(json.body.contacts.map((contact: { name: string }) => contact.name)).toEqual([
      'Jon Prøve',
      'Sara Demo',
      'Maria Testesen',
    ]);
  });

  it('is changed by each side’s editors only', async () => {
    const ola = await server.as('ola');
    const page = await ola.get('/kontakter').expect(200);
    expect(page.text).toContain('Endre Jon Prøve');
    expect(page.text).toContain('Sist endret 17. august 2026 av Sofie Dahl: Ny OT-kontakt for NAV Fjordvik');
    expect(page.text).not.toContain('Endre Per Fiktiv');
    await saveContact(ola, 'Fjordvik', otContact('Nina Ny'), { form: true }).expect(303);
    await ola.post('/kontakter/Fjordvik/per-fiktiv/slett').type('form').send({}).expect(403);
    const kari = await server.as('kari');
    const perFiktiv = {
      side: 'nav',
      name: 'Per Fiktiv',
      role: 'Ungdomskontakt',
      email: 'per.fiktiv@nav.example',
      offices: ['nav-strandby'],
    };
    await saveContact(kari, 'Fjordvik', perFiktiv, { id: 'per-fiktiv' }).expect(200);
    await kari.delete('/api/contacts/Fjordvik/nina-ny').expect(403);
    await ola.delete('/api/contacts/Fjordvik/nina-ny').expect(204);
    const leser = await server.as('leser');
    await saveContact(leser, 'Fjordvik', { ...perFiktiv, name: 'X' }).expect(403);
  });
});

describe('a new contact from the page', () => {
  it('names its NAV offices as the page shows them, and keeps their ids in the register', async () => {
    const ola = await server.as('ola');
    const nora = otContact('Nora Ny', {
      role: 'OT-rådgiver, region Vikøy',
      offices: 'NAV Fjordvik, nav strandby',
    });
    await saveContact(ola, 'Fjordvik', nora, { form: true }).expect(303);
    const register = await readFile(join(server.dataDir, 'kontakter/fjordvik.yaml'), 'utf8');
    expect(register).toMatch(
      /navn: Nora Ny\n(?:.*\n)*?\s+nav-kontorer:\n\s+- nav-fjordvik\n\s+- nav-strandby\n/,
    );
    // The form to change her shows the offices by name, as they are typed.
    const page = (await ola.get('/kontakter').expect(200)).text;
    expect(page).toMatch(/name="offices" value="NAV Fjordvik, NAV Strandby"/);
    await ola.delete('/api/contacts/Fjordvik/nora-ny').expect(204);
  });

  it('refused, comes back with what was typed in the form it came from, open, the problem linked to its field', async () => {
    const ola = await server.as('ola');
    const noen = otContact('Noen', { role: 'OT', email: 'n@fjordvik-fk.example', offices: 'NAV Oslo' });
    const refused = await saveContact(ola, 'Fjordvik', noen, { form: true }).expect(400);
    expect(refused.text).toContain(
      'Fjordvik har ikke NAV-kontoret «NAV Oslo». Kontorene er NAV Fjordvik, NAV Strandby.',
    );
    const html = refused.text.replaceAll('&#x3D;', '=');
    expect(html).toMatch(/<details class="contact-county__new" open>\s*<summary>Ny kontakt i Fjordvik/);
    expect(html).toContain('id="ny-fjordvik-name" name="name" value="Noen"');
    expect(html).toContain('id="ny-fjordvik-email" name="email" value="n@fjordvik-fk.example"');
    expect(html).toContain('id="ny-fjordvik-offices" name="offices" value="NAV Oslo"');
    expect(html).toContain('href="#ny-fjordvik-offices"');
    // A refused change to Sara Demo comes back in her form, not in the new-contact form.
    const sara = { side: 'fylkeskommune', name: 'Sara Demo', role: 'OT', email: 'ikke e-post' };
    const change = await saveContact(ola, 'Fjordvik', sara, { id: 'sara-demo', form: true }).expect(400);
    const again = change.text.replaceAll('&#x3D;', '=');
    expect(again).toContain('id="kontakt-sara-demo-email" name="email" value="ikke e-post"');
    expect(again).toContain('href="#kontakt-sara-demo-email"');
    expect(again).toMatch(/<details class="contact-county__new">/);
  });
});

describe('the example contact registers', () => {
  const exampleTag = '<span class="ds-tag" data-color="info" data-size="sm">Eksempel</span>';

  it('mark their fictional people «Eksempel» in a lookup and on the register page, and keep the mark when saved', async () => {
    const kari = await server.as('kari');
    const lookup = await kari.get('/oppslag?q=hvem+ringer+jeg+i+OT').expect(200);
    expect(lookup.text).toMatch(
      /<strong>Sara Demo<\/strong> <span class="ds-tag"[^>]*>[^<]*<\/span> <span class="ds-tag" data-color="info" data-size="sm">Eksempel<\/span>/,
    );
    const json = await kari.get('/api/lookup?q=hvem+ringer+jeg+i+OT').expect(200);
    expect(json.body.contacts.every((contact: { example: boolean }) => contact.example)).toBe(true);
    const page = await kari.get('/kontakter').expect(200);
    expect(page.text).toContain(`Fjordvik ${exampleTag}</h2>`);
    expect(page.text).toContain(
      '<strong>EKSEMPEL:</strong> oppdiktede personer, lagt inn med eksempelavtalene.',
    );
    // A change in Gjerde keeps the register an example: its people are still fictional.
    const eva = {
      side: 'nav',
      name: 'Eva Eksempel',
      role: 'Veileder',
      email: 'eva@nav.example',
      offices: ['nav-fjordvik'],
    };
    await saveContact(kari, 'Fjordvik', eva).expect(201);
    expect(await server.gjerde.store.readFile('kontakter/fjordvik.yaml')).toContain('\neksempel: true\n');
  });

  it('leave the lookup with the example agreements once the store has real ones', async () => {
    // Real agreements (Nordvik, Sørheim) beside an example one, and the seeded example register for Fjordvik.
    const mixed = await startTestGjerde({ examplesDir: join(projectRoot, 'test/fixtures/lookup-counties') });
    try {
      const register = await readFile(
        join(projectRoot, 'agreements/datafiler/kontakter-fjordvik-2026-08-17.yaml'),
        'utf8',
      );
      await mixed.gjerde.store.commitFile('kontakter/fjordvik.yaml', register, {
        author: { name: 'Sofie Dahl', email: 'sofie@fjordvik-fk.example' },
        reason: 'Kontaktregister for Fjordvik',
      });
      const kari = await mixed.as('kari');
      const lookup = await kari.get('/oppslag?q=hvem+ringer+jeg+i+OT').expect(200);
      expect(lookup.text).not.toContain('Sara Demo');
      const byMunicipality = await kari
        .get('/api/lookup?q=hvem+ringer+jeg+i+OT&kommune=Vik%C3%B8y')
        .expect(200);
      expect(byMunicipality.body.contacts).toEqual([]);
      // The register page still shows them, marked, and says why the lookup does not.
      const page = await kari.get('/kontakter').expect(200);
      expect(page.text).toContain('Sara Demo');
      expect(page.text).toContain(
        'De vises ikke i oppslag, fordi eksempelavtalene heller ikke svarer der lenger.',
      );
    } finally {
      await mixed.stop();
    }
  });
});

describe('the history of the glossary and of a contact register', () => {
  /** The entries of a data file's history page, newest first, each as its HTML. */
  const entries = (html: string) =>
    html
      .split('<li class="data-file-history__entry">')
      .slice(1)
      .map((entry) => entry.split('</ol>')[0] as string);

  it('shows every change to the glossary: who saved it when, why, and what it changed in the file', async () => {
    const rita = await server.as('redaktor');
    await rita
      .put('/api/glossary/Praksisbrev')
      .send({ definition: 'En toårig opplæring i bedrift som gir et praksisbrev.' })
      .expect(201);
    const leser = await server.as('leser');
    const glossaryPage = await leser.get('/begreper').expect(200);
    expect(glossaryPage.text).toContain(
      '<a class="ds-link" href="/begreper/historikk">Se alle endringer i begrepslisten</a>',
    );
    const page = await leser.get('/begreper/historikk').expect(200);
    expect(page.text).toContain('<h1 class="ds-heading" data-size="lg">Historikk: Felles begrepsliste</h1>');
    expect(page.text).toContain('<code>felles/begreper.yaml</code>');
    expect(page.text).toMatch(/Her er alle \d+ endringene, nyeste først: hvem som lagret, når og hvorfor/);
    const [newest, ...older] = entries(page.text);
    expect(older.length).toBeGreaterThan(0);
    // Said as the agreement pages say a save, by the same presenter.
    expect(newest).toMatch(
      /<h2 class="ds-heading" data-size="sm">Begrepslisten: nytt begrep «Praksisbrev»<\/h2>/,
    );
    expect(newest).toMatch(/<p class="ds-paragraph">Lagret \d{1,2}\. \p{L}+ \d{4} av Rita Redaktør <span/u);
    expect(newest).toContain('<details class="ds-details data-file-history__change" open>');
    expect(newest).toContain(
      '<ins class="redline__ins"><span class="ds-sr-only">[Lagt til: </span>  - begrep: Praksisbrev\n    forklaring: En toårig opplæring i bedrift som gir et praksisbrev.\n<span class="ds-sr-only">]</span></ins>',
    );
    // The seeded commits keep their own reasons and authors; the first is the whole file, shown on request.
    expect(page.text).toContain('Lagret 8. september 2025 av Martin Solberg');
    expect(older.at(-1)).toContain('Filen ble opprettet');
    expect(older.at(-1)).toContain('<details class="ds-details data-file-history__change">');
  });

  it('shows every change to a county’s register, with the reason given for a NAV office', async () => {
    const ola = await server.as('ola');
    const holmen = { name: 'NAV Holmen', municipalities: 'Holmen', reason: 'Nytt kontor fra 1. januar' };
    await saveOffice(ola, 'Fjordvik', holmen).expect(201);
    const leser = await server.as('leser');
    const contactsPage = await leser.get('/kontakter').expect(200);
    expect(contactsPage.text).toContain(
      '<a class="ds-link" href="/kontakter/Fjordvik/historikk">Se alle endringer i registeret</a>',
    );
    const page = await leser.get('/kontakter/fjordvik/historikk').expect(200);
    expect(page.text).toContain('Historikk: Kontaktregisteret for Fjordvik</h1>');
    const [newest] = entries(page.text);
    expect(newest).toContain('Kontaktregisteret for Fjordvik: nytt NAV-kontor NAV Holmen (Holmen)</h2>');
    expect(newest).toMatch(/Lagret \d{1,2}\. \p{L}+ \d{4} av Ola Nordmann/u);
    expect(newest).toContain('<p class="ds-paragraph history-reason">Nytt kontor fra 1. januar</p>');
    expect(page.text).toContain('Lagret 17. august 2026 av Sofie Dahl');
    const missing = await leser.get('/kontakter/Atlantis/historikk').expect(404);
    expect(missing.text).toContain('Fant ikke noe kontaktregister for «Atlantis».');
  });
});
