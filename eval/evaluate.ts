/**
 * Runs the relevance set through the real lookup: a temporary data repository seeded from `agreements/`
 * by Gjerde's own start-up (real git, the project's seed code), the lookup service it builds, and every
 * question as the person asking would send it. Returns the figures by county style and failure class.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, projectRoot } from '../src/config.js';
import { openGjerde } from '../src/gjerde.js';
import type { Lookup } from '../src/lookup/lookup.js';
import type { LookupAnswer, LookupRequest } from '../src/lookup/search.js';
import { type Danger, judge, type Verdict } from './judge.js';
import {
  type EvalQuestion,
  type FailureClass,
  failureClasses,
  loadQuestionSet,
  type QuestionSet,
  type Style,
  styles,
} from './question-set.js';

/** Results asked for per question; the rank of a right answer further down does not count. */
export const resultLimit = 10;

export interface Outcome {
  question: EvalQuestion;
  verdict: Verdict;
  /** The answer said it is uncertain (`uncertain`), and why. */
  uncertain?: string;
  /** The lookup refused the question (its message). */
  error?: string;
}

export interface Figures {
  label: string;
  count: number;
  rightFirst: number;
  rightTop3: number;
  mrr: number;
  dangerous: number;
}

export interface Evaluation {
  today: string;
  outcomes: Outcome[];
  /** Every question not held out. */
  main: Figures;
  heldOut: Figures;
  byStyle: Figures[];
  byClass: Figures[];
  dangers: Record<Danger, number>;
  /** The held-out county's dangerous misses by kind: counts only, so a blind set can be read without its questions. */
  heldOutDangers: Record<Danger, number>;
}

/**
 * The request a question makes, as the lookup page makes it. Undated questions are asked on the set's
 * `today`; a question that names a date is sent without one, so the lookup must read it. The signed-in
 * person goes in as `person` (their county and party), the default scope the lookup gives them.
 */
export function requestFor(question: EvalQuestion, today: string): LookupRequest {
  const request: LookupRequest = { q: question.q, limit: resultLimit };
  if (!question.asked) request.at = today;
  if (question.scope) {
    const { county, party } = question.scope;
    request.person = { counties: [county], parties: party ? [party] : [] };
  }
  return request;
}

export function figures(label: string, outcomes: Outcome[]): Figures {
  const count = outcomes.length;
  const share = (test: (outcome: Outcome) => boolean) =>
    count === 0 ? 0 : outcomes.filter(test).length / count;
  return {
    label,
    count,
    rightFirst: share(({ verdict }) => verdict.rank === 1),
    rightTop3: share(({ verdict }) => verdict.rank !== null && verdict.rank <= 3),
    mrr:
      count === 0
        ? 0
        : outcomes.reduce((sum, { verdict }) => sum + (verdict.rank ? 1 / verdict.rank : 0), 0) / count,
    dangerous: outcomes.filter(({ verdict }) => verdict.danger !== null).length,
  };
}

export function summarize(today: string, outcomes: Outcome[]): Evaluation {
  const main = outcomes.filter(({ question }) => !question.heldOut);
  const heldOut = outcomes.filter(({ question }) => question.heldOut);
  const countDangers = (among: Outcome[]) => {
    const counts: Record<Danger, number> = {
      'other-county': 0,
      'settled-over-grey': 0,
      'grey-where-covered': 0,
      'wrong-date': 0,
    };
    for (const { verdict } of among) if (verdict.danger) counts[verdict.danger] += 1;
    return counts;
  };
  return {
    today,
    outcomes,
    main: figures('alle (uten holdt-ute)', main),
    heldOut: figures('holdt utenfor tuning', heldOut),
    byStyle: styles.map((style: Style) =>
      figures(
        style,
        outcomes.filter(({ question }) => question.style === style),
      ),
    ),
    byClass: failureClasses.map((name: FailureClass) =>
      figures(
        name,
        main.filter(({ question }) => question.classes.includes(name)),
      ),
    ),
    dangers: countDangers(main),
    heldOutDangers: countDangers(heldOut),
  };
}

/** A lookup service over a fresh data repository seeded from the example agreements; `close` removes it. */
export async function openEvaluationLookup(examplesDir = join(projectRoot, 'agreements')) {
  const root = await mkdtemp(join(tmpdir(), 'gjerde-eval-'));
  try {
    const gjerde = await openGjerde(
      loadConfig({ GJERDE_DATA: join(root, 'store'), GJERDE_EXAMPLES: examplesDir }),
    );
    const index = await gjerde.lookup.ready();
    return {
      lookup: gjerde.lookup as Lookup,
      /**
       * The county of an agreement on a day: its version in force then (a merged county's agreement names the
       * merged county until a split), else its latest approved version.
       */
      countyOf: (agreementId: string, date: string) =>
        (index.inForce(date).get(agreementId) ?? index.history(agreementId)[0])?.agreement.meta.county,
      async close() {
        await gjerde.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

export async function ask(lookup: Lookup, question: EvalQuestion, today: string): Promise<LookupAnswer> {
  return lookup.search(requestFor(question, today));
}

/** Every question of the set through the lookup, over the example agreements or another folder of them. */
export async function evaluate(set?: QuestionSet, examplesDir?: string): Promise<Evaluation> {
  const questions = set ?? (await loadQuestionSet());
  const service = await openEvaluationLookup(examplesDir);
  try {
    const outcomes: Outcome[] = [];
    for (const question of questions.questions) {
      try {
        const answer = await ask(service.lookup, question, questions.today);
        outcomes.push({
          question,
          verdict: judge(question, answer, questions.today, service.countyOf),
          ...(answer.uncertain ? { uncertain: answer.uncertain.because } : {}),
        });
      } catch (error) {
        const message = (error as Error).message;
        outcomes.push({
          question,
          verdict: { rank: null, danger: null, first: `feil: ${message}` },
          error: message,
        });
      }
    }
    return summarize(questions.today, outcomes);
  } finally {
    await service.close();
  }
}

/** The first blind set (eval/blind): a county and its questions, written apart from the team. */
export const blindSet = join(projectRoot, 'eval', 'blind');
/** The first blind set's agreements, beside the examples. */
export const blindAgreements = join(blindSet, 'agreements');

/** The folder of a set's other data files (registers), whose manifest lists them with their paths. */
const dataFiles = 'datafiler';

/**
 * The examples and a blind set's agreements (`<set>/agreements`) in one temporary folder, as a county's
 * store would hold them together; `remove` deletes the folder. A set's own data files (`datafiler/`, e.g. a
 * `felles/fylker.yaml`) join the examples': their manifests are one list, replayed in date order.
 */
export async function examplesWithBlind(set = blindSet): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gjerde-eval-blind-'));
  const manifests: string[] = [];
  for (const source of [join(projectRoot, 'agreements'), join(set, 'agreements')]) {
    for (const entry of await readdir(source, { withFileTypes: true }))
      if (entry.isDirectory()) await cp(join(source, entry.name), join(dir, entry.name), { recursive: true });
    const manifest = join(source, dataFiles, 'revisions.yaml');
    if (existsSync(manifest)) manifests.push(await readFile(manifest, 'utf8'));
  }
  if (manifests.length > 1) await writeFile(join(dir, dataFiles, 'revisions.yaml'), manifests.join('\n'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
