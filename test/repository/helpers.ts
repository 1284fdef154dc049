import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runGjerde } from '../helpers/cli.js';
import { authorEnv, gitWithEnv } from '../helpers/git.js';

/** The `gjerde` command on a data repository, as someone at a shell runs it. */
export function cli(dataDir: string, ...args: string[]) {
  return runGjerde({ GJERDE_DATA: dataDir }, ...args);
}

/** Runs git in the data repository as a person would from a shell (not through Gjerde). */
export const git = gitWithEnv;

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
  git(dir, ['commit', '-q', '-m', message], authorEnv(author));
  return git(dir, ['rev-parse', 'HEAD']).trim();
}
