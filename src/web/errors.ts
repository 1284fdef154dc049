import type { NextFunction, Request, Response } from 'express';
import { GjerdeError, httpStatusOf } from '../domain/errors.js';
import { containsNationalIdNumber } from '../domain/personal-data.js';
import { fieldDate } from '../format/dates.js';
import { log, loggedPath } from '../log.js';
import type { Render } from './views.js';

/** API answers are JSON, pages HTML. */
export function wantsJson(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

export function notFoundHandler(render: Render) {
  return (req: Request, res: Response) => {
    const message = 'Siden finnes ikke. Sjekk adressen, eller gå til forsiden.';
    if (wantsJson(req)) res.status(404).json({ error: message });
    else
      res
        .status(404)
        .type('html')
        .send(render('error', { title: 'Fant ikke siden', heading: 'Fant ikke siden', message }));
  };
}

/** Known problems get their status and Norwegian message; anything else is logged and answered 500. */
export function errorHandler(render: Render) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    let status = 500;
    let message = 'Noe gikk galt hos oss. Prøv igjen om litt.';
    let details: GjerdeError['details'] = {};
    if (error instanceof GjerdeError) {
      status = httpStatusOf[error.code];
      message = error.message;
      details = error.details;
    } else if (isCsrfError(error)) {
      status = 403;
      message = error.message;
    } else if (isBodyError(error)) {
      status = error.status;
      message = status === 413 ? 'Forespørselen er for stor.' : 'Forespørselen kunne ikke leses.';
    } else {
      log.error({ err: error, path: loggedPath(req.path) }, 'unexpected error');
    }
    if (wantsJson(req)) {
      res.status(status).json({ error: message, ...details });
    } else {
      const heading =
        details.title ??
        (status === 404
          ? 'Fant ikke det du så etter'
          : status === 403
            ? 'Ingen tilgang'
            : status >= 500
              ? 'Noe gikk galt'
              : 'Det er noe galt med forespørselen');
      res
        .status(status)
        .type('html')
        .send(
          render('error', {
            title: heading,
            heading,
            message,
            messages: details.messages,
            retry: retryForm(req, details.problems ?? []),
          }),
        );
    }
  };
}

/** What the query parameters of the pages are called on a form. */
const parameterLabels: Record<string, string> = {
  at: 'Dato (dd.mm.åååå)',
  fra: 'Fra: revisjon eller dato (dd.mm.åååå)',
  til: 'Til: revisjon eller dato (dd.mm.åååå)',
  rev: 'Revisjon',
  visning: 'Visning («linje» eller «side»)',
  q: 'Hva gjelder saken?',
};

/** Shown to correct even when they were not the problem: the dates and revisions a person types. */
const editable = new Set(['at', 'fra', 'til', 'rev', 'q']);
const dateFields = new Set(['at', 'fra', 'til']);

/**
 * A page asked for with a query that was wrong comes back as a form to correct it on the error page itself,
 * with what the person typed still in it and the wrong field marked; other parameters ride along hidden.
 * Only for GET, and never with a value that holds a fødselsnummer (it is not shown again).
 */
function retryForm(req: Request, problems: Array<{ variable: string; message: string }>) {
  if (req.method !== 'GET') return undefined;
  const entries = Object.entries(req.query).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length <= 200,
  );
  const wrong = new Map(problems.map((problem) => [problem.variable, problem.message]));
  const fields = entries
    .filter(([name]) => wrong.has(name) || editable.has(name))
    .map(([name, value]) => ({
      name,
      id: `rett-${name.replace(/[^a-z0-9-]/gi, '')}`,
      label: parameterLabels[name] ?? name,
      // A date as the pages' date fields show it (`dd.mm.åååå`).
      value: containsNationalIdNumber(value) ? '' : dateFields.has(name) ? fieldDate(value) : value,
      problem: wrong.get(name),
    }));
  if (!fields.some((field) => field.problem)) return undefined;
  const shown = new Set(fields.map((field) => field.name));
  return {
    action: req.path,
    fields,
    hidden: entries
      .filter(([name, value]) => !shown.has(name) && !containsNationalIdNumber(value))
      .map(([name, value]) => ({ name, value })),
  };
}

/** csrf-sync's refusal, whose message (src/web/auth/csrf.ts) says what to do. */
function isCsrfError(error: unknown): error is Error {
  return error instanceof Error && (error as { code?: unknown }).code === 'EBADCSRFTOKEN';
}

function isBodyError(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** A problem with what a form sent, shown on the form's page to correct in place (not a refusal or a missing thing). */
export function isCorrectable(error: unknown): error is GjerdeError {
  return error instanceof GjerdeError && error.code !== 'forbidden' && error.code !== 'not-found';
}
