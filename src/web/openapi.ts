import { agreementKinds } from '../format/vocabulary.js';

/**
 * The HTTP API described as OpenAPI 3.1: served at `GET /api/openapi.json` and rendered as the page
 * `/api/dokumentasjon` (src/web/routes/docs.ts). test/e2e/openapi.test.ts checks it against the app's
 * real routes, so a route added without documentation (or documented without a route) fails the tests.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const nullableStr: Schema = { type: ['string', 'null'] };
const date: Schema = { type: 'string', format: 'date', description: 'YYYY-MM-DD' };
const nullableDate: Schema = { type: ['string', 'null'], format: 'date' };
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  description: string;
  schema: Schema;
}

const idParam: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Avtalens id, f.eks. «fjordvik-ramme».',
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
};
const clauseParam: Parameter = {
  name: 'clauseId',
  in: 'path',
  required: true,
  description: 'Punktets stabile id, f.eks. «uten-laereplass».',
  schema: str,
};
const query = (name: string, description: string, schema: Schema = str): Parameter => ({
  name,
  in: 'query',
  description,
  schema,
});
const revOrDate = { type: 'string', pattern: '^([0-9a-f]{4,40}|\\d{4}-\\d{2}-\\d{2})$' };

const errorStatuses: Record<string, string> = {
  '400': 'Ugyldig forespørsel (feil id, revisjon, dato eller et parameter gitt to ganger).',
  '404': 'Fant ikke avtalen, revisjonen eller en versjon i kraft på datoen.',
  '409': 'Konflikt, f.eks. en id som finnes, eller teksten er endret siden.',
  '413': 'Forespørselen er for stor (over 200 kB).',
  '422': 'Avtalen eller svarene er ugyldige, eller inneholder et fødselsnummer.',
  '401': 'Feil eller manglende hemmelighet.',
  '403': 'Slått av, eller lesekopi som ikke tar imot endringer.',
  '502': 'Synkroniseringen feilet.',
};

function json(description: string, schema: Schema) {
  return { description, content: { 'application/json': { schema } } };
}

interface Operation {
  summary: string;
  description?: string;
  parameters?: Parameter[];
  body?: Schema;
  ok: { status: string; description: string; schema: Schema };
  errors: string[];
  tag: string;
}

function operation(op: Operation) {
  const responses: Record<string, unknown> = { [op.ok.status]: json(op.ok.description, op.ok.schema) };
  for (const status of op.errors) responses[status] = json(errorStatuses[status] ?? 'Feil', ref('Error'));
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: op.body },
              'application/x-www-form-urlencoded': { schema: op.body },
            },
          },
        }
      : {}),
    responses,
  };
}

const author = obj({ name: str, email: { type: 'string', format: 'email' } });

const schemas: Record<string, Schema> = {
  Error: {
    ...obj(
      {
        error: { type: 'string', description: 'Feilmelding på norsk.' },
        messages: arrayOf(ref('Message')),
        problems: arrayOf(obj({ variable: str, message: str })),
      },
      ['error'],
    ),
  },
  Message: obj(
    {
      line: { type: 'integer' },
      column: { type: 'integer' },
      severity: { type: 'string', enum: ['error', 'warning', 'info'] },
      rule: str,
      message: str,
    },
    ['severity', 'message'],
  ),
  Party: obj({ id: str, name: str }),
  Revision: obj({ rev: { type: 'string', pattern: '^[0-9a-f]{40}$' }, date: str, author: str, reason: str }, [
    'rev',
    'date',
    'author',
  ]),
  AgreementSummary: obj(
    {
      id: str,
      title: str,
      kind: { type: 'string', enum: Object.keys(agreementKinds) },
      county: str,
      example: { type: 'boolean' },
      parties: arrayOf(ref('Party')),
      status: str,
      validFrom: nullableDate,
      validTo: nullableDate,
      reviewBy: nullableDate,
      reviewDue: { type: 'boolean' },
      inForce: { type: ['object', 'null'] },
      latest: { type: 'object' },
    },
    ['id', 'title', 'kind', 'county', 'parties', 'status', 'validFrom', 'inForce', 'latest'],
  ),
  AgreementList: obj({ agreements: arrayOf(ref('AgreementSummary')) }),
  Clause: obj(
    {
      id: str,
      title: str,
      status: { type: 'string', enum: ['settled', 'grey'] },
      owner: str,
      supporting: arrayOf(str),
      escalation: str,
      text: str,
      markdown: str,
    },
    ['id', 'title', 'status', 'text'],
  ),
  AgreementVersion: obj(
    {
      id: str,
      revision: ref('Revision'),
      meta: obj({ id: str, title: str, kind: str, status: str }),
      clauses: arrayOf(ref('Clause')),
      glossary: arrayOf(obj({ term: str, definition: str }, ['term'])),
      markdown: str,
    },
    ['id', 'revision', 'meta', 'clauses', 'markdown'],
  ),
  LookupResult: obj(
    {
      agreementId: str,
      agreementTitle: str,
      clauseId: str,
      clauseTitle: str,
      status: { type: 'string', enum: ['settled', 'grey'] },
      owner: { oneOf: [ref('Party'), { type: 'null' }] },
      supporting: arrayOf(ref('Party')),
      contact: { type: ['object', 'null'] },
      escalation: nullableStr,
      text: str,
      validity: obj({ from: nullableDate, to: nullableDate }),
      permalink: str,
      score: { type: 'number' },
    },
    ['agreementId', 'clauseId', 'clauseTitle', 'status', 'owner', 'permalink', 'validity'],
  ),
  LookupAnswer: obj(
    {
      date,
      isToday: { type: 'boolean' },
      question: { type: 'object' },
      filters: { type: 'object' },
      results: arrayOf(ref('LookupResult')),
      escalation: arrayOf(obj({ agreementId: str, to: str }, ['agreementId'])),
      message: nullableStr,
    },
    ['date', 'isToday', 'results', 'escalation', 'message'],
  ),
  History: obj(
    {
      id: str,
      title: str,
      today: date,
      current: nullableStr,
      latest: str,
      revisions: arrayOf(
        obj(
          {
            rev: str,
            date: str,
            author: str,
            reason: str,
            kind: { type: 'string', enum: ['draft', 'approved', 'retired', 'deleted'] },
            inForce: arrayOf(obj({ from: date, to: nullableDate })),
            links: { type: 'object' },
          },
          ['rev', 'date', 'author', 'kind', 'inForce'],
        ),
      ),
    },
    ['id', 'latest', 'revisions'],
  ),
  Compare: obj(
    {
      id: str,
      title: str,
      from: { type: 'object' },
      to: { type: 'object' },
      between: arrayOf({ type: 'object' }),
      summary: obj(
        {
          responsibility: arrayOf(obj({ clauseId: str, text: str }, ['text'])),
          clauses: arrayOf({ type: 'object' }),
          identical: { type: 'boolean' },
        },
        ['responsibility', 'clauses'],
      ),
      redline: obj(
        {
          status: { type: 'string', enum: ['identical', 'ok', 'partial', 'too-different'] },
          hunks: arrayOf({ type: 'object' }),
        },
        ['status', 'hunks'],
      ),
      links: { type: 'object' },
    },
    ['id', 'from', 'to', 'summary', 'redline'],
  ),
  ClauseHistory: obj(
    {
      agreementId: str,
      clauseId: str,
      title: str,
      present: { type: 'boolean' },
      changes: arrayOf({ type: 'object' }),
    },
    ['agreementId', 'clauseId', 'changes'],
  ),
  Integrity: obj(
    {
      intact: { type: 'boolean' },
      message: str,
      checks: arrayOf(obj({ id: str, status: str, summary: str })),
    },
    ['intact', 'message', 'checks'],
  ),
  Saved: obj({ id: str, status: str, revision: ref('Revision'), links: { type: 'object' } }, [
    'id',
    'status',
    'revision',
  ]),
  Approvals: obj({ id: str, rev: str, status: str, approvals: { type: 'object' } }),
  Checks: obj(
    { ok: { type: 'boolean' }, messages: arrayOf(ref('Message')), stats: { type: 'object' }, html: str },
    ['ok', 'messages'],
  ),
  Reviews: obj({
    date,
    horizonDays: { type: 'integer' },
    items: arrayOf(
      obj({ id: str, title: str, kind: str, date: nullableDate, text: str, href: str }, [
        'id',
        'kind',
        'text',
      ]),
    ),
  }),
  Health: obj({ status: { type: 'string', enum: ['ok'] }, head: nullableStr, date }, [
    'status',
    'head',
    'date',
  ]),
};

/** The paths, in Express notation turned into OpenAPI's `{name}`. */
const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {
  '/healthz': {
    get: operation({
      tag: 'Drift',
      summary: 'Helsesjekk',
      description: 'Tjenesten svarer, med siste commit i datalageret og dagens dato.',
      ok: { status: '200', description: 'Tjenesten er oppe.', schema: ref('Health') },
      errors: [],
    }),
  },
  '/api/agreements': {
    get: operation({
      tag: 'Avtaler',
      summary: 'Alle avtaler',
      description: 'Hver avtale med versjonen i kraft i dag (eller den nyeste når ingen er i kraft).',
      ok: { status: '200', description: 'Avtalene.', schema: ref('AgreementList') },
      errors: [],
    }),
    post: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Ny avtale fra en mal',
      description: 'Svarene sjekkes mot malens skjema. En ny avtale er alltid et utkast.',
      body: obj({ template: str, answers: { type: 'object' }, reason: str, author }, [
        'template',
        'answers',
        'reason',
        'author',
      ]),
      ok: { status: '201', description: 'Utkastet er lagret.', schema: ref('Saved') },
      errors: ['400', '409', '413', '422'],
    }),
  },
  '/api/agreements/{id}': {
    get: operation({
      tag: 'Avtaler',
      summary: 'Én avtale',
      description:
        'Nyeste versjon, eller den lagret i `rev`, eller den i kraft på datoen `at` (høyst ett av dem).',
      parameters: [
        idParam,
        query('rev', 'Revisjon (4–40 heksadesimale tegn).', { type: 'string', pattern: '^[0-9a-f]{4,40}$' }),
        query('at', 'Versjonen i kraft på datoen.', date),
      ],
      ok: { status: '200', description: 'Avtalen.', schema: ref('AgreementVersion') },
      errors: ['400', '404'],
    }),
    put: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Lagre en endring',
      description:
        'Teksten lagres som utkast. Har avtalen endret seg siden `baseRev`, flettes endringene; overlapper de, lagres ingenting (409).',
      parameters: [idParam],
      body: obj({ markdown: str, baseRev: str, reason: str, author }),
      ok: { status: '200', description: 'Lagret (eventuelt flettet).', schema: ref('Saved') },
      errors: ['400', '404', '409', '413', '422'],
    }),
  },
  '/api/agreements/{id}/submit': {
    post: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Send til godkjenning',
      parameters: [idParam],
      body: obj({ author, reason: str, rev: str }, ['author']),
      ok: { status: '200', description: 'Sendt til godkjenning.', schema: ref('Saved') },
      errors: ['400', '404', '409', '422'],
    }),
  },
  '/api/agreements/{id}/approvals': {
    get: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Godkjenninger for nyeste versjon',
      parameters: [idParam],
      ok: {
        status: '200',
        description: 'Hvem som har godkjent og hvem som mangler.',
        schema: ref('Approvals'),
      },
      errors: ['400', '404'],
    }),
    post: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Én part godkjenner',
      description: 'Den siste godkjenningen gjør versjonen godkjent (i kraft fra gyldig-fra).',
      parameters: [idParam],
      body: obj({ name: str, email: str, role: str, party: str, date, comment: str, rev: str }, [
        'name',
        'email',
        'role',
        'party',
      ]),
      ok: { status: '201', description: 'Godkjenningen er lagret.', schema: ref('Saved') },
      errors: ['400', '404', '409', '422'],
    }),
  },
  '/api/preview': {
    post: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Forhåndsvis en avtale fra en mal',
      body: obj({ template: str, answers: { type: 'object' } }, ['template']),
      ok: { status: '200', description: 'Forhåndsvisning, problemer og meldinger.', schema: ref('Checks') },
      errors: ['400', '404', '413'],
    }),
  },
  '/api/check': {
    post: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Sjekk en fil uten å lagre',
      body: obj({ markdown: str }),
      ok: {
        status: '200',
        description: 'Validatorens meldinger, statistikk og dekning.',
        schema: ref('Checks'),
      },
      errors: ['400', '413'],
    }),
  },
  '/api/reviews': {
    get: operation({
      tag: 'Utkast og godkjenning',
      summary: 'Det som trenger oppmerksomhet',
      parameters: [
        query('dager', 'Horisont i dager (0–366, standard 60).', {
          type: 'integer',
          minimum: 0,
          maximum: 366,
        }),
      ],
      ok: { status: '200', description: 'Liste over revisjoner, utløp og utkast.', schema: ref('Reviews') },
      errors: ['400'],
    }),
  },
  '/api/lookup': {
    get: operation({
      tag: 'Oppslag',
      summary: 'Hvem har ansvaret?',
      description:
        'Ansvarspunktene i avtalene i kraft på en dato som passer et spørsmål med saksbehandlerens egne ord, mest spesifikke først. Minst et spørsmål eller ett filter.',
      parameters: [
        query('q', 'Spørsmålet, f.eks. «19 år og fikk ikke læreplass» (høyst 200 tegn).', {
          type: 'string',
          maxLength: 200,
        }),
        query('at', 'Dato (standard i dag): svar fra versjonene i kraft da.', date),
        query('county', 'Fylke.'),
        query('agreement', 'Avtale-id: den avtalen og de overordnede.'),
        query('party', 'Part-id: ansvarlig, bistår eller betaler.'),
        query('age', 'Alder 0–120.', { type: 'integer', minimum: 0, maximum: 120 }),
        query('situation', 'Situasjon (fasett), f.eks. «uten-laereplass».'),
        query('limit', 'Antall svar 1–50 (standard 10).', { type: 'integer', minimum: 1, maximum: 50 }),
      ],
      ok: { status: '200', description: 'Svarene (tom liste er ikke en feil).', schema: ref('LookupAnswer') },
      errors: ['400', '422'],
    }),
  },
  '/api/agreements/{id}/history': {
    get: operation({
      tag: 'Historikk',
      summary: 'Alle revisjoner av en avtale',
      parameters: [idParam],
      ok: { status: '200', description: 'Revisjonene, nyeste først.', schema: ref('History') },
      errors: ['400', '404'],
    }),
  },
  '/api/agreements/{id}/compare': {
    get: operation({
      tag: 'Historikk',
      summary: 'Sammenlign to versjoner',
      description: 'Ansvarsendringene først, deretter endrede punkter og redline av hele filen.',
      parameters: [
        idParam,
        query('from', 'Revisjon eller dato (versjonen i kraft da).', revOrDate),
        query('to', 'Revisjon eller dato (standard: versjonen i kraft i dag).', revOrDate),
      ],
      ok: { status: '200', description: 'Sammenligningen.', schema: ref('Compare') },
      errors: ['400', '404'],
    }),
  },
  '/api/agreements/{id}/clauses/{clauseId}/history': {
    get: operation({
      tag: 'Historikk',
      summary: 'Ett punkts historikk',
      parameters: [idParam, clauseParam],
      ok: { status: '200', description: 'Revisjonene der punktet endret seg.', schema: ref('ClauseHistory') },
      errors: ['400', '404'],
    }),
  },
  '/api/admin/integrity': {
    get: operation({
      tag: 'Drift',
      summary: 'Integritetssjekk av datalageret',
      ok: { status: '200', description: 'Rapporten fra «gjerde verify».', schema: ref('Integrity') },
      errors: [],
    }),
  },
  '/api/sync': {
    post: operation({
      tag: 'Drift',
      summary: 'Webhook: synkroniser nå',
      description: 'Hemmeligheten i `Authorization: Bearer …` eller `X-Gitlab-Token`.',
      ok: { status: '200', description: 'Synkronisert.', schema: obj({ status: { type: 'object' } }) },
      errors: ['401', '403', '404', '502'],
    }),
  },
  '/api/openapi.json': {
    get: operation({
      tag: 'Drift',
      summary: 'Denne beskrivelsen (OpenAPI 3.1)',
      ok: { status: '200', description: 'OpenAPI-dokumentet.', schema: { type: 'object' } },
      errors: [],
    }),
  },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Gjerde API',
    version: '0.1.0',
    description:
      'Samarbeidsavtaler mellom NAV og fylkeskommunen: avtaler, oppslag i ansvarsdelingen, historikk, utkast og godkjenning. Alle svar er JSON; feil er `{ "error": "<melding på norsk>" }`.',
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'Avtaler', description: 'Les avtalene.' },
    { name: 'Oppslag', description: 'Hvem har ansvaret?' },
    { name: 'Historikk', description: 'Revisjoner og sammenligning.' },
    { name: 'Utkast og godkjenning', description: 'Nye avtaler, endringer og godkjenning.' },
    { name: 'Drift', description: 'Helse, integritet og synkronisering.' },
  ],
  paths,
  components: { schemas },
} as const;

export type OpenApiDocument = typeof openApiDocument;
