import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  /** The data repository (a git repository of its own, never the project's). */
  dataDir: string;
  /** Example agreements with their history, replayed into an empty data repository. */
  examplesDir: string;
  templatesDir: string;
  viewsDir: string;
  publicDir: string;
  port: number;
  host: string;
}

/** Settings from the environment; documented in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got «${env.PORT}»`);
  return {
    dataDir: resolve(env.GJERDE_DATA ?? join(projectRoot, 'data', 'store')),
    examplesDir: resolve(env.GJERDE_EXAMPLES ?? join(projectRoot, 'agreements')),
    templatesDir: resolve(env.GJERDE_TEMPLATES ?? join(projectRoot, 'templates')),
    viewsDir: join(projectRoot, 'views'),
    publicDir: join(projectRoot, 'public'),
    port,
    host: env.HOST ?? '127.0.0.1',
  };
}

export { projectRoot };
