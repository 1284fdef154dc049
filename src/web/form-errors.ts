import type { Response } from 'express';
import { type GjerdeError, httpStatusOf } from '../domain/errors.js';
import { isCorrectable } from './errors.js';

/**
 * A form a person sent that the domain refused, shown on its page again to correct in place: the message
 * and each problem, linked to its field (`#<prefix>-<variable>`) when the page has several forms.
 */
export function presentFormError(error: GjerdeError, fieldPrefix?: string) {
  return {
    message: error.message,
    problems: (error.details.problems ?? []).map((problem) =>
      fieldPrefix ? { ...problem, href: `#${fieldPrefix}-${problem.variable}` } : problem,
    ),
  };
}

/** What was typed, back in the form to be corrected; never a fødselsnummer (then only `kept`). */
export function typedBack<T extends object>(error: GjerdeError, typed: T, kept: Partial<T> = {}): Partial<T> {
  return error.code === 'personal-data' ? kept : typed;
}

/**
 * Answers a refused form with its page again, by the error's status (`page` renders it with what went
 * wrong); a refusal or a missing thing no form can correct goes on to the error handler.
 */
export async function sendFormAgain(
  res: Response,
  error: unknown,
  page: (refused: GjerdeError) => Promise<string> | string,
): Promise<void> {
  if (!isCorrectable(error)) throw error;
  const html = await page(error);
  res.status(httpStatusOf[error.code]).type('html').send(html);
}
