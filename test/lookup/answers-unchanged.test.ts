/**
 * The lookup's answers do not change when the index changes how it keeps, builds or loads what it knows
 * (issue 15): for the benchmark's 1,000 questions on a small national corpus (three counties, 60 local
 * agreements, 20 years of history) and for every question of the relevance set on the example agreements,
 * the results' agreements, clauses, order, owners and scores are those in the fixtures beside this test,
 * which the code before the index work answered; the benchmark questions also from the index kept and read
 * again, as a restart reads it.
 *
 * A change to relevance (search.ts, question.ts, the words) changes answers on purpose: then write the
 * fixtures anew in the same commit, with `UPDATE_ANSWERS=1 npm run jest -- test/lookup/answers-unchanged`,
 * and say so in the commit message. A change to the index alone must never need that.
 *
 * The clock is fixed at the relevance set's «today», so that the answers do not move with the calendar.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateCorpus } from '../../bench/corpus.js';
import { benchQuestions } from '../../bench/questions.js';
import { requestFor } from '../../eval/evaluate.js';
import { loadQuestionSet } from '../../eval/question-set.js';
import { Lookup } from '../../src/lookup/lookup.js';
import type { LookupAnswer, LookupRequest, LookupResult } from '../../src/lookup/search.js';
import { Store } from '../../src/store/store.js';
import { startTestGjerde } from '../helpers/gjerde.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'lookup-answers');
const update = process.env.UPDATE_ANSWERS === '1';
/** The relevance set's «today» (eval/questions.yaml). */
const fixedToday = '2026-12-01T12:00:00+01:00';

function result(found: LookupResult): string {
  return `${found.agreementId}#${found.clauseId}=${found.owner?.id ?? found.status}@${found.score}`;
}

/** What must not change: the date answered for, results and those from elsewhere in order, the «Obs», the note. */
function answerLine(answer: LookupAnswer): string {
  return [
    answer.date,
    answer.results.map(result).join(' '),
    answer.elsewhere.map(result).join(' '),
    answer.caution ? `${answer.caution.agreementId}#${answer.caution.clauseId}` : '-',
    answer.message ?? '-',
  ].join(' | ');
}

async function answerAll(lookup: Lookup, requests: LookupRequest[]): Promise<string[]> {
  const lines: string[] = [];
  for (const request of requests) {
    try {
      lines.push(answerLine(await lookup.search(request)));
    } catch (error) {
      lines.push(`refused: ${(error as Error).message}`);
    }
  }
  return lines;
}

/** One line per question: its number and a short hash of its answer (the fixtures stay small). */
function fingerprint(lines: string[]): string {
  return lines
    .map((line, n) => `${n}\t${createHash('sha256').update(line).digest('hex').slice(0, 16)}\n`)
    .join('');
}

/** Compares with the fixture (or writes it); a difference names the questions and what they answer now. */
async function holdsFixture(name: string, requests: LookupRequest[], lines: string[]): Promise<void> {
  const file = join(fixtures, name);
  const now = fingerprint(lines);
  if (update) {
    await writeFile(file, now);
    return;
  }
  if (!existsSync(file))
    throw new Error(`${name} is missing: UPDATE_ANSWERS=1 writes it from today's answers`);
  const before = (await readFile(file, 'utf8')).split('\n');
  const changed = now
    .split('\n')
    .flatMap((line, n) => (line === before[n] ? [] : [n]))
    .filter((n) => n < lines.length || before[n] !== '');
  const shown = changed
    .slice(0, 10)
    .map((n) => `  #${n} ${JSON.stringify(requests[n])}\n     now: ${lines[n] ?? '(no question)'}`);
  if (changed.length > 0)
    throw new Error(
      `${changed.length} of ${lines.length} answers differ from ${name} (UPDATE_ANSWERS=1 writes it anew when relevance changed on purpose):\n${shown.join('\n')}`,
    );
  expect(changed).toEqual([]);
}

let root: string;

beforeAll(async () => {
  jest.useFakeTimers({
    now: new Date(fixedToday),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  root = await mkdtemp(join(tmpdir(), 'gjerde-answers-'));
});

afterAll(async () => {
  jest.useRealTimers();
  await rm(root, { recursive: true, force: true });
});

describe('the lookup answers as before', () => {
  it('the benchmark questions on a small national corpus', async () => {
    const corpus = await generateCorpus(join(root, 'corpus'), { scale: 0.2 });
    const store = await Store.open(corpus.dir);
    const keptIndex = join(root, 'kept-index.bin');
    const lookup = new Lookup(store, undefined, { keptIndex });
    // The same index kept and read again by a restart (src/lookup/kept-index.ts).
    const restarted = new Lookup(store, undefined, { keptIndex });
    try {
      const requests = benchQuestions(corpus, 1000);
      await holdsFixture('bench.txt', requests, await answerAll(lookup, requests));
      await lookup.kept;
      await holdsFixture('bench.txt', requests, await answerAll(restarted, requests));
      expect(restarted.stats).toBeUndefined();
    } finally {
      await Promise.all([lookup.close(), restarted.close()]);
      await store.close();
    }
  }, 600_000);

  it('the relevance set on the example agreements', async () => {
    const set = await loadQuestionSet();
    const gjerde = await startTestGjerde();
    try {
      const requests = set.questions.map((question) => requestFor(question, set.today));
      await holdsFixture('eval.txt', requests, await answerAll(gjerde.gjerde.lookup, requests));
    } finally {
      await gjerde.stop();
    }
  }, 300_000);
});
