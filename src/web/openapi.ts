import { roles } from '../access/principal.js';
import { agreementKinds } from '../format/vocabulary.js';
import { notCoveredReasons } from '../lookup/not-covered.js';
import { emptyReasons, maxQuestionLength } from '../lookup/search.js';
import { uncertainReasons } from '../lookup/uncertainty.js';

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

/** A lookup result's, a county comparison's and an agreement's warning of a text no recorded approval gave. */
const approvalWarning: Schema = {
  oneOf: [
    obj(
      {
        message: str,
        detail: str,
        changedIn: obj({ rev: str, date: str, author: str }),
        approved: { oneOf: [obj({ rev: str, date: str }), { type: 'null' }] },
        changed: {
          type: 'array',
          items: str,
          description:
            'Hva som er endret siden den siste registrerte godkjenningen: clauses, parties, county, area, kind, period, escalation, contacts, signatories, example, glossary.',
        },
        clause: {
          ...obj(
            {
              changed: { type: 'boolean' },
              lastApproved: { oneOf: [str, { type: 'null' }] },
              outside: arrayOf(str),
            },
            ['changed', 'lastApproved'],
          ),
          description:
            'Bare på oppslagets svar: om ansvarspunktet er endret siden den siste registrerte godkjenningen (alle er det når noe utenfor punktene er endret: parter, fylke, gyldighet, eskalering, kontakter), hva den godkjente teksten sa om det («Ansvarlig OT Sørholm»; null når punktet ikke fantes), og endringene utenfor punktene i ord.',
        },
      },
      ['message', 'detail', 'changedIn', 'approved'],
    ),
    { type: 'null' },
  ],
  description:
    'Null når partenes godkjenning av denne teksten er registrert. Ellers står avtalen som godkjent i fila, men ingen godkjenning er registrert for ansvarspunktene og opplysningene (parter, fylke, gyldighet, eskalering, kontakter …) slik de står: hvem som ga dem denne teksten i hvilken revisjon, og den siste registrerte godkjenningen (av en annen tekst; null når ingen er registrert).',
};

/** An agreement's page and history: a county that was split, its successors and who continues what. */
const succession: Schema = {
  oneOf: [
    obj(
      {
        kind: { type: 'string', enum: ['split', 'continued'] },
        text: str,
        county: str,
        countyParty: str,
        splitOn: date,
        successors: arrayOf(str),
        replacedBy: arrayOf(obj({ county: str, agreementId: str, title: str, from: date })),
        continues: str,
      },
      ['kind', 'text', 'county', 'countyParty', 'splitOn', 'successors', 'replacedBy'],
    ),
    { type: 'null' },
  ],
  description:
    'Null når ingen deling angår avtalen (felles/fylker.yaml). `split`: fylket avtalen er skrevet for, ble delt, og avtalen gjelder i hvert etterfølgerfylke til det har sin egen (`replacedBy`). `continued`: avtalen er et etterfølgerfylkes videreføring («Videreført fra … fylkeskommune, som ble delt 1. januar 2024»), av en tidligere versjon eller av avtalen den erstatter (`continues`).',
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description: string;
  schema: Schema;
}

/** A part of the address, in OpenAPI's `{name}`: always required. */
const pathParam = (name: string, description: string, schema: Schema = str): Parameter => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});
const slug: Schema = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' };
const idParam = pathParam('id', 'Avtalens id, f.eks. «fjordvik-ramme».', slug);
const clauseParam = pathParam('clauseId', 'Punktets stabile id, f.eks. «uten-laereplass».');
const caseParam = pathParam('id', 'Saksnummeret, f.eks. «2026-k3f9x».', {
  type: 'string',
  pattern: '^\\d{4}-[a-z0-9]{5}$',
});
const termParam = pathParam('term', 'Begrepet, f.eks. «OT» (store og små bokstaver likt).');
const countyParam = pathParam('county', 'Fylket, f.eks. «Fjordvik» eller «sorholm».');
const contactParam = pathParam('id', 'Kontaktens id i registeret, f.eks. «jon-prove».', slug);
/** What a contact is, as it is given and as it is answered. */
const contactFields: Record<string, Schema> = {
  side: { type: 'string', enum: ['fylkeskommune', 'nav'] },
  name: str,
  role: str,
  email: str,
  phone: str,
};
/** A contact as `POST` and `PUT /api/contacts/…` take it. */
const contactBody = obj(
  {
    ...contactFields,
    offices: {
      oneOf: [arrayOf(str), str],
      description: 'NAV-kontorenes id, som liste eller kommadelt.',
    },
    municipalities: {
      oneOf: [arrayOf(str), str],
      description: 'Kommuner i tillegg, som liste eller kommadelt.',
    },
  },
  ['side', 'name', 'role'],
);
const officeParam = pathParam('office', 'NAV-kontorets id i registeret, f.eks. «nav-strandby».', slug);
/** A NAV office as `POST` and `PUT /api/contacts/{county}/offices…` take it. */
const officeBody = obj(
  {
    name: str,
    municipalities: {
      oneOf: [arrayOf(str), str],
      description: 'Kommunene kontoret dekker, som liste eller kommadelt.',
    },
    id: {
      ...slug,
      description:
        'Bare for et nytt kontor: id-en kontoret har som part i avtalene. Uten den lages den av navnet. Kan ikke endres.',
    },
    reason: { ...str, description: 'Hvorfor (valgfritt): står i versjonshistorikken.' },
  },
  ['name', 'municipalities'],
);
const query = (name: string, description: string, schema: Schema = str): Parameter => ({
  name,
  in: 'query',
  description,
  schema,
});
const revOrDate = { type: 'string', pattern: '^([0-9a-f]{4,40}|\\d{4}-\\d{2}-\\d{2})$' };
const usernameParam = pathParam('username', 'Brukernavnet, f.eks. «kari».', {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9._-]{1,39}$',
});
/** Every change by a signed-in person carries the session's CSRF token (docs/security.md). */
const csrfHeader: Parameter = {
  name: 'X-CSRF-Token',
  in: 'header',
  required: true,
  description:
    'Øktens CSRF-token, fra `csrfToken` i svaret på `POST /api/session` eller `GET /api/session`. Uten det, eller med feil token: 403.',
  schema: str,
};

const errorStatuses: Record<string, string> = {
  '400': 'Ugyldig forespørsel (feil id, revisjon, dato, et ukjent felt eller et parameter gitt to ganger).',
  '401': 'Ikke logget inn, eller økten er utløpt.',
  '403':
    'Ingen tilgang: mangler rollen, avtalen er utenfor det personen er redaktør eller godkjenner for, feil eller manglende CSRF-token, et engangspassord som må byttes først, eller en lesekopi som ikke tar imot endringer.',
  '404': 'Fant ikke avtalen, revisjonen eller en versjon i kraft på datoen.',
  '409': 'Konflikt, f.eks. en id som finnes, eller teksten er endret siden.',
  '413': 'Forespørselen er for stor (over 200 kB).',
  '422': 'Avtalen eller svarene er ugyldige, eller inneholder et fødselsnummer.',
  '429': 'For mange mislykkede innlogginger for brukernavnet fra denne adressen: vent et kvarter.',
  '502': 'Synkroniseringen feilet.',
};

function json(description: string, schema: Schema) {
  return { description, content: { 'application/json': { schema } } };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The document's sections, in the order the documentation page shows them. */
const tags = [
  { name: 'Avtaler', description: 'Les avtalene.' },
  { name: 'Oppslag', description: 'Hvem har ansvaret?' },
  { name: 'Historikk', description: 'Revisjoner og sammenligning.' },
  { name: 'Saker', description: 'Uklare saker til samarbeidsutvalget, vedtak og endringer av avtalen.' },
  { name: 'Utkast og godkjenning', description: 'Nye avtaler, endringer og godkjenning.' },
  {
    name: 'Begreper og kontakter',
    description: 'Den felles begrepslisten og kontaktregisteret mellom OT og NAV-kontorene.',
  },
  { name: 'Innlogging', description: 'Økter for skript: logg inn, hvem er logget inn, logg ut.' },
  { name: 'Brukere', description: 'Lokale brukere (for administratorer).' },
  { name: 'Drift', description: 'Helse, integritet og synkronisering.' },
] as const;
type Tag = (typeof tags)[number]['name'];

interface Operation {
  summary: string;
  description?: string;
  parameters?: Parameter[];
  body?: Schema;
  ok: { status: string; description: string; schema?: Schema };
  errors: string[];
  /** Error descriptions of this operation where the general ones do not fit. */
  errorDescriptions?: Record<string, string>;
  tag: Tag;
  /**
   * `session` (default): a signed-in person, so 401 and 403 are possible and changes carry the CSRF
   * token; `none`: anyone; `webhook`: the shared secret of the sync webhook.
   */
  auth?: 'session' | 'none' | 'webhook';
}

function operation(method: Method, op: Operation) {
  const auth = op.auth ?? 'session';
  const parameters = [
    ...(op.parameters ?? []),
    ...(auth === 'session' && method !== 'get' ? [csrfHeader] : []),
  ];
  const errors = auth === 'session' ? [...new Set([...op.errors, '401', '403'])].sort() : op.errors;
  const ok = op.ok.schema
    ? json(op.ok.description, op.ok.schema)
    : { description: op.ok.description, content: {} };
  const responses: Record<string, unknown> = { [op.ok.status]: ok };
  for (const status of errors)
    responses[status] = json(op.errorDescriptions?.[status] ?? errorStatuses[status] ?? 'Feil', ref('Error'));
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: auth === 'session' ? [{ cookieAuth: [] }] : auth === 'webhook' ? webhookSecurity : [],
    ...(parameters.length > 0 ? { parameters } : {}),
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

const webhookSecurity = [{ webhookBearer: [] }, { webhookGitlab: [] }];

/** An operation as the table below writes it: `'GET /api/agreements/{id}'`, its section given once. */
type Route = `${Uppercase<Method>} /${string}`;

/** The operations by section; a path's operations may stand in several sections. */
function describePaths(sections: Array<{ tag: Tag; operations: Record<Route, Omit<Operation, 'tag'>> }>) {
  const paths: Record<string, Partial<Record<Method, ReturnType<typeof operation>>>> = {};
  for (const { tag, operations } of sections)
    for (const [route, op] of Object.entries(operations)) {
      const [verb, path] = route.split(' ') as [Uppercase<Method>, string];
      const method = verb.toLowerCase() as Method;
      paths[path] = { ...paths[path], [method]: operation(method, { ...op, tag }) };
    }
  return paths;
}

/** What removing something answers. */
const removal = { ok: { status: '204', description: 'Fjernet.' }, errors: ['404', '409'] };

const securitySchemes = {
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: 'gjerde.sid',
    description:
      'Økten fra `POST /api/session` (eller innloggingssiden). Endringer krever i tillegg øktens CSRF-token i `X-CSRF-Token`. Med `GJERDE_ANONYMOUS_READ=1` kan alle lese uten økt.',
  },
  webhookBearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'Webhookens hemmelighet (`GJERDE_WEBHOOK_SECRET`) som `Authorization: Bearer …`.',
  },
  webhookGitlab: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Gitlab-Token',
    description: 'Webhookens hemmelighet slik GitLab sender den.',
  },
} as const;

const roleEnum: Schema = { type: 'string', enum: [...roles] };
const accountFields = {
  name: str,
  email: { type: 'string', format: 'email' },
  roles: arrayOf(roleEnum),
  parties: arrayOf(str),
  counties: arrayOf(str),
};

/** Who pays, in a lookup answer and a county's row (one party, or shares). */
const costFields = {
  costBearer: {
    oneOf: [ref('Party'), { type: 'null' }],
    description:
      'Parten som betaler alt (kostnad=nav); null når kostnaden er delt (se costShares) eller ikke oppgitt.',
  },
  costShares: {
    ...arrayOf(ref('CostShare')),
    description:
      'Hvem som betaler, med andel i prosent: én part med 100, eller to eller flere som deler (kostnad="nav ot", kostnad="nav:60 ot:40"); tom når punktet ikke sier det.',
  },
};

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
  CostShare: obj(
    {
      party: ref('Party'),
      share: {
        type: 'number',
        description:
          'Partens andel i prosent: som skrevet (nav:60), eller lik del (to parter: 50; tre: 33.33).',
      },
    },
    ['party', 'share'],
  ),
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
      approvalWarning,
    },
    [
      'id',
      'title',
      'kind',
      'county',
      'parties',
      'status',
      'validFrom',
      'inForce',
      'latest',
      'approvalWarning',
    ],
  ),
  AgreementList: obj({ agreements: arrayOf(ref('AgreementSummary')) }),
  Clause: obj(
    {
      id: str,
      title: str,
      status: { type: 'string', enum: ['settled', 'grey'] },
      owner: str,
      supporting: arrayOf(str),
      costShares: {
        ...arrayOf(obj({ party: str, share: { type: 'integer' } }, ['party'])),
        description:
          'kostnad som skrevet: én part, eller flere som deler; share bare der en andel i prosent er skrevet (nav:60), ellers lik deling.',
      },
      costBearer: {
        ...str,
        description: 'Parten som betaler alt, når én part gjør det (som før delt kostnad).',
      },
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
      meta: obj(
        {
          id: str,
          title: str,
          kind: str,
          status: str,
          served: {
            ...arrayOf(str),
            description:
              'Bare lokale avtaler: kommunene avtalens NAV-kontor betjener, slik teksten sier det («NAV Djupedal er NAV-kontor for Djupedal og Li»). Et spørsmål som nevner en av dem, avgrenses til avtalens område. Mangler når teksten ikke nevner noen.',
          },
        },
        ['id', 'title', 'kind', 'status'],
      ),
      clauses: arrayOf(ref('Clause')),
      glossary: arrayOf(obj({ term: str, definition: str }, ['term'])),
      markdown: str,
      valid: {
        type: 'boolean',
        description:
          'false for a version committed outside Gjerde that the validator refuses or that lies in the wrong place: it is never in force.',
      },
      problems: arrayOf(ref('Message')),
      overlaps: {
        ...arrayOf(ref('Overlap')),
        description:
          'Når dette er en rammeavtale: en annen rammeavtale for samme fylke som gjelder samtidig (på datoen `at`, ellers fra i dag og framover), med `other` og `message`.',
      },
      approvalWarning,
      succession,
    },
    ['id', 'revision', 'meta', 'clauses', 'markdown', 'valid', 'problems'],
  ),
  LookupResult: {
    ...obj(
      {
        agreementId: str,
        agreementTitle: str,
        county: str,
        area: { ...nullableStr, description: 'En lokal avtales område («Strandby»): gjelder bare der.' },
        example: { type: 'boolean' },
        clauseId: str,
        clauseTitle: str,
        status: { type: 'string', enum: ['settled', 'grey'] },
        owner: { oneOf: [ref('Party'), { type: 'null' }] },
        supporting: arrayOf(ref('Party')),
        ...costFields,
        contact: { type: ['object', 'null'] },
        ownerContacts: {
          ...arrayOf(obj({ role: str, description: nullableStr }, ['role'])),
          description: 'Når punktet ikke har egen kontakt: avtalens kontaktroller hos den ansvarlige.',
        },
        escalation: nullableStr,
        text: { ...str, description: 'Hele punktteksten (med full=1 eller fields=text).' },
        excerpt: {
          ...str,
          description: 'Starten av punktteksten, høyst 140 tegn, avkortet mellom ord og merket «…».',
        },
        approvalWarning,
        validity: obj({ from: nullableDate, to: nullableDate }),
        today: {
          ...obj({
            status: { type: 'string', enum: ['settled', 'grey', 'gone'] },
            owner: { type: ['object', 'null'] },
          }),
          description:
            'Svar for en tidligere dato: punktet slik det er i dag, når eier eller status er endret.',
        },
        upcoming: {
          ...obj({
            from: { type: 'string', format: 'date' },
            status: { type: 'string', enum: ['settled', 'grey', 'gone'] },
            owner: { type: ['object', 'null'] },
            saved: str,
          }),
          description:
            'Svar for i dag eller senere: den første godkjente versjonen fra en senere dag som gir punktet en annen eier eller status (eller fjerner det), fra hvilken dag, og når den ble lagret.',
        },
        permalink: str,
        score: { type: 'number' },
        precedents: {
          ...arrayOf(ref('Precedent')),
          description: 'Vedtak i samarbeidsutvalget om dette punktet, gjort på eller før datoen.',
        },
        raiseHref: { ...str, description: 'Skjemaet for å melde en sak om punktet, utfylt.' },
        legalBasisRepealed: {
          ...arrayOf(str),
          description:
            'Når hjemmelen viser til en bestemmelse som var opphevet på datoen (tabellen felles/hjemler.yaml): én setning per bestemmelse, «Hjemmelen «…» er opphevet fra …; nå: …».',
        },
      },
      ['agreementId', 'clauseId', 'clauseTitle', 'status', 'owner', 'permalink', 'validity'],
    ),
    description:
      'Et kort svar som standard (de delene «fields» nevner som standard); alle delene med full=1, eller de «fields» nevner.',
  },
  CountyClause: obj(
    {
      agreementId: str,
      agreementTitle: str,
      agreementKind: { type: 'string', enum: Object.keys(agreementKinds) },
      area: { ...nullableStr, description: 'En lokal avtales område; null for en avtale for hele fylket.' },
      clauseId: str,
      clauseTitle: str,
      status: { type: 'string', enum: ['settled', 'grey'] },
      owner: { oneOf: [ref('Party'), { type: 'null' }] },
      ownerRole: {
        ...nullableStr,
        description: 'Hva slags part som har ansvaret, likt i alle fylker: «NAV», «OT», «Fylkeskommunen».',
      },
      supporting: arrayOf(ref('Party')),
      ...costFields,
      escalation: nullableStr,
      ages: { type: ['object', 'null'] },
      since: {
        ...date,
        description:
          'Første dag avtalen sa dette (samme status, ansvarlige, bistand og betaler) uten opphold; ikke datoen for siste revisjon.',
      },
      approvalWarning,
      permalink: str,
    },
    ['agreementId', 'clauseId', 'clauseTitle', 'status', 'owner', 'since', 'permalink'],
  ),
  NationalOverview: obj(
    {
      date,
      isToday: { type: 'boolean' },
      topic: obj(
        {
          kind: { type: 'string', enum: ['question', 'situation', 'clause'] },
          label: str,
          q: nullableStr,
          situation: nullableStr,
          age: { type: ['object', 'null'] },
          clause: { type: ['object', 'null'] },
          facets: arrayOf(str),
        },
        ['kind', 'label'],
      ),
      rows: arrayOf(
        obj(
          {
            county: str,
            status: { type: 'string', enum: ['settled', 'grey', 'not-covered', 'no-agreement'] },
            answer: { oneOf: [ref('CountyClause'), { type: 'null' }] },
            local: {
              ...arrayOf(ref('CountyClause')),
              description: 'Lokale avtaler i fylket som svarer annerledes for sitt område.',
            },
            key: {
              ...str,
              description:
                'Det raden sammenlignes på: eierens rolle, «uavklart», «ikke omtalt» eller «ingen avtale».',
            },
            differs: { type: 'boolean', description: 'Ulikt det de fleste fylkene gjør.' },
          },
          ['county', 'status', 'answer', 'local', 'key', 'differs'],
        ),
      ),
      common: {
        oneOf: [obj({ key: str, counties: arrayOf(str) }, ['key', 'counties']), { type: 'null' }],
        description: 'Svaret flest fylker gir (minst to, flere enn noe annet svar), eller null.',
      },
    },
    ['date', 'isToday', 'topic', 'rows', 'common'],
  ),
  LookupAnswer: obj(
    {
      date,
      isToday: { type: 'boolean' },
      question: {
        type: 'object',
        description:
          'Slik spørsmålet er tolket: alder, situasjoner (facets) og de det utelukker (notFacets), state (left/at-risk), intents (cost, contact, escalation) og date (datoen spørsmålet nevner).',
      },
      filters: { type: 'object' },
      scope: {
        ...obj(
          {
            counties: { type: ['array', 'null'], items: str },
            source: { type: 'string', enum: ['filter', 'question', 'person', 'none'] },
            area: nullableStr,
            all: { type: 'boolean' },
            withoutAgreement: {
              ...arrayOf(str),
              description: 'Fylkene blant disse som ikke hadde noen avtale i kraft på datoen.',
            },
          },
          ['counties', 'source'],
        ),
        description:
          'Hvilke fylker som svarer: valgt fylke, fylke eller NAV-kontor i spørsmålet, den innloggedes fylker, eller alle.',
      },
      results: arrayOf(ref('LookupResult')),
      elsewhere: {
        ...arrayOf(ref('LookupResult')),
        description:
          'Svar fra andre fylker, hver for seg (med scope=all, eller når eget fylke ikke har noe).',
      },
      caution: {
        type: ['object', 'null'],
        description:
          'En gråsone som passer like godt som et avklart punkt: den står først, og svaret sier det.',
      },
      uncertain: {
        type: ['object', 'null'],
        properties: {
          because: { type: 'string', enum: [...uncertainReasons] },
          message: str,
        },
        required: ['because', 'message'],
        description:
          'Svaret er usikkert: neste punkt passer nesten like godt og gir saken til en annen part (`owners-differ`). Da er ikke det første punktet svaret alene; `message` sier det til folk.',
      },
      countyNeeded: {
        type: ['object', 'null'],
        properties: {
          counties: arrayOf(
            obj({
              county: str,
              agreementId: str,
              clauseId: str,
              clauseTitle: str,
              status: { type: 'string', enum: ['settled', 'grey'] },
              owner: { oneOf: [ref('Party'), { type: 'null' }] },
            }),
          ),
        },
        required: ['counties'],
        description:
          'Fylket er ikke kjent (ikke valgt, ikke nevnt i spørsmålet, ikke på kontoen, eller flere på kontoen), og avtalene i flere fylker svarer (et fylke som er delt på datoen, som etterfølgerne): hvert fylkes beste punkt blant alle fylkenes og eieren det gir (`owner`, null for en gråsone). Spurt med `county` kan fylkets egen rangering sette et annet punkt først: vis dem som et hint, aldri som fylkets svar. Da er ikke det første punktet svaret; siden ber om fylke. Ellers null.',
      },
      notCovered: {
        type: ['object', 'null'],
        properties: {
          because: { type: 'string', enum: [...notCoveredReasons] },
          message: str,
          thing: {
            type: 'string',
            description: 'Det ingen punkt nevner, slik spørsmålet skrev det (`not-named`).',
          },
          ages: {
            type: 'object',
            properties: { covered: str, asked: str },
            required: ['covered', 'asked'],
            description: 'Alderen avtalene gjelder og alderen det spørres om, i ord (`outside-ages`).',
          },
          later: {
            type: ['object', 'null'],
            properties: { agreementId: str, clauseId: str, clauseTitle: str },
            required: ['agreementId', 'clauseId', 'clauseTitle'],
          },
        },
        required: ['because', 'message', 'later'],
        description:
          'Ingen punkt dekker spørsmålet: avtalen sa ikke noe om dette på datoen det spørres om, punktet som svarer i dag (`later`) kom inn senere (`not-yet`); eller spørsmålet er hvem som betaler noe som ingen punkt nevner i noen form, og det første punktet har ingen av spørsmålets andre emneord (`not-named`, `later` er null); eller alderen det spørres om er utenfor alle punktenes aldre (`outside-ages`). Da er `results` bare de nærmeste punktene, ikke svaret, og saken går til `escalation`; `message` sier det til folk.',
      },
      escalation: arrayOf(obj({ agreementId: str, to: str }, ['agreementId'])),
      message: nullableStr,
      emptyBecause: {
        type: ['string', 'null'],
        enum: [...emptyReasons, null],
        description:
          'Hvorfor svaret er uten punkt, for programmer: ingen avtale i kraft, bare eksempelavtaler, ingen i avgrensningen, ingen punkt passer, eller fylket det spørres om har ingen avtale i Gjerde (`message` sier det til folk).',
      },
      precedents: {
        ...arrayOf(ref('Precedent')),
        description:
          'Vedtak i samarbeidsutvalget om saker med samme situasjon, når punktet ikke er blant svarene.',
      },
      raiseHref: str,
      contacts: {
        ...arrayOf(ref('Contact')),
        description:
          'Kontaktpersoner fra kontaktregisteret: for `kommune` begge parter, ellers OTs kontakter for NAV-kontorene den innloggede arbeider for, og for en som arbeider på fylkets side (fylkeskommunen, OT, en skole) NAV-kontorenes kontakter i fylkene der avtalene har parten deres.',
      },
      overlaps: {
        ...arrayOf(ref('Overlap')),
        description:
          'To rammeavtaler for samme fylke i kraft på datoen: svarene kan komme fra begge, og svaret sier det.',
      },
    },
    [
      'date',
      'isToday',
      'scope',
      'results',
      'elsewhere',
      'caution',
      'uncertain',
      'countyNeeded',
      'notCovered',
      'escalation',
      'message',
      'emptyBecause',
      'precedents',
    ],
  ),
  GlossaryTerm: obj({ term: str, aliases: arrayOf(str), definition: str, source: str }, [
    'term',
    'aliases',
    'definition',
  ]),
  Glossary: obj(
    {
      terms: arrayOf(ref('GlossaryTerm')),
      messages: {
        ...arrayOf(ref('Message')),
        description: 'Feil i filen, når den ikke kan leses (da er `terms` tom).',
      },
    },
    ['terms', 'messages'],
  ),
  Contact: obj(
    {
      id: str,
      ...contactFields,
      offices: {
        ...arrayOf(str),
        description: 'NAV-kontorer (id): de en OT-kontakt betjener, eller det en NAV-kontakt arbeider på.',
      },
      municipalities: { ...arrayOf(str), description: 'Kommuner i tillegg til kontorenes.' },
      county: str,
      officeNames: arrayOf(str),
      serves: { ...arrayOf(str), description: 'Alle kommuner kontakten er kontakt for: egne og kontorenes.' },
      example: {
        type: 'boolean',
        description:
          'Fra et eksempelregister (oppdiktede personer). Slike kontakter er ute av oppslag når eksempelavtalene er det.',
      },
    },
    ['id', 'side', 'name', 'role', 'offices', 'municipalities'],
  ),
  NavOffice: obj({ id: str, name: str, municipalities: arrayOf(str) }, ['id', 'name', 'municipalities']),
  SavedNavOffice: obj(
    {
      id: str,
      name: str,
      municipalities: arrayOf(str),
      warnings: {
        ...arrayOf(str),
        description:
          'På norsk: kommuner som to NAV-kontorer i fylket nå dekker begge («Holm dekkes av både NAV Nordre Vik og NAV Holmsund …»). Lagret likevel.',
      },
    },
    ['id', 'name', 'municipalities', 'warnings'],
  ),
  ContactRegister: obj(
    {
      county: str,
      countyParty: str,
      example: { type: 'boolean', description: 'Lagt inn med eksempelavtalene: oppdiktede personer.' },
      offices: arrayOf(ref('NavOffice')),
      contacts: arrayOf(ref('Contact')),
    },
    ['county', 'offices', 'contacts'],
  ),
  Precedent: obj(
    {
      caseId: str,
      title: str,
      agreementId: str,
      clauseId: str,
      decided: date,
      by: str,
      text: str,
      owner: obj({ id: str, name: str }),
      sentence: str,
      incorporated: obj({ from: date, rev: str }),
      href: str,
    },
    ['caseId', 'title', 'agreementId', 'decided', 'by', 'text', 'sentence', 'href'],
  ),
  Case: obj(
    {
      id: str,
      title: str,
      status: { type: 'string', enum: ['apen', 'eskalert', 'avgjort', 'dekket'] },
      agreement: str,
      clause: nullableStr,
      county: str,
      party: str,
      raised: date,
      raisedBy: nullableStr,
      waitingDays: { type: ['integer', 'null'] },
      age: nullableStr,
      facets: arrayOf(str),
      situation: str,
      disagreement: str,
      escalation: { oneOf: [obj({ date, to: str, text: str }), { type: 'null' }] },
      decision: {
        oneOf: [obj({ date, by: str, owner: str, text: str }, ['date', 'by', 'text']), { type: 'null' }],
      },
      covered: {
        oneOf: [obj({ date, agreementId: str, clauseId: str, text: str }), { type: 'null' }],
      },
      amendment: { oneOf: [obj({ agreementId: str, rev: str, date }), { type: 'null' }] },
      href: str,
      nobodyDecides: {
        type: 'boolean',
        description:
          'Når en sak meldes og når én sak hentes: `true` når saken er åpen og ingen konto har rollen samarbeidsutvalg for avtalens fylke eller parter, så ingen kan avgjøre den ennå.',
      },
    },
    [
      'id',
      'title',
      'status',
      'agreement',
      'clause',
      'county',
      'party',
      'raised',
      'facets',
      'situation',
      'disagreement',
    ],
  ),
  CaseList: obj({ cases: arrayOf(ref('Case')) }),
  CaseWithChain: {
    allOf: [ref('Case')],
    ...obj(
      {
        chain: arrayOf(
          obj(
            {
              step: {
                type: 'string',
                enum: ['meldt', 'eskalert', 'avgjort', 'dekket', 'endret', 'godkjent', 'i-kraft'],
              },
              date,
              by: str,
              rev: str,
              agreementId: str,
              future: { type: 'boolean' },
            },
            ['step', 'date'],
          ),
        ),
      },
      ['chain'],
    ),
  },
  Amendment: obj({ agreement: str, rev: str, status: str, validFrom: date, case: ref('Case') }),
  Overlap: obj(
    {
      county: str,
      agreements: arrayOf(obj({ id: str, title: str, since: date }, ['id', 'title', 'since'])),
      from: date,
      to: date,
      message: str,
      other: obj({ id: str, title: str, href: str }, ['id', 'title', 'href']),
    },
    ['county', 'agreements', 'from'],
  ),
  OverlapWarning: obj(
    {
      message: str,
      other: obj({ id: str, title: str }, ['id', 'title']),
      county: str,
      from: date,
      to: date,
      replaces: { type: 'boolean' },
      endOtherOn: date,
    },
    ['message', 'other', 'county', 'from', 'replaces'],
  ),
  RecordedApproval: {
    type: ['object', 'null'],
    description:
      'Godkjenningene revisjonen registrerer (null for en vanlig lagring): complete når den fullfører godkjenningen og versjonen er godkjent, ellers én parts godkjenning mens andre mangler.',
    properties: {
      complete: { type: 'boolean' },
      approvals: arrayOf(
        obj(
          {
            name: { type: 'string', description: 'Hvem som godkjente.' },
            role: { type: 'string', description: 'Rollen de godkjente i («Direktør»).' },
            party: { type: 'string', description: 'Parten de godkjente for (part-id).' },
            date: date,
          },
          ['name', 'role', 'party', 'date'],
        ),
      ),
    },
    required: ['complete', 'approvals'],
  },
  History: obj(
    {
      id: str,
      title: str,
      succession,
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
            approval: ref('RecordedApproval'),
            trailers: {
              type: 'object',
              additionalProperties: arrayOf(str),
              description: 'De andre git-trailerne (Sak, Overstyrt, …); godkjenningene står i approval.',
            },
            kind: { type: 'string', enum: ['draft', 'approved', 'retired', 'deleted'] },
            inForce: arrayOf(obj({ from: date, to: nullableDate })),
            valid: {
              type: ['boolean', 'null'],
              description:
                'false: the validator refuses the version or its file lies in the wrong place (committed outside Gjerde); never in force. null for a deleted file.',
            },
            approvalWarning,
            links: { type: 'object' },
          },
          ['rev', 'date', 'author', 'kind', 'inForce', 'approvalWarning'],
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
  Saved: obj(
    {
      id: str,
      status: str,
      revision: ref('Revision'),
      links: { type: 'object' },
      overlaps: {
        ...arrayOf(ref('OverlapWarning')),
        description:
          'Rammeavtaler for samme fylke som gjelder i samme periode som denne versjonen, og hva som kan gjøres.',
      },
      replaced: {
        type: ['object', 'null'],
        description:
          'Ved godkjenning: avtalen denne erstatter («erstatter»), avsluttet dagen før denne begynner (id, end, error).',
      },
    },
    ['id', 'status', 'revision'],
  ),
  Approvals: obj({ id: str, rev: str, status: str, approvals: { type: 'object' } }),
  Checks: obj(
    { ok: { type: 'boolean' }, messages: arrayOf(ref('Message')), stats: { type: 'object' }, html: str },
    ['ok', 'messages'],
  ),
  Reviews: obj({
    date,
    horizonDays: { type: 'integer' },
    items: arrayOf(
      obj(
        {
          id: str,
          title: str,
          kind: {
            ...str,
            description:
              'review-overdue, expired, awaiting-approval, legal-basis-repealed (et punkt i kraft viser til en opphevet hjemmel), follow-up-passed (et punkt lovet oppfølging innen en dato som er passert), expires-soon, review-soon, draft.',
          },
          date: nullableDate,
          text: str,
          href: str,
        },
        ['id', 'kind', 'text'],
      ),
    ),
  }),
  SignedIn: obj(
    {
      username: str,
      name: str,
      email: str,
      roles: arrayOf(roleEnum),
      roleNames: arrayOf(str),
      parties: arrayOf(str),
      counties: arrayOf(str),
    },
    ['username', 'name', 'email', 'roles', 'parties', 'counties'],
  ),
  Session: obj(
    {
      user: ref('SignedIn'),
      mustChangePassword: { type: 'boolean' },
      csrfToken: { type: 'string', description: 'Sendes som `X-CSRF-Token` med hver endring.' },
    },
    ['user', 'mustChangePassword', 'csrfToken'],
  ),
  Account: obj(
    {
      username: str,
      ...accountFields,
      roleNames: arrayOf(str),
      mustChangePassword: { type: 'boolean' },
      created: str,
      updated: str,
    },
    ['username', 'name', 'email', 'roles', 'parties', 'counties', 'mustChangePassword'],
  ),
  AccountList: obj({ users: arrayOf(ref('Account')) }),
  AccountAnswer: obj({ user: ref('Account') }),
  AccountWithPassword: obj({
    user: ref('Account'),
    oneTimePassword: {
      type: 'string',
      description: 'Vises bare her, én gang; må byttes ved første innlogging.',
    },
  }),
  Health: obj(
    {
      status: { type: 'string', enum: ['ok', 'warning'] },
      head: nullableStr,
      date,
      warnings: { type: 'array', items: str },
    },
    ['status', 'head', 'date', 'warnings'],
  ),
};

/** The paths, in Express notation turned into OpenAPI's `{name}`, in the order they first appear. */
const paths = describePaths([
  {
    tag: 'Drift',
    operations: {
      'GET /healthz': {
        summary: 'Helsesjekk',
        description:
          'Tjenesten svarer, med siste commit i datalageret og dagens dato. «warning» med «warnings» når filer i lageret har feil eller ligger feil og derfor ikke vises som gjeldende (hver advarsel sier hvem som endret fila sist: i Gjerde eller utenom), når en avtale står som godkjent i fila på en tekst ingen registrert godkjenning ga (fila og revisjonen, ikke hvem), eller når to rammeavtaler for samme fylke gjelder samtidig i dag eller fra en senere dato (begge svarer på oppslag); se /admin/integritet.',
        ok: { status: '200', description: 'Tjenesten er oppe.', schema: ref('Health') },
        errors: [],
        auth: 'none',
      },
    },
  },
  {
    tag: 'Avtaler',
    operations: {
      'GET /api/agreements': {
        summary: 'Alle avtaler',
        description: 'Hver avtale med versjonen i kraft i dag (eller den nyeste når ingen er i kraft).',
        ok: { status: '200', description: 'Avtalene.', schema: ref('AgreementList') },
        errors: [],
      },
      'GET /api/agreements/{id}': {
        summary: 'Én avtale',
        description:
          'Nyeste versjon, eller den lagret i `rev`, eller den i kraft på datoen `at` (høyst ett av dem).',
        parameters: [
          idParam,
          query('rev', 'Revisjon (4–40 heksadesimale tegn).', {
            type: 'string',
            pattern: '^[0-9a-f]{4,40}$',
          }),
          query('at', 'Versjonen i kraft på datoen.', date),
        ],
        ok: { status: '200', description: 'Avtalen.', schema: ref('AgreementVersion') },
        errors: ['400', '404'],
      },
    },
  },
  {
    tag: 'Utkast og godkjenning',
    operations: {
      'POST /api/agreements': {
        summary: 'Ny avtale fra en mal',
        description: 'Svarene sjekkes mot malens skjema. En ny avtale er alltid et utkast.',
        body: obj({ template: str, answers: { type: 'object' }, reason: str }),
        ok: { status: '201', description: 'Utkastet er lagret.', schema: ref('Saved') },
        errors: ['400', '409', '413', '422'],
      },
      'PUT /api/agreements/{id}': {
        summary: 'Lagre en endring',
        description:
          'Teksten lagres som utkast. Har avtalen endret seg siden `baseRev`, flettes endringene; overlapper de, lagres ingenting (409).',
        parameters: [idParam],
        body: obj({ markdown: str, baseRev: str, reason: str }),
        ok: { status: '200', description: 'Lagret (eventuelt flettet).', schema: ref('Saved') },
        errors: ['400', '404', '409', '413', '422'],
      },
      'POST /api/agreements/{id}/submit': {
        summary: 'Send til godkjenning',
        parameters: [idParam],
        body: obj({ reason: str, rev: str }, []),
        ok: { status: '200', description: 'Sendt til godkjenning.', schema: ref('Saved') },
        errors: ['400', '404', '409', '422'],
      },
      'GET /api/agreements/{id}/approvals': {
        summary: 'Godkjenninger for nyeste versjon',
        parameters: [idParam],
        ok: {
          status: '200',
          description: 'Hvem som har godkjent og hvem som mangler.',
          schema: ref('Approvals'),
        },
        errors: ['400', '404'],
      },
      'POST /api/agreements/{id}/approvals': {
        summary: 'Én part godkjenner',
        description: 'Den siste godkjenningen gjør versjonen godkjent (i kraft fra gyldig-fra).',
        parameters: [idParam],
        body: obj({ role: str, party: str, date, comment: str, rev: str }, ['role', 'party']),
        ok: { status: '201', description: 'Godkjenningen er lagret.', schema: ref('Saved') },
        errors: ['400', '404', '409', '422'],
      },
      'POST /api/preview': {
        summary: 'Forhåndsvis en avtale fra en mal',
        body: obj({ template: str, answers: { type: 'object' } }, ['template']),
        ok: { status: '200', description: 'Forhåndsvisning, problemer og meldinger.', schema: ref('Checks') },
        errors: ['400', '404', '413'],
      },
      'POST /api/check': {
        summary: 'Sjekk en fil uten å lagre',
        body: obj({ markdown: str }),
        ok: {
          status: '200',
          description: 'Validatorens meldinger, statistikk og dekning.',
          schema: ref('Checks'),
        },
        errors: ['400', '413'],
      },
      'POST /api/agreements/{id}/clause-check': {
        summary: 'Sjekk ett ansvarspunkt mens det skrives, uten å lagre',
        description:
          'Feltene i punktskjemaet (som skjema eller JSON, med `baseRev` og `action: "nytt-punkt"` for et nytt punkt), lest som når punktet lagres. Punktet skrives inn i versjonen `baseRev`, og teksten sjekkes som ved lagring: validatoren, kort og klart, og en hjemmel som er opphevet mens avtalen skal gjelde. Svaret har merknadene om dette punktet; `field` er feltet en merknad gjelder (`legalBasis` for en opphevet hjemmel). Et fødselsnummer avvises (422).',
        parameters: [idParam],
        body: obj({ baseRev: str, action: str, id: str, title: str, legalBasis: str, text: str }, [
          'baseRev',
        ]),
        ok: {
          status: '200',
          description: 'Feltenes problemer og merknadene om punktet.',
          schema: obj(
            {
              ok: { type: 'boolean' },
              problems: arrayOf(obj({ variable: str, message: str })),
              messages: arrayOf(
                obj(
                  {
                    severity: { type: 'string', enum: ['error', 'warning'] },
                    rule: str,
                    message: str,
                    field: { ...str, description: 'Skjemafeltet merknaden gjelder, når det er ett.' },
                  },
                  ['severity', 'message'],
                ),
              ),
            },
            ['ok', 'problems', 'messages'],
          ),
        },
        errors: ['400', '404', '422'],
      },
      'GET /api/reviews': {
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
      },
    },
  },
  {
    tag: 'Oppslag',
    operations: {
      'GET /api/lookup': {
        summary: 'Hvem har ansvaret?',
        description:
          'Ansvarspunktene i avtalene i kraft på en dato som passer et spørsmål med saksbehandlerens egne ord, mest spesifikke først. Minst et spørsmål eller ett filter.',
        parameters: [
          query(
            'q',
            `Spørsmålet, f.eks. «19 år og fikk ikke læreplass», eller en innlimt beskrivelse av saken (høyst ${maxQuestionLength} tegn; linjeskift leses som mellomrom).`,
            {
              type: 'string',
              maxLength: maxQuestionLength,
            },
          ),
          query('at', 'Dato (standard i dag): svar fra versjonene i kraft da.', date),
          query('county', 'Fylke.'),
          query('agreement', 'Avtale-id: den avtalen og de overordnede.'),
          query('party', 'Part-id: ansvarlig, bistår eller betaler.'),
          query('age', 'Alder 0–120.', { type: 'integer', minimum: 0, maximum: 120 }),
          query('situation', 'Situasjon (fasett), f.eks. «uten-laereplass».'),
          query('limit', 'Antall svar 1–50 (standard 10).', { type: 'integer', minimum: 1, maximum: 50 }),
          query(
            'scope',
            '«all»: alle fylker, den innloggedes egne først og de andre for seg. Uten: den innloggedes fylker (fra kontoen eller innloggingen), eller fylket spørsmålet nevner.',
            { type: 'string', enum: ['all'] },
          ),
          query(
            'fields',
            'Bare disse delene av hvert svar, kommadelt, f.eks. «clauseTitle,owner,status,escalation,permalink». Standard: et kort svar (agreementId, county, area, example, clauseId, clauseTitle, status, owner, costShares, escalation, approvalWarning, validity, today, upcoming, excerpt, precedents, permalink).',
          ),
          query(
            'full',
            '«1»: alle delene av hvert svar, også hele punktteksten (text), kontakter og versjonen.',
            {
              type: 'string',
              enum: ['1', 'true'],
            },
          ),
        ],
        ok: {
          status: '200',
          description: 'Svarene (tom liste er ikke en feil).',
          schema: ref('LookupAnswer'),
        },
        errors: ['400', '422'],
      },
      'GET /api/national': {
        summary: 'Slik gjør fylkene det',
        description:
          'Hvordan hvert fylkes avtaler i kraft på en dato håndterer én situasjon: ansvarlig, bistand, betaler, gråsone eller ikke omtalt, med lenke til punktet og datoen regelen tok til å gjelde. Nøyaktig én av: q, situation, eller agreement og clause.',
        parameters: [
          query('q', `Situasjonen med egne ord, lest som i oppslaget (høyst ${maxQuestionLength} tegn).`, {
            type: 'string',
            maxLength: maxQuestionLength,
          }),
          query('situation', 'Situasjon (fasett), f.eks. «sluttet».'),
          query('agreement', 'Avtale-id for et ansvarspunkt å sammenligne med (sammen med clause).'),
          query('clause', 'Punktets id i avtalen, f.eks. «uten-laereplass».'),
          query('age', 'Alder 0–120.', { type: 'integer', minimum: 0, maximum: 120 }),
          query('at', 'Dato (standard: datoen spørsmålet nevner, ellers i dag).', date),
        ],
        ok: { status: '200', description: 'Én rad per fylke.', schema: ref('NationalOverview') },
        errors: ['400', '422'],
      },
    },
  },
  {
    tag: 'Historikk',
    operations: {
      'GET /api/agreements/{id}/history': {
        summary: 'Alle revisjoner av en avtale',
        parameters: [idParam],
        ok: { status: '200', description: 'Revisjonene, nyeste først.', schema: ref('History') },
        errors: ['400', '404'],
      },
      'GET /api/agreements/{id}/compare': {
        summary: 'Sammenlign to versjoner',
        description: 'Ansvarsendringene først, deretter endrede punkter og redline av hele filen.',
        parameters: [
          idParam,
          query('from', 'Revisjon eller dato (versjonen i kraft da).', revOrDate),
          query('to', 'Revisjon eller dato (standard: versjonen i kraft i dag).', revOrDate),
        ],
        ok: { status: '200', description: 'Sammenligningen.', schema: ref('Compare') },
        errors: ['400', '404'],
      },
      'GET /api/agreements/{id}/clauses/{clauseId}/history': {
        summary: 'Ett punkts historikk',
        parameters: [idParam, clauseParam],
        ok: {
          status: '200',
          description: 'Revisjonene der punktet endret seg.',
          schema: ref('ClauseHistory'),
        },
        errors: ['400', '404'],
      },
    },
  },
  {
    tag: 'Drift',
    operations: {
      'GET /api/admin/integrity': {
        summary: 'Integritetssjekk av datalageret',
        ok: { status: '200', description: 'Rapporten fra «gjerde verify».', schema: ref('Integrity') },
        errors: [],
      },
      'POST /api/admin/approvals/{rev}/confirm': {
        summary: 'Bekreft en godkjenning Gjerde ikke registrerte',
        description:
          'For en godkjenning lagt inn med git eller fra en instans uten samme GJERDE_APPROVAL_KEY, etter at administratoren har sjekket den med partene. Lagres som en commit av administratoren med begrunnelsen (docs/security.md).',
        parameters: [
          pathParam('rev', 'Commit-id-en med godkjenningen (7–40 heksadesimale tegn).', {
            type: 'string',
            pattern: '^[0-9a-f]{7,40}$',
          }),
        ],
        body: obj({ reason: str }, ['reason']),
        ok: {
          status: '201',
          description: 'Bekreftet: `rev` er bekreftelsens commit, `confirmed` godkjenningens.',
          schema: obj({ rev: str, confirmed: str }, ['rev', 'confirmed']),
        },
        errors: ['400', '404', '409'],
      },
      'POST /api/sync': {
        summary: 'Webhook: synkroniser nå',
        description:
          'Hemmeligheten i `Authorization: Bearer …` eller `X-Gitlab-Token`. En økt gir ingen tilgang hit, og trengs ikke.',
        ok: { status: '200', description: 'Synkronisert.', schema: obj({ status: { type: 'object' } }) },
        errors: ['401', '403', '404', '502'],
        errorDescriptions: {
          '401': 'Feil eller manglende hemmelighet.',
          '403': 'Webhooken er slått av: GJERDE_WEBHOOK_SECRET er ikke satt.',
          '404': 'Synkronisering er ikke satt opp (GJERDE_REMOTE mangler).',
        },
        auth: 'webhook',
      },
      'GET /api/openapi.json': {
        summary: 'Denne beskrivelsen (OpenAPI 3.1)',
        ok: { status: '200', description: 'OpenAPI-dokumentet.', schema: { type: 'object' } },
        errors: [],
        auth: 'none',
      },
    },
  },
  {
    tag: 'Innlogging',
    operations: {
      'GET /api/session': {
        summary: 'Hvem er logget inn',
        description: 'Den innloggede personen, og øktens CSRF-token.',
        ok: { status: '200', description: 'Logget inn.', schema: ref('Session') },
        errors: ['401'],
        errorDescriptions: { '401': 'Ikke logget inn.' },
        auth: 'none',
      },
      'POST /api/session': {
        summary: 'Logg inn (for skript)',
        description:
          'Bare JSON: starter en ny økt (informasjonskapselen `gjerde.sid`) og gir CSRF-tokenet som sendes som `X-CSRF-Token` med hver endring. Ti mislykkede forsøk for ett brukernavn fra én adresse, eller 30 fra én adresse, på et kvarter gir 429.',
        body: obj({ username: str, password: { type: 'string', format: 'password' } }),
        ok: { status: '201', description: 'Logget inn.', schema: ref('Session') },
        errors: ['401', '403', '415', '429'],
        errorDescriptions: {
          '401': 'Feil brukernavn eller passord.',
          '403': 'Forespørselen kom fra et annet nettsted (Sec-Fetch-Site: cross-site).',
          '415': 'Ikke JSON: et skjema fra et annet nettsted kan ikke logge noen inn.',
          '429':
            'For mange mislykkede innlogginger for brukernavnet eller fra adressen (vent et kvarter), eller for mange innlogginger som venter fra adressen.',
        },
        auth: 'none',
      },
      'DELETE /api/session': {
        summary: 'Logg ut',
        description: 'Avslutter økten. Med en økt trengs CSRF-tokenet i `X-CSRF-Token`.',
        ok: { status: '204', description: 'Logget ut.' },
        errors: [],
        auth: 'none',
      },
    },
  },
  {
    tag: 'Saker',
    operations: {
      'GET /api/cases': {
        summary: 'Saker til samarbeidsutvalget',
        description:
          'En arbeidsliste, ikke statistikk. `apne` (standard): åpne saker, eldst først; `mine`: de åpne sakene den innloggede avgjør (medlem av samarbeidsutvalget for avtalens fylke eller part).',
        parameters: [
          query('status', 'apne, mine, apen, eskalert, avgjort, dekket eller alle.', {
            type: 'string',
            enum: ['apne', 'mine', 'apen', 'eskalert', 'avgjort', 'dekket', 'alle'],
          }),
        ],
        ok: { status: '200', description: 'Sakene.', schema: ref('CaseList') },
        errors: ['400'],
      },
      'POST /api/cases': {
        summary: 'Meld en sak til samarbeidsutvalget',
        description:
          'En anonym beskrivelse av situasjonen. Et fødselsnummer avvises (422). Ser teksten ut til å inneholde et navn, en adresse, et telefonnummer eller en e-postadresse, svarer tjenesten 422 med `problems`, og saken lagres først når `confirmed: true` sendes med.',
        body: obj(
          {
            title: str,
            agreement: str,
            clause: str,
            party: str,
            age: str,
            facets: arrayOf(str),
            situation: str,
            disagreement: str,
            confirmed: { type: 'boolean' },
          },
          ['title', 'agreement', 'party', 'situation', 'disagreement'],
        ),
        ok: { status: '201', description: 'Saken er meldt.', schema: ref('Case') },
        errors: ['400', '404', '409', '422'],
      },
      'GET /api/cases/{id}': {
        summary: 'Én sak, med forløpet',
        description:
          'Forløpet: meldt → (sendt til styringsgruppen) → avgjort → endring av avtalen → godkjent → i kraft.',
        parameters: [caseParam],
        ok: { status: '200', description: 'Saken.', schema: ref('CaseWithChain') },
        errors: ['404'],
      },
      'POST /api/cases/{id}/decision': {
        summary: 'Samarbeidsutvalget behandler saken',
        description:
          '`avgjort` (vedtakstekst, eventuelt ansvarlig part), `eskalert` (prinsipiell sak til styringsgruppen) eller `dekket` (punktet som svarer på saken). Bare medlemmer av samarbeidsutvalget for avtalens fylke eller part.',
        parameters: [caseParam],
        body: obj(
          {
            outcome: { type: 'string', enum: ['avgjort', 'eskalert', 'dekket'] },
            text: str,
            date,
            by: str,
            owner: str,
            agreement: str,
            clause: str,
            confirmed: { type: 'boolean' },
          },
          ['outcome'],
        ),
        ok: { status: '200', description: 'Behandlingen er lagret.', schema: ref('Case') },
        errors: ['400', '404', '409', '422'],
      },
      'POST /api/cases/{id}/amendment': {
        summary: 'Utkast til endring av avtalen etter vedtaket',
        description:
          'Et nytt utkast av avtalen der punktet blir avklart med ansvarlig part fra vedtaket, fra `validFrom`. Går til godkjenning hos partene som andre utkast. Commit-meldingen har `Sak: <id>`.',
        parameters: [caseParam],
        body: obj(
          { baseRev: str, clause: str, title: str, owner: str, text: str, validFrom: date, reason: str },
          [],
        ),
        ok: { status: '201', description: 'Utkastet er lagret.', schema: ref('Amendment') },
        errors: ['400', '404', '409', '422'],
      },
    },
  },
  {
    tag: 'Begreper og kontakter',
    operations: {
      'GET /api/glossary': {
        summary: 'Den felles begrepslisten',
        description: 'Hver avtales egen ordliste kommer i tillegg (i avtalen).',
        ok: { status: '200', description: 'Begrepene, i alfabetisk rekkefølge.', schema: ref('Glossary') },
        errors: [],
      },
      'PUT /api/glossary/{term}': {
        summary: 'Legg til eller endre et begrep',
        description:
          'Én commit i den innloggedes navn. Finnes begrepet, endres det (`term` i kroppen gir det nytt navn); ellers legges det til. Bare redaktører. Et fødselsnummer avvises (422).',
        parameters: [termParam],
        body: obj(
          {
            term: str,
            aliases: { oneOf: [arrayOf(str), str], description: 'Andre navn, som liste eller kommadelt.' },
            definition: str,
            source: str,
          },
          ['definition'],
        ),
        ok: { status: '200', description: 'Endret (201: lagt til).', schema: ref('GlossaryTerm') },
        errors: ['400', '404', '409', '422'],
      },
      'DELETE /api/glossary/{term}': {
        summary: 'Fjern et begrep',
        parameters: [termParam],
        ...removal,
      },
      'GET /api/contacts': {
        summary: 'Kontakter for et NAV-kontor eller en kommune',
        description:
          'Med `office` eller `municipality`: kontaktene (OT først) for kontoret eller kommunen. Uten: alle fylkers kontaktregistre.',
        parameters: [
          query('office', 'NAV-kontorets id, f.eks. «nav-strandby».'),
          query('municipality', 'Kommunen, f.eks. «Strandby».'),
        ],
        ok: {
          status: '200',
          description: '`{ contacts }`, eller `{ registers }` uten parametre.',
          schema: {
            oneOf: [
              obj({ contacts: arrayOf(ref('Contact')) }),
              obj({ registers: arrayOf(ref('ContactRegister')) }),
            ],
          },
        },
        errors: ['400'],
      },
      'GET /api/contacts/{county}': {
        summary: 'Ett fylkes kontaktregister',
        parameters: [countyParam],
        ok: { status: '200', description: 'Registeret.', schema: ref('ContactRegister') },
        errors: ['404'],
      },
      'POST /api/contacts/{county}': {
        summary: 'Ny kontakt',
        description:
          'Én commit i den innloggedes navn. Hver part holder sine egne kontakter: fylkeskommunens (OT) av redaktører for fylket eller fylkeskommunen, NAVs av redaktører for et NAV-kontor i registeret. Bare ansattes kontaktopplysninger; et fødselsnummer avvises (422).',
        parameters: [countyParam],
        body: contactBody,
        ok: { status: '201', description: 'Lagt til.', schema: ref('Contact') },
        errors: ['400', '404', '409', '422'],
      },
      'PUT /api/contacts/{county}/{id}': {
        summary: 'Endre en kontakt',
        parameters: [countyParam, contactParam],
        body: contactBody,
        ok: { status: '200', description: 'Endret.', schema: ref('Contact') },
        errors: ['400', '404', '409', '422'],
      },
      'DELETE /api/contacts/{county}/{id}': {
        summary: 'Fjern en kontakt',
        parameters: [countyParam, contactParam],
        ...removal,
      },
      'POST /api/contacts/{county}/offices': {
        summary: 'Nytt NAV-kontor i et fylke',
        description:
          'Én commit i den innloggedes navn, med `reason` under den første linjen. Redaktører for fylket, fylkeskommunen eller et NAV-kontor i registeret, og administratorer. Har fylket ikke noe kontaktregister ennå, startes det med dette kontoret (fylkets navn fra adressen). Et navn som finnes fra før, noe annet enn kommunenavn, eller et fødselsnummer (422) avvises, og ingenting lagres.',
        parameters: [countyParam],
        body: officeBody,
        ok: { status: '201', description: 'Lagt til.', schema: ref('SavedNavOffice') },
        errors: ['400', '403', '404', '409', '422'],
      },
      'PUT /api/contacts/{county}/offices/{office}': {
        summary: 'Gi et NAV-kontor nytt navn eller andre kommuner',
        description: 'Id-en blir den samme: avtalene og brukernes tilganger viser til den.',
        parameters: [countyParam, officeParam],
        body: officeBody,
        ok: { status: '200', description: 'Endret.', schema: ref('SavedNavOffice') },
        errors: ['400', '403', '404', '409', '422'],
      },
      'DELETE /api/contacts/{county}/offices/{office}': {
        summary: 'Fjern et NAV-kontor',
        description:
          'Bare et kontor ingen kontakt lenger er kontakt for eller arbeider ved (ellers 409). Valgfri `reason` i kroppen.',
        parameters: [countyParam, officeParam],
        ok: { status: '204', description: 'Fjernet.' },
        errors: ['403', '404', '409', '422'],
      },
    },
  },
  {
    tag: 'Brukere',
    operations: {
      'GET /api/admin/users': {
        summary: 'Alle lokale brukere',
        ok: { status: '200', description: 'Brukerne, uten passord.', schema: ref('AccountList') },
        errors: [],
      },
      'POST /api/admin/users': {
        summary: 'Legg til en bruker',
        description:
          'Brukeren får et engangspassord, som vises i svaret én gang og må byttes ved første innlogging.',
        body: obj({ username: str, ...accountFields }, ['username', 'name', 'email']),
        ok: { status: '201', description: 'Lagt til.', schema: ref('AccountWithPassword') },
        errors: ['400', '409'],
      },
      'GET /api/admin/users/{username}': {
        summary: 'Én bruker',
        parameters: [usernameParam],
        ok: { status: '200', description: 'Brukeren.', schema: ref('AccountAnswer') },
        errors: ['404'],
      },
      'PATCH /api/admin/users/{username}': {
        summary: 'Endre navn, e-post, roller eller tilgang',
        description: 'Felt som ikke er med, beholdes. Brukerens økter avsluttes.',
        parameters: [usernameParam],
        body: obj(accountFields, []),
        ok: { status: '200', description: 'Endret.', schema: ref('AccountAnswer') },
        errors: ['400', '404', '409'],
      },
      'DELETE /api/admin/users/{username}': {
        summary: 'Fjern en bruker',
        description: 'Brukerens økter avsluttes. Den siste administratoren kan ikke fjernes (409).',
        parameters: [usernameParam],
        ...removal,
      },
      'POST /api/admin/users/{username}/reset': {
        summary: 'Nytt engangspassord',
        description: 'Det gamle passordet slutter å virke, og brukerens økter avsluttes.',
        parameters: [usernameParam],
        ok: {
          status: '200',
          description: 'Det nye engangspassordet, vist én gang.',
          schema: ref('AccountWithPassword'),
        },
        errors: ['404'],
      },
    },
  },
]);

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Gjerde API',
    version: '0.1.0',
    description:
      'Samarbeidsavtaler mellom NAV og fylkeskommunen: avtaler, oppslag i ansvarsdelingen, historikk, utkast og godkjenning. Alle svar er JSON; feil er `{ "error": "<melding på norsk>" }`. Logg inn med `POST /api/session` og send informasjonskapselen `gjerde.sid` med hver forespørsel, og CSRF-tokenet fra svaret som `X-CSRF-Token` med hver endring. Hvem som kan gjøre hva, står i docs/security.md.',
  },
  servers: [{ url: '/' }],
  tags,
  security: [{ cookieAuth: [] }],
  paths,
  components: { schemas, securitySchemes },
} as const;

export type OpenApiDocument = typeof openApiDocument;
