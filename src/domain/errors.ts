import type { PlainMessage } from '../format/messages.js';

export type ErrorCode = 'not-found' | 'invalid-input' | 'invalid-agreement' | 'personal-data' | 'conflict';

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
