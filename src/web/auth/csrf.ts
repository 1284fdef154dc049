import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

/**
 * CSRF protection on every request that can change something: the synchronizer token pattern, a token
 * kept in the session and sent back in a hidden form field (`_csrf`, views/partials/csrf.hbs) or in the
 * `X-CSRF-Token` header (public/page-tools.js reads it from `<meta name="csrf-token">`).
 * Requests without a signed-in person are exempt (they are refused later, with 401, unless they sign
 * in), so the sync webhook, which proves itself with a shared secret, needs no token; neither does a
 * script's JSON sign-in (`POST /api/session`).
 */

export const csrfField = '_csrf';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const header = req.get('x-csrf-token');
    if (header) return header;
    const field = (req.body as Record<string, unknown> | undefined)?.[csrfField];
    return typeof field === 'string' ? field : undefined;
  },
  skipCsrfProtection: (req: Request) =>
    // Without a signed-in person nothing can be changed (the guards answer 401), except signing in,
    // where a forged form could sign someone into the attacker's account.
    (req.principal === undefined && !(req.method === 'POST' && req.path === '/logg-inn')) ||
    // A script signing in has no session yet; a browser cannot send JSON across sites without CORS.
    (req.method === 'POST' &&
      req.path === '/api/session' &&
      req.is('application/json') === 'application/json'),
  errorConfig: {
    statusCode: 403,
    message: 'Skjemaet er utløpt eller kom ikke fra Gjerde. Last siden på nytt og prøv igjen.',
    code: 'EBADCSRFTOKEN',
  },
});

export const csrfProtection = csrfSynchronisedProtection;

/** The session's token (made when first needed). */
export function csrfToken(req: Request): string {
  return generateToken(req);
}
