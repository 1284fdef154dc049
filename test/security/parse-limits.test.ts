/**
 * One editor request must not tie the service up (issue 12, item 10): text that would take Markdown's parser
 * minutes is refused before it is parsed, with a Norwegian message at its line and column, and nothing is
 * written; a large text within them is checked in a worker thread while other requests are answered; a
 * version committed with plain git beyond the limits is shown as a problem, never parsed for a page.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { ensurePersona, signInOverHttp } from '../helpers/accounts.js';
import { startTestGjerde } from '../helpers/gjerde.js';
import { commitByHand, git } from '../repository/helpers.js';

jest.setTimeout(120_000);

type TestGjerde = Awaited<ReturnType<typeof startTestGjerde>>;

interface Message {
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

let server: TestGjerde;
let kari: Agent;
let current: string;
/** Where the body of the current file starts (the line after its front matter). */
let bodyLine: number;

beforeAll(async () => {
  server = await startTestGjerde();
  kari = await server.as('kari');
  current = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
  bodyLine = current.slice(0, current.indexOf('\n---\n') + 5).split('\n').length;
});

afterAll(async () => {
  await server.stop();
});

/** The agreement's own text with `body` after its front matter. */
function withBody(body: string): string {
  const end = current.indexOf('\n---\n') + 5;
  return `${current.slice(0, end)}${body}`;
}

/**
 * The inputs, and where each is refused: the line counted from the start of the body, or from the
 * start of the file where `fromTop` (numbers are written with a no-break space between thousands).
 */
const hostile: {
  name: string;
  body: () => string;
  line: number;
  fromTop?: boolean;
  column: number;
  text: RegExp;
}[] = [
  {
    name: '`:::` nested 5,000 deep',
    body: () => `${':::ansvar\n'.repeat(5000)}${':::\n'.repeat(5000)}`,
    line: 4001,
    fromTop: true,
    column: 1,
    text: /Avtaleteksten har for mange linjer: 10\s\d{3}, høyst 4\s000\./,
  },
  {
    name: '`:::` nested 200 deep',
    body: () => `${':::ansvar[a]{#a}\n'.repeat(200)}${':::\n'.repeat(200)}`,
    line: 11,
    column: 1,
    text: /Blokker \(:::\) kan ikke ligge mer enn 10 nivåer inni hverandre\./,
  },
  {
    name: '`*a` × 60,000 on one line',
    body: () => `${'*a'.repeat(60_000)}\n`,
    line: 1,
    column: 5001,
    text: /Linjen er for lang: 120\s000 tegn, høyst 5\s000\./,
  },
  {
    name: '`*a` × 20,000 in one paragraph of short lines',
    body: () => `${'*a'.repeat(50)}\n`.repeat(400),
    line: 9,
    column: 1,
    text: /Avsnittet har for mange tegn for utheving, kode og lenker .*: over 400\./,
  },
  {
    name: 'setext headings',
    body: () => 'Overskrift\n=\n\n'.repeat(1000),
    line: 62,
    column: 1,
    text: /For mange overskrifter understreket med = eller -/,
  },
];

describe('text beyond the parser’s limits', () => {
  it.each(hostile)(
    'POST /api/check refuses $name with where and why',
    async ({ body, line, fromTop, column, text }) => {
      const res = await kari
        .post('/api/check')
        .send({ markdown: withBody(body()) })
        .expect(200);
      expect(res.body.ok).toBe(false);
      const errors = (res.body.messages as Message[]).filter((message) => message.severity === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          line: fromTop ? line : bodyLine + line - 1,
          column,
          message: expect.stringMatching(text),
        }),
      ]);
    },
  );

  it.each(hostile)('saving $name is refused and commits nothing', async ({ body, text }) => {
    const head = git(server.dataDir, ['rev-parse', 'HEAD']);
    const baseRev = git(server.dataDir, [
      'log',
      '-1',
      '--format=%H',
      '--',
      'avtaler/fjordvik-ramme.md',
    ]).trim();
    const res = await kari
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown: withBody(body()), baseRev, reason: 'Prøver grensene' })
      .expect(422);
    expect(res.body.messages).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(text) }),
    );
    expect(git(server.dataDir, ['rev-parse', 'HEAD'])).toBe(head);
  });
});

describe('a version beyond the limits committed with plain git', () => {
  let pathological: string;

  beforeAll(async () => {
    pathological = await commitByHand(
      server.dataDir,
      { 'avtaler/fjordvik-ramme.md': withBody(`${'*a'.repeat(50)}\n`.repeat(400)) },
      'Lagt inn av et skript',
    );
  });

  it('is a problem at HEAD, with the limit at its line and column', async () => {
    const admin = await server.as('admin');
    const report = (await admin.get('/api/admin/integrity').expect(200)).body;
    const files = report.checks.find((check: { id: string }) => check.id === 'files');
    expect(files.details).toContainEqual(
      expect.stringMatching(
        new RegExp(`^avtaler/fjordvik-ramme\\.md:${bodyLine + 8}:1: Avsnittet har for mange tegn`),
      ),
    );
  });

  it('its page shows the text as it is written, unparsed, and says why', async () => {
    const reader = await server.as('leser');
    const page = (await reader.get(`/avtaler/fjordvik-ramme?rev=${pathological}`).expect(200)).text;
    expect(page).toContain('Denne versjonen har feil og gjelder ikke');
    expect(page).toContain(`Linje ${bodyLine + 8}, kolonne 1: Avsnittet har for mange tegn`);
    // Rendered as text: the `*` are still there, no `<em>` was made of them.
    expect(page).toMatch(/<pre class="agreement-raw">[^<]*\*a\*a\*a/);
    expect(page).not.toContain('<em>a</em>');
    const api = (await reader.get(`/api/agreements/fjordvik-ramme?rev=${pathological}`).expect(200)).body;
    expect(api.valid).toBe(false);
    expect(api.problems).toContainEqual(expect.objectContaining({ rule: 'too-large', line: bodyLine + 8 }));
  });

  it('the version in force stays the last valid one; history and compare still answer', async () => {
    const reader = await server.as('leser');
    const history = (await reader.get('/api/agreements/fjordvik-ramme/history').expect(200)).body;
    expect(history.current).not.toBe(pathological);
    const entry = history.revisions.find((revision: { rev: string }) => revision.rev === pathological);
    expect(entry).toMatchObject({ valid: false, inForce: [] });
    await reader.get('/avtaler/fjordvik-ramme/historikk').expect(200);
    await reader
      .get('/api/agreements/fjordvik-ramme/compare')
      .query({ from: history.current, to: pathological })
      .expect(200);
  });
});

describe('a large text within the limits', () => {
  let http: Server;
  let base: string;
  let headers: Record<string, string>;
  /** The heaviest text the limits let through (npm run bench -- --only parse-limits): a list at the line limit. */
  const large = () => withBody('- punkt\n'.repeat(3_900));

  beforeAll(async () => {
    http = server.app.listen(0, '127.0.0.1');
    await once(http, 'listening');
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    await ensurePersona(server.gjerde.accounts, 'kari');
    headers = { ...(await signInOverHttp(base, 'kari')), 'content-type': 'application/json' };
    // What /healthz reads once per HEAD is read now, through a server of its own (no socket kept alive here).
    await request(server.app).get('/healthz').expect(200);
  });

  afterAll(async () => {
    http.close();
    await once(http, 'close');
  });

  it('is checked while /healthz is answered: the check is off the event loop', async () => {
    // /healthz is asked only once the whole text has arrived, when a check in this thread would have begun.
    const received = new Promise<void>((resolve) => {
      http.on('request', (req) => {
        if (req.url === '/api/check') req.on('end', () => resolve());
      });
    });
    const answered: string[] = [];
    const check = fetch(`${base}/api/check`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ markdown: large() }),
    }).then((res) => {
      answered.push('check');
      return res;
    });
    await received;
    const health = await fetch(`${base}/healthz`);
    answered.push('healthz');
    const checked = await check;
    expect(answered).toEqual(['healthz', 'check']);
    expect(health.status).toBe(200);
    expect(checked.status).toBe(200);
    const analysis = (await checked.json()) as { messages: Message[] };
    expect(analysis.messages.filter((message) => message.rule === 'too-large')).toEqual([]);
  });
});
