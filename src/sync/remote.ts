/**
 * The git remote the data repository is synchronized with: which addresses are accepted, how they are
 * shown (never with credentials), and the two network commands, `fetch` and `push`.
 *
 * The remote is given as an address, never configured as a named remote in the repository, so nothing in
 * the data repository's config decides where its data goes. Fetched commits land in one remote-tracking
 * ref (`SYNC_REF`), which also records what the remote is known to have.
 */
import { resolve } from 'node:path';
import { type Git, GitCommandError } from '../store/git.js';

/** What the remote's `main` was at the last fetch or successful push. */
export const SYNC_REF = 'refs/remotes/gjerde/main';
const FETCH_REFSPEC = '+refs/heads/*:refs/remotes/gjerde/*';
const REMOTE_BRANCH = 'refs/heads/main';

const URL_SCHEMES = new Set(['file', 'https', 'http', 'ssh', 'git']);
const URL_FORM = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `user@host:path`, git's scp-like ssh syntax. */
const SCP_FORM = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The remote address as git will be given it, or an error for one that could be read as an option, a
 * transport helper (`ext::…`, which runs a command) or an unknown scheme. A local path is made absolute.
 */
export function checkRemote(value: string, cwd = process.cwd()): string {
  const text = value.trim();
  if (text === '' || text.startsWith('-') || CONTROL.test(text) || text.includes('::')) {
    throw new Error(`GJERDE_REMOTE er ikke en gyldig git-adresse: ${redactRemote(text)}`);
  }
  const scheme = URL_FORM.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!URL_SCHEMES.has(scheme)) {
      throw new Error(
        `GJERDE_REMOTE: protokollen «${scheme}» er ikke tillatt (bruk https, ssh, file eller en sti).`,
      );
    }
    return text;
  }
  if (SCP_FORM.test(text)) return text;
  return resolve(cwd, text);
}

/** The address without user name, password or token, for logs and pages. */
export function redactRemote(remote: string): string {
  return remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1').replace(/^[^/@:]+@([^/:]+:)/, '$1');
}

/** ssh fails rather than asks (git itself never prompts: see gitEnvironment). */
const NETWORK_ENV: Record<string, string> = {
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o ConnectTimeout=15',
};

/** Only the transports `checkRemote` admits; never `ext` or other helpers that run commands. */
const NETWORK_CONFIG: readonly string[] = [
  'protocol.allow=never',
  ...[...URL_SCHEMES].map((scheme) => `protocol.${scheme}.allow=always`),
].flatMap((setting) => ['-c', setting]);

/** The remote could not be reached or refused the command (the message says why, in git's words). */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteError';
  }
}

function remoteError(action: string, error: unknown, remote: string): RemoteError {
  // A stopped command has no words of git's: say what stopped it (the message names no address).
  const detail =
    error instanceof GitCommandError ? (error.timedOut ? error.message : error.stderr) : String(error);
  const firstLine =
    detail
      .split('\n')
      .map((line) => line.replace(/^(fatal|error): /, '').trim())
      .find((line) => line !== '') ?? 'ukjent feil';
  // git repeats the address in its messages; the address may hold a token.
  const safe = firstLine.split(remote).join(redactRemote(remote));
  return new RemoteError(`${action} ${redactRemote(remote)} feilet: ${safe}`);
}

/**
 * Fetches the remote's branches into `refs/remotes/gjerde/*` and returns the commit of its `main`, or
 * undefined when the remote has no `main` yet (a new, empty repository).
 */
export async function fetchRemote(git: Git, remote: string): Promise<string | undefined> {
  try {
    await git.run(
      [
        ...NETWORK_CONFIG,
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        '--',
        remote,
        FETCH_REFSPEC,
      ],
      {
        env: NETWORK_ENV,
      },
    );
  } catch (error) {
    throw remoteError('Henting fra', error, remote);
  }
  return trackedHead(git);
}

/** What the remote's `main` was when it was last seen (fetched or pushed), if ever. */
export async function trackedHead(git: Git): Promise<string | undefined> {
  const { stdout, exitCode } = await git.run(['rev-parse', '--verify', '--quiet', `${SYNC_REF}^{commit}`], {
    okExitCodes: [1],
  });
  return exitCode === 0 ? stdout.trim() : undefined;
}

export type PushResult = 'pushed' | 'rejected';

/**
 * Pushes `rev` to the remote's `main`, never forced: 'rejected' when the remote has commits `rev` does not
 * contain (fetch and merge first). The tracking ref then records that the remote has `rev`.
 */
export async function pushRemote(git: Git, remote: string, rev: string): Promise<PushResult> {
  let output: string;
  try {
    const result = await git.run(
      [...NETWORK_CONFIG, 'push', '--quiet', '--porcelain', '--', remote, `${rev}:${REMOTE_BRANCH}`],
      {
        env: NETWORK_ENV,
        okExitCodes: [1],
      },
    );
    output = result.stdout;
    if (result.exitCode !== 0 && !/^!/m.test(output)) throw new GitCommandError(['push'], 1, result.stderr);
  } catch (error) {
    throw remoteError('Sending til', error, remote);
  }
  // Porcelain: one line per ref, "!" for a rejected one ("[rejected] (fetch first)", "(non-fast-forward)").
  if (/^!/m.test(output)) return 'rejected';
  await git.run(['update-ref', '-m', 'gjerde: sendt til fjernlageret', SYNC_REF, rev]);
  return 'pushed';
}
