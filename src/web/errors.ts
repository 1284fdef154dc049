import type { NextFunction, Request, Response } from 'express';
import { GjerdeError, httpStatusOf } from '../domain/errors.js';
import { log, loggedPath } from '../log.js';
import type { Render } from './views.js';

function wantsJson(req: Request): boolean {
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
        status === 404
          ? 'Fant ikke det du så etter'
          : status === 403
            ? 'Ingen tilgang'
            : status >= 500
              ? 'Noe gikk galt'
              : 'Det er noe galt med forespørselen';
      res
        .status(status)
        .type('html')
        .send(render('error', { title: heading, heading, message, messages: details.messages }));
    }
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
