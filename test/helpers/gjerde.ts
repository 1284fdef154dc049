import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, projectRoot } from '../../src/config.js';
import { type Gjerde, openGjerde } from '../../src/gjerde.js';
import { createApp } from '../../src/web/app.js';
import { loadViews } from '../../src/web/views.js';
import { type PersonaName, signedInAgent } from './accounts.js';

/** A Gjerde on a fresh data repository in a temporary folder, seeded from the real example agreements. */
export async function startTestGjerde(options: { examplesDir?: string; env?: NodeJS.ProcessEnv } = {}) {
  const root = await mkdtemp(join(tmpdir(), 'gjerde-test-'));
  const config = loadConfig({
    GJERDE_DATA: join(root, 'store'),
    GJERDE_EXAMPLES: options.examplesDir ?? join(projectRoot, 'agreements'),
    ...options.env,
  });
  const gjerde: Gjerde = await openGjerde(config);
  const app = createApp(gjerde, await loadViews(config.viewsDir));
  return {
    gjerde,
    app,
    dataDir: config.dataDir,
    /** A supertest agent signed in as one of the test personas (test/helpers/accounts.ts). */
    as: (persona: PersonaName) => signedInAgent(app, gjerde.accounts, persona),
    async stop() {
      await gjerde.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
