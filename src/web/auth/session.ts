import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import createMemoryStore from 'memorystore';
import type { Principal } from '../../access/principal.js';
import type { Accounts } from '../../accounts/accounts.js';

/**
 * Sessions: a random id in an httpOnly, SameSite=Lax cookie (Secure whenever the request came over TLS,
 * also through a trusted proxy), state in memory with an expiry. A local account's session holds only
 * the user name and the account's session epoch, so a removed account, a reset password or changed
 * roles take effect at the next request, also when `gjerde users` made the change.
 */

declare module 'express-session' {
  interface SessionData {
    /** A local account. */
    username: string;
    sessionEpoch: number;
    /** A person signed in through OpenID Connect: their rights, mapped from the claims at sign-in. */
    external: Principal;
    mustChangePassword: boolean;
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
const eightHours = 8 * 60 * 60 * 1000;

export function sessions(secret = randomBytes(32).toString('hex')) {
  const MemoryStore = createMemoryStore(session);
  return session({
    name: sessionCookie,
    secret,
    store: new MemoryStore({ checkPeriod: 15 * 60 * 1000, max: 50_000 }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: eightHours, path: '/' },
  });
}

/** Sets `req.principal` from the session; a session whose account is gone or changed is ended. */
export function loadPrincipal(accounts: Accounts) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const state = req.session;
    if (state?.external) {
      req.principal = state.external;
    } else if (state?.username !== undefined && state.sessionEpoch !== undefined) {
      const principal = await accounts.principalFor(state.username, state.sessionEpoch);
      if (principal) req.principal = principal;
      else await regenerate(req);
    }
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
