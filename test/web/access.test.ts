/**
 * Who gets in: without signing in, pages send the person to the sign-in page (and back afterwards) and
 * the API answers 401; only the health check, the assets, the API documentation and signing in itself
 * are public. With `GJERDE_ANONYMOUS_READ=1` anyone may read, look up and compare, but still not write.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import request from 'supertest';
import { rammeAnswers } from '../drafting/helpers.js';
import { ensurePersona, personas, testPassword } from '../helpers/accounts.js';
import { repositoryState } from '../helpers/git.js';
import { startTestGjerde } from '../helpers/gjerde.js';

type TestGjerde = Awaited<ReturnType<typeof startTestGjerde>>;

const signInMessage = /^Du må logge inn for å bruke Gjerde\.$/;

/** Pages a person reads; each must come back after signing in. */
const readingPages = [
  '/',
  '/avtaler/fjordvik-ramme?at=2019-03-01',
  '/avtaler/fjordvik-ramme.md',
  '/oppslag?q=fikk+ikke+l%C3%A6replass&at=2019-06-01',
  '/avtaler/fjordvik-ramme/historikk',
  '/avtaler/fjordvik-ramme/sammenlign?fra=2017-03-01&til=2025-09-01',
  '/avtaler/fjordvik-ramme/punkter/uten-laereplass/historikk',
  // The approval state, for everyone who may read (the form only for approvers).
  '/avtaler/fjordvik-ot-nav/godkjenn',
];

/** Pages for editors, approvers and administrators. */
const workPages = [
  '/ny',
  '/ny/ramme',
  '/avtaler/fjordvik-ot-nav/rediger',
  '/avtaler/fjordvik-ot-nav/send',
  '/admin/integritet',
];

const readingApi = [
  '/api/agreements',
  '/api/agreements/fjordvik-ramme?at=2018-06-01',
  '/api/agreements/fjordvik-ramme/history',
  '/api/agreements/fjordvik-ramme/compare?from=2017-03-01&to=2025-09-01',
  '/api/agreements/fjordvik-ramme/clauses/uten-laereplass/history',
  '/api/lookup?q=fikk+ikke+l%C3%A6replass',
  '/api/agreements/fjordvik-ot-nav/approvals',
  '/api/reviews',
];

const draft = { template: 'ramme', answers: rammeAnswers({ id: 'anonym-ramme' }), reason: 'Utkast' };

/** Every kind of change, as JSON to the API and as forms to the pages. */
function writes(current: string, rev: string) {
  const markdown = current.replace('\n## ', '\nEn ny setning.\n\n## ');
  return [
    { method: 'post', path: '/api/agreements', json: draft },
    { method: 'put', path: '/api/agreements/fjordvik-ramme', json: { markdown, baseRev: rev, reason: 'x' } },
    { method: 'post', path: '/api/agreements/fjordvik-ot-nav/submit', json: {} },
    {
      method: 'post',
      path: '/api/agreements/fjordvik-ot-nav/approvals',
      json: { role: 'Direktør', party: 'nav-fjordvik' },
    },
    { method: 'post', path: '/ny/ramme', form: { action: 'lagre', reason: 'Utkast', id: 'anonym-ramme' } },
    { method: 'post', path: '/avtaler/fjordvik-ramme/rediger', form: { markdown, reason: 'x' } },
    { method: 'post', path: '/avtaler/fjordvik-ot-nav/send', form: { reason: 'Ferdig' } },
    { method: 'post', path: '/avtaler/fjordvik-ot-nav/godkjenn', form: { role: 'Direktør' } },
  ] as const;
}

/** Sends every write without a session: the API says 401, a form is sent to the sign-in page. */
async function expectWritesRefused(server: TestGjerde) {
  const current = await server.gjerde.agreements.get('fjordvik-ramme');
  const before = repositoryState(server.dataDir);
  for (const write of writes(current.markdown, current.revision.rev)) {
    const req = request(server.app)[write.method](write.path);
    const res = await ('json' in write ? req.send(write.json) : req.type('form').send(write.form));
    if (write.path.startsWith('/api/')) {
      expect({ path: write.path, status: res.status }).toEqual({ path: write.path, status: 401 });
      expect(res.body.error).toMatch(signInMessage);
    } else {
      expect({ path: write.path, status: res.status }).toEqual({ path: write.path, status: 303 });
      expect(res.headers.location).toMatch(/^\/logg-inn\?neste=/);
    }
  }
  expect(repositoryState(server.dataDir)).toEqual(before);
}

describe('without signing in', () => {
  let server: TestGjerde;

  beforeAll(async () => {
    server = await startTestGjerde();
    await ensurePersona(server.gjerde.accounts, 'leser');
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([...readingPages, ...workPages, '/finnes-ikke'])(
    'GET %s sends the person to the sign-in page, with the way back',
    async (path) => {
      const res = await request(server.app).get(path).expect(303);
      expect(res.headers.location).toBe(`/logg-inn?neste=${encodeURIComponent(path)}`);
    },
  );

  it.each(readingApi)('GET %s answers 401 with a Norwegian message', async (path) => {
    const res = await request(server.app)
      .get(path)
      .expect(401)
      .expect('content-type', /^application\/json/);
    expect(res.body).toEqual({ error: expect.stringMatching(signInMessage) });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses every write, and writes nothing', async () => {
    await expectWritesRefused(server);
    // What was refused was the missing sign-in: the same draft from a signed-in editor is saved.
    const editor = await server.as('kari');
    await editor.post('/api/agreements').send(draft).expect(201);
  });

  it('serves the health check, the assets, the API documentation and the sign-in page', async () => {
    await request(server.app).get('/healthz').expect(200);
    await request(server.app).get('/assets/gjerde.css').expect(200);
    await request(server.app).get('/api/openapi.json').expect(200);
    await request(server.app).get('/api/dokumentasjon').expect(200);
    const signIn = await request(server.app).get('/logg-inn').expect(200);
    expect(signIn.text).toContain('<html lang="nb">');
    expect(signIn.text).toContain('Logg inn i Gjerde');
  });

  it('signing in on the page leads back to the page the person asked for', async () => {
    const path = '/avtaler/fjordvik-ramme/sammenlign?fra=2017-03-01&til=2025-09-01';
    const agent = request.agent(server.app);
    const { location } = (await agent.get(path).expect(303)).headers;
    const page = await agent.get(location as string).expect(200);
    // The form carries the way back and the session's CSRF token.
    expect(page.text).toContain(`name="neste" value="${Handlebars.escapeExpression(path)}"`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const signedIn = await agent
      .post('/logg-inn')
      .type('form')
      .send({ _csrf: csrf, username: personas.leser.username, password: testPassword, neste: path })
      .expect(303);
    expect(signedIn.headers.location).toBe(path);
    const res = await agent.get(path).expect(200);
    expect(res.text).toContain(
      'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    );
  });

  it('after signing out, the same cookie reads nothing', async () => {
    const agent = await server.as('leser');
    await agent.get('/api/agreements').expect(200);
    await agent.post('/logg-ut').expect(303).expect('location', '/logg-inn?utlogget=1');
    await agent.get('/api/agreements').expect(401);
    await agent.get('/').expect(303).expect('location', '/logg-inn?neste=%2F');
  });
});

describe('with anonymous reading (GJERDE_ANONYMOUS_READ=1)', () => {
  let server: TestGjerde;

  beforeAll(async () => {
    server = await startTestGjerde({ env: { GJERDE_ANONYMOUS_READ: '1' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(readingPages)('anyone may read %s', async (path) => {
    await request(server.app).get(path).expect(200);
  });

  it.each(readingApi)('anyone may ask %s', async (path) => {
    await request(server.app).get(path).expect(200);
  });

  it('reads, looks up and compares with the same answers as for a signed-in person', async () => {
    const lookup = await request(server.app)
      .get('/api/lookup')
      .query({ q: 'fikk ikke læreplass', at: '2019-06-01' })
      .expect(200);
    expect(lookup.body.results[0]).toMatchObject({
      agreementId: 'fjordvik-ramme',
      clauseId: 'uten-laereplass',
      owner: { id: 'nav-fjordvik' },
    });
    const compare = await request(server.app)
      .get('/api/agreements/fjordvik-ramme/compare?from=2017-03-01&to=2025-09-01')
      .expect(200);
    expect(compare.body.summary.responsibility.map((sentence: { text: string }) => sentence.text)).toContain(
      'Lærling uten læreplass: ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik',
    );
    const history = await request(server.app).get('/api/agreements/fjordvik-ramme/history').expect(200);
    expect(history.body.revisions).toHaveLength(13);
  });

  it.each(workPages)('GET %s still needs signing in', async (path) => {
    const res = await request(server.app).get(path).expect(303);
    expect(res.headers.location).toBe(`/logg-inn?neste=${encodeURIComponent(path)}`);
  });

  it('still refuses every write without signing in, and writes nothing', async () => {
    await expectWritesRefused(server);
    await request(server.app).get('/api/admin/integrity').expect(401);
  });
});
