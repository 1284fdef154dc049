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
  | 'forbidden';

/** The HTTP status for each code, shared by the pages and the API. */
export const httpStatusOf: Record<ErrorCode, number> = {
  'not-found': 404,
  'invalid-input': 400,
  'invalid-agreement': 422,
  'personal-data': 422,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
};

/** A problem the person can act on; the message is Norwegian and safe to show. */
export class GjerdeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { messages?: PlainMessage[]; problems?: { variable: string; message: string }[] } = {},
  ) {
    super(message);
    this.name = 'GjerdeError';
  }
}
