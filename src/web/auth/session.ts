import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session, { type SessionData } from 'express-session';
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

/** A signed-in session whose expiry was last moved more than `renewEveryMs` ago (refreshSession moves it). */
function renewalDue(state: Partial<SessionData>): boolean {
  return (
    (state.username !== undefined || state.external !== undefined) &&
    Date.now() - (state.renewedAt ?? 0) > renewEveryMs
  );
}

/**
 * Eight hours after the last use, give or take `renewEveryMs`: a signed-in session whose expiry was last
 * set more than `renewEveryMs` ago is marked renewed, which saves it with a new expiry and sends a new cookie.
 */
export function refreshSession(req: Request, _res: Response, next: NextFunction) {
  const state = req.session;
  if (state && renewalDue(state)) state.renewedAt = Date.now();
  next();
}

/**
 * The session and the person for a route that only reads (`GET /api/lookup`, asked many times a second): a
 * request whose signed cookie names a stored session that needs no renewal, of a person who still holds it,
 * gets the session's data as read from the store and the person, without express-session's objects for a
 * session that may change (building them was an eighth of serving a kept answer; hashing it as read and
 * again as the answer goes, wrapping the answer to save it): nothing on this route changes it, so
 * `req.session` is that data alone, without a session's methods. The store and the account are asked on
 * every request all the same. Everything else (no cookie, a bad signature, an unknown or expired session, an
 * expiry to move, an account gone or changed) goes through `full`, express-session and loadPrincipal, which
 * ends a session whose account is gone.
 */
export function readingSession(
  backend: SessionBackend,
  person: SessionPrincipal,
  full: readonly RequestHandler[],
): RequestHandler {
  const verified = new VerifiedCookies(backend.secret);
  const fallback = full.reduceRight<RequestHandler>(
    (after, handler) => (req, res, next) =>
      handler(req, res, (error?: unknown) => (error ? next(error) : after(req, res, next))),
    (_req, _res, next) => next(),
  );
  return (req, res, next) => {
    const id = verified.sessionId(req.headers.cookie);
    if (id === undefined) return fallback(req, res, next);
    backend.store.get(id, (error, data) => {
      if (error || !data || renewalDue(data)) return fallback(req, res, next);
      person(data).then((principal) => {
        if (principal === null) return fallback(req, res, next);
        req.sessionID = id;
        req.session = data as Request['session'];
        if (principal) req.principal = principal;
        next();
      }, next);
    });
  };
}

/**
 * The session ids of cookie values whose signature held, so a cookie sent again costs a map read, not an
 * HMAC (which was a tenth of serving a kept lookup answer). A signature that held once holds for as long as
 * the secret does; whether the session still exists is asked of the store on every request all the same.
 * Emptied when full: a few hundred people sign in in a day.
 */
class VerifiedCookies {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly secret: string,
    private readonly capacity = 10_000,
  ) {}

  sessionId(header: string | undefined): string | undefined {
    const value = cookieValue(header);
    if (value === undefined) return undefined;
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    const id = signedSessionId(value, this.secret);
    if (id !== undefined) {
      if (this.ids.size >= this.capacity) this.ids.clear();
      this.ids.set(value, id);
    }
    return id;
  }
}

/** The session cookie's value as sent; the first one counts, as express-session reads it. */
function cookieValue(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === sessionCookie) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The session id in a cookie value, if its signature holds (express-session signs `s:<id>.<HMAC-SHA256>`). */
function signedSessionId(cookie: string, secret: string): string | undefined {
  let value: string;
  try {
    value = decodeURIComponent(cookie);
  } catch {
    return undefined;
  }
  const dot = value.lastIndexOf('.');
  if (!value.startsWith('s:') || dot < 2) return undefined;
  const id = value.slice(2, dot);
  const expected = Buffer.from(createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, ''));
  const given = Buffer.from(value.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

/**
 * The person a session's data names, with their party grants read against the agreements as they are now;
 * `null` when the account is gone or changed (the session is to end), undefined when nobody signed in.
 */
export type SessionPrincipal = (state: Partial<SessionData>) => Promise<Principal | null | undefined>;

export function sessionPrincipal(
  accounts: Accounts,
  parties: () => Promise<PartyDirectory>,
): SessionPrincipal {
  return async (state) => {
    let principal: Principal | undefined;
    if (state.external) {
      principal = state.external;
    } else if (state.username !== undefined && state.sessionEpoch !== undefined) {
      principal = await accounts.principalFor(state.username, state.sessionEpoch);
      if (!principal) return null;
    }
    return principal && withPartyDirectory(principal, await parties());
  };
}

/** Sets `req.principal` from the session; a session whose account is gone or changed is ended. */
export function loadPrincipal(person: SessionPrincipal) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const principal = req.session && (await person(req.session));
    if (principal === null) await regenerate(req);
    else if (principal) req.principal = principal;
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
