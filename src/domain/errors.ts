import type { PlainMessage } from '../format/messages.js';

export type ErrorCode =
  | 'not-found'
  | 'invalid-input'
  | 'invalid-agreement'
  | 'personal-data'
  | 'conflict'
  /** Signing in is needed. */
  | 'unauthenticated'
  /** Signed in, but this person may not do this. */
  | 'forbidden'
  /** Too much is being done at once (the check pool's queue is full); try again shortly. */
  | 'busy';

/** The HTTP status for each code, shared by the pages and the API. */
export const httpStatusOf: Record<ErrorCode, number> = {
  'not-found': 404,
  'invalid-input': 400,
  'invalid-agreement': 422,
  'personal-data': 422,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  busy: 503,
};

export interface ErrorDetails {
  messages?: PlainMessage[];
  /** Each problem tied to the field or query parameter it is about, so a page can mark it for correcting. */
  problems?: { variable: string; message: string }[];
  /** What was wrong, in a few words, for a page's heading: «Ugyldig dato: «2019-02-30»». */
  title?: string;
}

/** A problem the person can act on; the message is Norwegian and safe to show. */
export class GjerdeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'GjerdeError';
  }
}

/** A problem with one parameter of a request (a query parameter or a field): its title and where it is. */
export function parameterError(
  code: ErrorCode,
  parameter: string,
  title: string,
  message: string,
): GjerdeError {
  return new GjerdeError(code, message, { title, problems: [{ variable: parameter, message }] });
}
