import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { openApiDocument } from '../../src/web/openapi.js';
import { ensurePersona, testPassword } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { routesOf } from '../security/routes.js';

/** The OpenAPI document against the app's real routes (Express 5's router stack) and real answers. */

let server: Awaited<ReturnType<typeof startTestGjerde>>;

beforeAll(async () => {
  server = await startTestGjerde();
});
afterAll(async () => {
  await server.stop();
});

/** Every route of the app as `METHOD /path/{param}` (OpenAPI's notation). */
function routes(app: express.Express): string[] {
  return routesOf(app).map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
}

function documented(): string[] {
  return Object.entries(openApiDocument.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

type Schema = {
  $ref?: string;
  type?: string | readonly string[];
  properties?: Record<string, Schema>;
  required?: readonly string[];
  items?: Schema;
  enum?: readonly unknown[];
  oneOf?: readonly Schema[];
};

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = (openApiDocument.components.schemas as Record<string, Schema>)[name];
  if (!target) throw new Error(`unknown schema ${schema.$ref}`);
  return target;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A small checker of the keywords the document uses: type, required, properties, items, enum, oneOf, $ref. */
function check(value: unknown, schema: Schema, path = '$'): string[] {
  const s = resolve(schema);
  if (s.oneOf) {
    const fits = s.oneOf.some((option) => check(value, option, path).length === 0);
    return fits ? [] : [`${path}: fits none of oneOf`];
  }
  const problems: string[] = [];
  if (s.type !== undefined) {
    const allowed = Array.isArray(s.type) ? s.type : [s.type];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number')))
      return [`${path}: ${actual}, expected ${allowed.join('|')}`];
  }
  if (s.enum && !s.enum.includes(value)) problems.push(`${path}: ${String(value)} not in enum`);
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of s.required ?? []) if (!(name in object)) problems.push(`${path}.${name}: missing`);
    for (const [name, sub] of Object.entries(s.properties ?? {}))
      if (name in object) problems.push(...check(object[name], sub, `${path}.${name}`));
  }
  if (Array.isArray(value) && s.items) {
    const items = s.items;
    value.forEach((item, i) => {
      problems.push(...check(item, items, `${path}[${i}]`));
    });
  }
  return problems;
}

function responseSchema(path: string, method: string, status: string): Schema {
  const operation = (
    openApiDocument.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>
  )[path]?.[method];
  const response = operation?.responses[status] as
    | { content: { 'application/json': { schema: Schema } } }
    | undefined;
  if (!response) throw new Error(`${method} ${path} ${status} is not documented`);
  return response.content['application/json'].schema;
}

describe('OpenAPI document', () => {
  it('is served as OpenAPI 3.1 at /api/openapi.json', async () => {
    const res = await request(server.app).get('/api/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.title).toBe('Gjerde API');
    expect(Object.keys(res.body.paths)).toContain('/api/lookup');
  });

  it('documents every /api route of the app, and documents no path the app lacks', () => {
    const real = routes(server.app);
    const api = real.filter((route) => route.split(' ')[1]?.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(10);
    // The walk sees mounted routers too: /api/agreements comes from the router mounted at /api.
    expect(api).toContain('GET /api/agreements/{id}');
    expect(api).toContain('POST /api/agreements/{id}/approvals');
    // The page /api/dokumentasjon is HTML, not part of the JSON API.
    const undocumented = api.filter(
      (route) => route !== 'GET /api/dokumentasjon' && !documented().includes(route),
    );
    expect(undocumented).toEqual([]);
    const missing = documented().filter((route) => !real.includes(route));
    expect(missing).toEqual([]);
  });

  it('says how each operation is authenticated, with the CSRF header on every change by a signed-in person', () => {
    expect(openApiDocument.components.securitySchemes.cookieAuth).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'gjerde.sid',
    });
    const open = [
      'GET /healthz',
      'GET /api/openapi.json',
      'GET /api/session',
      'POST /api/session',
      'DELETE /api/session',
    ];
    for (const [path, methods] of Object.entries(openApiDocument.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const route = `${method.toUpperCase()} ${path}`;
        const { security, responses } = operation as {
          security: unknown[];
          responses: Record<string, unknown>;
        };
        const parameters = (
          (operation as { parameters?: { name: string; in: string }[] }).parameters ?? []
        ).map((parameter) => `${parameter.in} ${parameter.name}`);
        if (route === 'POST /api/sync') {
          expect(security).toEqual([{ webhookBearer: [] }, { webhookGitlab: [] }]);
        } else if (open.includes(route)) {
          expect([route, security]).toEqual([route, []]);
        } else {
          expect([route, security]).toEqual([route, [{ cookieAuth: [] }]]);
          expect([route, Object.keys(responses)]).toEqual([route, expect.arrayContaining(['401', '403'])]);
          expect([route, parameters.includes('header X-CSRF-Token')]).toEqual([route, method !== 'get']);
        }
      }
    }
  });

  it('takes no author from a body: the signed-in person is the author and the approver', () => {
    const bodies = JSON.stringify(
      Object.values(openApiDocument.paths).flatMap((methods) =>
        Object.values(methods).map(
          (operation) => (operation as { requestBody?: unknown }).requestBody ?? null,
        ),
      ),
    );
    expect(bodies).not.toContain('"author"');
    const approve = openApiDocument.paths['/api/agreements/{id}/approvals']?.post;
    const approval = approve?.requestBody?.content['application/json'].schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(approval.properties)).toEqual(['role', 'party', 'date', 'comment', 'rev']);
    expect(approval.required).toEqual(['role', 'party']);
  });

  it('gives every operation an error schema { error } for its error statuses and resolvable references', () => {
    const text = JSON.stringify(openApiDocument);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g))
      expect(Object.keys(openApiDocument.components.schemas)).toContain(name);
    for (const [path, methods] of Object.entries(openApiDocument.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          const schema = (response as { content: { 'application/json': { schema: Schema } } }).content[
            'application/json'
          ].schema;
          expect(`${method} ${path} ${status} ${schema.$ref}`).toBe(
            `${method} ${path} ${status} #/components/schemas/Error`,
          );
        }
      }
    }
    expect(openApiDocument.components.schemas.Error?.required).toEqual(['error']);
  });
});

describe('real answers fit their schemas', () => {
  /** Reading needs a signed-in person (anyone): Lise, who has no role. */
  const cases: Array<[string, string, string, number]> = [
    ['/api/agreements', '/api/agreements', 'get', 200],
    ['/api/agreements/fjordvik-ramme', '/api/agreements/{id}', 'get', 200],
    ['/api/agreements/fjordvik-ramme?at=2018-06-01', '/api/agreements/{id}', 'get', 200],
    ['/api/lookup?q=fikk%20ikke%20l%C3%A6replass%2C%2019%20%C3%A5r', '/api/lookup', 'get', 200],
    ['/api/national?q=hvem%20betaler%20arbeidskl%C3%A6r', '/api/national', 'get', 200],
    [
      '/api/national?agreement=fjordvik-ramme&clause=uten-laereplass&at=2022-06-01',
      '/api/national',
      'get',
      200,
    ],
    ['/api/national?situation=sluttet&q=slutta', '/api/national', 'get', 400],
    ['/api/agreements/fjordvik-ramme/history', '/api/agreements/{id}/history', 'get', 200],
    [
      '/api/agreements/fjordvik-ramme/compare?from=2017-06-01&to=2025-09-01',
      '/api/agreements/{id}/compare',
      'get',
      200,
    ],
    [
      '/api/agreements/fjordvik-ramme/clauses/uten-laereplass/history',
      '/api/agreements/{id}/clauses/{clauseId}/history',
      'get',
      200,
    ],
    ['/api/reviews', '/api/reviews', 'get', 200],
    ['/api/cases', '/api/cases', 'get', 200],
    ['/api/cases?status=alle', '/api/cases', 'get', 200],
    ['/api/cases/2026-zzzzz', '/api/cases/{id}', 'get', 404],
    ['/api/agreements/fjordvik-ramme/approvals', '/api/agreements/{id}/approvals', 'get', 200],
    ['/api/session', '/api/session', 'get', 200],
    ['/healthz', '/healthz', 'get', 200],
    ['/api/agreements/finnes-ikke', '/api/agreements/{id}', 'get', 404],
    ['/api/agreements/fjordvik-ramme?at=2018-13-45', '/api/agreements/{id}', 'get', 400],
    ['/api/lookup?q=', '/api/lookup', 'get', 400],
    ['/api/admin/users', '/api/admin/users', 'get', 403],
  ];
  let reader: Awaited<ReturnType<typeof server.as>>;
  beforeAll(async () => {
    reader = await server.as('leser');
  });
  it.each(cases)('GET %s', async (url, path, method, status) => {
    const res = await reader.get(url).expect(status);
    expect(check(res.body, responseSchema(path, method, String(status)))).toEqual([]);
  });

  it('401 without a session, and the session answers, fit too', async () => {
    const anonymous = await request(server.app).get('/api/agreements').expect(401);
    expect(check(anonymous.body, responseSchema('/api/agreements', 'get', '401'))).toEqual([]);
    await ensurePersona(server.gjerde.accounts, 'admin');
    const signIn = await request(server.app)
      .post('/api/session')
      .send({ username: 'admin', password: testPassword })
      .expect(201);
    expect(check(signIn.body, responseSchema('/api/session', 'post', '201'))).toEqual([]);
    const wrong = await request(server.app)
      .post('/api/session')
      .send({ username: 'admin', password: 'feil passord' })
      .expect(401);
    expect(check(wrong.body, responseSchema('/api/session', 'post', '401'))).toEqual([]);
    const admin = await server.as('admin');
    const users = await admin.get('/api/admin/users').expect(200);
    expect(check(users.body, responseSchema('/api/admin/users', 'get', '200'))).toEqual([]);
    const added = await admin
      .post('/api/admin/users')
      .send({ username: 'ny-bruker', name: 'Ny Bruker', email: 'ny@fjordvik.example', roles: ['redaktor'] })
      .expect(201);
    expect(check(added.body, responseSchema('/api/admin/users', 'post', '201'))).toEqual([]);
  });

  it('a change without the CSRF header is the documented 403', async () => {
    await ensurePersona(server.gjerde.accounts, 'redaktor');
    const agent = request.agent(server.app);
    await agent.post('/api/session').send({ username: 'redaktor', password: testPassword }).expect(201);
    const refused = await agent.post('/api/check').send({ markdown: '# Tom' }).expect(403);
    expect(check(refused.body, responseSchema('/api/check', 'post', '403'))).toEqual([]);
  });

  it('the checker does catch an answer that does not fit', () => {
    expect(check({ results: [] }, responseSchema('/api/lookup', 'get', '200'))).toContain('$.date: missing');
    expect(check({ error: 3 }, { $ref: '#/components/schemas/Error' })).toEqual([
      '$.error: integer, expected string',
    ]);
  });
});

describe('readable documentation page', () => {
  it('renders the same document in Norwegian at /api/dokumentasjon', async () => {
    const res = await request(server.app).get('/api/dokumentasjon').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="nb">');
    expect(res.text).toContain('API-dokumentasjon');
    for (const path of Object.keys(openApiDocument.paths)) expect(res.text).toContain(path);
    expect(res.text).toContain('Hvem har ansvaret?');
    expect(res.text).toContain('Parametere');
    expect(res.text).toContain('href="/api/openapi.json"');
  });
});
