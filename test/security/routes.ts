import type express from 'express';

/**
 * Every route of the app, read from Express 5's router stack (mounted routers included, with their
 * mount paths). Tests compare it with what is written down about the routes — the OpenAPI document
 * (test/e2e/openapi.test.ts) and the table of who may use them (test/security/roles.test.ts) — so a
 * route cannot be added without deciding both.
 */

export interface Route {
  method: string;
  /** Express notation: `/avtaler/:id/rediger`. */
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

export function routesOf(app: express.Express): Route[] {
  const found: Route[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          found.push({ method: method.toUpperCase(), path: `${prefix}${layer.route.path}` });
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

/** `GET /avtaler/:id`: one route as one string, for lists that must match. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}
