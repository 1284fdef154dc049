/**
 * A municipality a local agreement says its NAV office serves («NAV Elvdal er NAV-kontor for Elvdal og Li»)
 * sets the scope when a question names it, also for nobody signed in: Vindhamar's «bor i Li», «ungdom i Skjer»
 * got another county's clause first. Read from the agreement's own text, no hand list; a short name that is
 * also an everyday word counts only capitalised inside a sentence. Real git store, composed service, real HTTP.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { parseAgreement } from '../../src/format/processor.js';
import { VersionReader } from '../../src/format/stored/version.js';
import { namesPlace } from '../../src/lookup/named-place.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { openApiDocument } from '../../src/web/openapi.js';
import { startTestGjerde } from '../helpers/gjerde.js';

const fixtures = join(projectRoot, 'test/fixtures/lookup-counties');
const places = parse(
  readFileSync(join(projectRoot, 'test/fixtures/question-reading/places.yaml'), 'utf8'),
) as { agreement: { text: string; served: string[] }[]; questions: { q: string; names: string[] }[] };
const servedSentence =
  'NAV Elvdal er NAV-kontor for Elvdal og Li, og OT i Elvdal dekkjer dei same kommunane.';
let store: string;
let markdown: string;
let gjerde: Awaited<ReturnType<typeof startTestGjerde>>;
let anyone: Agent;

beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'gjerde-served-'));
  await cp(fixtures, store, { recursive: true });
  const file = join(store, 'sorheim-lokal-elvdal', '2025-03-03.md');
  markdown = (await readFile(file, 'utf8')).replace(
    '# Lokal avtale mellom NAV Elvdal og OT i Elvdal\n',
    `# Lokal avtale mellom NAV Elvdal og OT i Elvdal\n\n${servedSentence}\n`,
  );
  await writeFile(file, markdown);
  gjerde = await startTestGjerde({ examplesDir: store });
  anyone = await gjerde.as('leser');
}, 120_000);

afterAll(async () => {
  await gjerde.stop();
  await rm(store, { recursive: true, force: true });
});

async function ask(q: string): Promise<LookupAnswer> {
  return (await anyone.get('/api/lookup').query({ q, at: '2025-06-01' }).expect(200)).body as LookupAnswer;
}

describe('a municipality an office serves', () => {
  it('is read from the local agreement’s text, the same by the parser and the fast reader', () => {
    expect(parseAgreement(markdown).agreement.meta.served).toEqual(['Elvdal', 'Li']);
    expect(new VersionReader().read(markdown).meta.served).toEqual(['Elvdal', 'Li']);
  });

  it('named in a question sets the scope to its county, nobody signed in', async () => {
    for (const q of [
      'elev med høyt fravær, bor i Li',
      'Li kommune: elev med høyt fravær',
      'elev på Li-skolen med høyt fravær',
    ]) {
      const answer = await ask(q);
      expect(answer.scope).toMatchObject({ counties: ['Sørheim'], source: 'question', area: 'Elvdal' });
      expect(answer.results[0]?.county).toBe('Sørheim');
    }
  });

  it.each(places.agreement.map(({ text, served }) => [text, served] as const))(
    'is read from «%s» as %j, by the parser and the fast reader',
    (text, served) => {
      const local = markdown.replace(servedSentence, text);
      expect(parseAgreement(local).agreement.meta.served ?? []).toEqual(served);
      expect(new VersionReader().read(local).meta.served ?? []).toEqual(served);
    },
  );

  it.each(places.questions.map(({ q, names }) => [q, names] as const))('«%s» names %j', (q, names) => {
    expect(['Li', 'Kvernvik'].filter((name) => namesPlace(q, name))).toEqual(names);
  });

  it('where the young person lives leads when the question names another county too', async () => {
    // The asker works in Nordvik, the case is Li's (Sørheim), and the other way round.
    for (const [q, first] of [
      ['jobber i Nordvik men ungdommen bor i Li, 20 år og sitter hjemme', 'Sørheim'],
      ['jobber i Li men ungdommen bor i Nordvik, 20 år og sitter hjemme', 'Nordvik'],
    ] as const) {
      const answer = await ask(q);
      expect(answer.scope.counties?.[0]).toBe(first);
      expect(answer.results[0]).toMatchObject({ county: first, clauseId: 'utenfor' });
    }
  });

  it('is no place as an everyday word: lower case, or opening the question', async () => {
    for (const q of [
      'elev med høyt fravær, bor oppe i lia',
      'elev med høyt fravær, bor i li',
      'Li er et sted, elev med høyt fravær',
    ])
      expect((await ask(q)).scope.source).toBe('none');
  });
});

describe('meta.served in the API', () => {
  it('is returned with the agreement and described in the OpenAPI document as the list it is', async () => {
    const version = (await anyone.get('/api/agreements/sorheim-lokal-elvdal').expect(200)).body as {
      meta: Record<string, unknown>;
    };
    expect(version.meta.served).toEqual(['Elvdal', 'Li']);
    const schemas = openApiDocument.components.schemas as Record<
      string,
      { properties?: Record<string, unknown> }
    >;
    const meta = schemas.AgreementVersion?.properties?.meta as {
      properties: Record<string, { type?: string; items?: { type?: string } }>;
    };
    expect(meta.properties.served).toMatchObject({ type: 'array', items: { type: 'string' } });
  });
});
