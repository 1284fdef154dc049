import type { NextFunction, Request, Response } from 'express';
import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { decodedPath } from '../log.js';
import { wantsJson } from './errors.js';
import { queryOf } from './query.js';

/**
 * A fødselsnummer in the address — the path, or a query parameter's name or value — is refused (422) before
 * any route reads it, so that no route can say it again: not in a message («Ukjent fylke …»), a page title,
 * a sign-in link (`neste`) or a redirect. Mounted right after the request log, which logs the path with the
 * number replaced (src/log.ts) and never the query, so that the refusal is logged too.
 */
export function refuseNationalIdsInAddress(req: Request, res: Response, next: NextFunction) {
  const inPath = containsNationalIdNumber(decodedPath(req.path));
  const holding = Object.entries(queryOf(req)).filter(
    ([name, value]) => containsNationalIdNumber(name) || valuesOf(value).some(containsNationalIdNumber),
  );
  if (!inPath && holding.length === 0) {
    next();
    return;
  }
  // The answer is about what someone typed: never kept by a browser or a proxy.
  res.set('Cache-Control', 'no-store');
  // A page marks the fields to type again (src/web/errors.ts, emptied); not when the path or a parameter's
  // name holds the number, as the form would be sent to that path with those names.
  const correctable =
    !inPath && !wantsJson(req) && holding.every(([name]) => !containsNationalIdNumber(name));
  next(
    new GjerdeError(
      'personal-data',
      personalDataMessage,
      correctable
        ? { problems: holding.map(([name]) => ({ variable: name, message: personalDataMessage })) }
        : {},
    ),
  );
}

/** Whether a path on this site (with its query) holds a fødselsnummer, as a `neste` a form sends back may. */
export function addressHoldsNationalId(address: string): boolean {
  const url = new URL(address, 'http://gjerde.invalid');
  return (
    containsNationalIdNumber(decodedPath(url.pathname)) ||
    [...url.searchParams].some((pair) => pair.some(containsNationalIdNumber))
  );
}

function valuesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
