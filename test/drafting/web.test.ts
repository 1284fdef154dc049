import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { git } from '../helpers/git.js';
import { startTestGjerde, type TestGjerde, testGjerdeWithPeople } from '../helpers/gjerde.js';
import {
  asFormFields,
  authorLine,
  expectCsrfInEveryForm,
  expectNoInlineScript,
  futureYear,
  rammeAnswers,
  validFrom,
} from './helpers.js';

/**
 * NAV's representative Kari (edits, approves for NAV) and the county's Ola (edits, approves for the county);
 * NAV's and the county's directors Nina and Jonas approve what Kari and Ola drafted (four eyes).
 */
const server = testGjerdeWithPeople(['kari', 'ola', 'nina', 'jonas']);
const { kari, ola, nina, jonas } = server.people;

const head = () => git(server.dataDir, 'rev-parse', 'HEAD').trim();
const form = (fields: Record<string, string> | [string, string][]) => new URLSearchParams(fields).toString();
const saveFields = { reason: 'Første utkast' };
const lastAuthor = () => git(server.dataDir, 'log', '-1', '--format=%an <%ae>').trim();

async function latest(id: string) {
  return (await kari.get(`/api/agreements/${id}`).expect(200)).body as {
    markdown: string;
    revision: { rev: string };
    meta: { status: string };
  };
}

describe('a new agreement from a template (pages, without JavaScript)', () => {
  it('lists the templates and links to their forms; the header links to «Ny avtale»', async () => {
    const res = await kari.get('/ny').expect(200);
    expect(res.text).toContain('href="/ny/ramme"');
    expect(res.text).toContain('href="/ny/lokal"');
    expect(res.text).toMatch(/<nav aria-label="Hovedmeny"[\s\S]*href="\/ny">Ny avtale<\/a>/);
    expectNoInlineScript(res.text);
  });

  it('generates an accessible form from the schema, without lifecycle fields', async () => {
    const res = await kari.get('/ny/ramme').expect(200);
    expect(res.text).toContain('Lagres som Kari Nordmann (kari@nav.example)');
    expect(res.text).not.toContain('authorName');
    expectCsrfInEveryForm(res.text);
    expect(res.text).toContain('<label class="ds-label" for="f-title">Tittel');
    expect(res.text).toContain('id="f-title" name="title"');
    expect(res.text).toContain('name="clauses[0].title"');
    expect(res.text).toContain('aria-describedby="f-county-hjelp"');
    // Names, never ids: no field asks for one, parties are chosen by name, and an index leads through the form.
    expect(res.text).not.toMatch(/<input[^>]*type="text"[^>]*name="(id|navId|countyId|clauses\[0\]\.id)"/);
    expect(res.text).toContain(
      '<select class="ds-input" id="f-clauses-0-owner" name="clauses[0].owner" data-choices="parties"',
    );
    expect(res.text).toContain('<option value="ot">Oppfølgingstjenesten (OT)</option>');
    expect(res.text).toContain('<a class="ds-link" href="#del-ansvarspunkter">Ansvarspunkter</a>');
    expect(res.text).not.toContain('name="status"');
    expect(res.text).not.toContain('name="signatories');
    expect(res.text).toContain('<script src="/assets/form.js" defer></script>');
    expectNoInlineScript(res.text);
  });

  it('pre-fills only the glossary terms the shared glossary does not already explain', async () => {
    const res = await kari.get('/ny/ramme').expect(200);
    const terms = [
      ...res.text.matchAll(
        /name="glossary\[\d+\]\.term"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="glossary\[\d+\]\.term"/g,
      ),
    ].map((match) => match[1] ?? match[2]);
    // OT, PPT, Lærekandidat, Ungdomsgarantien, Samarbeidsutvalget (another name of «Samarbeidsutvalg») and
    // Rett og plikt (another name «ungdomsrett») are in the shared glossary, which explains them everywhere.
    expect(terms).toEqual(['NAV-veileder']);
  });

  it('adds and removes a repeatable clause with plain buttons', async () => {
    const fields = asFormFields(rammeAnswers());
    const count = (html: string) =>
      (html.match(/class="ds-fieldset repeat-item" id="f-clauses-/g) ?? []).length;
    const added = await kari
      .post('/ny/ramme')
      .type('form')
      .send(form({ ...fields, action: 'legg-til:clauses' }))
      .expect(200);
    expect(count(added.text)).toBe(10);
    const removed = await kari
      .post('/ny/ramme')
      .type('form')
      .send(form({ ...fields, action: 'fjern:clauses:0' }))
      .expect(200);
    expect(count(removed.text)).toBe(8);
    expect(removed.text).not.toContain('value="ot-malgruppe"');
  });

  it('starts the parts the template has filled in closed, and opens one when a problem or «Legg til» is in it', async () => {
    const closed = (html: string) =>
      [
        ...html.matchAll(
          /<details class="form-part">\s*<summary><h2 [^>]*>([^<]+)<\/h2> <span class="form-part__note">([^<]+)</g,
        ),
      ].map((match) => `${match[1]}: ${match[2]}`);
    const fresh = await kari.get('/ny/ramme').expect(200);
    expect(closed(fresh.text)).toEqual([
      'Formål og målgrupper: Fylt ut med malens forslag – åpne for å lese og endre',
      'Møter, kontakt og uenighet: Fylt ut med malens forslag – åpne for å lese og endre',
      'Ordliste: Fylt ut med malens forslag – åpne for å lese og endre',
    ]);
    // The parts with questions only the county can answer stay open, in the order of the template.
    expect(fresh.text).toContain(
      '<h2 class="ds-heading form-section" data-size="sm" id="del-om-avtalen" tabindex="-1">',
    );
    const fields = asFormFields(rammeAnswers());
    const added = await kari
      .post('/ny/ramme')
      .type('form')
      .send(form({ ...fields, action: 'legg-til:glossary' }))
      .expect(200);
    expect(closed(added.text)).toEqual([
      'Formål og målgrupper: Fylt ut med malens forslag – åpne for å lese og endre',
      'Møter, kontakt og uenighet: Fylt ut med malens forslag – åpne for å lese og endre',
    ]);
    // A glossary row without its explanation: the problem opens the part it is in; nothing is saved.
    const refused = await kari
      .post('/ny/ramme')
      .type('form')
      .send(
        form({
          ...asFormFields(rammeAnswers({ glossary: [{ term: 'Hospitering', aliases: '', definition: '' }] })),
          action: 'lagre',
        }),
      )
      .expect(422);
    expect(closed(refused.text).map((part) => part.split(':')[0])).toEqual([
      'Formål og målgrupper',
      'Møter, kontakt og uenighet',
    ]);
  });

  it('«Forhåndsvis» shows the agreement, its word count and reading time', async () => {
    const res = await kari
      .post('/ny/ramme')
      .type('form')
      .send(form({ ...asFormFields(rammeAnswers()), action: 'forhandsvis' }))
      .expect(200);
    expect(res.text).toMatch(/\d+ ord · ca\. \d+ min å lese · anbefalt høyst 1000 ord/);
    expect(res.text).toContain('class="clause clause--settled"');
    expect(res.text).toContain('Hvem har ansvaret for hva?');
  });

  it('shows problems at their fields and in an error summary, and writes nothing', async () => {
    const before = head();
    const fields = asFormFields(rammeAnswers({ id: 'Ugyldig Id' }));
    const res = await kari
      .post('/ny/ramme')
      .type('form')
      .send(form({ ...fields, action: 'lagre' }))
      .expect(422);
    expect(res.text).toContain('class="ds-error-summary"');
    expect(res.text).toContain('href="#f-id"');
    // A made id that is refused is shown, so it can be changed.
    expect(res.text).toMatch(
      /id="f-id" name="id" value="Ugyldig Id"[^>]*aria-describedby="f-id-hjelp f-id-feil"[^>]*aria-invalid="true"/,
    );
    expect(res.text).toContain('href="#reason"');
    expect(res.text).toContain('Skriv en begrunnelse');
    expect(head()).toBe(before);
  });

  it('refuses unknown and repeated form fields', async () => {
    const fields: [string, string][] = [
      ...Object.entries(asFormFields(rammeAnswers())),
      ['status', 'godkjent'],
      ['title', 'to ganger'],
      ['action', 'lagre'],
      ...Object.entries(saveFields),
    ];
    const res = await kari.post('/ny/ramme').type('form').send(form(fields)).expect(422);
    expect(res.text).toContain('Ukjent felt «status»');
    expect(res.text).toContain('sendt mer enn én gang');
  });

  it('shows script in an answer as text, never as markup', async () => {
    const hostile = '"><script>alert(1)</script>';
    const res = await kari
      .post('/ny/ramme')
      .type('form')
      .send(form({ ...asFormFields(rammeAnswers({ county: hostile })), action: 'forhandsvis' }))
      .expect(200);
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expectNoInlineScript(res.text);
  });

  it('saves a draft and goes to its overview, which says it was saved and what comes next', async () => {
    const res = await kari
      .post('/ny/ramme')
      .type('form')
      .send(
        form({ ...asFormFields(rammeAnswers({ id: 'sideskjema-ramme' })), ...saveFields, action: 'lagre' }),
      )
      .expect(303);
    expect(res.headers.location).toMatch(/^\/avtaler\/sideskjema-ramme\/utkast\?lagret=[0-9a-f]{40}$/);
    const overview = await kari.get(res.headers.location as string).expect(200);
    expect(overview.text).toContain('Utkastet er lagret.');
    expect(overview.text).toContain('href="/avtaler/sideskjema-ramme/send">Send til godkjenning</a>');
    expect(overview.text).toContain(
      'href="/avtaler/sideskjema-ramme/rediger?visning&#x3D;skjema">Fortsett i skjemaet</a>',
    );
    expect(overview.text).toContain('<summary>Avansert</summary>');
    expect(overview.text).not.toMatch(/Linje \d+/);
    expect(git(server.dataDir, 'log', '-1', '--format=%an <%ae>|%s').trim()).toBe(
      `${authorLine('kari')}|Første utkast`,
    );
    const saved = await latest('sideskjema-ramme');
    expect(saved.meta.status).toBe('utkast');
  });

  it('refuses an id in use, and shows it so it can be changed', async () => {
    const before = head();
    const res = await kari
      .post('/ny/ramme')
      .type('form')
      .send(
        form({ ...asFormFields(rammeAnswers({ id: 'sideskjema-ramme' })), ...saveFields, action: 'lagre' }),
      )
      .expect(422);
    expect(res.text).toContain('Det finnes allerede en avtale med id «sideskjema-ramme»');
    expect(res.text).toContain('href="#f-id"');
    expect(res.text).toMatch(
      /<input class="ds-input" type="text" id="f-id" name="id" value="sideskjema-ramme"/,
    );
    expect(head()).toBe(before);
  });
});

describe('POST /api/agreements and /api/preview', () => {
  it('previews answers as JSON with the rendered text, word count and checks', async () => {
    const res = await kari
      .post('/api/preview')
      .send({ template: 'ramme', answers: rammeAnswers() })
      .expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.stats).toMatchObject({
      words: expect.any(Number),
      readingMinutes: expect.any(Number),
      wordBudget: 1000,
    });
    expect(res.body.html).toContain('class="clause clause--settled"');
    expect(res.body.messages.some((message: { rule: string }) => message.rule === 'unknown-term')).toBe(true);
    expect(res.body.coverage.find((row: { status: string }) => row.status === 'gap')).toBeDefined();
  });

  it('previews a form as the page posts it, with problems tied to field ids', async () => {
    const fields = asFormFields(rammeAnswers({ validFrom: '1. januar' }));
    const res = await kari
      .post('/api/preview')
      .type('form')
      .send(form({ ...fields, template: 'ramme' }))
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.fields).toContainEqual(
      expect.objectContaining({ variable: 'validFrom', id: 'f-validFrom' }),
    );
  });

  it('never returns script from a preview', async () => {
    const res = await kari
      .post('/api/preview')
      .send({ template: 'ramme', answers: rammeAnswers({ county: '<img src=x onerror=alert(1)>' }) })
      .expect(200);
    expect(JSON.stringify(res.body.html ?? '')).not.toMatch(/onerror|<img/);
  });

  it('creates a draft: 201 with the revision and the warnings', async () => {
    const res = await kari
      .post('/api/agreements')
      .send({
        template: 'ramme',
        answers: rammeAnswers({ id: 'api-ramme' }),
        reason: 'Første utkast',
      })
      .expect(201);
    expect(res.headers.location).toBe('/api/agreements/api-ramme');
    expect(res.body).toMatchObject({ id: 'api-ramme', status: 'utkast', ok: true });
    expect(res.body.revision.rev).toMatch(/^[0-9a-f]{40}$/);
    expect(res.body.messages.every((message: { severity: string }) => message.severity === 'warning')).toBe(
      true,
    );
  });

  it('refuses a local agreement in another county than the agreement it is under', async () => {
    const example = parseYaml(
      await readFile(join(projectRoot, 'templates/lokal/example-answers.yaml'), 'utf8'),
    ) as Record<string, unknown>;
    delete example.signatories;
    const local = (county: string) => ({
      template: 'lokal',
      answers: { ...example, id: 'fylkesvandrer-lokal', parent: 'fjordvik-ramme', county, validFrom },
      reason: 'Første utkast',
    });
    const before = head();
    const refused = await kari.post('/api/agreements').send(local('Eksempelfylket')).expect(400);
    expect(JSON.stringify(refused.body)).toContain(
      'Den overordnede avtalen «Samarbeidsavtale mellom NAV Fjordvik og Fjordvik fylkeskommune» gjelder Fjordvik. En avtale som hører under den, må gjelde samme fylke',
    );
    expect(head()).toBe(before);
    const { template, answers } = local('Fjordvik');
    const same = await kari.post('/api/preview').send({ template, answers }).expect(200);
    expect(JSON.stringify(same.body)).not.toContain('Den overordnede avtalen');
  });

  it.each([
    ['an unknown field', { template: 'ramme', answers: {}, reason: 'x', extra: 1 }, 400],
    ['answers of the wrong type', { template: 'ramme', answers: 'alt', reason: 'x' }, 400],
    ['a template that does not exist', { template: 'finnes-ikke', answers: {}, reason: 'x' }, 404],
    [
      'an author (the author is the signed-in person)',
      {
        template: 'ramme',
        answers: rammeAnswers({ id: 'x-ramme' }),
        reason: 'x',
        author: { name: 'Ola Nordmann', email: 'ola@fjordvik.example' },
      },
      400,
    ],
    ['an empty reason', { template: 'ramme', answers: rammeAnswers({ id: 'x-ramme' }), reason: ' ' }, 400],
    [
      'a reason that is not text',
      { template: 'ramme', answers: rammeAnswers({ id: 'x-ramme' }), reason: ['x'] },
      400,
    ],
    [
      'a status other than draft',
      {
        template: 'ramme',
        answers: rammeAnswers({ id: 'x-ramme', status: 'godkjent' }),
        reason: 'x',
      },
      400,
    ],
    [
      'an unknown answer',
      { template: 'ramme', answers: rammeAnswers({ id: 'x-ramme', farge: 'blå' }), reason: 'x' },
      400,
    ],
    [
      'an oversize answer',
      {
        template: 'ramme',
        answers: rammeAnswers({ id: 'x-ramme', title: 'x'.repeat(301) }),
        reason: 'x',
      },
      400,
    ],
    [
      'a national identity number in the text',
      {
        template: 'ramme',
        answers: rammeAnswers({ id: 'x-ramme', purpose: 'Gjelder 01019010046 og andre.' }),
        reason: 'x',
      },
      422, // personal data in any field (ce193e2)
    ],
    [
      'a national identity number in the reason',
      { template: 'ramme', answers: rammeAnswers({ id: 'x-ramme' }), reason: 'Se 01019010046' },
      422,
    ],
    [
      'script in the text',
      {
        template: 'ramme',
        answers: rammeAnswers({ id: 'x-ramme', purpose: '<script>alert(1)</script>' }),
        reason: 'x',
      },
      422,
    ],
    [
      'a reason pretending to be an approval',
      {
        template: 'ramme',
        answers: rammeAnswers({ id: 'x-ramme' }),
        reason: 'Utkast\n\nGodkjent-av: Kari | Direktør | nav | 2026-01-01',
      },
      400,
    ],
  ])('refuses %s with a clear message and writes nothing', async (_case, body, status) => {
    const before = head();
    const res = await kari.post('/api/agreements').send(body).expect(status);
    expect(typeof res.body.error).toBe('string');
    expect(res.body.error.length).toBeGreaterThan(10);
    expect(head()).toBe(before);
    expect(git(server.dataDir, 'status', '--porcelain')).toBe('');
  });

  it('refuses malformed JSON and a body over 200 kB', async () => {
    await kari.post('/api/agreements').type('json').send('{"template": ').expect(400);
    const big = { template: 'ramme', answers: { purpose: 'x'.repeat(210_000) }, reason: 'x' };
    const res = await kari.post('/api/agreements').send(big).expect(413);
    expect(res.body.error).toContain('for stor');
  });
});

describe('PUT /api/agreements/:id: never losing work', () => {
  const id = 'api-ramme';

  it('saves an edit on the latest revision', async () => {
    const base = await latest(id);
    const res = await kari
      .put(`/api/agreements/${id}`)
      .send({
        markdown: base.markdown.replace(
          'Flere fullfører videregående opplæring.',
          'Flere fullfører videregående.',
        ),
        baseRev: base.revision.rev,
        reason: 'Kortere mål',
      })
      .expect(200);
    expect(res.body).toMatchObject({ merged: false, status: 'utkast' });
  });

  it('merges an edit on a stale base when the changes do not overlap, and says so', async () => {
    const base = await latest(id);
    await ola
      .put(`/api/agreements/${id}`)
      .send({
        markdown: base.markdown.replace('hvert år, og ellers', 'hver høst, og ellers'),
        baseRev: base.revision.rev,
        reason: 'Om høsten',
      })
      .expect(200);
    expect(lastAuthor()).toBe(authorLine('ola'));
    const res = await kari
      .put(`/api/agreements/${id}`)
      .send({
        markdown: base.markdown.replace('Ingen ungdom skal falle', 'Ingen ungdom skal noen gang falle'),
        baseRev: base.revision.rev,
        reason: 'Sterkere formål',
      })
      .expect(200);
    expect(res.body.merged).toBe(true);
    expect(res.body.mergedWith.author).toBe('Ola Nordmann');
    expect(res.body.message).toContain('Endringene dine er slått sammen med endringene Ola Nordmann lagret');
    const saved = await latest(id);
    expect(saved.markdown).toContain('hver høst');
    expect(saved.markdown).toContain('noen gang falle');
  });

  it('answers 409 with both versions when the changes overlap, and saves nothing', async () => {
    const base = await latest(id);
    await kari
      .put(`/api/agreements/${id}`)
      .send({
        markdown: base.markdown.replace('hver høst', 'hver vår'),
        baseRev: base.revision.rev,
        reason: 'Vår',
      })
      .expect(200);
    const before = head();
    const res = await kari
      .put(`/api/agreements/${id}`)
      .send({
        markdown: base.markdown.replace('hver høst', 'hvert kvartal'),
        baseRev: base.revision.rev,
        reason: 'Kvartal',
      })
      .expect(409);
    expect(res.body.error).toContain('Ingenting er lagret');
    expect(res.body.base.rev).toBe(base.revision.rev);
    expect(res.body.theirs.markdown).toContain('hver vår');
    expect(res.body.yours.markdown).toContain('hvert kvartal');
    expect(res.body.conflicts).toHaveLength(1);
    expect(res.body.conflicts[0].theirs.lines.join('\n')).toContain('hver vår');
    expect(res.body.conflicts[0].yours.lines.join('\n')).toContain('hvert kvartal');
    expect(head()).toBe(before);
  });

  it.each([
    ['no base revision', { reason: 'x' }, 400],
    ['a base revision that is not hex', { baseRev: 'HEAD~1', reason: 'x' }, 400],
    ['a base revision of another agreement', { baseRev: 'deadbeefdeadbeef', reason: 'x' }, 404],
    ['no reason', { baseRev: 'LATEST' }, 400],
    ['an unknown field', { baseRev: 'LATEST', reason: 'x', force: true }, 400],
  ])('refuses %s', async (_case, fields, status) => {
    const base = await latest(id);
    const body = { markdown: base.markdown.replace('hver vår', 'hver sommer'), ...fields } as Record<
      string,
      unknown
    >;
    if (body.baseRev === 'LATEST') body.baseRev = base.revision.rev;
    const before = head();
    const res = await kari.put(`/api/agreements/${id}`).send(body).expect(status);
    expect(res.body.error).toEqual(expect.any(String));
    expect(head()).toBe(before);
  });

  it('refuses a changed id, invalid Markdown and conflict markers, with positioned messages', async () => {
    const base = await latest(id);
    const send = (markdown: string) =>
      kari.put(`/api/agreements/${id}`).send({ markdown, baseRev: base.revision.rev, reason: 'x' });
    await send(base.markdown.replace('id: "api-ramme"', 'id: annen-id')).expect(400);
    const invalid = await send(base.markdown.replace('ansvarlig=ot', 'ansvarlig=ukjent')).expect(422);
    expect(invalid.body.messages[0]).toMatchObject({
      severity: 'error',
      rule: 'unknown-party',
      line: expect.any(Number),
    });
    const markers = await send(
      `${base.markdown}\n<<<<<<< Din versjon\nx\n=======\ny\n>>>>>>> Lagret\n`,
    ).expect(400);
    expect(markers.body.error).toContain('konfliktmarkører');
  });
});

describe('the lifecycle over the API', () => {
  const id = 'api-ramme';
  /** What each approver types; their name and e-mail address come from their account. */
  const forNav = { role: 'Direktør, NAV Eksempelfylket', party: 'nav-eksempelfylket' };
  const forCounty = { role: 'Fylkesdirektør for opplæring', party: 'eksempelfylket-fk' };

  it('refuses approving a draft that is not sent to approval', async () => {
    const res = await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(409);
    expect(res.body.error).toContain('ikke sendt til godkjenning');
  });

  it('sends the draft to approval', async () => {
    const res = await kari.post(`/api/agreements/${id}/submit`).send({}).expect(200);
    expect(lastAuthor()).toBe(authorLine('kari'));
    expect(res.body.status).toBe('til-godkjenning');
    expect(res.body.approvals.missing.map((party: { id: string }) => party.id)).toEqual([
      'nav-eksempelfylket',
      'eksempelfylket-fk',
    ]);
  });

  it.each([
    ['a party that is not in the agreement', { ...forNav, party: 'nav-dalheim' }, 400],
    ['a unit without signatory power (OT)', { ...forNav, party: 'ot' }, 400],
    ['an approval dated in the future', { ...forNav, date: `${futureYear + 5}-01-01` }, 400],
    ['an approver without a role', { ...forNav, role: '' }, 400],
    ['a role with «|» (it separates the trailer fields)', { ...forNav, role: 'Direktør | leder' }, 400],
    ['a name (it comes from the account)', { ...forNav, name: 'Ola Nordmann' }, 400],
    ['an e-mail address (it comes from the account)', { ...forNav, email: 'ola@fjordvik.example' }, 400],
    ['an unknown field', { ...forNav, signature: 'x' }, 400],
    ['a revision the approver did not read', { ...forNav, rev: 'deadbeefdeadbeef' }, 409],
    ['a party the approver does not represent', forCounty, 403],
    ['an approval by the person who drafted the text (four eyes)', forNav, 403],
  ])('refuses %s', async (_case, body, status) => {
    const before = head();
    const res = await kari.post(`/api/agreements/${id}/approvals`).send(body).expect(status);
    expect(res.body.error).toEqual(expect.any(String));
    expect(head()).toBe(before);
  });

  it('records each party once; the last approval makes it approved and it answers from its first day', async () => {
    const current = await latest(id);
    const first = await nina
      .post(`/api/agreements/${id}/approvals`)
      .send({ ...forNav, rev: current.revision.rev })
      .expect(201);
    expect(first.body).toMatchObject({ complete: false, status: 'til-godkjenning' });
    expect(lastAuthor()).toBe(authorLine('nina'));
    expect(git(server.dataDir, 'log', '-1', '--format=%B')).toMatch(
      /^Godkjenning: Nina Holm \| Direktør, NAV Eksempelfylket \| nav-eksempelfylket \| \d{4}-\d{2}-\d{2}$/m,
    );
    await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(409);
    await kari.get(`/api/agreements/${id}?at=${validFrom}`).expect(404);
    type Result = { agreementId: string; clauseId: string; owner: { id: string } };
    const lookup = (query: Record<string, string>) =>
      kari
        .get('/api/lookup')
        .query({ q: 'læreplass', at: validFrom, ...query })
        .expect(200)
        .then((answer) => answer.body.results as Result[]);
    expect((await lookup({})).filter((result) => result.agreementId === id)).toEqual([]);
    const last = await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(201);
    expect(last.body).toMatchObject({ complete: true, status: 'godkjent' });
    expect(lastAuthor()).toBe(authorLine('jonas'));
    const message = git(server.dataDir, 'log', '-1', '--format=%B');
    expect(message).toMatch(
      /^Godkjent-av: Nina Holm \| Direktør, NAV Eksempelfylket \| nav-eksempelfylket \| \d{4}-\d{2}-\d{2}$/m,
    );
    expect(message).toMatch(
      /^Godkjent-av: Jonas Haugland \| Fylkesdirektør for opplæring \| eksempelfylket-fk \| \d{4}-\d{2}-\d{2}$/m,
    );
    const inForce = await kari.get(`/api/agreements/${id}?at=${validFrom}`).expect(200);
    expect(inForce.body.meta.status).toBe('godkjent');
    expect(inForce.body.meta.signatories).toHaveLength(2);
    await kari.get(`/api/agreements/${id}?at=${futureYear - 1}-12-31`).expect(404);
    expect(await lookup({ county: 'Eksempelfylket' })).toContainEqual(
      expect.objectContaining({
        agreementId: id,
        clauseId: 'uten-laereplass',
        owner: expect.objectContaining({ id: 'nav-eksempelfylket' }),
      }),
    );
    await jonas.post(`/api/agreements/${id}/approvals`).send(forCounty).expect(409);
  });

  it('an edit of the approved version starts a new draft; the approved version keeps answering', async () => {
    const approved = await latest(id);
    const res = await kari
      .put(`/api/agreements/${id}`)
      .send({
        markdown: approved.markdown.replace('hver vår', 'hver sommer'),
        baseRev: approved.revision.rev,
        reason: 'Ny runde',
      })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'utkast', note: 'new-draft' });
    expect(res.body.message).toContain('nytt utkast');
    const draft = await latest(id);
    expect(draft.markdown).not.toContain('signatarer:');
    const inForce = await kari.get(`/api/agreements/${id}?at=${validFrom}`).expect(200);
    expect(inForce.body.revision.rev).toBe(approved.revision.rev);
  });

  it('refuses approving a version with validator errors', async () => {
    const draft = await latest(id);
    const broken = draft.markdown
      .replace(/^status: "?utkast"?$/m, 'status: til-godkjenning')
      .replace('ansvarlig=ot', 'ansvarlig=ukjent');
    expect(broken).not.toBe(draft.markdown);
    // Written straight into git, as someone could by hand: Gjerde itself never saves it.
    await server.gjerde.store.commitFile(`avtaler/${id}.md`, broken, {
      author: { name: 'Kari Nordmann', email: 'kari@nav.example' },
      reason: 'Skrevet for hånd',
    });
    const before = head();
    const res = await nina.post(`/api/agreements/${id}/approvals`).send(forNav).expect(422);
    expect(res.body.error).toContain('har feil');
    expect(res.body.messages[0]).toMatchObject({ rule: 'unknown-party' });
    expect(head()).toBe(before);
  });
});

describe('the editor (pages, without JavaScript)', () => {
  const id = 'sideskjema-ramme';

  it('shows the Markdown, messages with line and column, coverage and the clause editor', async () => {
    const res = await kari.get(`/avtaler/${id}/rediger`).expect(200);
    expect(res.text).toContain('<textarea class="ds-input markdown-editor" id="markdown" name="markdown"');
    expect(res.text).toContain('Lagres som Kari Nordmann (kari@nav.example)');
    expect(res.text).not.toContain('authorName');
    expectCsrfInEveryForm(res.text);
    expect(res.text).toMatch(/data-line="\d+" data-column="\d+">Linje \d+, kolonne \d+<\/a>/);
    expect(res.text).toContain('Hvem har ansvaret for hva?');
    expect(res.text).toContain('id="punkt-uten-laereplass"');
    expect(res.text).toContain('<script src="/assets/editor.js" defer></script>');
    expectNoInlineScript(res.text);
  });

  it('«Sjekk og forhåndsvis» checks the text without saving it', async () => {
    const current = await latest(id);
    const before = head();
    const res = await kari
      .post(`/avtaler/${id}/rediger`)
      .type('form')
      .send(
        form({
          markdown: current.markdown.replace('Ingen ungdom', 'Det skal sørges for at ingen ungdom'),
          baseRev: current.revision.rev,
          action: 'sjekk',
        }),
      )
      .expect(200);
    expect(res.text).toContain('Uten ansvarlig');
    expect(head()).toBe(before);
  });

  it('requires a reason and says so at the field, keeping the text', async () => {
    const current = await latest(id);
    const res = await kari
      .post(`/avtaler/${id}/rediger`)
      .type('form')
      .send(
        form({
          markdown: `${current.markdown}\nNy linje.\n`,
          baseRev: current.revision.rev,
          action: 'lagre',
        }),
      )
      .expect(422);
    expect(res.text).toContain('Skriv en begrunnelse');
    expect(res.text).toContain('Ny linje.');
  });

  it('saves, and merges a stale edit with a message', async () => {
    const base = await latest(id);
    await kari
      .post(`/avtaler/${id}/rediger`)
      .type('form')
      .send(
        form({
          markdown: base.markdown.replace('hvert år, og ellers', 'hver høst, og ellers'),
          baseRev: base.revision.rev,
          action: 'lagre',
          ...saveFields,
          reason: 'Om høsten',
        }),
      )
      .expect(303);
    const res = await ola
      .post(`/avtaler/${id}/rediger`)
      .type('form')
      .send(
        form({
          markdown: base.markdown.replace('Ingen ungdom skal falle', 'Ingen ungdom skal noen gang falle'),
          baseRev: base.revision.rev,
          action: 'lagre',
          reason: 'Sterkere',
        }),
      )
      .expect(303);
    expect(lastAuthor()).toBe(authorLine('ola'));
    expect(res.headers.location).toMatch(/slatt=[0-9a-f]{40}/);
    const page = await ola.get(res.headers.location as string).expect(200);
    expect(page.text).toContain('Endringene dine er slått sammen med endringene Kari Nordmann lagret');
  });

  it('shows both versions side by side on overlapping edits, and resolves them by choice', async () => {
    const base = await latest(id);
    await kari
      .post(`/avtaler/${id}/rediger`)
      .type('form')
      .send(
        form({
          markdown: base.markdown.replace('hver høst', 'hver vår'),
          baseRev: base.revision.rev,
          action: 'lagre',
          ...saveFields,
          reason: 'Om våren',
        }),
      )
      .expect(303);
    const before = head();
    const conflict = await kari
      .post(`/avtaler/${id}/rediger`)
      .type('form')
      .send(
        form({
          markdown: base.markdown.replace('hver høst', 'hvert kvartal'),
          baseRev: base.revision.rev,
          action: 'lagre',
          ...saveFields,
          reason: 'Hvert kvartal',
        }),
      )
      .expect(409);
    expect(head()).toBe(before);
    expect(conflict.text).toContain('Ingenting er lagret, og ingenting er tapt.');
    expect(conflict.text).toContain('hver vår');
    expect(conflict.text).toContain('hvert kvartal');
    expect(conflict.text).toContain('&lt;&lt;&lt;&lt;&lt;&lt;&lt; Din versjon');
    expect(conflict.text).toContain('Lagres som Kari Nordmann (kari@nav.example)');
    expectCsrfInEveryForm(conflict.text);
    expectNoInlineScript(conflict.text);
    const hidden = (name: string) =>
      new RegExp(`name="${name}" value="([0-9a-f]{40})"`).exec(conflict.text)?.[1] as string;
    const yours = base.markdown.replace('hver høst', 'hvert kvartal');
    const resolved = await kari
      .post(`/avtaler/${id}/rediger/konflikt`)
      .type('form')
      .send(
        form({
          baseRev: hidden('baseRev'),
          theirsRev: hidden('theirsRev'),
          count: '1',
          yours,
          'valg-0': 'yours',
          ...saveFields,
          reason: 'Valgte min',
        }),
      )
      .expect(303);
    expect(resolved.headers.location).toContain('lagret=');
    expect((await latest(id)).markdown).toContain('hvert kvartal');
  });

  it('changes one clause in the structured editor, keeping its id', async () => {
    const base = await latest(id);
    const fields: [string, string][] = [
      ['baseRev', base.revision.rev],
      ['id', 'uten-laereplass'],
      ['title', 'Søkt læreplass, fikk ikke'],
      ['status', 'avklart'],
      ['owner', 'eksempelfylket-fk'],
      ['supporting', 'ot'],
      ['supporting', 'nav-eksempelfylket'],
      ['ages', '16–24'],
      ['facets', 'uten-laereplass'],
      ['keywords', 'læreplass, lærling'],
      ['legalBasis', ''],
      ['costBearer', ''],
      ['contact', 'nav-kontakt'],
      ['escalation', ''],
      ['text', 'Fagopplæringen følger opp søkere uten læreplass.'],
      ['reason', 'Fylket tar ansvaret for søkere uten læreplass'],
      ['action', 'lagre-punkt'],
    ];
    const res = await ola.post(`/avtaler/${id}/rediger/punkt`).type('form').send(form(fields)).expect(303);
    expect(res.headers.location).toMatch(/#punkt-uten-laereplass$/);
    expect(lastAuthor()).toBe(authorLine('ola'));
    const saved = (await kari.get(`/api/agreements/${id}`).expect(200)).body as {
      clauses: {
        id: string;
        owner: string;
        supporting: string[];
        ages: { min: number; max: number };
        text: string;
      }[];
    };
    const clause = saved.clauses.find((candidate) => candidate.id === 'uten-laereplass');
    expect(clause).toMatchObject({
      owner: 'eksempelfylket-fk',
      supporting: ['ot', 'nav-eksempelfylket'],
      ages: { min: 16, max: 24 },
    });
    expect(clause?.text).toBe('Fagopplæringen følger opp søkere uten læreplass.');
    expect(saved.clauses.map((candidate) => candidate.id)).toContain('ot-malgruppe');
  });

  it('in form mode shows the clauses as forms and the checks by field, the source text only under «Avansert»', async () => {
    const page = await kari.get(`/avtaler/${id}/rediger?visning=skjema`).expect(200);
    expect(page.text).toContain('<details class="ds-details source-advanced" id="avansert">');
    expect(page.text.indexOf('id="punkter"')).toBeLessThan(page.text.indexOf('id="markdown"'));
    expect(page.text).not.toMatch(/Linje \d+, kolonne \d+/);
    expect(page.text).toContain('<input type="hidden" name="visning" value="skjema">');
    // A new clause needs no id: it is made from the title, and the person stays in form mode.
    const base = await latest(id);
    const res = await kari
      .post(`/avtaler/${id}/rediger/punkt`)
      .type('form')
      .send(
        form([
          ['baseRev', base.revision.rev],
          ['visning', 'skjema'],
          ['title', 'Ungdom som flytter til et annet fylke'],
          ['status', 'avklart'],
          ['owner', 'ot'],
          ['text', 'OT overfører saken til OT i det nye fylket når ungdommen samtykker.'],
          ['reason', 'Nytt punkt om flytting'],
          ['action', 'nytt-punkt'],
        ]),
      )
      .expect(303);
    expect(res.headers.location).toMatch(/[?&]visning=skjema(&|#|$)/);
    expect((await latest(id)).markdown).toContain('{#ungdom-som-flytter-til-et-annet-fylke ');
  });

  it('has a draft overview: what it says, the checks with their fields, who approves, the next step', async () => {
    const page = await kari.get(`/avtaler/${id}/utkast`).expect(200);
    expect(page.text).toContain(
      '<h2 class="ds-heading" data-size="sm" id="sier-tittel">Hva avtalen sier</h2>',
    );
    expect(page.text).toContain('Ungdom som flytter til et annet fylke</a>: Oppfølgingstjenesten');
    expect(page.text).toContain('id="godkjenner-tittel">Hvem må godkjenne</h2>');
    expect(page.text).not.toMatch(/Linje \d+|:::ansvar/);
    const leser = await server.as('leser');
    await leser.get(`/avtaler/${id}/utkast`).expect(403);
  });

  it('adds a clause, and refuses one with an unknown owner at its field', async () => {
    const base = await latest(id);
    const fields = (owner: string, clauseId: string): [string, string][] => [
      ['baseRev', base.revision.rev],
      ['id', clauseId],
      ['title', 'Lærling som vil slutte'],
      ['status', 'avklart'],
      ['owner', owner],
      ['facets', 'laerling'],
      ['text', 'Fagopplæringen kontakter lærlingen og lærebedriften innen en uke.'],
      ['reason', 'Nytt punkt om lærlinger'],
      ['action', 'nytt-punkt'],
    ];
    const before = head();
    const refused = await kari
      .post(`/avtaler/${id}/rediger/punkt`)
      .type('form')
      .send(form(fields('ukjent-part', 'laerling-slutter')))
      .expect(400);
    expect(refused.text).toContain('Velg nøyaktig én ansvarlig part.');
    expect(refused.text).toMatch(/id="ny-owner"[^>]*aria-invalid="true"/);
    expect(head()).toBe(before);
    const taken = await kari
      .post(`/avtaler/${id}/rediger/punkt`)
      .type('form')
      .send(form(fields('eksempelfylket-fk', 'uten-laereplass')))
      .expect(400);
    expect(taken.text).toContain('er i bruk');
    await kari
      .post(`/avtaler/${id}/rediger/punkt`)
      .type('form')
      .send(form(fields('eksempelfylket-fk', 'laerling-slutter')))
      .expect(303);
    const saved = await kari.get(`/api/agreements/${id}`).expect(200);
    expect(saved.body.clauses.at(-1)).toMatchObject({ id: 'laerling-slutter', owner: 'eksempelfylket-fk' });
  });

  it('sends to approval and approves on pages; the page shows who is missing', async () => {
    const current = await latest(id);
    const sendPage = await kari.get(`/avtaler/${id}/send`).expect(200);
    expect(sendPage.text).toContain('Sendes som Kari Nordmann (kari@nav.example)');
    expectCsrfInEveryForm(sendPage.text);
    await kari
      .post(`/avtaler/${id}/send`)
      .type('form')
      .send(form({ rev: current.revision.rev }))
      .expect(303);
    expect(lastAuthor()).toBe(authorLine('kari'));
    const page = await kari.get(`/avtaler/${id}/godkjenn?sendt=1`).expect(200);
    expect(page.text).toContain('Avtalen er sendt til godkjenning.');
    // Kari drafted the text: she may not approve it herself, and is told who must (four eyes).
    expect(page.text).toContain(
      'Du har skrevet eller endret teksten siden den sist ble godkjent, og kan ikke godkjenne den selv. En annen representant for NAV Eksempelfylket må godkjenne den (fire øyne).',
    );
    expect(page.text).not.toContain('name="party"');
    // Nina represents NAV: she is offered NAV, never the county, and approves under her own name.
    const forNav = await nina.get(`/avtaler/${id}/godkjenn`).expect(200);
    expect(forNav.text).toContain('name="party" value="nav-eksempelfylket"');
    expect(forNav.text).not.toContain('name="party" value="eksempelfylket-fk"');
    expect(forNav.text).toContain('Godkjennes som Nina Holm (nina@nav.example)');
    expect(forNav.text).not.toContain('name="name"');
    expect(forNav.text).not.toContain('name="email"');
    expectCsrfInEveryForm(forNav.text);
    expect(forNav.text).toContain(
      'Oppfølgingstjenesten (OT) i Eksempelfylket godkjenner gjennom Eksempelfylket fylkeskommune.',
    );
    expectNoInlineScript(forNav.text);
    const rev = (await latest(id)).revision.rev;
    const missing = await nina
      .post(`/avtaler/${id}/godkjenn`)
      .type('form')
      .send(form({ rev, party: 'nav-eksempelfylket', role: '' }))
      .expect(400);
    expect(missing.text).toContain('href="#godkjenn-role"');
    expect(missing.text).toMatch(
      /id="godkjenn-role"[^>]*aria-describedby="godkjenn-role-hjelp godkjenn-role-feil"/,
    );
    const selfApproval = await kari
      .post(`/avtaler/${id}/godkjenn`)
      .type('form')
      .send(form({ rev, party: 'nav-eksempelfylket', role: 'Direktør' }))
      .expect(403);
    expect(selfApproval.text).toContain('fire øyne');
    expect((await latest(id)).revision.rev).toBe(rev);
    const done = await nina
      .post(`/avtaler/${id}/godkjenn`)
      .type('form')
      .send(
        form({
          rev,
          party: 'nav-eksempelfylket',
          role: 'Direktør',
          comment: 'Vedtatt i ledermøtet 3. mars.',
        }),
      )
      .expect(303);
    expect(lastAuthor()).toBe(authorLine('nina'));
    expect(git(server.dataDir, 'log', '-1', '--format=%B')).toMatch(
      /^Godkjenning: Nina Holm \| Direktør \| nav-eksempelfylket \| \d{4}-\d{2}-\d{2}$/m,
    );
    const after = await nina.get(done.headers.location as string).expect(200);
    expect(after.text).toContain('Godkjenningen fra NAV Eksempelfylket er registrert');
    expect(after.text).toContain('Venter');
    expect(after.text).toContain(
      'NAV Eksempelfylket har godkjent avtalen. Den venter nå på de andre partene.',
    );
    expect(after.text).not.toContain('name="party"');
    // Each approver's comment, and who wrote the text: the approval is Nina's commit, but Kari's words.
    expect(after.text).toContain('<td class="approvals-table__comment">Vedtatt i ledermøtet 3. mars.</td>');
    expect(after.text).toMatch(/Les teksten du godkjenner \(sist endret [^)]* av (Kari|Ola) Nordmann\)/);
    expect(after.text).not.toContain('av Nina Holm)');
    // Ola changed the text too; the county's director approves it.
    const byOla = await ola.get(`/avtaler/${id}/godkjenn`).expect(200);
    expect(byOla.text).toContain('fire øyne');
    expect(byOla.text).not.toContain('name="party"');
    const forCounty = await jonas.get(`/avtaler/${id}/godkjenn`).expect(200);
    expect(forCounty.text).toContain('name="party" value="eksempelfylket-fk"');
    expect(forCounty.text).toContain('Godkjennes som Jonas Haugland (jonas@fjordvik.example)');
  });

  it('refuses an approval on the page for a party the person does not represent', async () => {
    const before = head();
    const rev = (await latest(id)).revision.rev;
    const res = await kari
      .post(`/avtaler/${id}/godkjenn`)
      .type('form')
      .send(form({ rev, party: 'eksempelfylket-fk', role: 'Direktør' }))
      .expect(403);
    expect(res.text).toContain(
      'Du kan godkjenne for NAV Eksempelfylket, ikke for Eksempelfylket fylkeskommune.',
    );
    expect(head()).toBe(before);
  });
});

describe('what needs attention', () => {
  it('the front page lists what needs attention, with links, and no counts', async () => {
    const res = await kari.get('/').expect(200);
    // Kari has approved for NAV already: the draft waits for the county, among the work she may do.
    expect(res.text).toContain('Utkast og revisjoner');
    expect(res.text).toContain('href="/avtaler/sideskjema-ramme/godkjenn"');
    expect(res.text).toContain('Venter på godkjenning fra Eksempelfylket fylkeskommune');
    expect(res.text).toContain('href="/ny"');
  });

  it('GET /api/reviews lists the same, and refuses a bad horizon', async () => {
    const res = await kari.get('/api/reviews').expect(200);
    expect(res.body.horizonDays).toBe(60);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ id: 'sideskjema-ramme', kind: 'awaiting-approval' }),
    );
    expect(res.body.items).toContainEqual(expect.objectContaining({ id: 'fjordvik-ot-nav', kind: 'draft' }));
    await kari.get('/api/reviews?dager=mange').expect(400);
  });

  it('the agreement page links to the editor', async () => {
    const res = await kari.get('/avtaler/fjordvik-ramme').expect(200);
    expect(res.text).toContain('href="/avtaler/fjordvik-ramme/rediger"');
  });
});

describe('POST /api/check', () => {
  it('returns the validator messages and the warnings with positions', async () => {
    const { markdown } = await latest('fjordvik-ot-nav');
    const res = await kari.post('/api/check').send({ markdown }).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.messages).toContainEqual(
      expect.objectContaining({
        rule: 'long-sentence',
        severity: 'warning',
        line: expect.any(Number),
        column: 1,
      }),
    );
    expect(res.body.html).toContain('class="clause');
  });

  it('refuses a body without Markdown', async () => {
    await kari.post('/api/check').send({ text: 'x' }).expect(400);
  });
});

describe('who may draft, edit and approve', () => {
  const fjordvik = 'fjordvik-ot-nav';
  /** A real change to the draft, as its editors would save it. */
  const edited = async () => {
    const current = await latest(fjordvik);
    expect(current.markdown).toContain('ikke to etater som venter');
    return {
      markdown: current.markdown.replace('ikke to etater som venter', 'aldri to etater som venter'),
      baseRev: current.revision.rev,
      reason: 'Enklere språk',
    };
  };

  it('without signing in, API writes answer 401 and pages send the person to sign in', async () => {
    const before = head();
    const anonymous = request(server.app);
    const writes = [
      anonymous.post('/api/agreements').send({ template: 'ramme', answers: rammeAnswers(), reason: 'x' }),
      anonymous.put(`/api/agreements/${fjordvik}`).send(await edited()),
      anonymous.post(`/api/agreements/${fjordvik}/submit`).send({}),
      anonymous
        .post(`/api/agreements/${fjordvik}/approvals`)
        .send({ role: 'Direktør', party: 'nav-fjordvik' }),
      anonymous.post('/api/preview').send({ template: 'ramme', answers: rammeAnswers() }),
      anonymous.post('/api/check').send({ markdown: '# x' }),
    ];
    for (const write of writes) {
      const res = await write.expect(401);
      expect(res.body.error).toContain('logge inn');
    }
    for (const page of ['/ny', '/ny/ramme', `/avtaler/${fjordvik}/rediger`, `/avtaler/${fjordvik}/send`]) {
      const res = await request(server.app).get(page).expect(303);
      expect(res.headers.location).toBe(`/logg-inn?neste=${encodeURIComponent(page)}`);
    }
    const post = await request(server.app)
      .post(`/avtaler/${fjordvik}/rediger`)
      .type('form')
      .send(form({ ...(await edited()), action: 'lagre' }))
      .expect(303);
    expect(post.headers.location).toMatch(/^\/logg-inn\?neste=/);
    expect(head()).toBe(before);
  });

  it('a reader cannot open «Ny avtale» or save, and is told why on the approval page', async () => {
    const leser = await server.as('leser');
    const before = head();
    const refused = await leser.get('/ny').expect(403);
    expect(refused.text).toContain('Ingen tilgang');
    await leser.get('/ny/ramme').expect(403);
    await leser
      .post('/ny/ramme')
      .type('form')
      .send(form({ ...asFormFields(rammeAnswers({ id: 'leser-ramme' })), ...saveFields, action: 'lagre' }))
      .expect(403);
    await leser
      .post('/api/agreements')
      .send({ template: 'ramme', answers: rammeAnswers({ id: 'leser-ramme' }), reason: 'x' })
      .expect(403);
    await leser
      .put(`/api/agreements/${fjordvik}`)
      .send(await edited())
      .expect(403);
    await leser.get(`/avtaler/${fjordvik}/rediger`).expect(403);
    await leser
      .post('/api/agreements/fjordvik-ramme/approvals')
      .send({ role: 'Direktør', party: 'nav-fjordvik' })
      .expect(403);
    const approval = await leser.get('/avtaler/sideskjema-ramme/godkjenn').expect(200);
    expect(approval.text).toContain('Du kan ikke godkjenne avtaler: du har ikke rollen Godkjenner.');
    expect(approval.text).not.toContain('id="godkjenning" class="approve-form"');
    expect(head()).toBe(before);
  });

  it('an editor of another county cannot edit, send or approve Fjordvik’s agreements, nor create one', async () => {
    const utenfor = await server.as('utenfor');
    const before = head();
    const page = await utenfor.get(`/avtaler/${fjordvik}/rediger`).expect(403);
    expect(page.text).toContain('Du kan ikke endre denne avtalen: den gjelder Fjordvik');
    expect(page.text).toContain('du er redaktør for Nordfylket');
    expect(page.text).not.toContain('name="markdown"');
    const api = await utenfor
      .put(`/api/agreements/${fjordvik}`)
      .send(await edited())
      .expect(403);
    expect(api.body.error).toContain('den gjelder Fjordvik');
    await utenfor
      .post(`/avtaler/${fjordvik}/rediger`)
      .type('form')
      .send(form({ ...(await edited()), action: 'lagre' }))
      .expect(403);
    await utenfor.get(`/avtaler/${fjordvik}/send`).expect(403);
    await utenfor
      .post(`/avtaler/${fjordvik}/send`)
      .type('form')
      .send(form({ comment: '' }))
      .expect(403);
    await utenfor.post(`/api/agreements/${fjordvik}/submit`).send({}).expect(403);
    const approve = await utenfor
      .post('/api/agreements/fjordvik-ramme/approvals')
      .send({ role: 'Direktør', party: 'nav-fjordvik' })
      .expect(403);
    expect(approve.body.error).toContain('Du representerer ingen av partene');
    const approvalPage = await utenfor.get('/avtaler/sideskjema-ramme/godkjenn').expect(200);
    expect(approvalPage.text).toContain('Du representerer ingen av partene som godkjenner denne avtalen');
    const created = await utenfor
      .post('/api/agreements')
      .send({
        template: 'ramme',
        answers: rammeAnswers({ id: 'utenfor-ramme', county: 'Fjordvik' }),
        reason: 'x',
      })
      .expect(403);
    expect(created.body.error).toContain('Du kan ikke lage denne avtalen: den gjelder Fjordvik');
    const form403 = await utenfor
      .post('/ny/ramme')
      .type('form')
      .send(
        form({
          ...asFormFields(rammeAnswers({ id: 'utenfor-ramme', county: 'Fjordvik' })),
          ...saveFields,
          action: 'lagre',
        }),
      )
      .expect(403);
    expect(form403.text).toContain('href="#f-county"');
    expect(head()).toBe(before);
    expect(git(server.dataDir, 'status', '--porcelain')).toBe('');
  });

  it('Kari cannot approve for the county', async () => {
    const before = head();
    const res = await kari
      .post('/api/agreements/fjordvik-ramme/approvals')
      .send({ role: 'Direktør', party: 'fjordvik-fk' })
      .expect(403);
    expect(res.body.error).toContain('ikke for Fjordvik fylkeskommune');
    expect(head()).toBe(before);
  });

  it('refuses an author in a JSON body or a form: the author is always the signed-in person', async () => {
    const before = head();
    const author = { name: 'Ola Nordmann', email: 'ola@fjordvik.example' };
    const put = await kari
      .put(`/api/agreements/${fjordvik}`)
      .send({ ...(await edited()), author })
      .expect(400);
    expect(put.body.error).toContain('Ukjente felt: «author»');
    await kari.post(`/api/agreements/${fjordvik}/submit`).send({ author }).expect(400);
    const page = await kari
      .post('/ny/ramme')
      .type('form')
      .send(
        form({
          ...asFormFields(rammeAnswers({ id: 'forfatter-ramme' })),
          ...saveFields,
          authorName: author.name,
          authorEmail: author.email,
          action: 'lagre',
        }),
      )
      .expect(422);
    expect(page.text).toContain('Ukjent felt «authorName»');
    expect(head()).toBe(before);
  });
});

describe('with anonymous reading (GJERDE_ANONYMOUS_READ=1)', () => {
  let open: TestGjerde;
  beforeAll(async () => {
    open = await startTestGjerde({ env: { GJERDE_ANONYMOUS_READ: '1' } });
  });
  afterAll(async () => {
    await open.stop();
  });

  it('shows the approval state and asks the reader to sign in to approve; writes still need signing in', async () => {
    const editor = await open.as('kari');
    await editor
      .post('/api/agreements')
      .send({ template: 'ramme', answers: rammeAnswers(), reason: 'Første utkast' })
      .expect(201);
    await editor.post('/api/agreements/testfylket-ramme/submit').send({}).expect(200);
    const page = await request(open.app).get('/avtaler/testfylket-ramme/godkjenn').expect(200);
    expect(page.text).toContain('Venter');
    expect(page.text).toContain(
      '<a class="ds-link" href="/logg-inn?neste=%2Favtaler%2Ftestfylket-ramme%2Fgodkjenn">Logg inn</a> for å godkjenne',
    );
    expect(page.text).not.toContain('name="party"');
    await request(open.app).get('/ny').expect(303);
    await request(open.app)
      .post('/api/agreements/fjordvik-ramme/approvals')
      .send({ role: 'Direktør', party: 'nav-fjordvik' })
      .expect(401);
  });
});
