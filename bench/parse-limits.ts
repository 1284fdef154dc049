/**
 * What one text can cost the check (issue 12, item 10): the hostile inputs, each refused by the
 * limits before parsing (src/format/limits.ts), and for each shape that makes Markdown's parser slow the
 * largest text the limits still let through, checked the way `POST /api/check` and saving check it (the
 * parser, the validator and the checks for short and clear agreements). A row per input, the slowest of
 * three runs, in CPU time (what the input costs; on a shared machine the time in all is longer) and in all.
 *
 * Run on its own: `node --import tsx bench/parse-limits.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/config.js';
import { analyze, checkContext } from '../src/drafting/checks/analyze.js';
import { parseLimits } from '../src/format/limits.js';
import { ms, type Row, type Section } from './harness.js';

const example = readFileSync(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');
const frontMatter = example.slice(0, example.indexOf('\n---\n') + 5);
const context = checkContext(undefined, 'ramme');
/** Lines the body may have, after the front matter. */
const bodyLines = parseLimits.lines - frontMatter.split('\n').length;

const paragraphs = (count: number, text: string) => Array(count).fill(text).join('\n\n');

/** [what, body, refused]: the inputs first, then the worst that passes the limits. */
const inputs: [string, () => string, boolean][] = [
  ['`:::` 5 000 nivåer (saken)', () => `${':::ansvar\n'.repeat(5000)}${':::\n'.repeat(5000)}`, true],
  ['`*a` × 60 000 på én linje (saken)', () => `${'*a'.repeat(60_000)}\n`, true],
  ['`*a` × 20 000 i ett avsnitt', () => `${'*a'.repeat(50)}\n`.repeat(400), true],
  ['`a` / `=` × 1 500 (setext)', () => 'a\n=\n'.repeat(1500), true],
  ['200 000 tegn vanlig tekst', () => paragraphs(40, `${'Ord og setninger. '.repeat(270)}`), false],
  ['400 `*a` i avsnitt, 5 000 i alt', () => paragraphs(12, `${'*a'.repeat(400)}`), false],
  ['400 `]` i avsnitt over 200 linjer, 5 000 i alt', () => paragraphs(12, 'a] b]\n'.repeat(200)), false],
  ['`:::` 10 nivåer', () => `${':::merknad\n'.repeat(10)}tekst\n${':::\n'.repeat(10)}`, false],
  ['20 setext-overskrifter', () => 'a\n=\n\n'.repeat(20), false],
  ['liste, 1 linje per punkt', () => '- a\n'.repeat(bodyLines - 1), false],
  ['tabellrader', () => `| a |\n| - |\n${'| a |\n'.repeat(bodyLines - 3)}`, false],
  [
    'ansvarspunkter, 4 linjer hver',
    () =>
      Array.from(
        { length: Math.floor(bodyLines / 4) },
        (_, index) => `:::ansvar[Punkt ${index}]{#p${index} ansvarlig=nav-fjordvik}\nTekst.\n:::\n`,
      ).join('\n'),
    false,
  ],
  ['5 000 tegn attributter på én linje', () => `:::merknad{${'a=b '.repeat(1240)}}\n:::\n`, false],
];

export function parseLimitRows(log: (line: string) => void = () => {}): Row[] {
  const rows: Row[] = [];
  analyze(example, context); // Compiled and warm, as in a running service.
  for (const [what, body, refused] of inputs) {
    const markdown = `${frontMatter}${body()}`;
    let slowest = 0;
    let slowestCpu = 0;
    let result = analyze(markdown, context);
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      result = analyze(markdown, context);
      const used = process.cpuUsage(cpu);
      slowestCpu = Math.max(slowestCpu, (used.user + used.system) / 1000);
      slowest = Math.max(slowest, performance.now() - started);
    }
    const limit = result.messages.find(
      (message) => message.rule === 'too-large' || message.rule === 'too-deep',
    );
    if (refused !== (limit !== undefined))
      throw new Error(`${what}: expected ${refused ? 'refused' : 'let through'}, got ${limit?.message}`);
    const took = `${ms(slowestCpu)} CPU, ${ms(slowest)} i alt`;
    log(`${what}: ${took}`);
    rows.push({
      section: 'parsegrenser',
      measure: `${what}, ${(markdown.length / 1000).toFixed(0)} k tegn`,
      value: refused ? `avvist på ${took} (${limit?.line}:${limit?.column})` : `sjekket på ${took}`,
      target: '< 1 s CPU',
      met: slowestCpu < 1000,
    });
  }
  return rows;
}

export const parseLimitsSection: Section = {
  name: 'parse-limits',
  description:
    'Verste tilfeller for sjekk av én tekst: avvist før parsing, eller det største grensene slipper gjennom',
  async run(context) {
    for (const row of parseLimitRows(context.log)) context.report(row);
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of parseLimitRows(console.log)) console.log(`${row.measure}: ${row.value}`);
}
