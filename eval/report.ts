/** The evaluation as text: figures by county style and failure class, dangerous misses, every miss. */
import type { Evaluation, Figures, Outcome } from './evaluate.js';
import { dangers } from './judge.js';
import type { EvalQuestion, Period } from './question-set.js';

const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;

function row(figure: Figures): string {
  return [
    figure.label.padEnd(24),
    String(figure.count).padStart(4),
    percent(figure.rightFirst),
    percent(figure.rightTop3),
    figure.mrr.toFixed(3).padStart(6),
    String(figure.dangerous).padStart(6),
  ].join('  ');
}

const header = ['', 'antall', 'rett først', 'topp 3', 'MRR', 'farlig'];

function period(asked: Period | undefined, today: string): string {
  if (!asked) return today;
  return asked.from === asked.to ? asked.from : `${asked.from}..${asked.to}`;
}

export function expected(question: EvalQuestion, today: string): string {
  const expect = question.expect;
  const when = period(question.asked, today);
  if (expect.kind === 'none') return `ingen dekker → ${expect.escalation} [${expect.county}, ${when}]`;
  const also = expect.also.length > 0 ? ` (eller ${expect.also.join(', ')})` : '';
  return `${expect.agreement}#${expect.clause} ${expect.owner}${also} [${when}]`;
}

export function printEvaluation(evaluation: Evaluation, out: (line: string) => void = console.log): void {
  out(`Oppslaget målt på relevanssettet (udaterte spørsmål stilt ${evaluation.today})`);
  out('');
  out(
    `${header[0]?.padEnd(24)}  ${header
      .slice(1)
      .map((h, i) => h.padStart([4, 7, 7, 6, 6][i] ?? 6))
      .join('  ')}`,
  );
  out(row(evaluation.main));
  out(row(evaluation.heldOut));
  out('');
  out('Etter avtalestil');
  for (const figure of evaluation.byStyle) out(row(figure));
  out('');
  out('Etter feilklasse (uten holdt-ute)');
  for (const figure of evaluation.byClass) out(row(figure));
  out('');
  // Another county's clause first, not dangerous since the answer asks for the county: counted apart, so
  // the answers that stopped being dangerous that way stay visible.
  const countyAsked = (heldOut: boolean) =>
    `  et annet fylke først, men svaret ber om fylke: ${
      evaluation.outcomes.filter(
        ({ question, verdict }) => question.heldOut === heldOut && verdict.countyAsked,
      ).length
    }`;
  out('Farlige bom (uten holdt-ute)');
  for (const [danger, count] of Object.entries(evaluation.dangers))
    out(`  ${String(count).padStart(3)}  ${dangers[danger as keyof typeof dangers]}`);
  out(countyAsked(false));
  out('');
  out('Farlige bom (holdt ute, bare antall)');
  for (const [danger, count] of Object.entries(evaluation.heldOutDangers))
    out(`  ${String(count).padStart(3)}  ${dangers[danger as keyof typeof dangers]}`);
  out(countyAsked(true));
  out('');
  out('Svar merket usikre (rett først / bom / farlige bom)');
  for (const [label, heldOut] of [
    ['uten holdt-ute', false],
    ['holdt ute', true],
  ] as const) {
    const among = evaluation.outcomes.filter(({ question }) => question.heldOut === heldOut);
    const flagged = (test: (outcome: Outcome) => boolean) => {
      const chosen = among.filter(test);
      return `${chosen.filter(({ uncertain }) => uncertain).length} av ${chosen.length}`;
    };
    out(
      `  ${label.padEnd(16)}${flagged(({ verdict }) => verdict.rank === 1)} / ${flagged(({ verdict }) => verdict.rank !== 1)} / ${flagged(({ verdict }) => verdict.danger !== null)}`,
    );
  }
  const misses = evaluation.outcomes.filter(({ verdict }) => verdict.rank !== 1);
  out('');
  out(`Bom (${misses.length})`);
  for (const outcome of misses) {
    const { question, verdict } = outcome;
    const mark = verdict.danger
      ? `FARLIG (${dangers[verdict.danger]})`
      : verdict.rank
        ? `nr. ${verdict.rank}`
        : 'ikke i svaret';
    const scope = question.scope
      ? ` {${question.scope.county}${question.scope.party ? `/${question.scope.party}` : ''}}`
      : '';
    const flag = [
      outcome.uncertain ? ` (merket usikkert: ${outcome.uncertain})` : '',
      verdict.countyAsked ? ' (ber om fylke)' : '',
    ].join('');
    out(`- ${question.id} «${question.q}»${scope}: ${mark}${flag}`);
    out(`    ventet: ${expected(question, evaluation.today)}`);
    out(`    først:  ${verdict.first}`);
  }
}
