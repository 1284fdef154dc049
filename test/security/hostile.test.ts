/**
 * The hostile input suite: every case in `hostile-cases.ts` is answered with a clear 4xx and a Norwegian
 * message, and the data repository is exactly as before (HEAD, refs, working tree). And signing in never
 * sends anyone away from Gjerde, whatever the return path says.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import request, { type Agent } from 'supertest';
import { personalDataMessage } from '../../src/domain/personal-data.js';
import { rammeAnswers } from '../drafting/helpers.js';
import { ensurePersona, personas, testPassword } from '../helpers/accounts.js';
import { git, repositoryState } from '../helpers/git.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import {
  type Context,
  type HostileCase,
  hostileCases,
  prepare,
  refusedByAnalysis,
  type Send,
  sender,
  target,
} from './hostile-cases.js';

const server = testGjerdeWithPeople([sender]);
const editor = server.people[sender];
let context: Context;

beforeAll(async () => {
  context = await prepare(send);
});

/** What must not change: HEAD, every ref, and a clean working tree (ignored files too). */
const snapshot = () => repositoryState(server.dataDir, { ignored: true });

function call(c: HostileCase) {
  const agent = c.anonymous ? request(server.app) : editor;
  const req =
    c.method === 'GET' ? agent.get(c.path) : c.method === 'PUT' ? agent.put(c.path) : agent.post(c.path);
  if (c.forged) req.set('x-csrf-token', '');
  if (c.crossSite) req.set('sec-fetch-site', 'cross-site');
  // Raw bodies go out byte for byte (superagent would serialize a Buffer as JSON).
  if (c.raw)
    return req
      .set('Content-Type', c.raw.type)
      .serialize((body: unknown) => body as string)
      .send(c.raw.body as string);
  if (c.json !== undefined) return req.send(c.json as object);
  return req;
}

const send: Send = async (c) => {
  const res = await call(c);
  return { status: res.status, type: res.type, text: res.text };
};

const norwegian =
  /[æøåÆØÅ]|\b(inneholder|parameteren|ukjente|ikke|må|er|fant|ingen|finnes|kan|og|eller|med|til|feltet|forespørselen|avtalen)\b/i;

describe('hostile input', () => {
  // The table is built from the seeded agreement, so its length is known only after `beforeAll`;
  // the count below is checked against it.
  const placeholder: Context = {
    markdown: '---\n---\n',
    rev: '0'.repeat(40),
    draft: 'a',
    submitted: 'b',
    openCase: 'c',
    decidedCase: 'd',
  };
  const names = hostileCases(placeholder).map((c) => c.name);

  it('has at least 50 cases, each with its own name', () => {
    expect(names.length).toBeGreaterThanOrEqual(50);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(names)('%s: a clear 4xx, nothing written', async (name) => {
    const c = hostileCases(context).find((candidate) => candidate.name === name) as HostileCase;
    const before = snapshot();
    const res = await call(c);
    expect({ name, status: res.status }).toEqual({ name, status: c.status ?? expect.any(Number) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    if (c.path.startsWith('/api/')) {
      expect(res.type).toBe('application/json');
      expect(typeof res.body.error).toBe('string');
      expect(res.body.error).toMatch(norwegian);
    } else {
      expect(res.type).toBe('text/html');
      expect(res.text).toMatch(norwegian);
    }
    if (c.says) expect(res.text).toContain(c.says);
    if (c.nationalId) {
      expect(c.path.startsWith('/api/') ? JSON.stringify(res.body) : res.text).toContain(
        'Personopplysninger om ungdom hører ikke hjemme i Gjerde',
      );
      // The number is not echoed back either.
      expect(res.text).not.toContain(c.nationalId);
    }
    expect(snapshot()).toEqual(before);
    expect({} as Record<string, unknown>).not.toHaveProperty('polluted');
  });

  it('leaves no prototype polluted and no file outside the repository', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(existsSync('/tmp/gjerde-hostile-output')).toBe(false);
    expect(existsSync('/tmp/gjerde-pwned')).toBe(false);
    expect(existsSync('/tmp/gjerde-evil.md')).toBe(false);
  });

  it('says so in Norwegian when a fødselsnummer is refused', () => {
    expect(personalDataMessage).toContain('Personopplysninger om ungdom hører ikke hjemme i Gjerde');
  });
});

describe('the analysis refuses what it cannot accept, and writes nothing', () => {
  it.each(refusedByAnalysis.map((c) => [c.name, c.markdown]))('%s', async (_name, markdown) => {
    const before = snapshot();
    const res = await editor.post('/api/check').send({ markdown }).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.messages.some((message: { severity: string }) => message.severity === 'error')).toBe(
      true,
    );
    expect(res.body.html).not.toMatch(/<script|<iframe/i);
    expect(snapshot()).toEqual(before);
  });
});

describe('answers are data', () => {
  it('keeps Handlebars syntax in answers as literal text', async () => {
    const literal =
      '{{#each this}}{{constructor.constructor "return process"}}{{/each}} {{{raw}}} {{> partial}}';
    const res = await editor.post('/api/agreements').send({
      template: 'ramme',
      answers: rammeAnswers({ id: 'handlebars-ramme', escalation: literal }),
      reason: 'Svar er data',
    });
    expect(res.status).toBe(201);
    const saved = await editor.get('/api/agreements/handlebars-ramme').expect(200);
    expect(saved.body.markdown).toContain('{{#each this}}');
    expect(saved.body.markdown).toContain('{{constructor.constructor');
    expect(saved.body.markdown).toContain('{{> partial}}');
    expect({} as Record<string, unknown>).not.toHaveProperty('polluted');
  });
});

describe('signing in sends nobody away from Gjerde', () => {
  const hostileReturns = [
    '//angriper.example',
    '//angriper.example/avtaler',
    'https://angriper.example/',
    'http:angriper.example',
    '/\\angriper.example',
    '\\\\angriper.example',
    '/%2F/angriper.example',
    '/\t/angriper.example',
    ' //angriper.example',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    `/${'a'.repeat(5000)}`,
  ];
  const gjerde = 'http://gjerde.test';
  /** Where a browser on Gjerde would go: the same origin, never another. */
  const expectWithinGjerde = (location: string | undefined) => {
    expect(location).toMatch(/^\/(?![/\\])/);
    expect(new URL(location as string, gjerde).origin).toBe(gjerde);
  };

  beforeAll(async () => {
    await ensurePersona(server.gjerde.accounts, 'leser');
  });

  it.each(hostileReturns)('neste=%j', async (neste) => {
    const before = snapshot();
    // The sign-in page keeps only a path on this site as the way back.
    const agent = request.agent(server.app);
    const page = await agent.get('/logg-inn').query({ neste }).expect(200);
    const kept = /name="neste" value="([^"]*)"/.exec(page.text)?.[1] as string;
    expect(kept === '/' || kept === Handlebars.escapeExpression(neste)).toBe(true);
    expectWithinGjerde(kept);
    // Signing in with it as the way back.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const signedIn = await agent
      .post('/logg-inn')
      .type('form')
      .send({ _csrf: csrf, username: personas.leser.username, password: testPassword, neste })
      .expect(303);
    expectWithinGjerde(signedIn.headers.location);
    // Already signed in, the sign-in page sends the person on at once.
    const again = await agent.get('/logg-inn').query({ neste }).expect(303);
    expectWithinGjerde(again.headers.location);
    expect(snapshot()).toEqual(before);
  });
});

describe('agreement text is normalised before any check', () => {
  let countyEditor: Agent;
  beforeAll(async () => {
    // An editor by county (Fjordvik), not by party: moving the agreement to another county takes it out
    // of their scope.
    countyEditor = await server.as('redaktor');
  });

  const variants: Array<[string, (markdown: string) => string]> = [
    ['as it is', (markdown) => markdown],
    ['after a byte-order mark', (markdown) => `\ufeff${markdown}`],
    ['after two byte-order marks', (markdown) => `\ufeff\ufeff${markdown}`],
    ['with CRLF line endings', (markdown) => markdown.replace(/\n/g, '\r\n')],
    ['with a byte-order mark and CRLF', (markdown) => `\ufeff${markdown.replace(/\n/g, '\r\n')}`],
  ];

  it.each(variants)('an editor cannot move an agreement to another county %s', async (_name, write) => {
    const current = await countyEditor.get(`/api/agreements/${target}`).expect(200);
    const moved = (current.body.markdown as string).replace(/^fylke: .*$/m, 'fylke: Nordfylket');
    const before = snapshot();
    const res = await countyEditor.put(`/api/agreements/${target}`).send({
      markdown: write(moved),
      baseRev: current.body.revision.rev,
      reason: 'Flytter avtalen',
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('Nordfylket');
    expect(snapshot()).toEqual(before);
  });

  it('saves an edit sent with a byte-order mark and CRLF as the same text without them', async () => {
    const current = await countyEditor.get(`/api/agreements/${target}`).expect(200);
    const edited = (current.body.markdown as string).replace(/^(tittel: .*)$/m, '$1 (oppdatert)');
    const res = await countyEditor
      .put(`/api/agreements/${target}`)
      .send({
        markdown: `\ufeff${edited.replace(/\n/g, '\r\n')}`,
        baseRev: current.body.revision.rev,
        reason: 'Ny tittel',
      })
      .expect(200);
    const saved = git(server.dataDir, 'show', `${res.body.revision.rev}:avtaler/${target}.md`);
    expect(saved.startsWith('---\n')).toBe(true);
    expect(saved).not.toContain('\r');
    expect(saved).toContain('(oppdatert)');
  });
});
