/**
 * The web side of the synchronization (src/sync): the webhook `POST /api/sync`, the read-only replica's
 * refusal of every change, and the status banner every page shows (views/partials/sync-status.hbs).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { Gjerde } from '../../gjerde.js';
import type { SyncStatus } from '../../sync/sync.js';
import type { Render } from '../views.js';

/**
 * Requests a read-only replica still answers although they are not GET: they change no agreement.
 * (Signing in and out is handled before this guard.)
 */
const READ_ONLY_EXEMPT: ReadonlyArray<{ method: string; path: string }> = [
  { method: 'POST', path: '/api/sync' },
  // Previews and checks change nothing.
  { method: 'POST', path: '/api/preview' },
  { method: 'POST', path: '/api/check' },
];
/** Accounts belong to each instance, not to the shared repository: a replica has its own users. */
const READ_ONLY_EXEMPT_PREFIXES = ['/admin/brukere', '/api/admin/users'];

export const readOnlyMessage =
  'Denne Gjerde-instansen er en lesekopi og tar ikke imot endringer. Gjør endringen i hovedinstansen; ' +
  'den kommer hit ved neste synkronisering.';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function syncRoutes(gjerde: Gjerde, render: Render): Router {
  const router = Router();
  router.use(readOnlyGuard(gjerde, render));
  router.post('/api/sync', async (req, res) => {
    const sync = gjerde.sync;
    if (!sync) {
      res.status(404).json({ error: 'Synkronisering er ikke satt opp (GJERDE_REMOTE mangler).' });
      return;
    }
    const expected = gjerde.config.webhookSecret;
    if (!expected) {
      res.status(403).json({ error: 'Webhooken er slått av: GJERDE_WEBHOOK_SECRET er ikke satt.' });
      return;
    }
    const given = presentedSecret(req);
    if (given === undefined || !sameSecret(given, expected)) {
      res.status(401).json({ error: 'Feil eller manglende hemmelighet for webhooken.' });
      return;
    }
    const status = await sync.syncNow();
    if (status.failures > 0) {
      res
        .status(502)
        .json({ error: `Synkroniseringen feilet: ${status.lastError?.message ?? 'ukjent feil'}`, status });
    } else {
      res.json({ status });
    }
  });
  return router;
}

/** A read-only replica refuses every request that could change something, in one place. */
function readOnlyGuard(gjerde: Gjerde, render: Render) {
  return (req: Request, res: Response, next: NextFunction) => {
    const exempt =
      READ_ONLY_EXEMPT.some((entry) => entry.method === req.method && entry.path === req.path) ||
      READ_ONLY_EXEMPT_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`));
    if (!gjerde.config.readOnly || SAFE_METHODS.has(req.method) || exempt) {
      next();
      return;
    }
    res.status(403);
    if (req.originalUrl.startsWith('/api/')) {
      res.json({ error: readOnlyMessage });
    } else {
      res
        .type('html')
        .send(render('error', { title: 'Lesekopi', heading: 'Lesekopi', message: readOnlyMessage }));
    }
  };
}

/** The secret from `Authorization: Bearer …` (Gitea and others) or `X-Gitlab-Token` (GitLab). */
function presentedSecret(req: Request): string | undefined {
  const authorization = req.get('authorization');
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  return req.get('x-gitlab-token') ?? undefined;
}

/** Constant time: both are hashed first, so neither their contents nor their lengths leak through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface SyncBanner {
  /** Designsystemet alert colour. */
  color: 'info' | 'warning';
  heading: string;
  text: string;
}

/** What the banner says, or undefined when everything is synchronized (no banner). */
export function syncBanner(status: SyncStatus | undefined, readOnly: boolean): SyncBanner | undefined {
  if (!status) {
    return readOnly
      ? { color: 'info', heading: 'Lesekopi', text: 'Denne Gjerde-instansen tar ikke imot endringer.' }
      : undefined;
  }
  const notYet = 'Ikke synkronisert ennå';
  if (status.readOnly) {
    const fresh = status.lastFetch !== null && status.failures === 0;
    return {
      color: fresh ? 'info' : 'warning',
      heading: fresh ? 'Lesekopi' : `Lesekopi – ${notYet.toLowerCase()}`,
      text: fresh
        ? 'Endringer gjøres i hovedinstansen og kommer hit ved neste synkronisering.'
        : 'Fikk ikke hentet de siste endringene fra det felles lageret. Det du ser, kan være utdatert; Gjerde prøver igjen automatisk.',
    };
  }
  if (status.pending) {
    return {
      color: 'warning',
      heading: notYet,
      text:
        status.failures > 0
          ? 'De siste endringene er trygt lagret her, men det felles lageret svarer ikke. Gjerde prøver igjen automatisk.'
          : 'De siste endringene er lagret her og sendes nå til det felles lageret.',
    };
  }
  if (status.failures > 0 || status.lastFetch === null) {
    return {
      color: 'warning',
      heading: notYet,
      text: 'Endringer som er gjort andre steder, er kanskje ikke hentet hit ennå. Gjerde prøver igjen automatisk.',
    };
  }
  return undefined;
}

/** Every page gets the banner (layout.hbs includes the partial). */
export function withSyncStatus(render: Render, gjerde: Gjerde): Render {
  return (view, data) =>
    render(view, { syncStatus: syncBanner(gjerde.sync?.status(), gjerde.config.readOnly), ...data });
}
