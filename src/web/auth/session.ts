import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import { type PartyDirectory, withPartyDirectory } from '../../access/party-grants.js';
import type { Principal } from '../../access/principal.js';
import type { Accounts } from '../../accounts/accounts.js';
import type { SessionBackend } from './session-store.js';

/**
 * Sessions: a random id in an httpOnly, SameSite=Lax cookie (Secure whenever the request came over TLS,
 * also through a trusted proxy), state in a store that outlives the process (session-store.ts) with an
 * expiry. A local account's session holds only the user name and the account's session epoch, so a
 * removed account, a reset password or changed roles take effect at the next request, also when
 * `gjerde users` or another instance made the change.
 */

declare module 'express-session' {
  interface SessionData {
    /** A local account. */
    username: string;
    sessionEpoch: number;
    /** A person signed in through OpenID Connect: their rights, mapped from the claims at sign-in. */
    external: Principal;
    mustChangePassword: boolean;
    /** When the expiry was last moved (refreshSession). */
    renewedAt: number;
  }
}

declare global {
  namespace Express {
    interface Request {
      /** The signed-in person, if any. */
      principal?: Principal;
    }
  }
}

export const sessionCookie = 'gjerde.sid';
export const sessionHours = 8;
const sessionMs = sessionHours * 60 * 60 * 1000;
/** The expiry moves forward at most this often, so a session is written (and its cookie sent) once in a while, not on every request. */
export const renewEveryMs = 10 * 60 * 1000;

export function sessions(backend: SessionBackend) {
  return session({
    name: sessionCookie,
    secret: backend.secret,
    store: backend.store,
    resave: false,
    saveUninitialized: false,
    // Not rolling: a rolling session sends a new cookie and (with a store that can touch) writes the store on
    // every request. refreshSession moves the expiry instead.
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: sessionMs, path: '/' },
  });
}

/**
 * Eight hours after the last use, give or take `renewEveryMs`: a signed-in session whose expiry was last
 * set more than `renewEveryMs` ago is marked renewed, which saves it with a new expiry and sends a new cookie.
 */
export function refreshSession(req: Request, _res: Response, next: NextFunction) {
  const state = req.session;
  if (state && (state.username !== undefined || state.external !== undefined)) {
    const renewedAt = state.renewedAt ?? 0;
    if (Date.now() - renewedAt > renewEveryMs) state.renewedAt = Date.now();
  }
  next();
}

/**
 * Sets `req.principal` from the session, with its party grants read against the agreements as they are now;
 * a session whose account is gone or changed is ended.
 */
export function loadPrincipal(accounts: Accounts, parties: () => Promise<PartyDirectory>) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const state = req.session;
    let principal: Principal | undefined;
    if (state?.external) {
      principal = state.external;
    } else if (state?.username !== undefined && state.sessionEpoch !== undefined) {
      principal = await accounts.principalFor(state.username, state.sessionEpoch);
      if (!principal) await regenerate(req);
    }
    if (principal) req.principal = withPartyDirectory(principal, await parties());
    next();
  };
}

/** A new session id (after signing in or out): a session id known before signing in is worthless after. */
export function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => (error ? reject(error) : resolve())),
  );
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}
