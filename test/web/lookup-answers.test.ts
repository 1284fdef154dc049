/**
 * `GET /api/lookup` answers: `fields` picks the parts of each result, and answers kept for repeated
 * questions are never older than the agreements (a save empties them; test/sync/sync.test.ts asks the same
 * question before and after a merge from the remote).
 */
import { describe, expect, it } from '@jest/globals';
import type { LookupAnswer, LookupResult } from '../../src/lookup/search.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

/** An answer as the API gives it: each result with the link to its clause. */
type ApiAnswer = Omit<LookupAnswer, 'results'> & { results: Array<LookupResult & { permalink: string }> };

const gjerde = testGjerdeForFile();
const question = { q: 'fikk ikke læreplass', at: '2026-06-01' };
const author = { name: 'Nina Holm', email: 'nina.holm@nav-strandby.eksempel.no' };

describe('fields', () => {
  it('gives only the parts asked for, in a far smaller answer', async () => {
    const full = await gjerde.reader.get('/api/lookup').query(question).expect(200);
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

  it('refuses a part that does not exist, in Norwegian', async () => {
    const response = await gjerde.reader
      .get('/api/lookup')
      .query({ ...question, fields: 'owner,passord' })
      .expect(400);
    expect(response.body.error).toMatch(/fields kan bare nevne .*ikke «passord»/);
  });
});

describe('a repeated question', () => {
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
