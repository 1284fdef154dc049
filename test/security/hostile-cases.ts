/**
 * The hostile input table: requests an attacker (or a careless paste) could send, each of which must be
 * answered with a clear 4xx and a Norwegian message, and must leave the data repository untouched.
 * Shared by the in-process suite and the logging test (which sends the same requests to a real process).
 * They come from a signed-in editor, who gets past the gates, so that what is tested is the input; the
 * sign-in cases come from nobody in particular.
 */
import { isNationalIdNumber } from '../../src/domain/personal-data.js';
import { rammeAnswers } from '../drafting/helpers.js';
import { type PersonaName, personas } from '../helpers/accounts.js';

/** Who sends the table: an editor and approver for NAV in Fjordvik and in the template's Eksempelfylket. */
export const sender: PersonaName = 'kari';

/** Someone else, whose name a request might try to put on a change. */
const someoneElse = { name: personas.ola.name, email: personas.ola.email };

/** The agreement the edit cases aim at, and what it looks like now. */
export const target = 'fjordvik-ramme';
export interface Context {
  markdown: string;
  rev: string;
  /** A new draft of the umbrella template (for submitting). */
  draft: string;
  /** A draft sent to approval (for approving). */
  submitted: string;
  /** An unclear case waiting for the committee, and one it decided (for amendments). */
  openCase: string;
  decidedCase: string;
}

export interface HostileCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** A JSON body (sent as application/json). */
  json?: unknown;
  /** A body sent as is, with its content type. */
  raw?: { type: string; body: string | Buffer };
  /** The expected status; otherwise any 4xx. */
  status?: number;
  /** A national identity number the request carries: the answer must say it does not belong here. */
  nationalId?: string;
  /** A national identity number in the URL's path, which the log must not hold either. */
  numberInPath?: string;
  /** Sent without the sender's session (the sign-in cases). */
  anonymous?: boolean;
  /** Words the answer must contain (what it says is wrong). */
  says?: string;
  /** Sent with `Sec-Fetch-Site: cross-site`, as a browser sends what a page on another site started. */
  crossSite?: boolean;
  /** Sent with the sender's session cookie but not the CSRF token, as a form on another site would be. */
  forged?: boolean;
}

const weights1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const weights2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const check = (digits: number[], weights: number[]) =>
  (11 - (weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0) % 11)) % 11;

/** The n-th made-up fødselsnummer of a young person (born 2005–2009, individual number 500–749). */
export function nationalId(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (n % 12)).padStart(2, '0');
  const year = String(5 + (n % 5)).padStart(2, '0');
  for (let individual = 500 + ((n * 7) % 200); individual < 750; individual += 1) {
    const nine = `${day}${month}${year}${individual}`;
    const digits = [...nine].map(Number);
    const k1 = check(digits, weights1);
    const k2 = check([...digits, k1], weights2);
    if (k1 !== 10 && k2 !== 10) {
      const number = `${nine}${k1}${k2}`;
      if (!isNationalIdNumber(number)) throw new Error(`not a valid number: ${number}`);
      return number;
    }
  }
  throw new Error('no valid number');
}

/** Ways of writing a number that a pattern for 11 digits in a row does not see. */
export const writtenForms: Record<string, (number: string) => string> = {
  'with dots and spaces': (d) =>
    `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)} ${d.slice(6, 9)} ${d.slice(9)}`,
  'in three groups': (d) => `${d.slice(0, 6)} ${d.slice(6, 9)} ${d.slice(9)}`,
  'with a non-breaking space': (d) => `${d.slice(0, 6)}\u00a0${d.slice(6)}`,
  'with an en dash': (d) => `${d.slice(0, 6)}\u2013${d.slice(6)}`,
  'with a slash': (d) => `${d.slice(0, 6)}/${d.slice(6)}`,
  'with zero-width spaces': (d) => [...d].join('\u200b'),
  'in full-width digits': (d) => [...d].map((c) => String.fromCharCode(0xff10 + Number(c))).join(''),
};

const markup = {
  script: '<script>alert(1)</script>',
  iframe: '<iframe src="https://angriper.example/"></iframe>',
  javascriptLink: '[Klikk her](javascript:alert(1))',
  eventHandler: '<img src="x" onerror="alert(1)">',
  svg: '<svg onload="alert(1)"></svg>',
};

/** Deeply nested YAML flow sequences in the front matter. */
const deepYaml = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
/** The «billion laughs» alias bomb. */
const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

/** The agreement's Markdown with `text` put into the body of its first clause. */
function withText(context: Context, text: string): string {
  const marker = '\n:::';
  const at = context.markdown.indexOf(marker, context.markdown.indexOf('\n---', 4) + 4);
  const end = context.markdown.indexOf('\n', at + 1);
  return `${context.markdown.slice(0, end + 1)}${text}\n\n${context.markdown.slice(end + 1)}`;
}

/** The agreement's Markdown with extra lines at the top of its front matter. */
function withFrontMatter(context: Context, yaml: string): string {
  return context.markdown.replace(/^---\n/, `---\n${yaml}\n`);
}

/** The string-valued answers of the umbrella template, top level and in the first clause. */
function answerFields(): Array<{ path: string; set: (value: string) => Record<string, unknown> }> {
  const base = rammeAnswers({ id: 'fiendtlig-ramme' });
  const fields: Array<{ path: string; set: (value: string) => Record<string, unknown> }> = [];
  for (const [name, value] of Object.entries(base)) {
    if (typeof value === 'string' && !['id', 'validFrom', 'validTo', 'reviewBy'].includes(name))
      fields.push({ path: name, set: (text) => ({ ...base, [name]: `${value} ${text}` }) });
  }
  const clauses = base.clauses as Array<Record<string, unknown>>;
  for (const [name, value] of Object.entries(clauses[0] ?? {})) {
    if (
      typeof value !== 'string' ||
      ['id', 'owner', 'support', 'ages', 'situations', 'contact'].includes(name)
    )
      continue;
    fields.push({
      path: `clauses[0].${name}`,
      set: (text) => ({
        ...base,
        clauses: [{ ...clauses[0], [name]: `${value} ${text}` }, ...clauses.slice(1)],
      }),
    });
  }
  return fields;
}

/** What the analysis (`POST /api/check`, nothing saved) must refuse without crashing or hanging. */
export const refusedByAnalysis: Array<{ name: string; markdown: string }> = [
  { name: 'deeply nested front matter', markdown: `---\ndeep: ${deepYaml}\n---\n` },
  { name: 'an alias bomb in the front matter', markdown: `---\n${aliasBomb}\n---\n` },
  {
    name: 'a script in the front matter',
    markdown: '---\nid: x\ntittel: "<script>alert(1)</script>"\n---\n',
  },
  { name: 'a script in the text', markdown: '---\nid: x\ntittel: X\n---\n\n<script>alert(1)</script>\n' },
];

/** An HTTP client: supertest in-process, or fetch against a running service. */
export type Send = (c: HostileCase) => Promise<{ status: number; type: string; text: string }>;

/** Prepares the data the table aims at (two new drafts, one sent to approval) and reads the target. */
export async function prepare(send: Send): Promise<Context> {
  const call = async (c: Omit<HostileCase, 'name'>, expected: number) => {
    const res = await send({ name: 'setup', ...c });
    if (res.status !== expected) throw new Error(`${c.method} ${c.path}: ${res.status} ${res.text}`);
    return JSON.parse(res.text);
  };
  const draft = 'fiendtlig-utkast';
  const submitted = 'fiendtlig-sendt';
  for (const id of [draft, submitted]) {
    await call(
      {
        method: 'POST',
        path: '/api/agreements',
        json: { template: 'ramme', answers: rammeAnswers({ id }), reason: 'Utkast' },
      },
      201,
    );
  }
  await call({ method: 'POST', path: `/api/agreements/${submitted}/submit`, json: {} }, 200);
  const current = await call({ method: 'GET', path: `/api/agreements/${target}` }, 200);
  const openCase = (await call({ method: 'POST', path: '/api/cases', json: unclearCase }, 201)).id;
  const decidedCase = (await call({ method: 'POST', path: '/api/cases', json: unclearCase }, 201)).id;
  await call(
    {
      method: 'POST',
      path: `/api/cases/${decidedCase}/decision`,
      json: { outcome: 'avgjort', text: 'NAV dekker PC.', owner: 'nav-fjordvik' },
    },
    200,
  );
  return { markdown: current.markdown, rev: current.revision.rev, draft, submitted, openCase, decidedCase };
}

/** An unclear case as a case worker raises it (the sender is on the committee, so it can decide). */
const unclearCase = {
  title: 'PC i OT-klassen',
  agreement: target,
  clause: 'pc-utstyr',
  party: 'ot',
  situation: 'Deltaker i OT-klassen trenger PC.',
  disagreement: 'Partene er uenige om hvem som låner ut PC.',
};

export function hostileCases(context: Context): HostileCase[] {
  const put = (markdown: string, extra: Record<string, unknown> = {}) => ({
    markdown,
    baseRev: context.rev,
    reason: 'Oppdatering',
    ...extra,
  });
  const create = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    template: 'ramme',
    answers,
    reason: 'Første utkast',
    ...extra,
  });
  const api = `/api/agreements/${target}`;
  const cases: HostileCase[] = [];
  const add = (...more: HostileCase[]) => cases.push(...more);

  // ---------------------------------------------------------------- path traversal
  for (const id of ['..%2F..%2Fetc%2Fpasswd', '..%2F.git%2Fconfig', '%2E%2E', '..%5C..%5Cwindows', '.git']) {
    add({ name: `traversal in the agreement id: ${id}`, method: 'GET', path: `/api/agreements/${id}` });
  }
  add(
    { name: 'traversal in history', method: 'GET', path: '/api/agreements/..%2F.git%2FHEAD/history' },
    {
      name: 'traversal in the clause id',
      method: 'GET',
      path: `${api}/clauses/..%2F..%2F.git%2Fconfig/history`,
    },
    { name: 'traversal in rev', method: 'GET', path: `${api}?rev=..%2F..%2F.git%2Fconfig` },
    { name: 'traversal in at', method: 'GET', path: `${api}?at=..%2F..%2Fetc%2Fpasswd` },
    { name: 'traversal in from', method: 'GET', path: `${api}/compare?from=..%2F..%2Fx&to=${context.rev}` },
    { name: 'traversal in to', method: 'GET', path: `${api}/compare?from=${context.rev}&to=..%2Fetc` },
    { name: 'traversal in fra (page)', method: 'GET', path: `/avtaler/${target}/sammenlign?fra=..%2F..%2Fx` },
    {
      name: 'traversal in til (page)',
      method: 'GET',
      path: `/avtaler/${target}/sammenlign?til=%2Fetc%2Fpasswd`,
    },
    { name: 'traversal in the page id', method: 'GET', path: '/avtaler/..%2F..%2Fetc%2Fpasswd' },
    { name: 'traversal in the template id (page)', method: 'GET', path: '/ny/..%2F..%2Fpackage' },
    {
      name: 'traversal in the template id (API)',
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: 'x-ramme' }), { template: '../../package' }),
    },
    {
      name: 'traversal in the new agreement id',
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: '../../../tmp/gjerde-evil' })),
    },
    {
      name: 'traversal in the id of an edit',
      method: 'PUT',
      path: '/api/agreements/..%2F..%2Ftmp%2Fevil',
      json: put(context.markdown),
    },
    {
      name: 'traversal in the id of a submit',
      method: 'POST',
      path: '/api/agreements/..%2F.git%2Fconfig/submit',
      json: {},
    },
    {
      name: 'traversal in the id of an approval',
      method: 'POST',
      path: '/api/agreements/..%2F.git/approvals',
      json: { role: 'Direktør', party: 'nav-fjordvik' },
    },
    {
      name: 'traversal in the lookup agreement',
      method: 'GET',
      path: '/api/lookup?q=OT&agreement=..%2F..%2Fx',
    },
    { name: 'traversal in the lookup date', method: 'GET', path: '/api/lookup?q=OT&at=..%2F..%2Fx' },
    {
      name: 'traversal in the agreement compared across counties',
      method: 'GET',
      path: '/api/national?agreement=..%2F..%2Fx&clause=..%2Fy',
    },
  );

  // ---------------------------------------------------------------- git option injection
  for (const value of [
    '--output=/tmp/gjerde-hostile-output',
    '--upload-pack=touch%20/tmp/gjerde-pwned',
    '-p',
  ]) {
    add(
      { name: `option in rev: ${value}`, method: 'GET', path: `${api}?rev=${value}` },
      {
        name: `option in from: ${value}`,
        method: 'GET',
        path: `${api}/compare?from=${value}&to=${context.rev}`,
      },
      { name: `option in the id: ${value}`, method: 'GET', path: `/api/agreements/${value}/history` },
    );
  }
  add(
    { name: 'option in at', method: 'GET', path: `${api}?at=--since=2020-01-01` },
    { name: 'option in the clause id', method: 'GET', path: `${api}/clauses/--all/history` },
    {
      name: 'option in baseRev',
      method: 'PUT',
      path: api,
      json: put(context.markdown, { baseRev: '--output=/tmp/gjerde-hostile-output' }),
    },
    {
      name: 'option in the submit rev',
      method: 'POST',
      path: `${api}/submit`,
      json: { rev: '--upload-pack=x' },
    },
    {
      name: 'option as the edited id',
      method: 'PUT',
      path: '/api/agreements/--output=%2Ftmp%2Fgjerde-hostile-output',
      json: put(context.markdown),
    },
    {
      name: 'option as the new agreement id',
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: '--output=/tmp/gjerde-hostile-output' })),
    },
    {
      name: 'option as the template',
      method: 'POST',
      path: '/api/agreements',
      json: create({}, { template: '--help' }),
    },
  );

  // ---------------------------------------------------------------- bad ref names
  for (const ref of [
    'HEAD~1',
    'main%5E',
    '%40%7B-1%7D',
    'a..b',
    'HEAD',
    'refs%2Fheads%2Fmain',
    'main%3A.gitignore',
  ]) {
    add({ name: `ref name as rev: ${decodeURIComponent(ref)}`, method: 'GET', path: `${api}?rev=${ref}` });
  }
  add(
    { name: 'ref name as from', method: 'GET', path: `${api}/compare?from=HEAD~1&to=main%5E` },
    {
      name: 'ref name as baseRev',
      method: 'PUT',
      path: api,
      json: put(context.markdown, { baseRev: 'HEAD~1' }),
    },
  );

  // ---------------------------------------------------------------- markup in Markdown and answers
  for (const [kind, text] of Object.entries(markup)) {
    add({ name: `${kind} in Markdown (edit)`, method: 'PUT', path: api, json: put(withText(context, text)) });
  }
  add({
    name: 'script in the front matter title (edit)',
    method: 'PUT',
    path: api,
    json: put(context.markdown.replace(/^tittel: .*$/m, 'tittel: "Avtale <script>alert(1)</script>"')),
  });
  const fields = answerFields();
  for (const [index, field] of fields.entries()) {
    const kinds = Object.entries(markup);
    const [kind, text] = kinds[index % kinds.length] as [string, string];
    add({
      name: `${kind} in the answer ${field.path}`,
      method: 'POST',
      path: '/api/agreements',
      json: create(field.set(text)),
    });
  }

  // ---------------------------------------------------------------- oversize bodies
  const big = 'x'.repeat(210_000);
  add(
    { name: 'oversize edit', method: 'PUT', path: api, json: put(big), status: 413 },
    {
      name: 'oversize new agreement',
      method: 'POST',
      path: '/api/agreements',
      json: create({ purpose: big }),
      status: 413,
    },
    { name: 'oversize check', method: 'POST', path: '/api/check', json: { markdown: big }, status: 413 },
    {
      name: 'oversize approval',
      method: 'POST',
      path: `${api}/approvals`,
      json: { comment: big },
      status: 413,
    },
  );

  // ---------------------------------------------------------------- YAML
  add(
    {
      name: 'deeply nested front matter (edit)',
      method: 'PUT',
      path: api,
      json: put(withFrontMatter(context, `deep: ${deepYaml}`)),
    },
    {
      name: 'alias bomb in the front matter (edit)',
      method: 'PUT',
      path: api,
      json: put(withFrontMatter(context, aliasBomb)),
    },
    {
      name: 'an iframe in the county (front matter)',
      method: 'PUT',
      path: api,
      json: put(
        context.markdown.replace(/^fylke: (.*)$/m, 'fylke: $1 <iframe src="https://x.example"></iframe>'),
      ),
    },
    {
      name: 'a javascript: URL in a party name (front matter)',
      method: 'PUT',
      path: api,
      json: put(context.markdown.replace(/^(\s+navn: )(.*)$/m, '$1"javascript:alert(1)"')),
    },
  );

  // ---------------------------------------------------------------- prototype pollution
  const rawJson = (body: string): HostileCase['raw'] => ({ type: 'application/json', body });
  add(
    {
      name: '__proto__ in the body',
      method: 'POST',
      path: '/api/agreements',
      raw: rawJson('{"__proto__":{"polluted":"ja"},"template":"ramme","answers":{},"reason":"x"}'),
    },
    {
      name: '__proto__ in the answers',
      method: 'POST',
      path: '/api/agreements',
      raw: rawJson(
        JSON.stringify(create(rammeAnswers({ id: 'proto-ramme' }))).replace(
          '"answers":{',
          '"answers":{"__proto__":{"polluted":"ja"},',
        ),
      ),
    },
    {
      name: 'constructor.prototype in the answers',
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: 'ctor-ramme', constructor: { prototype: { polluted: 'ja' } } })),
    },
    {
      name: 'prototype in the answers',
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: 'prototype-ramme', prototype: { polluted: 'ja' } })),
    },
    {
      name: '__proto__ in a clause',
      method: 'POST',
      path: '/api/agreements',
      raw: rawJson(
        JSON.stringify(create(rammeAnswers({ id: 'proto-punkt-ramme' }))).replace(
          '"clauses":[{',
          '"clauses":[{"__proto__":{"polluted":"ja"},',
        ),
      ),
    },
    {
      name: '__proto__ in an approval',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      raw: rawJson('{"__proto__":{"polluted":"ja"},"role":"Direktør","party":"nav-eksempelfylket"}'),
    },
    {
      name: '__proto__ in an edit',
      method: 'PUT',
      path: api,
      raw: rawJson(JSON.stringify(put(context.markdown)).replace('{', '{"__proto__":{"polluted":"ja"},')),
    },
    {
      name: 'constructor in an approval',
      method: 'POST',
      path: `${api}/approvals`,
      json: { constructor: { prototype: { polluted: 'ja' } }, role: 'Direktør', party: 'nav-fjordvik' },
    },
    {
      name: '__proto__ in a form',
      method: 'POST',
      path: `/avtaler/${target}/rediger`,
      raw: {
        type: 'application/x-www-form-urlencoded',
        body: '__proto__[polluted]=ja&action=lagre&markdown=x',
      },
    },
  );

  // ---------------------------------------------------------------- invalid UTF-8 and control characters
  const [before, after] = JSON.stringify(put(withText(context, 'Tekst @@ her.'))).split('@@') as [
    string,
    string,
  ];
  const invalidUtf8 = Buffer.concat([
    Buffer.from(before),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
    Buffer.from(after),
  ]);
  add(
    {
      name: 'invalid UTF-8 in an edit',
      method: 'PUT',
      path: api,
      raw: { type: 'application/json', body: invalidUtf8 },
    },
    {
      name: 'a declared charset that is not UTF-8',
      method: 'PUT',
      path: api,
      raw: { type: 'application/json; charset=latin1', body: JSON.stringify(put(context.markdown)) },
    },
    {
      name: 'a NUL byte in the Markdown',
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Tekst\u0000med null')),
    },
    {
      name: 'escape sequences in the Markdown',
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Tekst \u001b[31mrød\u001b[0m')),
    },
    {
      name: 'a NUL byte in the reason',
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Ny setning.'), { reason: 'Ny\u0000linje' }),
    },
    {
      name: 'control characters in an answer',
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: 'kontroll-ramme', title: 'Avtale\u0007\u0008' })),
    },
    { name: 'invalid UTF-8 in the lookup query', method: 'GET', path: '/api/lookup?q=%FF%FE%C3%28' },
    { name: 'a NUL byte in the lookup query', method: 'GET', path: '/api/lookup?q=OT%00' },
    { name: 'a NUL byte in the question across counties', method: 'GET', path: '/api/national?q=OT%00' },
    { name: 'invalid UTF-8 in rev', method: 'GET', path: `${api}?rev=%FF%FE` },
    {
      name: 'malformed JSON',
      method: 'POST',
      path: '/api/agreements',
      raw: rawJson('{"template": "ramme", '),
    },
  );

  // ---------------------------------------------------------------- invisible characters
  // A right-to-left override makes «Avtale om txt.exe» look like «Avtale om exe.txt»; zero-width
  // characters hide in words. Refused in titles and text, with what and where.
  const invisible = (name: string, c: Omit<HostileCase, 'name' | 'says'>): HostileCase => ({
    name,
    ...c,
    says: 'usynlig tegn',
  });
  add(
    invisible('a right-to-left override in the title', {
      method: 'PUT',
      path: api,
      json: put(context.markdown.replace(/^(tittel: .*)$/m, '$1 \u202etxt.exe')),
    }),
    invisible('a zero-width space in the Markdown', {
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Ansvaret\u200bligger hos NAV.')),
    }),
    invisible('a right-to-left isolate in a clause title', {
      method: 'PUT',
      path: api,
      json: put(context.markdown.replace(/^(:::ansvar\[)/m, '$1\u2067')),
    }),
    invisible('a right-to-left override in the reason', {
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Ny setning.'), { reason: 'Retting \u202eav tittel' }),
    }),
    invisible('a zero-width joiner in an answer', {
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: 'usynlig-ramme', title: 'Samarbeids\u200davtale' })),
    }),
    invisible('a right-to-left override in an approval comment', {
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { role: 'Direktør', party: 'nav-eksempelfylket', comment: 'Godkjent \u202eikke' },
    }),
    invisible('a word joiner in the approval role', {
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { role: 'Direk\u2060tør', party: 'nav-eksempelfylket' },
    }),
    invisible('a zero-width space in the submit reason', {
      method: 'POST',
      path: `/api/agreements/${context.draft}/submit`,
      json: { reason: 'Klar\u200b til godkjenning' },
    }),
  );

  // ---------------------------------------------------------------- someone else's name on a change
  // The author is the signed-in person; a body that names one is refused, though it is valid otherwise.
  const approval = { role: 'Direktør', party: 'nav-eksempelfylket' };
  add(
    {
      name: 'an author in a new agreement',
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: 'forfatter-ramme' }), { author: someoneElse }),
      status: 400,
    },
    {
      name: 'an author in an edit',
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Ny setning.'), { author: someoneElse }),
      status: 400,
    },
    {
      name: 'an author as a string in an edit',
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Ny setning.'), { author: `${someoneElse.name} <${someoneElse.email}>` }),
      status: 400,
    },
    {
      name: 'an author in a submit',
      method: 'POST',
      path: `/api/agreements/${context.draft}/submit`,
      json: { author: someoneElse },
      status: 400,
    },
    {
      name: 'a name and an e-mail address in an approval',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { ...approval, ...someoneElse },
      status: 400,
    },
    {
      name: 'an e-mail address alone in an approval',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { ...approval, email: someoneElse.email },
      status: 400,
    },
  );

  // ---------------------------------------------------------------- what an approver types
  add(
    {
      name: 'a forged trailer in the approval role',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { ...approval, role: `Direktør\nGodkjent-av: ${someoneElse.name} <${someoneElse.email}>` },
      status: 400,
    },
    {
      name: 'a | in the approval role',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { ...approval, role: 'Direktør | nav-fjordvik | 2020-01-01' },
      status: 400,
    },
    {
      name: 'a script in the approval role',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { ...approval, role: markup.script },
    },
    {
      name: 'a forged trailer in the approval comment',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { ...approval, comment: `OK\nGodkjent-av: ${someoneElse.name} <${someoneElse.email}>` },
      status: 400,
    },
    {
      name: 'an approval comment that is not text',
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { ...approval, comment: { text: 'OK' } },
      status: 400,
    },
    {
      name: 'a forged trailer in the submit reason',
      method: 'POST',
      path: `/api/agreements/${context.draft}/submit`,
      json: { reason: `Ferdig\nGodkjent-av: ${someoneElse.name} <${someoneElse.email}>` },
      status: 400,
    },
  );

  // ---------------------------------------------------------------- unclear cases
  const decision = `/api/cases/${context.openCase}/decision`;
  const amendment = `/api/cases/${context.decidedCase}/amendment`;
  add(
    { name: 'traversal in the case id', method: 'GET', path: '/api/cases/..%2F..%2F.git%2Fconfig' },
    { name: 'option as the case id', method: 'POST', path: '/api/cases/--output=x/decision', json: {} },
    {
      name: 'an author in a new case',
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, author: someoneElse },
      status: 400,
    },
    {
      name: '__proto__ in a new case',
      method: 'POST',
      path: '/api/cases',
      raw: rawJson(JSON.stringify(unclearCase).replace('{', '{"__proto__":{"polluted":"ja"},')),
      status: 400,
    },
    {
      name: 'a NUL byte in the situation of a case',
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, situation: 'Deltaker\u0000 trenger PC.' },
      status: 400,
    },
    {
      name: 'a right-to-left override in the title of a case',
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, title: 'PC \u202e i OT-klassen' },
      status: 400,
    },
    {
      name: 'situations that are not a list of names',
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, facets: [{ toString: 'elev' }] },
      status: 400,
    },
    {
      name: 'a case about an agreement that does not exist',
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, agreement: '../../etc/passwd' },
      status: 400,
    },
    {
      name: 'an oversize case',
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, situation: 'x'.repeat(210_000) },
      status: 413,
    },
    {
      name: 'a description longer than a short case',
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, situation: 'Ord '.repeat(500) },
      status: 400,
    },
    {
      name: 'an outcome the committee does not have',
      method: 'POST',
      path: decision,
      json: { outcome: 'slettet', text: 'Borte.' },
      status: 400,
    },
    {
      name: 'a decision dated in the future',
      method: 'POST',
      path: decision,
      json: { outcome: 'avgjort', text: 'NAV dekker PC.', date: '2999-01-01' },
      status: 400,
    },
    {
      name: 'an amendment of a case that is not decided',
      method: 'POST',
      path: `/api/cases/${context.openCase}/amendment`,
      json: {},
      status: 400,
    },
    {
      name: 'an amendment back in time',
      method: 'POST',
      path: amendment,
      json: { validFrom: '2001-01-01' },
      status: 400,
    },
    {
      name: 'a forged trailer in the amendment reason',
      method: 'POST',
      path: amendment,
      json: { reason: `Endring\nGodkjent-av: ${someoneElse.name} <${someoneElse.email}>` },
      status: 400,
    },
    {
      name: 'a block in the amendment text',
      method: 'POST',
      path: amendment,
      json: { text: 'NAV dekker.\n:::\n:::ansvar[Nytt]{#nytt ansvarlig=ot}\nOT dekker.' },
      status: 400,
    },
  );

  // ---------------------------------------------------------------- forged requests (CSRF)
  const form = (fields: Record<string, string>): HostileCase['raw'] => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(fields).toString(),
  });
  const edit = { action: 'lagre', markdown: withText(context, 'Ny setning.'), reason: 'Endret' };
  add(
    {
      name: 'an edit form from another site',
      method: 'POST',
      path: `/avtaler/${target}/rediger`,
      raw: form(edit),
      status: 403,
      forged: true,
    },
    {
      name: 'an edit form with a made-up CSRF token',
      method: 'POST',
      path: `/avtaler/${target}/rediger`,
      raw: form({ ...edit, _csrf: 'a'.repeat(64) }),
      status: 403,
      forged: true,
    },
    {
      name: 'an approval form from another site',
      method: 'POST',
      path: `/avtaler/${context.submitted}/godkjenn`,
      raw: form({ ...approval }),
      status: 403,
      forged: true,
    },
    {
      name: 'a JSON edit without the CSRF token',
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Ny setning.')),
      status: 403,
      forged: true,
    },
  );

  // ---------------------------------------------------------------- signing in
  // From nobody in particular (the forms, which need the CSRF token, from the sender); each case names
  // its own user, so the sign-in limit is never what answers.
  const signIn = (name: string, body: Pick<HostileCase, 'json' | 'raw'>): HostileCase => ({
    name,
    method: 'POST',
    path: '/api/session',
    ...body,
    status: 401,
    anonymous: true,
  });
  add(
    signIn('__proto__ in the sign-in body', {
      raw: rawJson('{"__proto__":{"polluted":"ja"},"username":"kari","password":"ikke passordet til kari"}'),
    }),
    signIn('constructor in the sign-in body', {
      json: { constructor: { prototype: { polluted: 'ja' } }, username: 'ola', password: 'ikke passordet' },
    }),
    signIn('__proto__ as the user name', {
      raw: rawJson('{"username":{"__proto__":{"polluted":"ja"}},"password":"et passord"}'),
    }),
    signIn('a user name that is a list', { json: { username: ['admin'], password: 'et passord' } }),
    signIn('a user name of 100,000 characters', {
      json: { username: 'k'.repeat(100_000), password: 'et passord' },
    }),
    signIn('a password of 150,000 characters', {
      json: { username: 'leser', password: 'p'.repeat(150_000) },
    }),
    signIn('a NUL byte in the user name', { json: { username: 'admin\u0000', password: 'et passord' } }),
    {
      ...signIn('a sign-in form from another site (login CSRF)', {
        raw: { type: 'application/x-www-form-urlencoded', body: 'username=utenfor&password=et+passord' },
      }),
      status: 415,
    },
    {
      ...signIn('a JSON sign-in the browser says came from another site', {
        json: { username: 'utenfor', password: 'et passord' },
      }),
      status: 403,
      crossSite: true,
    },
    {
      name: '__proto__ in the sign-in form',
      method: 'POST',
      path: '/logg-inn',
      raw: {
        type: 'application/x-www-form-urlencoded',
        body: '__proto__[polluted]=ja&constructor[prototype][polluted]=ja&username=redaktor&password=x',
      },
      status: 401,
    },
    {
      name: 'a user name of 100,000 characters in the sign-in form',
      method: 'POST',
      path: '/logg-inn',
      raw: {
        type: 'application/x-www-form-urlencoded',
        body: `username=${'u'.repeat(100_000)}&password=et+passord&neste=%2F%2Fangriper.example`,
      },
      status: 401,
    },
  );

  // ---------------------------------------------------------------- national identity numbers
  let n = 0;
  const id = () => {
    n += 1;
    return nationalId(n);
  };
  // A fødselsnummer is refused as personal data (422) wherever it is typed, never as a malformed field (400):
  // a client tells the two apart by the status alone (docs/api.md).
  const personal = (c: Omit<HostileCase, 'nationalId'>, number: string): HostileCase => ({
    status: 422,
    ...c,
    nationalId: number,
  });
  let number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the reason of a new agreement',
        method: 'POST',
        path: '/api/agreements',
        json: create(rammeAnswers({ id: 'fnr-ramme' }), { reason: `Gjelder ${number}` }),
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the reason of an edit',
        method: 'PUT',
        path: api,
        json: put(withText(context, 'Ny setning.'), { reason: `Sak ${number}` }),
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the Markdown',
        method: 'PUT',
        path: api,
        json: put(withText(context, `Eleven ${number} ble fulgt opp.`)),
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer with a space in the Markdown',
        method: 'PUT',
        path: api,
        json: put(withText(context, `Eleven ${number.slice(0, 6)} ${number.slice(6)}.`)),
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the front matter',
        method: 'PUT',
        path: api,
        json: put(context.markdown.replace(/^fylke: (.*)$/m, `fylke: $1 ${number}`)),
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the submit reason',
        method: 'POST',
        path: `/api/agreements/${context.draft}/submit`,
        json: { reason: `Ferdig ${number}` },
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in an approval comment',
        method: 'POST',
        path: `/api/agreements/${context.submitted}/approvals`,
        json: { role: 'Direktør', party: 'nav-eksempelfylket', comment: `OK ${number}` },
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the approval role',
        method: 'POST',
        path: `/api/agreements/${context.submitted}/approvals`,
        json: { role: `Rådgiver for ${number}`, party: 'nav-eksempelfylket' },
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      { name: 'fødselsnummer in the lookup query', method: 'GET', path: `/api/lookup?q=${number}` },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the URL path',
        method: 'GET',
        path: `/avtaler/${number}`,
        numberInPath: number,
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer with spaces in the URL path of the API',
        method: 'GET',
        path: `/api/agreements/${encodeURIComponent(writtenForms['in three groups']?.(number) ?? '')}/history`,
        numberInPath: number,
      },
      number,
    ),
  );
  // Any other parameter of the address is refused as the question is, before a route could name it.
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer as the county of a lookup',
        method: 'GET',
        path: `/api/lookup?q=elev&county=${number}`,
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer as the date of an agreement page',
        method: 'GET',
        path: `/avtaler/${target}?at=${number}`,
      },
      number,
    ),
  );
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer in the front page address, not signed in',
        method: 'GET',
        path: `/?q=ungdom+${number}`,
        anonymous: true,
      },
      number,
    ),
  );
  // Written the ways people write them, or paste them with characters nobody sees.
  const carriers: Record<string, (written: string) => Omit<HostileCase, 'name'>> = {
    'the Markdown': (written) => ({
      method: 'PUT',
      path: api,
      json: put(withText(context, `Eleven ${written} ble fulgt opp.`)),
    }),
    'the reason of an edit': (written) => ({
      method: 'PUT',
      path: api,
      json: put(withText(context, 'Ny setning.'), { reason: `Gjelder ${written}` }),
    }),
    'an answer': (written) => ({
      method: 'POST',
      path: '/api/agreements',
      json: create(rammeAnswers({ id: 'fnr-skrevet-ramme', purpose: `Gjelder ${written}.` })),
    }),
    'the lookup query': (written) => ({
      method: 'GET',
      path: `/api/lookup?q=${encodeURIComponent(`ansvar for ${written}`)}`,
    }),
    'the question across counties': (written) => ({
      method: 'GET',
      path: `/api/national?q=${encodeURIComponent(`ansvar for ${written}`)}`,
    }),
    'the situation of a case': (written) => ({
      method: 'POST',
      path: '/api/cases',
      json: { ...unclearCase, situation: `Deltaker ${written} trenger PC.` },
    }),
    'an approval comment': (written) => ({
      method: 'POST',
      path: `/api/agreements/${context.submitted}/approvals`,
      json: { role: 'Direktør', party: 'nav-eksempelfylket', comment: `OK ${written}` },
    }),
  };
  for (const [way, write] of Object.entries(writtenForms)) {
    for (const [field, carry] of Object.entries(carriers)) {
      const written = write(id());
      add(personal({ name: `fødselsnummer ${way} in ${field}`, ...carry(written) }, written));
    }
  }
  // Every text of a case, of what the committee writes and of the amendment a decision leads to.
  const caseTexts: ReadonlyArray<readonly [string, string, (text: string) => Record<string, unknown>]> = [
    ...(['title', 'situation', 'disagreement'] as const).map(
      (field) =>
        [
          `the ${field} of a case`,
          '/api/cases',
          (text: string) => ({ ...unclearCase, [field]: `${unclearCase[field]} ${text}` }),
        ] as const,
    ),
    ...(['text', 'by'] as const).map(
      (field) =>
        [
          `the decision ${field}`,
          decision,
          (text: string) => ({ outcome: 'avgjort', text: 'NAV dekker PC.', [field]: `Gjelder ${text}` }),
        ] as const,
    ),
    ...(['title', 'text', 'reason'] as const).map(
      (field) =>
        [`the amendment ${field}`, amendment, (text: string) => ({ [field]: `Gjelder ${text}` })] as const,
    ),
  ];
  for (const [where, path, body] of caseTexts) {
    number = id();
    add(personal({ name: `fødselsnummer in ${where}`, method: 'POST', path, json: body(number) }, number));
  }
  // Every text of the shared glossary and of the contact register (staff's own texts, but never a fødselsnummer).
  const term = { term: 'Fiendtlig begrep', aliases: 'fiendtlig', definition: 'Et ord.', source: 'Ingen' };
  const contact = {
    side: 'nav',
    name: 'Fiendtlig Kontakt',
    role: 'Ungdomskontakt',
    email: 'fiendtlig@nav.example',
    phone: '+47 000 00 000',
    offices: 'nav-strandby',
    municipalities: 'Strandby',
  };
  const registerTexts: Array<
    readonly [string, 'POST' | 'PUT', string, (text: string) => Record<string, unknown>]
  > = [
    ...(['term', 'aliases', 'definition', 'source'] as const).map(
      (field) =>
        [
          `the glossary's ${field}`,
          'PUT',
          '/api/glossary/Fiendtlig',
          (text: string) => ({ ...term, [field]: `Gjelder ${text}` }),
        ] as const,
    ),
    ...(['name', 'role', 'email', 'phone', 'offices', 'municipalities'] as const).map(
      (field) =>
        [
          `the contact's ${field}`,
          'POST',
          '/api/contacts/Fjordvik',
          (text: string) => ({ ...contact, [field]: `${text}` }),
        ] as const,
    ),
  ];
  // A county's NAV offices: the name, its municipalities, the reason and the id (not free text, but never a fødselsnummer).
  const office = { name: 'NAV Fiendtlig', municipalities: 'Fiendtlig', reason: 'Nytt kontor' };
  registerTexts.push(
    ...(['name', 'municipalities', 'reason', 'id'] as const).map(
      (field) =>
        [
          `a new NAV office's ${field}`,
          'POST',
          '/api/contacts/Fjordvik/offices',
          (text: string) => ({ ...office, [field]: field === 'id' ? text : `Gjelder ${text}` }),
        ] as const,
    ),
    [
      'the reason for renaming a NAV office',
      'PUT',
      '/api/contacts/Fjordvik/offices/nav-strandby',
      (text: string) => ({ name: 'NAV Strandby og Berg', municipalities: 'Strandby, Berg', reason: text }),
    ] as const,
  );
  registerTexts.push([
    'the legal basis of a clause checked as it is typed',
    'POST',
    '/api/agreements/fjordvik-ramme/clause-check',
    (text: string) => ({ baseRev: context.rev, id: 'uten-laereplass', legalBasis: `Gjelder ${text}` }),
  ] as const);
  for (const [where, method, path, body] of registerTexts) {
    number = id();
    add(personal({ name: `fødselsnummer in ${where}`, method, path, json: body(number) }, number));
  }
  // The county a first register is started for is read from the address.
  number = id();
  add(
    personal(
      {
        name: 'fødselsnummer as the county of a new contact register',
        method: 'POST',
        path: `/api/contacts/Gjelder%20${number}/offices`,
        json: office,
      },
      number,
    ),
  );
  add(
    {
      name: 'a NUL byte in a glossary definition',
      method: 'PUT',
      path: '/api/glossary/Fiendtlig',
      json: { ...term, definition: 'Et\u0000 ord.' },
    },
    {
      name: 'a right-to-left override in a contact name',
      method: 'POST',
      path: '/api/contacts/Fjordvik',
      json: { ...contact, name: 'Kari \u202e Nordmann' },
    },
    {
      name: 'an oversize glossary definition',
      method: 'PUT',
      path: '/api/glossary/Fiendtlig',
      json: { ...term, definition: 'ord '.repeat(200) },
    },
    {
      name: 'an object as the aliases of a term',
      method: 'PUT',
      path: '/api/glossary/Fiendtlig',
      json: { ...term, aliases: [{ toString: 'x' }] },
    },
    {
      name: 'a term explained twice',
      method: 'PUT',
      path: '/api/glossary/Tjenesten',
      json: { ...term, term: 'Tjenesten', aliases: 'OT' },
    },
    {
      name: 'an author in a contact',
      method: 'POST',
      path: '/api/contacts/Fjordvik',
      json: { ...contact, author: someoneElse },
    },
    {
      name: 'a contact for an office the register does not have',
      method: 'POST',
      path: '/api/contacts/Fjordvik',
      json: { ...contact, offices: '../../etc' },
    },
    {
      name: 'traversal in the county of a register',
      method: 'POST',
      path: '/api/contacts/..%2F..%2F.git%2Fconfig',
      json: contact,
    },
    {
      name: 'a NAV office serving a municipality that is markup, not a name',
      method: 'POST',
      path: '/api/contacts/Fjordvik/offices',
      json: { ...office, municipalities: '<script>alert(1)</script>' },
      status: 400,
      says: 'er ikke et kommunenavn',
    },
    {
      name: 'a NAV office with the name of another office of the county',
      method: 'POST',
      path: '/api/contacts/Fjordvik/offices',
      json: { ...office, name: 'nav strandby' },
      status: 400,
      says: 'har allerede et NAV-kontor som heter NAV Strandby',
    },
    {
      name: 'a NAV office whose id is changed by a rename',
      method: 'PUT',
      path: '/api/contacts/Fjordvik/offices/nav-strandby',
      json: { name: 'NAV Strandby', municipalities: 'Strandby, Berg', id: 'nav-annet' },
      status: 400,
      says: 'kan ikke endres',
    },
    {
      name: 'an author in a NAV office',
      method: 'POST',
      path: '/api/contacts/Fjordvik/offices',
      json: { ...office, author: someoneElse },
      status: 400,
    },
    {
      name: 'a contact that is not an e-mail address',
      method: 'POST',
      path: '/api/contacts/Fjordvik',
      json: { ...contact, email: 'javascript:alert(1)' },
    },
  );
  for (const field of fields.filter((candidate) => !/Id$/.test(candidate.path))) {
    number = id();
    add(
      personal(
        {
          name: `fødselsnummer in the answer ${field.path}`,
          method: 'POST',
          path: '/api/agreements',
          json: create(field.set(`(${number})`)),
        },
        number,
      ),
    );
  }
  return cases;
}
