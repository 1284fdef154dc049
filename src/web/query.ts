import type { Request } from 'express';
import { GjerdeError } from '../domain/errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** One query parameter as a string; repeated or nested parameters are refused, not guessed at. */
export function queryParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string')
    throw new GjerdeError('invalid-input', `Parameteren «${name}» kan bare gis én gang.`);
  if (value.length > 200) throw new GjerdeError('invalid-input', `Parameteren «${name}» er for lang.`);
  if (controlCharacters.test(value))
    throw new GjerdeError('invalid-input', `Parameteren «${name}» inneholder kontrolltegn.`);
  return value;
}

export function versionQuery(req: Request): { rev?: string; at?: string } {
  const rev = queryParam(req, 'rev');
  const at = queryParam(req, 'at');
  if (rev !== undefined && at !== undefined)
    throw new GjerdeError('invalid-input', 'Bruk enten «rev» eller «at», ikke begge.');
  return rev !== undefined ? { rev } : at !== undefined ? { at } : {};
}
