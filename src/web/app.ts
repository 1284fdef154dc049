import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { overlapSentence, overlapsFrom } from '../domain/overlaps.js';
import { parentOwnerSentence } from '../domain/parent-owners.js';
import { today } from '../format/dates.js';
import type { Gjerde } from '../gjerde.js';
import { log, loggedPath } from '../log.js';
import { refuseNationalIdsInAddress } from './address-guard.js';
import { csrfProtection } from './auth/csrf.js';
import { guards } from './auth/guards.js';
import { withPageContext, withSignedInUser } from './auth/page-context.js';
import { loadPrincipal, readingSession, refreshSession, sessionPrincipal, sessions } from './auth/session.js';
import { openSessionStore } from './auth/session-store.js';
import { parseBody } from './body.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { unrecordedHealthWarnings } from './present.js';
import { adminRoutes } from './routes/admin.js';
import { agreementRoutes } from './routes/agreements.js';
import { apiRoutes } from './routes/api.js';
import { approvalConfirmationRoutes } from './routes/approval-confirmation.js';
import { authRoutes } from './routes/auth.js';
import { caseRoutes } from './routes/cases.js';
import { contactRoutes } from './routes/contacts.js';
import { docsRoutes } from './routes/docs.js';
import { draftingRoutes } from './routes/drafting.js';
import { exportRoutes } from './routes/export.js';
import { glossaryRoutes } from './routes/glossary.js';
import { historyRoutes } from './routes/history.js';
import { lookupApi, lookupRoutes } from './routes/lookup.js';
import { nationalRoutes } from './routes/national.js';
import { oidcRoutes } from './routes/oidc.js';
import { syncRoutes, withSyncStatus } from './routes/sync.js';
import { securityHeaders } from './security.js';
import type { Render } from './views.js';

/**
 * The web layer: routes parse input, call the domain and render a view or JSON. In front of them:
 * security headers, the request log, the refusal of a fødselsnummer in the address (address-guard.ts),
 * sessions and CSRF, then the gates of docs/security.md (guards.ts).
 */
export function createApp(gjerde: Gjerde, pages: Render): express.Express {
  const render = withSignedInUser(withSyncStatus(pages, gjerde), {
    anonymousRead: gjerde.config.anonymousRead,
  });
  const gate = guards(render, { anonymousRead: gjerde.config.anonymousRead });
  const app = express();
  app.use(securityHeaders());
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (gjerde.config.trustProxy !== undefined)
    app.set('trust proxy', trustProxyValue(gjerde.config.trustProxy));
  app.use(requestLog);
  app.use(refuseNationalIdsInAddress);
  const sessionBackend = openSessionStore(gjerde.config.sessionStore, gjerde.config.sessionSecret);
  gjerde.onClose(() => sessionBackend.close());
  const session = sessions(sessionBackend);
  // Every signed-in request reads the account: watched, that costs no file system call.
  gjerde.onClose(gjerde.accounts.watch());
  // Every lookup, answer-cache key and party-directory read asks for HEAD: watched, it is read once a change.
  gjerde.onClose(gjerde.store.watchHead());
  // Every signed-in request reads the party directory (from a summary of every agreement, ≈8 s cold on the
  // benchmark corpus): read it as the service starts, once the index is built, not on the first request.
  gjerde.lookup
    .ready()
    .then(() => gjerde.partyDirectory.read())
    .catch(() => undefined);
  const person = sessionPrincipal(gjerde.accounts, () => gjerde.partyDirectory.read());
  const principal = loadPrincipal(person);
  // The JSON lookup, asked many times a second, before what only pages and forms need (assets, request
  // bodies, the CSRF token and page context, sign-in pages, sync), with the same session and the same gates
  // in the same order as every other route. It has no body and changes nothing: no CSRF check applies.
  app.get(
    '/api/lookup',
    readingSession(sessionBackend, person, [session, principal]),
    refreshSession,
    gate.passwordChanged,
    gate.read,
    lookupApi(gjerde),
  );
  const assets = join(gjerde.config.publicDir);
  app.use('/assets', express.static(assets, { maxAge: '1h' }));
  app.get('/assets/designsystemet.css', sendPackageFile('@digdir/designsystemet-css'));
  app.get('/assets/designsystemet-theme.css', sendPackageFile('@digdir/designsystemet-css/theme.css'));
  app.get('/healthz', async (_req, res) => {
    // Files committed outside Gjerde that it cannot serve, agreements that say godkjent on a text no recorded
    // approval gave, and two umbrella agreements of one county that answer side by side now or from a later
    // date: the service is up, but someone must look.
    const date = today();
    const [problems, unrecorded, overlaps, parentOwners] = await Promise.all([
      gjerde.files.problems(),
      unrecordedHealthWarnings(gjerde.agreements, date),
      gjerde.agreements.umbrellaOverlaps(),
      gjerde.agreements.parentOwnerConflicts(),
    ]);
    const warnings = [
      ...problems.map((problem) => `${problem.path}: ${problem.summary}`),
      ...unrecorded,
      ...overlapsFrom(overlaps, date).map(
        (overlap) => `${overlapSentence(overlap)} Begge svarer på oppslag.`,
      ),
      ...parentOwners.map(parentOwnerSentence),
    ];
    res.json({
      status: warnings.length > 0 ? 'warning' : 'ok',
      head: (await gjerde.store.head()) ?? null,
      date,
      sync: gjerde.sync?.status() ?? null,
      warnings,
    });
  });
  app.use(docsRoutes(render));
  app.use(parseBody);
  app.use(session);
  app.use(principal);
  app.use(refreshSession);
  app.use(csrfProtection);
  app.use(withPageContext);
  app.use(
    authRoutes(gjerde.accounts, render, { oidc: gjerde.config.oidc && { label: gjerde.config.oidc.label } }),
  );
  app.use(oidcRoutes(gjerde.config.oidc, render));
  app.use(gate.passwordChanged);
  app.use(syncRoutes(gjerde, render));
  app.use(gate.read);
  app.use('/api', apiRoutes(gjerde));
  app.use(draftingRoutes(gjerde, render, gate));
  app.use(historyRoutes(gjerde, render, gate));
  app.use(adminRoutes(gjerde, render, gate));
  app.use(approvalConfirmationRoutes(gjerde, render, gate));
  app.use(lookupRoutes(gjerde, render));
  app.use(nationalRoutes(gjerde, render));
  app.use(caseRoutes(gjerde, render, gate));
  app.use(glossaryRoutes(gjerde, render, gate));
  app.use(contactRoutes(gjerde, render, gate));
  app.use(exportRoutes(gjerde, render));
  app.use(agreementRoutes(gjerde, render));
  app.use(notFoundHandler(render));
  app.use(errorHandler(render));
  return app;
}

/** `GJERDE_TRUST_PROXY`: a number of hops, `true`, or addresses (`loopback`, `10.0.0.0/8`). */
function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

const packageFile = createRequire(import.meta.url).resolve;

/**
 * A file from an installed package. Sent relative to its folder: `send` refuses an absolute path with any
 * segment starting with a dot, so a project under `~/.local/…` or a CI cache would serve no styles.
 */
function sendPackageFile(specifier: string) {
  const path = packageFile(specifier);
  const options = { root: dirname(path), maxAge: '1d' };
  return (_req: Request, res: Response) => res.sendFile(basename(path), options);
}

/** One line a request: method, path without its query, status and time. */
export function requestLog(req: Request, res: Response, next: NextFunction) {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log.info(
      {
        method: req.method,
        path: loggedPath(req.path),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    );
  });
  next();
}
