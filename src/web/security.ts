import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers for every answer: helmet's defaults with a strict Content-Security-Policy. Pages load
 * scripts and styles only from Gjerde itself (`/assets/…`); no inline script, no inline style, no plugins,
 * no framing, no `<base>`, forms post only back to Gjerde. API answers are never cached on the way.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

export function securityHeaders() {
  // No `upgrade-insecure-requests`: Gjerde may run on plain HTTP on an internal network.
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
  });
  return [headers, noStoreOnApi];
}

/** JSON answers may hold what people typed (and drafts not yet in force): never cached by browsers or proxies. */
function noStoreOnApi(req: Request, res: Response, next: NextFunction) {
  if (req.path === '/api' || req.path.startsWith('/api/')) res.set('Cache-Control', 'no-store');
  next();
}
