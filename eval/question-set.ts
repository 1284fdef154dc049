/**
 * The relevance set: questions in case workers' words with the answer the agreements give, read from the
 * YAML files beside this module (`questions.yaml`, and `held-out.yaml` for the county the lookup is never
 * tuned to). Reading checks the shape of every item, so a typo in the data fails loudly instead of
 * silently scoring as a miss; whether the expectations agree with the agreements is checked by
 * test/eval/question-set.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isIsoDate } from '../src/format/dates.js';

export const styles = ['fjordvik', 'terse-nynorsk', 'long', 'migrated', 'held-out'] as const;
export type Style = (typeof styles)[number];

/** The failure classes of issue 11 (class 4, examples against real agreements, has no questions here). */
export const failureClasses = [
  'recall',
  'negation',
  'county',
  'grey',
  'date',
  'morphology',
  'ranking',
] as const;
export type FailureClass = (typeof failureClasses)[number];

/** The owner written for a grey zone. */
export const GREY = 'uavklart';

export interface Period {
  from: string;
  to: string;
}

export type Expectation =
  | {
      kind: 'clause';
      agreement: string;
      clause: string;
      /** A party id, or {@link GREY}. */
      owner: string;
      /** `agreement#clause` of other clauses that say the same and count as right too. */
      also: string[];
    }
  | { kind: 'none'; county: string; escalation: string };

export interface EvalQuestion {
  id: string;
  q: string;
  /** The signed-in person's county and party. */
  scope?: { county: string; party?: string };
  /** The date asked about, when the question names one; otherwise the set's `today`. */
  asked?: Period;
  expect: Expectation;
  style: Style;
  classes: FailureClass[];
  note?: string;
  /** Which file it came from. */
  heldOut: boolean;
}

export interface QuestionSet {
  /** The day undated questions are asked on, so the figures do not drift as real days pass. */
  today: string;
  questions: EvalQuestion[];
}

export const questionFiles = {
  main: fileURLToPath(new URL('./questions.yaml', import.meta.url)),
  heldOut: fileURLToPath(new URL('./held-out.yaml', import.meta.url)),
};

/**
 * `npm run eval -- --blind-set <folder>`: the main set, with a blind set's questions (`<folder>/held-out.yaml`)
 * as the held-out line.
 */
export function blindSetFiles(folder: string): typeof questionFiles {
  return { main: questionFiles.main, heldOut: join(folder, 'held-out.yaml') };
}

/** `npm run eval -- --blind`: the first blind set (eval/blind). */
export const blindQuestionFiles = blindSetFiles(fileURLToPath(new URL('./blind', import.meta.url)));

const itemKeys = new Set(['id', 'q', 'scope', 'date', 'expect', 'also', 'style', 'classes', 'note']);

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2024-05-15`, `2024-05`, `2024` or `2019-08-01..2023-12-31` → the period it means. */
export function readPeriod(value: unknown): Period | undefined {
  const text = String(value).trim();
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (range && isIsoDate(range[1]) && isIsoDate(range[2]) && range[1] <= range[2])
    return { from: range[1], to: range[2] };
  if (isIsoDate(text)) return { from: text, to: text };
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month && isIsoDate(`${text}-01`))
    return { from: `${text}-01`, to: lastDayOfMonth(Number(month[1]), Number(month[2])) };
  if (/^\d{4}$/.test(text)) return { from: `${text}-01-01`, to: `${text}-12-31` };
  return undefined;
}

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

function text(value: unknown, where: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, `«${name}» mangler eller er tom`);
  return value;
}

function readExpectation(item: Record<string, unknown>, where: string): Expectation {
  const expect = item.expect;
  if (typeof expect !== 'object' || expect === null) fail(where, '«expect» mangler');
  const fields = expect as Record<string, unknown>;
  if (fields.none === true) {
    if (item.also !== undefined) fail(where, '«also» passer ikke med «none»');
    return {
      kind: 'none',
      county: text(fields.county, where, 'expect.county'),
      escalation: text(fields.escalation, where, 'expect.escalation'),
    };
  }
  const also = item.also ?? [];
  if (
    !Array.isArray(also) ||
    !also.every((ref) => typeof ref === 'string' && /^[a-z0-9-]+#[a-z0-9-]+$/.test(ref))
  )
    fail(where, '«also» må være en liste av «avtale#punkt»');
  return {
    kind: 'clause',
    agreement: text(fields.agreement, where, 'expect.agreement'),
    clause: text(fields.clause, where, 'expect.clause'),
    owner: text(fields.owner, where, 'expect.owner'),
    also: also as string[],
  };
}

function readQuestion(raw: unknown, where: string, heldOut: boolean): EvalQuestion {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(where, 'må være et objekt');
  const item = raw as Record<string, unknown>;
  for (const key of Object.keys(item)) if (!itemKeys.has(key)) fail(where, `ukjent felt «${key}»`);
  const id = text(item.id, where, 'id');
  const at = `${where} (${id})`;
  const style = item.style as Style;
  if (!styles.includes(style)) fail(at, `ukjent stil «${String(item.style)}» (kjente: ${styles.join(', ')})`);
  if (heldOut !== (style === 'held-out')) fail(at, 'stilen «held-out» hører til held-out.yaml, og bare den');
  const classes = item.classes;
  if (!Array.isArray(classes) || classes.length === 0) fail(at, '«classes» må være en ikke-tom liste');
  for (const name of classes)
    if (!failureClasses.includes(name)) fail(at, `ukjent feilklasse «${String(name)}»`);
  const question: EvalQuestion = {
    id,
    q: text(item.q, at, 'q'),
    expect: readExpectation(item, at),
    style,
    classes: classes as FailureClass[],
    heldOut,
  };
  if (item.scope !== undefined) {
    const scope = item.scope as Record<string, unknown>;
    question.scope = { county: text(scope?.county, at, 'scope.county') };
    if (scope.party !== undefined) question.scope.party = text(scope.party, at, 'scope.party');
  }
  if (item.date !== undefined) {
    const asked = readPeriod(item.date);
    if (!asked) fail(at, `ugyldig dato «${String(item.date)}»`);
    question.asked = asked;
    if (!question.classes.includes('date')) fail(at, 'et spørsmål med dato skal ha feilklassen «date»');
  }
  if (item.note !== undefined) question.note = text(item.note, at, 'note');
  return question;
}

async function readFileSet(path: string, heldOut: boolean): Promise<QuestionSet> {
  const data = parse(await readFile(path, 'utf8')) as { today?: unknown; questions?: unknown };
  const today = String(data?.today ?? '');
  if (!isIsoDate(today)) fail(path, '«today» må være en dato (ÅÅÅÅ-MM-DD)');
  if (!Array.isArray(data.questions)) fail(path, '«questions» må være en liste');
  return {
    today,
    questions: data.questions.map((raw, index) =>
      readQuestion(raw, `${path}, spørsmål ${index + 1}`, heldOut),
    ),
  };
}

/** Both files as one set (held-out questions marked), with unique ids. */
export async function loadQuestionSet(files = questionFiles): Promise<QuestionSet> {
  const main = await readFileSet(files.main, false);
  const heldOut = await readFileSet(files.heldOut, true);
  if (main.today !== heldOut.today) fail(files.heldOut, '«today» må være den samme som i questions.yaml');
  const questions = [...main.questions, ...heldOut.questions];
  const seen = new Set<string>();
  for (const question of questions) {
    if (seen.has(question.id))
      fail(question.heldOut ? files.heldOut : files.main, `id «${question.id}» står to ganger`);
    seen.add(question.id);
  }
  return { today: main.today, questions };
}

/** `agreement#clause` of the expected clause and its alternatives. */
export function expectedRefs(expectation: Expectation): string[] {
  return expectation.kind === 'clause'
    ? [`${expectation.agreement}#${expectation.clause}`, ...expectation.also]
    : [];
}
