/**
 * `GET /api/lookup` answers: brief by default, every part with `full=1`, `fields` picks the parts of each
 * result, and answers kept for repeated questions are never older than the agreements (a save empties them;
 * test/sync/sync.test.ts asks the same question before and after a merge from the remote).
 */
import { describe, expect, it } from '@jest/globals';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

/** An answer as the API gives it: each result with the link to its clause. */
type ApiAnswer = Omit<LookupAnswer, 'results'> & { results: Array<LookupResult & { permalink: string }> };

const gjerde = testGjerdeForFile();
const question = { q: 'fikk ikke læreplass', at: '2026-06-01' };
const author = { name: 'Nina Holm', email: 'nina.holm@nav-strandby.eksempel.no' };

/** The parts of each result a default answer has (docs/api.md). */
const brief = [
  'agreementId',
  'county',
  'area',
  'example',
  'clauseId',
  'clauseTitle',
  'status',
  'owner',
  'costShares',
  'escalation',
  'approvalWarning',
  'validity',
  'excerpt',
  'precedents',
  'permalink',
];

describe('the default answer', () => {
  it('is brief: who owns each clause, where it applies, an excerpt and the link to the whole', async () => {
    const response = await gjerde.reader.get('/api/lookup').query(question).expect(200);
    const full = await gjerde.reader
      .get('/api/lookup')
      .query({ ...question, full: '1' })
      .expect(200);
    const results = (response.body as ApiAnswer).results as unknown as Record<string, unknown>[];
    const whole = (full.body as ApiAnswer).results;
    expect(results.length).toBeGreaterThan(1);
    expect(results.map((result) => result.clauseId)).toEqual(whole.map((result) => result.clauseId));
    for (const [place, result] of results.entries()) {
      // `today` only for a past answer whose clause changed since (as in the whole answer).
      expect(Object.keys(result).sort()).toEqual([...brief].sort());
      const { text, ...rest } = whole[place] as LookupResult & { permalink: string };
      for (const name of brief.filter((part) => part !== 'excerpt'))
        expect(result[name]).toEqual((rest as Record<string, unknown>)[name]);
      const excerpt = result.excerpt as string;
      if (text.length <= 140) expect(excerpt).toBe(text);
      else {
        expect(excerpt.length).toBeLessThanOrEqual(141);
        expect(excerpt.endsWith('…')).toBe(true);
        expect(text.startsWith(excerpt.slice(0, -1))).toBe(true);
      }
    }
    expect(whole.some((result) => result.text.length > 140)).toBe(true);
    // The answer's own parts are the same.
    const { results: _brief, ...answer } = response.body as ApiAnswer;
    const { results: _whole, ...fullAnswer } = full.body as ApiAnswer;
    expect(answer).toEqual(fullAnswer);
    expect(response.text.length).toBeLessThan(full.text.length * 0.6);
  });

  it('gives the other counties’ clauses briefly too', async () => {
    // A county named in the question is the scope; `scope=all` lists the others apart.
    const answer = (
      await gjerde.reader
        .get('/api/lookup')
        .query({ q: 'fikk ikke læreplass i Fjordvik', at: '2026-06-01', scope: 'all' })
        .expect(200)
    ).body as ApiAnswer;
    expect(answer.elsewhere.length).toBeGreaterThan(0);
    for (const result of answer.elsewhere) expect(Object.keys(result).sort()).toEqual([...brief].sort());
  });
});

describe('full=1', () => {
  it('gives every part of each result: the whole clause text, contacts, the version, links to raise a case', async () => {
    const results = (
      await gjerde.reader
        .get('/api/lookup')
        .query({ ...question, full: '1' })
        .expect(200)
    ).body.results as Record<string, unknown>[];
    for (const result of results)
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining([
          ...brief.filter((part) => part !== 'excerpt'),
          'agreementTitle',
          'supporting',
          'costBearer',
          'legalBasis',
          'contact',
          'text',
          'ages',
          'facets',
          'revision',
          'score',
          'raiseHref',
          'legalBasisRepealed',
        ]),
      );
  });

  it('is refused with another value, and together with fields, in Norwegian', async () => {
    const other = await gjerde.reader
      .get('/api/lookup')
      .query({ ...question, full: 'ja' })
      .expect(400);
    expect(other.body.error).toMatch(/full kan bare være 1/);
    const both = await gjerde.reader
      .get('/api/lookup')
      .query({ ...question, full: '1', fields: 'text' })
      .expect(400);
    expect(both.body.error).toMatch(/enten fields .* eller full=1/);
  });
});

describe('fields', () => {
  it('gives only the parts asked for, in a far smaller answer', async () => {
    const full = await gjerde.reader
      .get('/api/lookup')
      .query({ ...question, full: '1' })
      .expect(200);
    const brief = await gjerde.reader
      .get('/api/lookup')
      .query({ ...question, fields: 'clauseTitle,owner,status,permalink' })
      .expect(200);
    const results = (brief.body as LookupAnswer).results;
    expect(results.length).toBe((full.body as LookupAnswer).results.length);
    for (const result of results)
      expect(Object.keys(result)).toEqual(['clauseTitle', 'owner', 'status', 'permalink']);
    expect(results[0]).toEqual({
      clauseTitle: (full.body as LookupAnswer).results[0]?.clauseTitle,
      owner: (full.body as LookupAnswer).results[0]?.owner,
      status: (full.body as LookupAnswer).results[0]?.status,
      permalink: (full.body as ApiAnswer).results[0]?.permalink,
    });
    expect(brief.text.length * 3).toBeLessThan(full.text.length);
  });

  it('gives the whole clause text when asked for', async () => {
    const full = (
      await gjerde.reader
        .get('/api/lookup')
        .query({ ...question, full: '1' })
        .expect(200)
    ).body as LookupAnswer;
    const texts = (
      await gjerde.reader
        .get('/api/lookup')
        .query({ ...question, fields: 'clauseId,text,excerpt' })
        .expect(200)
    ).body.results as { clauseId: string; text: string; excerpt: string }[];
    expect(texts.map(({ clauseId, text }) => ({ clauseId, text }))).toEqual(
      full.results.map(({ clauseId, text }) => ({ clauseId, text })),
    );
    for (const { text, excerpt } of texts) expect(text.startsWith(excerpt.replace(/…$/, ''))).toBe(true);
  });

  it('refuses a part that does not exist, in Norwegian', async () => {
    const response = await gjerde.reader
      .get('/api/lookup')
      .query({ ...question, fields: 'owner,passord' })
      .expect(400);
    expect(response.body.error).toMatch(/fields kan bare nevne .*ikke «passord»/);
  });
});

describe('a repeated question', () => {
  it('is answered for the person who asks it: the same address gives each their own scope', async () => {
    const navWorker = await gjerde.as('kari');
    const path = `/api/lookup?${new URLSearchParams({ q: 'fikk ikke læreplass' })}`;
    const scopeOf = async (agent: typeof navWorker) =>
      ((await agent.get(path).expect(200)).body as LookupAnswer).scope;
    const readers = await scopeOf(gjerde.reader);
    const theirs = await scopeOf(navWorker);
    expect(theirs.source).toBe('person');
    expect(theirs).not.toEqual(readers);
    expect(await scopeOf(gjerde.reader)).toEqual(readers);
    expect(await scopeOf(navWorker)).toEqual(theirs);
  });

  it('is refused again when it was refused: only answers are kept', async () => {
    const refused = { ...question, fields: 'owner,passord' };
    for (let asked = 0; asked < 2; asked += 1)
      await gjerde.reader.get('/api/lookup').query(refused).expect(400);
    await gjerde.reader.get('/api/lookup').query(question).expect(200);
    await gjerde.reader.get('/api/lookup').query(refused).expect(400);
  });

  it('gets the same answer until a save changes it, then the new one at once', async () => {
    const ask = async () =>
      (await gjerde.reader.get('/api/lookup').query(question).expect(200)).body as LookupAnswer;
    const before = await ask();
    expect(await ask()).toEqual(before);
    const top = before.results[0];
    if (!top) throw new Error('the question has an answer in the example agreements');
    // A new approved version of the top answer's agreement, from before the date asked about, with a new title.
    await gjerde.gjerde.agreements.change(top.agreementId, {
      author,
      build: (latest) => ({
        markdown: latest.markdown.replace(
          `:::ansvar[${top.clauseTitle}]`,
          ':::ansvar[Lærling uten læreplass, nytt navn]',
        ),
        message: 'Nytt navn på punktet',
      }),
    });
    const after = await ask();
    expect(after.results.map((result) => result.clauseTitle)).toContain('Lærling uten læreplass, nytt navn');
    expect(after.results.map((result) => result.clauseTitle)).not.toContain(top.clauseTitle);
  });
});
