/**
 * `npm run eval`: the relevance set through the real lookup, with right-first, right-in-top-3 and MRR by
 * county style and failure class, the held-out county on its own line, dangerous misses, and every miss.
 *
 * `npm run eval -- --question dal-05` (or several, comma-separated): that question's top 5 with scores,
 * as the lookup sees it. `npm run eval -- --q "fikk ikke læreplass" [--county Dalheim] [--at 2024-05-01]`:
 * the same for any question. `npm run eval -- --blind`: the main set with the blind county
 * (eval/blind/, written apart from the team and never tuned to) as the held-out line instead of Sørholm;
 * `npm run eval -- --blind-set eval/blind-2` the same with another blind set's folder (eval/blind-4 is
 * Brattland, the fourth, eval/blind-5 Vindhamar, the fifth, eval/blind-6 Kystfold og Heiane, the sixth, and
 * eval/blind-7 Lauvheim, the seventh, and eval/blind-8 Kvitanes, the eighth, eval/blind-9 Mølnes, the ninth, eval/blind-10
 * Storvoll, the tenth, and eval/blind-11 Eikrem, the eleventh, each written by a stranger to the lookup, run once before any tuning to
 * them); with
 * `--question` or `--q`, the blind set's questions and agreements are the ones explained.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LookupAnswer } from '../src/lookup/search.js';
import {
  blindSet,
  evaluate,
  examplesWithBlind,
  openEvaluationLookup,
  requestFor,
  resultLimit,
} from './evaluate.js';
import { ownerOf } from './judge.js';
import { blindSetFiles, loadQuestionSet } from './question-set.js';
import { expected, printEvaluation } from './report.js';

function printTop(answer: LookupAnswer, out: (line: string) => void = console.log): void {
  const { question } = answer;
  const age = question.age ? `${question.age.min ?? ''}–${question.age.max ?? ''} år` : 'ingen alder';
  out(
    `  dato ${answer.date} · ${age} · situasjon: ${question.facets.join(', ') || '–'} · hvem betaler: ${question.asksWhoPays ? 'ja' : 'nei'}`,
  );
  if (answer.results.length === 0) out(`  ingen treff: ${answer.message ?? ''}`);
  for (const [index, result] of answer.results.slice(0, 5).entries()) {
    out(
      `  ${index + 1}. ${String(result.score).padStart(8)}  ${result.agreementId}#${result.clauseId}  ${ownerOf(result)}  [${result.county}]  «${result.clauseTitle}»`,
    );
  }
  for (const route of answer.escalation) out(`  eskalering: ${route.to} [${route.county}]`);
}

async function explain(
  ids: string[],
  free: { q?: string; county?: string; at?: string },
  blind: string | undefined,
): Promise<void> {
  const examples = blind === undefined ? undefined : await examplesWithBlind(blind);
  const set = await loadQuestionSet(blind === undefined ? undefined : blindSetFiles(blind));
  const service = await openEvaluationLookup(examples?.dir);
  try {
    for (const id of ids) {
      const question = set.questions.find((candidate) => candidate.id === id);
      if (!question) throw new Error(`Fant ikke spørsmålet «${id}» i settet.`);
      console.log(`${question.id} «${question.q}»`);
      console.log(`  ventet: ${expected(question, set.today)}`);
      printTop(await service.lookup.search(requestFor(question, set.today)));
    }
    if (free.q !== undefined) {
      console.log(`«${free.q}»`);
      printTop(
        await service.lookup.search({ q: free.q, county: free.county, at: free.at, limit: resultLimit }),
      );
    }
  } finally {
    await service.close();
    await examples?.remove();
  }
}

const { values } = parseArgs({
  options: {
    question: { type: 'string' },
    q: { type: 'string' },
    county: { type: 'string' },
    at: { type: 'string' },
    blind: { type: 'boolean' },
    'blind-set': { type: 'string' },
  },
});

const blindFolder =
  values['blind-set'] !== undefined ? resolve(values['blind-set']) : values.blind ? blindSet : undefined;

if (values.question !== undefined || values.q !== undefined) {
  await explain(values.question?.split(',').map((id) => id.trim()) ?? [], values, blindFolder);
} else if (blindFolder !== undefined) {
  const examples = await examplesWithBlind(blindFolder);
  try {
    printEvaluation(await evaluate(await loadQuestionSet(blindSetFiles(blindFolder)), examples.dir));
  } finally {
    await examples.remove();
  }
} else {
  printEvaluation(await evaluate());
}
