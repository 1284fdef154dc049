import { type NextFunction, type Request, type Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import pLimit, { type LimitFunction } from 'p-limit';
import { type Principal, roleNames } from '../../access/principal.js';
import type { Accounts } from '../../accounts/accounts.js';
import { minPasswordLength } from '../../accounts/passwords.js';
import { GjerdeError } from '../../domain/errors.js';
import { addressHoldsNationalId } from '../address-guard.js';
import { csrfToken } from '../auth/csrf.js';
import { regenerate, saveSession } from '../auth/session.js';
import { urls } from '../urls.js';
import type { Render } from '../views.js';

/**
 * Signing in and out, and changing the password: pages (`/logg-inn`, `/logg-ut`, `/konto/passord`)
 * and the API's `/api/session` for scripts.
 */

const failedMessage = 'Feil brukernavn eller passord.';

const tooManyMessage = 'For mange mislykkede forsøk. Vent et kvarter og prøv igjen.';

function tooMany(message: string) {
  return (req: Request, res: Response) => {
    if (req.originalUrl.startsWith('/api/')) res.status(429).json({ error: message });
    else res.status(429).type('text/plain').send(message);
  };
}

/** Failed sign-ins from one address, whatever user names they tried, in 15 minutes. */
export const failedSignInsPerAddress = 30;

/**
 * Failed sign-ins per address, for any user name: random user names, each one new, would otherwise never
 * be limited, while each costs a password check (an unknown user's too, against a decoy hash).
 */
function addressLimit() {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: failedSignInsPerAddress,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: tooMany(tooManyMessage),
  });
}

/** Sign-ins from one address that may wait for the one in progress; more are refused at once. */
const waitingPerAddress = 32;

/**
 * One sign-in at a time from each address; the next ones wait for it (in order). So many clients at one
 * address take one place in the queue of password checks, and a person signing in from elsewhere waits
 * for a few checks at most, while several people behind one address (an office) still all get in.
 */
function oneAtATimePerAddress() {
  const queues = new Map<string, LimitFunction>();
  return (req: Request, res: Response, next: NextFunction) => {
    const address = ipKeyGenerator(req.ip ?? '');
    let queue = queues.get(address);
    if (!queue) {
      queue = pLimit(1);
      queues.set(address, queue);
    }
    if (queue.pendingCount >= waitingPerAddress) {
      tooMany('For mange innlogginger fra samme adresse akkurat nå. Vent litt og prøv igjen.')(req, res);
      return;
    }
    const own = queue;
    void own(
      () =>
        new Promise<void>((done) => {
          res.once('close', () => done());
          next();
        }),
    ).then(() => {
      if (own.activeCount === 0 && own.pendingCount === 0) queues.delete(address);
    });
  };
}

/**
 * Addresses whose sign-ins failed in the last 15 minutes: their password checks wait in a lane of their
 * own (src/accounts/passwords.ts). It depends on the address's own failures, never on whether the user
 * name exists, so the time of an answer still tells nobody who has an account.
 */
class DoubtfulAddresses {
  private readonly until = new Map<string, number>();
  private static readonly forMs = 15 * 60 * 1000;
  private static readonly most = 10_000;

  has(address: string): boolean {
    const until = this.until.get(address);
    if (until !== undefined && until < Date.now()) this.until.delete(address);
    return until !== undefined && until >= Date.now();
  }

  failed(address: string): void {
    this.until.delete(address);
    this.until.set(address, Date.now() + DoubtfulAddresses.forMs);
    // The oldest go first: the map is in insertion order.
    for (const oldest of this.until.keys()) {
      if (this.until.size <= DoubtfulAddresses.most) break;
      this.until.delete(oldest);
    }
  }
}

/** Ten failed attempts per user name and address in 15 minutes; successful sign-ins are not counted. */
function signInLimit() {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const username =
        typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 40) : '';
      return `${ipKeyGenerator(req.ip ?? '')}|${username}`;
    },
    handler: tooMany(tooManyMessage),
  });
}

/** Wrong current passwords on «Bytt passord», per account, in 15 minutes: a session cannot guess it. */
export const wrongCurrentPasswords = 5;

function currentPasswordLimit() {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: wrongCurrentPasswords,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => req.principal?.username ?? ipKeyGenerator(req.ip ?? ''),
    // Only a wrong current password counts; a new password that is too short does not.
    requestWasSuccessful: (_req, res) => res.locals.wrongCurrentPassword !== true,
    skipSuccessfulRequests: true,
    handler: tooMany('For mange feil passord. Vent et kvarter og prøv igjen.'),
  });
}

/**
 * Signing in is never done for someone from another site (login CSRF: a visitor's browser signed into
 * the attacker's account, so that what they then write lands there). The form has a CSRF token; the API
 * takes JSON only, which a form on another site cannot send (a script there would need CORS, which
 * Gjerde does not allow). A browser that says the request comes from another site is refused at once.
 */
function sameSiteSignIn(json: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const refuse = (status: number, message: string) =>
      json
        ? res.status(status).json({ error: message })
        : res.status(status).type('text/plain').send(message);
    if (req.get('sec-fetch-site') === 'cross-site') {
      refuse(403, 'Innloggingen kom fra et annet nettsted og ble avvist. Logg inn på Gjerdes egen side.');
      return;
    }
    if (json && req.is('application/json') !== 'application/json') {
      refuse(
        415,
        'Innlogging gjennom API-et må sendes som JSON (Content-Type: application/json). I nettleseren logger du inn på innloggingssiden.',
      );
      return;
    }
    next();
  };
}

/**
 * Only a path on this site, so that `neste` cannot send anyone elsewhere, and none holding a fødselsnummer
 * (a form can send back any `neste`; the address it names would be refused anyway).
 */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' &&
    /^\/(?![/\\])[^\s]*$/.test(value) &&
    value.length < 2000 &&
    !addressHoldsNationalId(value)
    ? value
    : '/';
}

export function presentPrincipal(principal: Principal) {
  return {
    username: principal.username,
    name: principal.name,
    email: principal.email,
    roles: principal.roles,
    roleNames: roleNames(principal.roles),
    parties: principal.parties,
    counties: principal.counties,
  };
}

export function authRoutes(
  accounts: Accounts,
  render: Render,
  extraSignIn: { oidc?: { label: string } } = {},
) {
  const router = Router();
  const limit = [oneAtATimePerAddress(), addressLimit(), signInLimit()];
  const doubtful = new DoubtfulAddresses();

  const sendSignIn = (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    res
      .status(status)
      .type('html')
      .send(
        render('sign-in', {
          title: 'Logg inn',
          hideHeaderSearch: true,
          csrfToken: csrfToken(req),
          next: safeReturnPath(req.query.neste ?? (req.body as Record<string, unknown> | undefined)?.neste),
          oidc: extraSignIn.oidc,
          ...extra,
        }),
      );
  };

  /** Starts a fresh session for the person; returns where to go next. */
  const signIn = async (req: Request) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const address = ipKeyGenerator(req.ip ?? '');
    const result = await accounts.signIn(body.username, body.password, { doubtful: doubtful.has(address) });
    if (!result.ok) {
      doubtful.failed(address);
      return undefined;
    }
    await regenerate(req);
    req.session.username = result.principal.username;
    req.session.sessionEpoch = result.sessionEpoch;
    req.session.mustChangePassword = result.mustChangePassword;
    await saveSession(req);
    return result;
  };

  router.get('/logg-inn', (req, res) => {
    if (req.principal) res.redirect(303, safeReturnPath(req.query.neste));
    else sendSignIn(req, res, 200);
  });

  router.post('/logg-inn', sameSiteSignIn(false), ...limit, async (req, res) => {
    const result = await signIn(req);
    if (!result) {
      const username = (req.body as Record<string, unknown>).username;
      sendSignIn(req, res, 401, {
        error: failedMessage,
        username: typeof username === 'string' ? username.slice(0, 40) : '',
      });
      return;
    }
    const next = safeReturnPath((req.body as Record<string, unknown>).neste);
    res.redirect(303, result.mustChangePassword ? urls.password(next) : next);
  });

  router.post('/logg-ut', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('gjerde.sid', { path: '/' });
    res.redirect(303, urls.signedOut());
  });

  /** Only a local account has a password here; anyone else signs in first (and comes back). */
  const withoutLocalAccount = (req: Request, res: Response) => {
    if (req.principal && !req.session.external) return false;
    res.redirect(303, req.principal ? '/' : urls.signIn(urls.password()));
    return true;
  };

  router.get('/konto/passord', (req, res) => {
    if (withoutLocalAccount(req, res)) return;
    res.type('html').send(passwordPage(req));
  });

  router.post('/konto/passord', currentPasswordLimit(), async (req, res) => {
    const principal = req.principal;
    if (withoutLocalAccount(req, res) || !principal) return;
    const body = req.body as Record<string, unknown>;
    if (body.password !== body.repeat) {
      res
        .status(422)
        .type('html')
        .send(passwordPage(req, [{ variable: 'repeat', message: 'Passordene er ikke like.' }]));
      return;
    }
    try {
      const epoch = await accounts.changePassword(principal.username, body.current, body.password);
      await regenerate(req);
      req.session.username = principal.username;
      req.session.sessionEpoch = epoch;
      req.session.mustChangePassword = false;
      await saveSession(req);
      res.redirect(303, safeReturnPath(body.neste));
    } catch (error) {
      if (!(error instanceof GjerdeError)) throw error;
      res.locals.wrongCurrentPassword = error.details.problems?.some(
        (problem) => problem.variable === 'current',
      );
      res
        .status(422)
        .type('html')
        .send(passwordPage(req, error.details.problems ?? [{ variable: 'current', message: error.message }]));
    }
  });

  function passwordPage(req: Request, problems: { variable: string; message: string }[] = []) {
    return render('password', {
      title: 'Bytt passord',
      hideHeaderSearch: true,
      csrfToken: csrfToken(req),
      mustChange: req.session.mustChangePassword === true,
      next: safeReturnPath(req.query.neste ?? (req.body as Record<string, unknown> | undefined)?.neste),
      minPasswordLength,
      problems,
      problem: Object.fromEntries(problems.map((problem) => [problem.variable, problem.message])),
    });
  }

  // ------------------------------------------------------------------ API

  router.get('/api/session', (req, res) => {
    if (!req.principal) {
      res.status(401).json({ error: 'Ikke logget inn.' });
      return;
    }
    res.json({
      user: presentPrincipal(req.principal),
      mustChangePassword: req.session.mustChangePassword === true,
      csrfToken: csrfToken(req),
    });
  });

  router.post('/api/session', sameSiteSignIn(true), ...limit, async (req, res) => {
    const result = await signIn(req);
    if (!result) {
      res.status(401).json({ error: failedMessage });
      return;
    }
    res.status(201).json({
      user: presentPrincipal(result.principal),
      mustChangePassword: result.mustChangePassword,
      csrfToken: csrfToken(req),
    });
  });

  router.delete('/api/session', async (req, res) => {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('gjerde.sid', { path: '/' });
    res.status(204).end();
  });

  return router;
}
