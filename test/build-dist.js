// Jest's global set-up: the CLI tests run `bin/gjerde.js`, which runs the built JavaScript in dist/, so it
// is built from the current source first (incremental: well under a second when nothing changed).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildDist() {
  const root = join(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
