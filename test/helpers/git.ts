import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * git as a person runs it from a shell, for a test's set-up and assertions (never through the code under
 * test): in `dir`, without the GIT_* variables a hook or the test runner may have set, so the command
 * always acts on `dir`'s repository. Returns what git printed.
 */
export function gitWithEnv(dir: string, args: string[], env: Record<string, string> = {}): string {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...clean, ...env },
    encoding: 'utf8',
    stdio: 'pipe',
    // A whole history's log of a repository a load test has filled.
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `git …args` in `dir` (see `gitWithEnv`); returns what git printed. */
export function git(dir: string, ...args: string[]): string {
  return gitWithEnv(dir, args);
}

/** `git …args` in `dir` (see `gitWithEnv`); what git printed, without the final newline: a rev, a short log. */
export function gitTrimmed(dir: string, ...args: string[]): string {
  return gitWithEnv(dir, args).trim();
}

/** The environment that makes `person` the author and committer of what git commits. */
export function authorEnv(person: { name: string; email: string }): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: person.name,
    GIT_AUTHOR_EMAIL: person.email,
    GIT_COMMITTER_NAME: person.name,
    GIT_COMMITTER_EMAIL: person.email,
  };
}

/** Makes an empty bare repository at `path` on branch main, as a county's shared remote starts; returns `path`. */
export function bareRepo(path: string): string {
  gitWithEnv(dirname(path), ['init', '--quiet', '--bare', '-b', 'main', path]);
  return path;
}

/**
 * What a refused write must leave as it was: HEAD, every ref and the working tree's status, untracked files
 * included (and ignored ones with `ignored`). Compare two with `toEqual`.
 */
export function repositoryState(dir: string, { ignored = false } = {}) {
  return {
    head: gitTrimmed(dir, 'rev-parse', 'HEAD'),
    refs: git(dir, 'for-each-ref', '--format=%(refname) %(objectname)'),
    status: git(dir, 'status', '--porcelain', '--untracked-files=all', ...(ignored ? ['--ignored'] : [])),
  };
}

/** The oldest commit that changed `path`: the first revision of an agreement. */
export function firstCommitOf(dir: string, path: string): string {
  return gitTrimmed(dir, 'log', '--reverse', '--format=%H', '--', path).split('\n')[0] as string;
}

/**
 * Records a commit in the data repository's approval register (src/store/approval-register.ts), as Gjerde's
 * approval path does for its own commits: for tests whose history stands for approvals made in Gjerde,
 * written with plain git. Nothing while the repository has no register (then every approval counts).
 */
export function registerApproval(dir: string, rev: string): void {
  const register = join(dir, '.git', 'gjerde-godkjenninger');
  if (existsSync(register)) appendFileSync(register, `${rev}\n`);
}

/** `registerApproval` of the commit at HEAD. */
export function registerApprovalAtHead(dir: string): void {
  registerApproval(dir, git(dir, 'rev-parse', 'HEAD').trim());
}
