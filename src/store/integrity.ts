/**
 * Git-level integrity checks and approval seals on the data repository, for `gjerde verify`.
 *
 * It knows nothing about Markdown or agreements: it answers questions about git objects and refs
 * (is the object database sound, which commits can the branch reach, where has the branch pointed, which
 * seals exist) and writes annotated tags. What counts as an approved version is decided by the caller.
 *
 * A seal is an annotated tag under `refs/tags/godkjent/`. Its message records the commit, the path and the
 * blob id of the approved file as "Key: value" lines, so a seal keeps the approved commit reachable (git gc
 * never removes it) and still tells what was approved if somebody later moves the branch past a rewritten
 * history. Tags are refs like the branch: whoever can rewrite the branch can also delete tags, so seals are
 * evidence for honest mistakes and for copies of the repository (a pushed tag), not a signature.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertPath, assertRevision, Git, GitCommandError, StoreError } from './git.js';
import { COMMITTER } from './store.js';

/** Where seals live. */
export const SEAL_PREFIX = 'refs/tags/godkjent/';

export interface FsckResult {
  ok: boolean;
  /** git's own lines (errors, missing or broken objects), at most 50. */
  problems: string[];
}

export interface ReflogEntry {
  rev: string;
  /** When the branch was moved there (ISO 8601). */
  date: string;
  /** git's description of the move, e.g. "commit: …" or "commit (amend): …". */
  action: string;
}

export interface SealRecord {
  /** The full tag name, e.g. `godkjent/fjordvik-ramme/2018-12-17-1a2b3c4d`. */
  tag: string;
  /** The commit the tag object points at. */
  target: string;
  /** Recorded in the tag message. */
  commit: string;
  path: string;
  blob: string;
  /** Other "Key: value" lines of the message (agreement, status, validity …). */
  fields: Record<string, string>;
  /** When the seal was made (the tagger date). */
  sealedAt: string;
}

export interface SealInput {
  /** Tag name below `godkjent/`, e.g. `fjordvik-ramme/2018-12-17-1a2b3c4d`. */
  name: string;
  commit: string;
  path: string;
  blob: string;
  /** Extra fields for the message; keys are trailer keys (letters, digits, `-`). */
  fields: Record<string, string>;
  /** The first line of the tag message. */
  title: string;
}

const SEAL_NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9.-]*)+$/;
const FIELD_KEY = /^[A-Za-z][A-Za-z0-9-]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

export class Integrity {
  private readonly git: Git;

  constructor(readonly dir: string) {
    this.git = new Git(dir);
  }

  /** `git fsck --full`: every object's hash is recomputed and every reachable object must exist. */
  async fsck(): Promise<FsckResult> {
    const { stdout, stderr, exitCode } = await this.git.run(
      ['fsck', '--full', '--strict', '--no-progress', '--no-dangling'],
      { okExitCodes: [1, 2, 3, 4, 5, 6, 7, 8] },
    );
    const problems = `${stdout}\n${stderr}`
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/^(Checking|notice:)/.test(line))
      .slice(0, 50);
    return { ok: exitCode === 0 && problems.length === 0, problems };
  }

  /** Whether the repository is a shallow clone (then old history is simply not there). */
  async isShallow(): Promise<boolean> {
    const { stdout } = await this.git.run(['rev-parse', '--is-shallow-repository']);
    return stdout.trim() === 'true';
  }

  /** Replacement refs (`git replace`) and a grafts file change what `git log` shows without rewriting. */
  async replacements(): Promise<string[]> {
    const { stdout } = await this.git.run(['for-each-ref', '--format=%(refname)', 'refs/replace/']);
    const refs = stdout.split('\n').filter(Boolean);
    const { stdout: grafts } = await this.git.run(['rev-parse', '--git-path', 'info/grafts']);
    if (existsSync(resolve(this.dir, grafts.trim()))) refs.push('info/grafts');
    return refs;
  }

  /** The branch HEAD points at (`refs/heads/main`), undefined when HEAD is detached. */
  async branch(): Promise<string | undefined> {
    const { stdout, exitCode } = await this.git.run(['symbolic-ref', '--quiet', 'HEAD'], {
      okExitCodes: [1],
    });
    return exitCode === 0 ? stdout.trim() : undefined;
  }

  /** Every commit reachable from HEAD (empty for an empty repository). */
  async reachableFromHead(): Promise<Set<string>> {
    const { stdout, exitCode } = await this.git.run(['rev-list', 'HEAD', '--'], { okExitCodes: [128] });
    if (exitCode !== 0) return new Set();
    return new Set(stdout.split('\n').filter(Boolean));
  }

  /** Where a ref has pointed, newest first, from its reflog (empty when reflogs are off or expired). */
  async reflog(ref: string): Promise<ReflogEntry[]> {
    if (!/^refs\/heads\/[A-Za-z0-9._/-]+$/.test(ref) && ref !== 'HEAD') {
      throw new StoreError('invalid-input', 'Ugyldig ref.');
    }
    const { stdout, exitCode } = await this.git.run(
      ['log', '--walk-reflogs', '--date=iso-strict', '--format=%H%x00%gd%x00%gs', ref, '--'],
      { okExitCodes: [128] },
    );
    if (exitCode !== 0) return [];
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [rev = '', selector = '', action = ''] = line.split('\0');
        // The selector reads `refs/heads/main@{2017-01-16T10:15:00+01:00}` with --date=iso-strict.
        const date = /@\{([^}]*)\}$/.exec(selector)?.[1] ?? '';
        return { rev, date, action };
      })
      .filter((entry) => /^[0-9a-f]{40,64}$/.test(entry.rev));
  }

  /** The blob id of `path` at `commit`, undefined when either is missing. */
  async blobId(commit: string, path: string): Promise<string | undefined> {
    assertRevision(commit);
    assertPath(path);
    const { stdout, exitCode } = await this.git.run(
      ['rev-parse', '--verify', '--quiet', `${commit}:${path}`],
      {
        okExitCodes: [1, 128],
      },
    );
    const sha = stdout.trim();
    return exitCode === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  }

  /** Whether a commit object exists (reachable or not). */
  async commitExists(commit: string): Promise<boolean> {
    assertRevision(commit);
    const { exitCode } = await this.git.run(['cat-file', '-e', `${commit}^{commit}`], {
      okExitCodes: [1, 128],
    });
    return exitCode === 0;
  }

  /** Every seal, read in one `for-each-ref` pass. Tags under the prefix that are not ours are skipped. */
  async seals(): Promise<SealRecord[]> {
    const { stdout } = await this.git.run([
      'for-each-ref',
      '--format=%1e%(refname)%00%(objecttype)%00%(*objectname)%00%(taggerdate:iso-strict)%00%(contents)',
      SEAL_PREFIX,
    ]);
    const seals: SealRecord[] = [];
    for (const record of stdout.split('\x1e').slice(1)) {
      const [refname = '', type = '', target = '', sealedAt = '', contents = ''] = record.split('\0');
      if (type !== 'tag') continue;
      const fields: Record<string, string> = {};
      for (const line of contents.split('\n')) {
        const match = /^([A-Za-z][A-Za-z0-9-]*): (.*)$/.exec(line.trim());
        if (match) fields[(match[1] as string).toLowerCase()] = (match[2] as string).trim();
      }
      const { commit = '', fil: path = '', blob = '' } = fields;
      seals.push({
        tag: refname.slice('refs/tags/'.length),
        target: target.trim(),
        commit,
        path,
        blob,
        fields,
        sealedAt,
      });
    }
    return seals;
  }

  /** Creates an annotated tag (tagger: Gjerde). Refuses to overwrite an existing seal. */
  async createSeal(seal: SealInput): Promise<string> {
    if (!SEAL_NAME.test(seal.name) || seal.name.length > 200) {
      throw new StoreError('invalid-input', `Ugyldig navn på segl: ${seal.name.slice(0, 60)}`);
    }
    assertRevision(seal.commit);
    assertPath(seal.path);
    if (!/^[0-9a-f]{40,64}$/.test(seal.blob)) throw new StoreError('invalid-input', 'Ugyldig blob-id.');
    const lines = [`Commit: ${seal.commit}`, `Fil: ${seal.path}`, `Blob: ${seal.blob}`];
    for (const [key, value] of Object.entries(seal.fields)) {
      if (!FIELD_KEY.test(key) || CONTROL.test(value))
        throw new StoreError('invalid-input', `Ugyldig felt ${key}.`);
      lines.push(`${key}: ${value}`);
    }
    const title = seal.title.replace(/[\r\n]+/g, ' ').trim();
    const tag = `godkjent/${seal.name}`;
    try {
      await this.git.run(['tag', '--annotate', '--no-sign', '--file=-', tag, seal.commit], {
        input: `${title}\n\n${lines.join('\n')}\n`,
        env: {
          GIT_COMMITTER_NAME: COMMITTER.name,
          GIT_COMMITTER_EMAIL: COMMITTER.email,
        },
      });
    } catch (error) {
      if (error instanceof GitCommandError && /already exists/.test(error.stderr)) {
        throw new StoreError('invalid-input', `Seglet ${tag} finnes allerede.`);
      }
      throw error;
    }
    return tag;
  }
}
