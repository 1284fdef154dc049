import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { dateProblem, isIsoDate, isoDateOf, typeDateAs } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import { invisibleCharacterProblem } from '../format/input.js';
import type { VariableSpec } from './schema.js';

export interface AnswerProblem {
  /** Path of the variable, e.g. `clauses[2].owner`. */
  variable: string;
  message: string;
}

export type Answers = Record<string, unknown>;

const limits = { string: 300, text: 5000, listItems: 100 };
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
// A text answer must not open or close a block of its own: answers are data, not structure.
const structuralLine = /^\s*(:::|---|\+\+\+)/m;
// Nor may any answer contain a directive fence anywhere: after a list or quote marker
// (`- :::ansvar…`, `> :::ansvar…`) it would still open a clause of its own.
const directiveFence = /:::/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Checks answers against the schema and returns clean values with defaults applied.
 * Every problem names its variable; nothing is rendered while there are problems.
 */
export function checkAnswers(
  specs: VariableSpec[],
  answers: unknown,
): { values: Answers; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const values = checkObject(specs, answers, '', problems);
  return { values, problems };
}

function checkObject(
  specs: VariableSpec[],
  input: unknown,
  prefix: string,
  problems: AnswerProblem[],
): Answers {
  const values: Answers = Object.create(null);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push({
      variable: prefix || '(svar)',
      message: 'Svarene må være et objekt med navngitte verdier.',
    });
    return values;
  }
  const given = input as Record<string, unknown>;
  const known = new Set(specs.map((spec) => spec.name));
  for (const key of Object.keys(given)) {
    if (!known.has(key) || forbiddenKeys.has(key)) {
      problems.push({
        variable: `${prefix}${key}`,
        message: `Ukjent felt «${prefix}${key}». Malen har ikke dette feltet.`,
      });
    }
  }
  for (const spec of specs) {
    const path = `${prefix}${spec.name}`;
    const raw = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
    // Only spaces counts as no answer: a required title of «   » is as missing as an empty one.
    const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    const value = blank ? spec.default : raw;
    if (value === undefined || value === null || value === '') {
      const unless = spec.requiredUnless && specs.find((other) => other.name === spec.requiredUnless);
      if (spec.required)
        problems.push({ variable: path, message: `«${spec.label}» (${path}) må fylles ut.` });
      else if (unless && values[unless.name] !== true)
        problems.push({
          variable: path,
          message: `«${spec.label}» (${path}) må fylles ut, eller kryss av for «${unless.label}».`,
        });
      // Declared but unanswered: present and empty, so the template's `{{#if}}` sees it as absent.
      values[spec.name] = spec.type === 'list' ? [] : '';
      continue;
    }
    const checked = checkValue(spec, value, path, problems);
    if (checked !== undefined) values[spec.name] = checked;
  }
  return values;
}

function checkValue(spec: VariableSpec, value: unknown, path: string, problems: AnswerProblem[]): unknown {
  const problem = (message: string) => {
    problems.push({ variable: path, message: `«${spec.label}» (${path}): ${message}` });
    return undefined;
  };
  switch (spec.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return problem('må være tekst.');
      const max = spec.max ?? limits[spec.type];
      if (value.length > max) return problem(`er for lang (${value.length} tegn, høyst ${max}).`);
      if (controlCharacters.test(value)) return problem('inneholder kontrolltegn.');
      if (spec.type === 'string' && /[\r\n]/.test(value)) return problem('må stå på én linje.');
      if (spec.type === 'text' && structuralLine.test(value))
        return problem('en linje kan ikke starte med «:::» eller «---».');
      if (directiveFence.test(value))
        return problem('kan ikke inneholde «:::» (det starter en ny blokk i avtalen).');
      if (containsNationalIdNumber(value)) return problem(personalDataMessage);
      const invisible = invisibleCharacterProblem(value, 'Svaret');
      if (invisible) return problem(invisible);
      return spec.type === 'text' ? value.replace(/\r\n?/g, '\n').trim() : value.trim();
    }
    case 'date': {
      const date = typeof value === 'string' ? isoDateOf(value) : value;
      if (isIsoDate(date)) return date;
      return problem(typeof value === 'string' ? dateProblem(value) : `må være en dato. ${typeDateAs}`);
    }
    case 'id':
      return isValidId(value) ? value : problem('må være en id med små bokstaver a–z, tall og bindestrek.');
    case 'integer': {
      const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isInteger(number)) return problem('må være et heltall.');
      if (spec.min !== undefined && number < spec.min) return problem(`må være minst ${spec.min}.`);
      if (spec.max !== undefined && number > spec.max) return problem(`kan være høyst ${spec.max}.`);
      return number;
    }
    case 'boolean':
      if (value === true || value === 'true' || value === 'on') return true;
      if (value === false || value === 'false') return false;
      return problem('må være ja eller nei.');
    case 'enum':
      return typeof value === 'string' && spec.options?.includes(value)
        ? value
        : problem(`må være en av: ${spec.options?.join(', ')}.`);
    case 'list': {
      if (!Array.isArray(value)) return problem('må være en liste.');
      if (value.length > (spec.max ?? limits.listItems))
        return problem(`har for mange elementer (høyst ${spec.max ?? limits.listItems}).`);
      if (spec.min !== undefined && value.length < spec.min) return problem(`må ha minst ${spec.min}.`);
      return value.map((item, index) => checkObject(spec.items ?? [], item, `${path}[${index}].`, problems));
    }
  }
}
