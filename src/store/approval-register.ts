import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The approvals Gjerde's own approval path recorded (docs/security.md, «Approvals recorded in Gjerde»). An
 * approval is the `Godkjent-av:` / `Godkjenning:` trailers of a commit (docs/format.md), and a trailer is
 * text: anyone who can commit to the data repository can type one, copied from a real approval, under any
 * author and date. So the store writes the id of every commit it makes with such trailers to this file, in
 * `.git/` beside the repository and never in it (not committed, not pushed, not fetched): a commit id names
 * its tree, parents, author, dates and message, so a forged commit cannot be made to match one listed.
 * Commits whose approval trailers are not listed are read without them (`withoutUnregistered`).
 *
 * Old history stays readable: when the file is made (the first start of a version with the register), the
 * approval commits already on the branch are listed as recorded, as they were trusted before.
 */
export const REGISTERED_TRAILERS: readonly string[] = ['Godkjent-av', 'Godkjenning'];

/** An approval trailer of a commit the register does not hold is kept under this prefix, so it is seen. */
export const UNREGISTERED_PREFIX = 'Uregistrert-';

/** Beside such trailers, the reader says why the approval is not confirmed (in Norwegian). */
export const UNREGISTERED_REASON = 'Uregistrert-grunn';

const FILE = 'gjerde-godkjenninger';
const HEADER =
  '# Godkjenninger registrert av Gjerde: én commit per linje. Ikke i git; ta den med i sikkerhetskopien.\n';

export class ApprovalRegister {
  private readonly path: string;
  private readonly ids = new Set<string>();
  /** Bytes of the file read so far (another Gjerde process, e.g. `gjerde import`, may have added some). */
  private readBytes = 0;
  /**
   * Commits not in the file whose approval was judged by its signature (approval-signature.ts): undefined
   * when the signature confirms it, else why not. A commit id names its content, so a verdict holds for good.
   */
  private readonly judged = new Map<string, string | undefined>();
  /** Approval commits an administrator confirmed on any instance (approval-confirmation in store.ts). */
  private readonly confirmed = new Set<string>();

  /** `dir` is the repository's work tree (its `.git` a folder, or a file naming one, as in a linked worktree). */
  constructor(dir: string) {
    this.path = join(commonGitDir(dir), FILE);
  }

  /** Whether the register exists; until it does, every approval trailer counts (a repository before it). */
  get active(): boolean {
    return this.readBytes > 0 || existsSync(this.path);
  }

  /** Makes the register, with `existing` (the approval commits on the branch now) as recorded. */
  create(existing: readonly string[]): void {
    if (existsSync(this.path)) return;
    const temp = `${this.path}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, HEADER + existing.map((id) => `${id}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
  }

  /** Records commits the approval path just made; on disk before the save is answered. */
  add(ids: readonly string[]): void {
    if (ids.length === 0 || !this.active) return;
    const fd = openSync(this.path, 'a', 0o600);
    try {
      writeSync(fd, ids.map((id) => `${id}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    for (const id of ids) this.ids.add(id);
  }

  has(id: string): boolean {
    this.catchUp();
    return this.ids.has(id);
  }

  /** Whether a commit's approval still needs its signature judged before it is read (`judge`). */
  needsJudging(id: string, trailers: Record<string, string[]>): boolean {
    return ApprovalRegister.records(trailers) && this.active && !this.judged.has(id) && !this.has(id);
  }

  /** Keeps the verdict on a commit's signature: undefined when it confirms the approval, else why not. */
  judge(id: string, problem: string | undefined): void {
    this.judged.set(id, problem);
  }

  /** An administrator confirmed this approval commit, in a confirmation commit that is itself trusted. */
  confirm(id: string): void {
    this.confirmed.add(id);
  }

  /** Whether a commit's approval counts: recorded here, signed with the key, or confirmed by an administrator. */
  trusts(id: string, trailers: Record<string, string[]>): boolean {
    if (!ApprovalRegister.records(trailers) || !this.active || this.has(id) || this.confirmed.has(id))
      return true;
    return this.judged.has(id) && this.judged.get(id) === undefined;
  }

  private catchUp(): void {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return;
    }
    if (size === this.readBytes) return;
    const text = readFileSync(this.path, 'utf8');
    for (const line of text.split('\n')) if (/^[0-9a-f]{40,64}$/.test(line)) this.ids.add(line);
    this.readBytes = Buffer.byteLength(text);
  }

  /**
   * The trailers as a reader may trust them: a commit with approval trailers the register does not hold keeps
   * them under `Uregistrert-…` instead, so nothing reads it as an approval and the history still shows them.
   */
  withoutUnregistered(id: string, trailers: Record<string, string[]>): Record<string, string[]> {
    if (!REGISTERED_TRAILERS.some((key) => key in trailers)) return trailers;
    if (this.trusts(id, trailers)) return trailers;
    const reason =
      this.judged.get(id) ??
      'Godkjenningen er ikke registrert av Gjerde på denne instansen og er ikke sjekket.';
    return {
      ...Object.fromEntries(
        Object.entries(trailers).map(([key, values]) =>
          REGISTERED_TRAILERS.includes(key) ? [`${UNREGISTERED_PREFIX}${key}`, values] : [key, values],
        ),
      ),
      [UNREGISTERED_REASON]: [reason],
    };
  }

  /** Whether a commit made with these trailers is one the register must record. */
  static records(trailers: Record<string, string[]>): boolean {
    return REGISTERED_TRAILERS.some((key) => (trailers[key]?.length ?? 0) > 0);
  }
}

/** The repository's own `.git` folder, shared by its linked worktrees (as `git rev-parse --git-common-dir`). */
function commonGitDir(dir: string): string {
  const dotGit = join(dir, '.git');
  let gitDir = dotGit;
  try {
    if (!statSync(dotGit).isFile()) return dotGit;
    const named = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (!named) return dotGit;
    gitDir = isAbsolute(named) ? named : resolve(dir, named);
    const common = readFileSync(join(gitDir, 'commondir'), 'utf8').trim();
    return isAbsolute(common) ? common : resolve(gitDir, common);
  } catch {
    return gitDir;
  }
}
