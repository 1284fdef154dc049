import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../src/config.js';

/** The `gjerde` command (from the sources) on a data repository, as someone at a shell runs it. */
export function cli(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, GJERDE_DATA: dataDir, LOG_LEVEL: 'silent' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Runs git in the data repository as a person would from a shell (not through Gjerde). */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  return execFileSync('git', args, { cwd: dir, env: { ...clean, ...env }, encoding: 'utf8' });
}

/** Whether `ancestor` is in the history of `descendant` (or is it). */
export function isAncestor(dir: string, ancestor: string, descendant: string): boolean {
  try {
    git(dir, ['merge-base', '--is-ancestor', ancestor, descendant]);
    return true;
  } catch {
    return false;
  }
}

export const migrator = { name: 'Mona Migrator', email: 'mona@fjordvik.example' };

/**
 * A plain `git commit` in the data repository, by someone who is not Gjerde: writes (or, for null,
 * deletes) the files, stages everything and commits. Returns the new commit id.
 */
export async function commitByHand(
  dir: string,
  files: Record<string, string | null>,
  message: string,
  author = migrator,
): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) {
      await rm(join(dir, path), { force: true });
    } else {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
  }
  git(dir, ['add', '-A']);
  const identity = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  git(dir, ['commit', '-q', '-m', message], identity);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}
