import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/config.js';

/**
 * The `gjerde` command (`bin/gjerde.js`, the JavaScript Jest's global set-up built from the current source)
 * as someone at a shell runs it, with `env` on top of the test's own environment (GJERDE_DATA at least).
 */
export function runGjerde(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/gjerde.js'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
