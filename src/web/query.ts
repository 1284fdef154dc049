import type { Request } from 'express';
import { GjerdeError, parameterError } from '../domain/errors.js';
import { isoDateOf } from '../format/dates.js';
import { maxQuestionLength } from '../lookup/search.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const controlCharacters = /[\u0000-\u001f\u007f]/;

/**
 * The request's query, parsed once: Express 5's `req.query` parses the address again at every read, and a
 * lookup reads a dozen parameters (4–5 % of serving a kept answer went to parsing the same address again).
 */
const parsedQueries = new WeakMap<Request, Request['query']>();

export function queryOf(req: Request): Request['query'] {
  let query = parsedQueries.get(req);
  if (query === undefined) {
    query = req.query;
    parsedQueries.set(req, query);
  }
  return query;
}

/**
 * The question (`q`, on the lookup and across counties) may be a pasted case description or a message, line
 * breaks and all: it is read as words, so its line breaks and tabs are spaces. Every other parameter is short.
 */
const question = 'q';
const maxLengthOf = (name: string) => (name === question ? maxQuestionLength : 200);
const lineBreaksAndTabs = /[\t\n\r]+/g;

/** One query parameter as a string; repeated or nested parameters are refused, not guessed at. */
export function queryParam(req: Request, name: string): string | undefined {
  const given = queryOf(req)[name];
  if (given === undefined || given === '') return undefined;
  const problem = (title: string, message: string) => parameterError('invalid-input', name, title, message);
  if (typeof given !== 'string')
    throw problem(`«${name}» gitt flere ganger`, `Parameteren «${name}» kan bare gis én gang.`);
  const value = name === question ? given.replace(lineBreaksAndTabs, ' ') : given;
  const maxLength = maxLengthOf(name);
  if (value.length > maxLength)
    throw problem(`For lang «${name}»`, `Parameteren «${name}» er for lang (høyst ${maxLength} tegn).`);
  if (controlCharacters.test(value))
    throw problem(`Kontrolltegn i «${name}»`, `Parameteren «${name}» inneholder kontrolltegn.`);
  // The pages' date fields send dates as people write them (`12.06.2026`).
  return dateParameters.includes(name) ? isoDateOf(value) : value;
}

/** The query parameters that are dates (or, for `fra` and `til`, a date or a revision). */
const dateParameters = ['at', 'fra', 'til'];

export function versionQuery(req: Request): { rev?: string; at?: string } {
  const rev = queryParam(req, 'rev');
  const at = queryParam(req, 'at');
  if (rev !== undefined && at !== undefined)
    throw new GjerdeError('invalid-input', 'Bruk enten «rev» eller «at», ikke begge.', {
      title: 'Både revisjon og dato',
      problems: [{ variable: 'at', message: 'Bruk enten «rev» eller «at», ikke begge. Tøm ett av feltene.' }],
    });
  return rev !== undefined ? { rev } : at !== undefined ? { at } : {};
}
