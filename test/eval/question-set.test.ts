/**
 * The relevance set says what the agreements say: every expected clause exists in the version in force on
 * every day of the period asked about, with the expected owner (or as a grey zone), and so do the clauses
 * listed as saying the same. Guards against typos in the data and against an agreement edit that silently
 * changes what a question should get.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { blindAgreements } from '../../eval/evaluate.js';
import {
  blindQuestionFiles,
  blindSetFiles,
  type EvalQuestion,
  expectedRefs,
  GREY,
  loadQuestionSet,
  type Period,
  type QuestionSet,
  readPeriod,
} from '../../eval/question-set.js';
import { projectRoot } from '../../src/config.js';
import { versionInForce } from '../../src/domain/validity.js';
import { parseAgreement } from '../../src/format/processor.js';
import type { Agreement } from '../../src/format/types.js';

/** The second blind set (Nordre Vik), evaluated with `npm run eval -- --blind-set eval/blind-2`. */
const secondBlind = join(projectRoot, 'eval', 'blind-2');
/** The third blind set (Vestre Fjelltun), evaluated with `npm run eval -- --blind-set eval/blind-3`. */
const thirdBlind = join(projectRoot, 'eval', 'blind-3');
/** The fourth blind set (Brattland), evaluated with `npm run eval -- --blind-set eval/blind-4`. */
const fourthBlind = join(projectRoot, 'eval', 'blind-4');
/** The fifth blind set (Vindhamar), evaluated with `npm run eval -- --blind-set eval/blind-5`. */
const fifthBlind = join(projectRoot, 'eval', 'blind-5');
/** The sixth blind set (Kystfold og Heiane), evaluated with `npm run eval -- --blind-set eval/blind-6`. */
const sixthBlind = join(projectRoot, 'eval', 'blind-6');
/** The seventh blind set (Lauvheim), evaluated with `npm run eval -- --blind-set eval/blind-7`. */
const seventhBlind = join(projectRoot, 'eval', 'blind-7');
/** The eighth blind set (Kvitanes), evaluated with `npm run eval -- --blind-set eval/blind-8`. */
const eighthBlind = join(projectRoot, 'eval', 'blind-8');
/** The ninth blind set (Mølnes), evaluated with `npm run eval -- --blind-set eval/blind-9`. */
const ninthBlind = join(projectRoot, 'eval', 'blind-9');
/** The tenth blind set (Storvoll), evaluated with `npm run eval -- --blind-set eval/blind-10`. */
const tenthBlind = join(projectRoot, 'eval', 'blind-10');
/** The eleventh blind set (Eikrem), evaluated with `npm run eval -- --blind-set eval/blind-11`. */
const eleventhBlind = join(projectRoot, 'eval', 'blind-11');
/** The twelfth blind set (Nordvidda), evaluated with `npm run eval -- --blind-set eval/blind-12`. */
const twelfthBlind = join(projectRoot, 'eval', 'blind-12');
/** The thirteenth blind set (Ramsfjord), evaluated with `npm run eval -- --blind-set eval/blind-13`. */
const thirteenthBlind = join(projectRoot, 'eval', 'blind-13');
/** The fourteenth blind set (Solvik), evaluated with `npm run eval -- --blind-set eval/blind-14`. */
const fourteenthBlind = join(projectRoot, 'eval', 'blind-14');
/** The examples, and the blind sets' agreements beside them (eval/blind, eval/blind-2 … eval/blind-14). */
const folders = [
  join(projectRoot, 'agreements'),
  blindAgreements,
  join(secondBlind, 'agreements'),
  join(thirdBlind, 'agreements'),
  join(fourthBlind, 'agreements'),
  join(fifthBlind, 'agreements'),
  join(sixthBlind, 'agreements'),
  join(seventhBlind, 'agreements'),
  join(eighthBlind, 'agreements'),
  join(ninthBlind, 'agreements'),
  join(tenthBlind, 'agreements'),
  join(eleventhBlind, 'agreements'),
  join(twelfthBlind, 'agreements'),
  join(thirteenthBlind, 'agreements'),
  join(fourteenthBlind, 'agreements'),
];
const versionsCache = new Map<string, { agreement: Agreement; valid: boolean }[]>();

/** Every revision of an example agreement, newest first (as git log gives them). */
function versionsOf(id: string): { agreement: Agreement; valid: boolean }[] {
  let versions = versionsCache.get(id);
  if (!versions) {
    const folder = folders.map((parent) => join(parent, id)).find((dir) => existsSync(dir)) ?? id;
    const manifest = parse(readFileSync(join(folder, 'revisions.yaml'), 'utf8')) as { file: string }[];
    versions = manifest
      .map(({ file }) => {
        const parsed = parseAgreement(readFileSync(join(folder, file), 'utf8'));
        return { agreement: parsed.agreement, valid: parsed.ok };
      })
      .reverse();
    versionsCache.set(id, versions);
  }
  return versions;
}

const agreementIds = ['fjordvik-ramme', 'fjordvik-ot-nav', 'strandby-lokal'];

/** The days a period is checked on: both ends and the first of every month between. */
function days(period: Period): string[] {
  const result = new Set([period.from, period.to]);
  for (let [year, month] = period.from.split('-').map(Number) as [number, number]; ; month += 1) {
    if (month > 12) [year, month] = [year + 1, 1];
    const day = `${year}-${String(month).padStart(2, '0')}-01`;
    if (day > period.to) break;
    if (day > period.from) result.add(day);
  }
  return [...result];
}

function checkDays(question: EvalQuestion, today: string): string[] {
  return question.asked ? days(question.asked) : [today];
}

/** What the agreement says on a day about a clause, as the set writes it. */
function ownerOn(ref: string, day: string): string {
  const [agreementId = '', clauseId] = ref.split('#');
  const version = versionInForce(versionsOf(agreementId), day);
  if (!version) return `(${agreementId} ikke i kraft)`;
  const clause = version.agreement.clauses.find((candidate) => candidate.id === clauseId);
  if (!clause) return `(${ref} finnes ikke)`;
  return clause.status === 'grey' ? GREY : (clause.owner ?? '?');
}

let set: QuestionSet;
let blindSet: QuestionSet;
let secondBlindSet: QuestionSet;
let thirdBlindSet: QuestionSet;
let fourthBlindSet: QuestionSet;
let fifthBlindSet: QuestionSet;
let sixthBlindSet: QuestionSet;
let seventhBlindSet: QuestionSet;
let eighthBlindSet: QuestionSet;
let ninthBlindSet: QuestionSet;
let tenthBlindSet: QuestionSet;
let eleventhBlindSet: QuestionSet;
let twelfthBlindSet: QuestionSet;
let thirteenthBlindSet: QuestionSet;
let fourteenthBlindSet: QuestionSet;
beforeAll(async () => {
  set = await loadQuestionSet();
  blindSet = await loadQuestionSet(blindQuestionFiles);
  secondBlindSet = await loadQuestionSet(blindSetFiles(secondBlind));
  thirdBlindSet = await loadQuestionSet(blindSetFiles(thirdBlind));
  fourthBlindSet = await loadQuestionSet(blindSetFiles(fourthBlind));
  fifthBlindSet = await loadQuestionSet(blindSetFiles(fifthBlind));
  sixthBlindSet = await loadQuestionSet(blindSetFiles(sixthBlind));
  seventhBlindSet = await loadQuestionSet(blindSetFiles(seventhBlind));
  eighthBlindSet = await loadQuestionSet(blindSetFiles(eighthBlind));
  ninthBlindSet = await loadQuestionSet(blindSetFiles(ninthBlind));
  tenthBlindSet = await loadQuestionSet(blindSetFiles(tenthBlind));
  eleventhBlindSet = await loadQuestionSet(blindSetFiles(eleventhBlind));
  twelfthBlindSet = await loadQuestionSet(blindSetFiles(twelfthBlind));
  thirteenthBlindSet = await loadQuestionSet(blindSetFiles(thirteenthBlind));
  fourteenthBlindSet = await loadQuestionSet(blindSetFiles(fourteenthBlind));
  const ids = new Set(agreementIds);
  for (const question of [
    ...set.questions,
    ...blindSet.questions,
    ...secondBlindSet.questions,
    ...thirdBlindSet.questions,
    ...fourthBlindSet.questions,
    ...fifthBlindSet.questions,
    ...sixthBlindSet.questions,
    ...seventhBlindSet.questions,
    ...eighthBlindSet.questions,
    ...ninthBlindSet.questions,
    ...tenthBlindSet.questions,
    ...eleventhBlindSet.questions,
    ...twelfthBlindSet.questions,
    ...thirteenthBlindSet.questions,
    ...fourteenthBlindSet.questions,
  ])
    for (const ref of expectedRefs(question.expect)) ids.add(ref.split('#')[0] as string);
  agreementIds.splice(0, agreementIds.length, ...ids);
});

/** Every set, by name: the relevance set and each blind set. */
const everySet: [string, () => QuestionSet][] = [
  ['the relevance set', () => set],
  ['the blind set', () => blindSet],
  ['the second blind set (Nordre Vik)', () => secondBlindSet],
  ['the third blind set (Vestre Fjelltun)', () => thirdBlindSet],
  ['the fourth blind set (Brattland)', () => fourthBlindSet],
  ['the fifth blind set (Vindhamar)', () => fifthBlindSet],
  ['the sixth blind set (Kystfold og Heiane)', () => sixthBlindSet],
  ['the seventh blind set (Lauvheim)', () => seventhBlindSet],
  ['the eighth blind set (Kvitanes)', () => eighthBlindSet],
  ['the ninth blind set (Mølnes)', () => ninthBlindSet],
  ['the tenth blind set (Storvoll)', () => tenthBlindSet],
  ['the eleventh blind set (Eikrem)', () => eleventhBlindSet],
  ['the twelfth blind set (Nordvidda)', () => twelfthBlindSet],
  ['the thirteenth blind set (Ramsfjord)', () => thirteenthBlindSet],
  ['the fourteenth blind set (Solvik)', () => fourteenthBlindSet],
];

function countyOf(agreementId: string): string {
  return versionsOf(agreementId)[0]?.agreement.meta.county ?? '?';
}

describe('the relevance set', () => {
  it('has at least 150 questions, and at least 40 for the held-out county', () => {
    expect(set.questions.filter((question) => !question.heldOut).length).toBeGreaterThanOrEqual(150);
    expect(set.questions.filter((question) => question.heldOut).length).toBeGreaterThanOrEqual(40);
  });

  it.each(everySet)(
    '%s expects what the agreement in force on the date asked about says',
    (_name, current) => {
      const set = current();
      const wrong: string[] = [];
      for (const question of set.questions) {
        const expectation = question.expect;
        for (const day of checkDays(question, set.today)) {
          if (expectation.kind === 'none') {
            // The county of the version in force that day: an agreement can change county (a county split).
            const umbrella = [
              ...new Set(
                set.questions
                  .flatMap((q) => expectedRefs(q.expect))
                  .map((ref) => ref.split('#')[0] as string),
              ),
            ]
              .map((id) => versionInForce(versionsOf(id), day))
              .find(
                (version) =>
                  version?.agreement.meta.kind === 'ramme' &&
                  version.agreement.meta.county === expectation.county,
              );
            if (umbrella?.agreement.meta.escalation !== expectation.escalation)
              wrong.push(`${question.id} ${day}: eskalering «${umbrella?.agreement.meta.escalation}»`);
            continue;
          }
          for (const ref of expectedRefs(expectation)) {
            const owner = ownerOn(ref, day);
            if (owner !== expectation.owner)
              wrong.push(`${question.id} ${day}: ${ref} er ${owner}, ikke ${expectation.owner}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(everySet)(
    '%s asks a signed-in person about their own county, or says why not',
    (_name, current) => {
      const set = current();
      const counties = new Map<string, Set<string>>();
      for (const id of agreementIds)
        for (const { agreement } of versionsOf(id)) {
          const parties = counties.get(agreement.meta.county) ?? new Set<string>();
          for (const party of agreement.meta.parties) parties.add(party.id);
          counties.set(agreement.meta.county, parties);
        }
      const wrong: string[] = [];
      for (const question of set.questions) {
        if (!question.scope) continue;
        const parties = counties.get(question.scope.county);
        if (!parties) wrong.push(`${question.id}: ukjent fylke ${question.scope.county}`);
        else if (question.scope.party && !parties.has(question.scope.party))
          wrong.push(`${question.id}: ${question.scope.party} er ikke part i ${question.scope.county}`);
        const county =
          question.expect.kind === 'none' ? question.expect.county : countyOf(question.expect.agreement);
        if (county !== question.scope.county && !question.note)
          wrong.push(`${question.id}: svaret er fra ${county}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('covers every county style and every failure class', () => {
    const styles = new Set(set.questions.map((question) => question.style));
    expect([...styles].sort()).toEqual(['fjordvik', 'held-out', 'long', 'migrated', 'terse-nynorsk']);
    for (const style of styles)
      expect(set.questions.filter((question) => question.style === style).length).toBeGreaterThanOrEqual(20);
    const main = set.questions.filter((question) => !question.heldOut);
    for (const name of ['recall', 'negation', 'county', 'grey', 'date', 'morphology', 'ranking'])
      expect(
        main.filter((question) => question.classes.includes(name as never)).length,
      ).toBeGreaterThanOrEqual(15);
  });

  it('reads dates as days, months, years and periods', () => {
    expect(readPeriod('2024-05-15')).toEqual({ from: '2024-05-15', to: '2024-05-15' });
    expect(readPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(readPeriod(2022)).toEqual({ from: '2022-01-01', to: '2022-12-31' });
    expect(readPeriod('2019-08-01..2023-12-31')).toEqual({ from: '2019-08-01', to: '2023-12-31' });
    expect(readPeriod('2023-12-31..2019-08-01')).toBeUndefined();
    expect(readPeriod('i fjor')).toBeUndefined();
  });
});
