/**
 * The case file: Markdown with YAML front matter, one file a case under `saker/`, readable without Gjerde.
 * The facts Gjerde works with (status, agreement, clause, dates, who decided) are in the front matter; the
 * title is the first heading, and what people wrote is in sections under fixed headings. docs/format.md
 * describes it with an example. Reading reports every problem as a message with line and column.
 */
import { VFile } from 'vfile';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { nationalIdMessages, personalDataMessage } from '../domain/personal-data.js';
import { parseAgeRange } from '../format/clauses.js';
import { isIsoDate } from '../format/dates.js';
import { splitFrontMatter } from '../format/front-matter.js';
import { isValidId } from '../format/ids.js';
import { type PlainMessage, plainMessages } from '../format/messages.js';
import type { AgeRange } from '../format/types.js';
import { isSituationFacet } from '../format/vocabulary.js';
import { yamlErrorText } from '../format/yaml-errors.js';
import type { CaseStatus, UnclearCase } from './types.js';
import { caseStatuses } from './types.js';

export const casesFolder = 'saker';

/** `2026-k3f9x`: the year it was raised and five random letters and digits (unique across instances). */
const caseIdPattern = /^\d{4}-[a-z0-9]{5}$/;

export function isCaseId(value: unknown): value is string {
  return typeof value === 'string' && caseIdPattern.test(value);
}

export function casePath(id: string): string {
  return `${casesFolder}/${id}.md`;
}

/** The case id of a path under `saker/`, or undefined for any other path. */
export function caseIdOf(path: string): string | undefined {
  const match = /^saker\/([^/]+)\.md$/.exec(path);
  return match && isCaseId(match[1]) ? match[1] : undefined;
}

const sections = {
  situation: 'Situasjon',
  disagreement: 'Uenigheten',
  escalation: 'Til styringsgruppen',
  decision: 'Vedtak',
} as const;
type SectionKey = keyof typeof sections;

const topKeys = new Set([
  'id',
  'status',
  'avtale',
  'punkt',
  'fylke',
  'meldt-av',
  'meldt',
  'alder',
  'situasjon',
  'eskalert',
  'vedtak',
  'dekket',
  'endring',
]);
const nestedKeys: Record<string, string[]> = {
  eskalert: ['dato', 'til'],
  vedtak: ['dato', 'av', 'ansvarlig'],
  dekket: ['dato', 'avtale', 'punkt'],
  endring: ['dato', 'avtale', 'revisjon'],
};

export interface ParsedCase {
  ok: boolean;
  case?: UnclearCase;
  messages: PlainMessage[];
}

/** Reads a case file; `path` (when given) must agree with its id. */
export function parseCaseFile(text: string, path?: string): ParsedCase {
  const file = new VFile({ value: text, ...(path ? { path } : {}) });
  const fail = (reason: string, line = 1, column = 1) => {
    const message = file.message(reason, { place: { line, column }, ruleId: 'case', source: 'gjerde-sak' });
    message.fatal = true;
  };
  const result = (value?: UnclearCase): ParsedCase => {
    const messages = plainMessages(file);
    const ok = value !== undefined && messages.every((message) => message.severity !== 'error');
    return ok ? { ok, case: value, messages } : { ok: false, messages };
  };
  const nationalIds = nationalIdMessages(text);
  if (nationalIds.length > 0) {
    for (const { line, column } of nationalIds) fail(personalDataMessage, line, column);
    return result();
  }
  const normalized = text.replace(/\r\n?/g, '\n');
  const front = splitFrontMatter(normalized);
  if (!front) {
    fail('Saken mangler metadata (YAML-blokk mellom «---»-linjer øverst).');
    return result();
  }
  /** The body's first line, by number: the one after the closing `---`. */
  const bodyLine = normalized.slice(0, front.bodyStart).replace(/\n$/, '').split('\n').length + 1;
  const lineCounter = new LineCounter();
  const document = parseDocument(front.yaml, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const at = (node: YamlNode | null | undefined): [number, number] => {
    const offset = node?.range?.[0];
    if (offset === undefined) return [1, 1];
    const { line, col } = lineCounter.linePos(offset);
    return [line + 1, col];
  };
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const [line, column] = error?.linePos?.[0] ? [error.linePos[0].line + 1, error.linePos[0].col] : [2, 1];
    fail(`Metadata er ikke gyldig YAML: ${error ? yamlErrorText(error) : ''}`, line, column);
    return result();
  }
  if (!isMap(document.contents)) {
    fail('Metadata må være en liste med nøkler og verdier (id: …, status: …).', 2, 1);
    return result();
  }
  /** Scalar values by key path (`vedtak.dato`), each with its position. */
  const values = new Map<string, { value: string; node: YamlNode }>();
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyNode = pair.key as YamlNode;
    if (!topKeys.has(key)) {
      fail(`Ukjent nøkkel «${key.slice(0, 40)}» i saken.`, ...at(keyNode));
      continue;
    }
    const nested = nestedKeys[key];
    if (nested) {
      if (!isMap(pair.value)) {
        fail(`«${key}» må ha ${nested.join(', ')} under seg.`, ...at(keyNode));
        continue;
      }
      for (const inner of pair.value.items) {
        const innerKey = isScalar(inner.key) ? String(inner.key.value) : '';
        if (!nested.includes(innerKey) || !isScalar(inner.value)) {
          fail(`Ukjent eller ugyldig «${key}.${innerKey.slice(0, 40)}».`, ...at(inner.key as YamlNode));
          continue;
        }
        values.set(`${key}.${innerKey}`, { value: String(inner.value.value ?? ''), node: inner.value });
      }
    } else if (!isScalar(pair.value)) {
      fail(`«${key}» må være én verdi.`, ...at(keyNode));
    } else {
      values.set(key, { value: String(pair.value.value ?? '').trim(), node: pair.value });
    }
  }
  const value = (key: string) => values.get(key)?.value || undefined;
  const check = (key: string, valid: (text: string) => boolean, what: string, required = true) => {
    const entry = values.get(key);
    if (!entry?.value) {
      if (required) fail(`Saken mangler «${key}».`, 2, 1);
      return undefined;
    }
    if (!valid(entry.value)) {
      fail(`Ugyldig «${key}»: ${what}.`, ...at(entry.node));
      return undefined;
    }
    return entry.value;
  };
  const id = check('id', isCaseId, 'skriv år, bindestrek og fem tegn a–z eller 0–9, f.eks. 2026-k3f9x');
  if (id && path !== undefined && caseIdOf(path) !== id)
    fail(`Filen heter ${path}, men saken har id «${id}». Filnavnet skal være ${casePath(id)}.`, 2, 1);
  const status = check(
    'status',
    (text) => Object.hasOwn(caseStatuses, text),
    Object.keys(caseStatuses).join(', '),
  ) as CaseStatus | undefined;
  const agreementId = check('avtale', isValidId, 'en avtale-id');
  const clauseId = check('punkt', isValidId, 'en punkt-id', false);
  const county = check('fylke', (text) => text.length <= 60, 'et fylkesnavn');
  const raisedBy = check('meldt-av', isValidId, 'en part-id');
  const raised = check('meldt', isIsoDate, 'skriv datoen som ÅÅÅÅ-MM-DD');
  const agesText = check(
    'alder',
    (text) => readAges(text) !== undefined,
    'skriv alder som 17 eller 16-18',
    false,
  );
  const facets = (value('situasjon') ?? '').split(/[\s,]+/).filter(Boolean);
  const unknownFacet = facets.find((facet) => !isSituationFacet(facet));
  if (unknownFacet)
    fail(`Ukjent situasjon «${unknownFacet.slice(0, 40)}».`, ...at(values.get('situasjon')?.node));
  const date = (key: string) => check(key, isIsoDate, 'skriv datoen som ÅÅÅÅ-MM-DD');

  const body = readBody(normalized.slice(front.bodyStart).split('\n'), bodyLine, fail);
  const unclear: Partial<UnclearCase> = {
    id,
    title: body.title,
    status,
    agreementId,
    county,
    raisedBy,
    raised,
    facets,
    situation: body.sections.situation ?? '',
    disagreement: body.sections.disagreement ?? '',
  };
  if (clauseId) unclear.clauseId = clauseId;
  const ages = agesText ? readAges(agesText) : undefined;
  if (ages) unclear.ages = ages;
  if (!body.sections.situation) fail(`Saken mangler seksjonen «## ${sections.situation}».`, bodyLine, 1);
  if (!body.sections.disagreement)
    fail(`Saken mangler seksjonen «## ${sections.disagreement}».`, bodyLine, 1);

  if (values.has('eskalert.dato') || values.has('eskalert.til') || status === 'eskalert') {
    const to = check('eskalert.til', (text) => text.length <= 120, 'høyst 120 tegn');
    unclear.escalation = {
      date: date('eskalert.dato') ?? '',
      to: to ?? '',
      text: body.sections.escalation ?? '',
    };
  }
  if (status === 'avgjort' || values.has('vedtak.dato')) {
    const by = check('vedtak.av', (text) => text.length <= 120, 'høyst 120 tegn');
    const decision: UnclearCase['decision'] = {
      date: date('vedtak.dato') ?? '',
      by: by ?? '',
      text: body.sections.decision ?? '',
    };
    const owner = check('vedtak.ansvarlig', isValidId, 'en part-id', false);
    if (owner) decision.owner = owner;
    unclear.decision = decision;
    if (!body.sections.decision) fail(`Et avgjort sak har seksjonen «## ${sections.decision}».`, bodyLine, 1);
  }
  if (status === 'dekket' || values.has('dekket.dato')) {
    unclear.covered = {
      date: date('dekket.dato') ?? '',
      agreementId: check('dekket.avtale', isValidId, 'en avtale-id') ?? '',
      clauseId: check('dekket.punkt', isValidId, 'en punkt-id') ?? '',
      text: body.sections.decision ?? '',
    };
  }
  if (values.has('endring.revisjon') || values.has('endring.dato')) {
    unclear.amendment = {
      agreementId: check('endring.avtale', isValidId, 'en avtale-id') ?? '',
      rev: check('endring.revisjon', (text) => /^[0-9a-f]{40}$/.test(text), 'en commit-id med 40 tegn') ?? '',
      date: date('endring.dato') ?? '',
    };
    if (!unclear.decision) fail('Bare en avgjort sak kan ha en endring av avtalen.', 2, 1);
  }
  if (status === 'avgjort' && unclear.covered) fail('En sak er enten avgjort eller dekket av avtalen.', 2, 1);
  return result(unclear as UnclearCase);
}

/** `17`, `16-18` or `16–18` (the en dash Gjerde itself writes). */
function readAges(text: string): AgeRange | undefined {
  return parseAgeRange(text.replace(/[–—]/g, '-').replace(/\s+/g, ''));
}

function readBody(
  lines: string[],
  firstLine: number,
  fail: (reason: string, line?: number, column?: number) => void,
): { title: string; sections: Partial<Record<SectionKey, string>> } {
  const byHeading = new Map<string, SectionKey>(
    Object.entries(sections).map(([key, heading]) => [heading.toLocaleLowerCase('nb'), key as SectionKey]),
  );
  let title = '';
  /** The section being read; `null` under an unknown heading (its text is reported once, with the heading). */
  let current: SectionKey | null | undefined;
  const collected: Partial<Record<SectionKey, string[]>> = {};
  lines.forEach((line, index) => {
    const lineNumber = firstLine + index;
    if (/^# /.test(line)) {
      if (title) fail('Saken har bare én overskrift med «# » (tittelen).', lineNumber);
      title = line.slice(2).trim();
      return;
    }
    const heading = /^## (.*)$/.exec(line)?.[1]?.trim();
    if (heading !== undefined) {
      const key = byHeading.get(heading.toLocaleLowerCase('nb'));
      if (!key)
        fail(
          `Ukjent seksjon «${heading.slice(0, 40)}». Seksjonene er ${Object.values(sections).join(', ')}.`,
          lineNumber,
        );
      else if (collected[key]) fail(`Seksjonen «${heading}» står to ganger.`, lineNumber);
      current = key ?? null;
      if (key) collected[key] = [];
      return;
    }
    if (current) collected[current]?.push(line);
    else if (current === undefined && line.trim() !== '')
      fail('Tekst må stå under en seksjon («## Situasjon» …).', lineNumber);
  });
  if (!title) fail('Saken mangler tittel (en linje som starter med «# »).', firstLine);
  const result: Partial<Record<SectionKey, string>> = {};
  for (const [key, text] of Object.entries(collected) as [SectionKey, string[]][]) {
    const joined = text
      .map((line) => line.replace(/^\\(#)/, '$1'))
      .join('\n')
      .trim();
    if (joined) result[key] = joined;
  }
  return { title, sections: result };
}

/** A text that never reads as a heading of the case file (a line starting with # is escaped). */
function sectionText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => line.replace(/^#/, '\\#'))
    .join('\n');
}

/** YAML scalars written plainly where that reads back the same, quoted otherwise. */
function scalar(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .,()/–-]*$/u.test(value) && !/^\d+-\d+$/.test(value) && !/: /.test(value)
    ? value
    : JSON.stringify(value);
}

/** The file Gjerde writes for a case; `parseCaseFile` reads it back to the same case. */
export function writeCaseFile(unclear: UnclearCase): string {
  const yaml: string[] = [`id: ${unclear.id}`, `status: ${unclear.status}`, `avtale: ${unclear.agreementId}`];
  if (unclear.clauseId) yaml.push(`punkt: ${unclear.clauseId}`);
  yaml.push(`fylke: ${scalar(unclear.county)}`, `meldt-av: ${unclear.raisedBy}`, `meldt: ${unclear.raised}`);
  if (unclear.ages) yaml.push(`alder: ${JSON.stringify(agesText(unclear.ages))}`);
  if (unclear.facets.length > 0) yaml.push(`situasjon: ${unclear.facets.join(' ')}`);
  if (unclear.escalation)
    yaml.push('eskalert:', `  dato: ${unclear.escalation.date}`, `  til: ${scalar(unclear.escalation.to)}`);
  if (unclear.decision) {
    yaml.push('vedtak:', `  dato: ${unclear.decision.date}`, `  av: ${scalar(unclear.decision.by)}`);
    if (unclear.decision.owner) yaml.push(`  ansvarlig: ${unclear.decision.owner}`);
  }
  if (unclear.covered)
    yaml.push(
      'dekket:',
      `  dato: ${unclear.covered.date}`,
      `  avtale: ${unclear.covered.agreementId}`,
      `  punkt: ${unclear.covered.clauseId}`,
    );
  if (unclear.amendment)
    yaml.push(
      'endring:',
      `  dato: ${unclear.amendment.date}`,
      `  avtale: ${unclear.amendment.agreementId}`,
      `  revisjon: ${unclear.amendment.rev}`,
    );
  const body = [`# ${unclear.title}`, '', `## ${sections.situation}`, '', sectionText(unclear.situation)];
  body.push('', `## ${sections.disagreement}`, '', sectionText(unclear.disagreement));
  if (unclear.escalation?.text)
    body.push('', `## ${sections.escalation}`, '', sectionText(unclear.escalation.text));
  const outcome = unclear.decision?.text ?? unclear.covered?.text;
  if (outcome) body.push('', `## ${sections.decision}`, '', sectionText(outcome));
  return `---\n${yaml.join('\n')}\n---\n\n${body.join('\n')}\n`;
}

/** `17` or `16-18`, as the clause format writes ages. */
export function agesText(ages: AgeRange): string {
  if (ages.min !== undefined && ages.min === ages.max) return String(ages.min);
  return `${ages.min ?? ''}-${ages.max ?? ''}`;
}
