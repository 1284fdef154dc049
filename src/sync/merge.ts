/**
 * Merging what was fetched from the remote into the data repository's branch, inside the store's write
 * queue so no save runs meanwhile. Histories are only ever extended: a fast-forward when one side contains
 * the other, otherwise a merge commit with both heads as parents. Nothing is rewritten or forced.
 *
 * The merge itself is git's (merge-ort through `git merge-tree --write-tree`, three-way by lines), computed
 * without touching the working tree; the branch is moved with a compare-and-swap `update-ref`, and only
 * then are the index and the working tree brought in line (`reset --hard`; the store reads from git, not
 * from the working tree, so a crash in between loses nothing).
 *
 * The conflict rule (both sides changed the same lines of a file): both sides' changes are combined line
 * by line (`git merge-file`), and the overlapping lines are resolved twice. The merge commit takes the
 * remote's lines; right after it, the local lines are committed again as a commit of their own, with the
 * local change's author and reason. Both versions stay whole in the history, the newest is the local one,
 * and no file ever holds conflict markers. A resolution that is not acceptable (e.g. no longer a valid
 * agreement), and a clean line merge that is not, falls back to that side's own file.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Git, GitCommandError } from '../store/git.js';
import { COMMITTER, parseMessage, type Store } from '../store/store.js';

export type MergeKind = 'up-to-date' | 'ahead' | 'fast-forward' | 'merged';

export interface MergeOutcome {
  kind: MergeKind;
  /** HEAD before and after (undefined before: the repository was empty). */
  before: string | undefined;
  after: string | undefined;
  /** Files both sides changed in conflicting ways: the remote's version merged, the local one re-applied. */
  conflicts: string[];
}

export interface MergeOptions {
  /** Whether a file that git merged line by line from both sides may be kept as it is. */
  accept?: (path: string, content: string) => boolean;
  /** For the commit dates (tests). */
  now?: () => Date;
}

const CONFLICT_MARKER = /^(<{7}|>{7}|={7}|\|{7})( |$)/m;
const ZERO_OID = '0'.repeat(40);

/** Whether `ancestor` is `descendant` or one of its ancestors. */
export async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  const { exitCode } = await git.run(['merge-base', '--is-ancestor', ancestor, descendant], {
    okExitCodes: [1],
  });
  return exitCode === 0;
}

export function mergeRemote(
  store: Store,
  git: Git,
  theirs: string,
  options: MergeOptions = {},
): Promise<MergeOutcome> {
  return store.exclusive(async () => {
    const ours = await store.head();
    const result = (kind: MergeKind, after: string | undefined, conflicts: string[] = []): MergeOutcome => ({
      kind,
      before: ours,
      after,
      conflicts,
    });
    if (ours === theirs) return result('up-to-date', ours);
    if (ours !== undefined && (await isAncestor(git, theirs, ours))) return result('ahead', ours);
    if (ours === undefined || (await isAncestor(git, ours, theirs))) {
      await moveBranch(git, ours, theirs, 'gjerde: synkronisering (spoling fremover)');
      return result('fast-forward', theirs);
    }
    const merged = await mergeDiverged(git, store.dir, ours, theirs, options);
    await moveBranch(git, ours, merged.head, 'gjerde: synkronisering (sammenslåing)');
    return result('merged', merged.head, merged.conflicts);
  });
}

/** Moves the branch from `from` to `to` only if it still is at `from`, then updates index and files. */
async function moveBranch(git: Git, from: string | undefined, to: string, message: string): Promise<void> {
  await git.run(['update-ref', '-m', message, 'HEAD', to, from ?? ZERO_OID]);
  await git.run(['reset', '-q', '--hard']);
}

interface Merged {
  head: string;
  conflicts: string[];
}

async function mergeDiverged(
  git: Git,
  dir: string,
  ours: string,
  theirs: string,
  options: MergeOptions,
): Promise<Merged> {
  const { stdout, exitCode } = await git.run(
    [
      'merge-tree',
      '--write-tree',
      '--name-only',
      '-z',
      '--no-messages',
      '--allow-unrelated-histories',
      ours,
      theirs,
    ],
    { okExitCodes: [1] },
  );
  const [tree = '', ...listed] = stdout.split('\0');
  if (!/^[0-9a-f]{40,64}$/.test(tree)) throw new Error(`git merge-tree gave no tree (exit ${exitCode})`);
  const accept = (path: string, content: string | undefined) =>
    content === undefined || (!CONFLICT_MARKER.test(content) && options.accept?.(path, content) !== false);
  const base = await mergeBase(git, ours, theirs);
  const resolutions = new Map<string, Resolution>();
  for (const path of new Set(listed.filter((path) => path !== ''))) {
    resolutions.set(path, await resolveConflict(git, dir, path, { base, ours, theirs }, accept));
  }
  // Files git merged cleanly from both sides' changes must still be acceptable; if not, the rule applies.
  const fromOurs = new Set(await changedPaths(git, tree, ours));
  for (const path of await changedPaths(git, tree, theirs)) {
    if (!fromOurs.has(path) || resolutions.has(path)) continue;
    if (accept(path, await blobText(git, tree, path))) continue;
    resolutions.set(path, {
      theirs: await blobText(git, theirs, path),
      ours: await blobText(git, ours, path),
    });
  }
  const paths = [...resolutions.keys()].sort();
  const when = options.now?.() ?? new Date();
  // The merge commit: git's merge, with each conflict resolved the remote's way.
  const mergedTree = await writeFiles(
    git,
    dir,
    tree,
    paths.map((path) => [path, resolutions.get(path)?.theirs]),
  );
  let head = await commitTree(git, mergedTree, [ours, theirs], mergeMessage(paths), COMMITTER, when);
  // Then each such file resolved the local way, as a commit of its own by the local change's author.
  for (const path of paths) {
    const local = resolutions.get(path)?.ours;
    if (local === undefined || local === resolutions.get(path)?.theirs) continue;
    const origin = await lastChange(git, ours, path);
    const nextTree = await writeFiles(git, dir, head, [[path, local]]);
    head = await commitTree(git, nextTree, [head], reapplyMessage(origin), origin.author, when);
  }
  return { head, conflicts: paths };
}

/** A conflicting file's content resolved each side's way (undefined: the file is absent on that side). */
interface Resolution {
  theirs: string | undefined;
  ours: string | undefined;
}

/**
 * Both sides' changes combined line by line, with the overlapping lines taken from the remote (`theirs`)
 * or from the local side (`ours`). A result that is not acceptable falls back to that side's own file.
 */
async function resolveConflict(
  git: Git,
  dir: string,
  path: string,
  sides: { base: string | undefined; ours: string; theirs: string },
  accept: (path: string, content: string | undefined) => boolean,
): Promise<Resolution> {
  const ours = await blobText(git, sides.ours, path);
  const theirs = await blobText(git, sides.theirs, path);
  if (ours === undefined || theirs === undefined) return { theirs, ours };
  const base = (sides.base && (await blobText(git, sides.base, path))) ?? '';
  const favourTheirs = await mergeFile(git, dir, { ours, base, theirs }, '--theirs');
  const favourOurs = await mergeFile(git, dir, { ours, base, theirs }, '--ours');
  return {
    theirs: accept(path, favourTheirs) ? favourTheirs : theirs,
    ours: accept(path, favourOurs) ? favourOurs : ours,
  };
}

async function mergeBase(git: Git, ours: string, theirs: string): Promise<string | undefined> {
  const { stdout, exitCode } = await git.run(['merge-base', ours, theirs], { okExitCodes: [1] });
  return exitCode === 0 ? stdout.trim() || undefined : undefined;
}

/** `git merge-file` on three texts, overlapping changes resolved in favour of one side. */
async function mergeFile(
  git: Git,
  dir: string,
  texts: { ours: string; base: string; theirs: string },
  favour: '--ours' | '--theirs',
): Promise<string> {
  const stem = join(dir, '.git', `gjerde-tmp-sync-${process.pid}-${randomBytes(6).toString('hex')}`);
  const files = { ours: `${stem}-ours`, base: `${stem}-base`, theirs: `${stem}-theirs` };
  try {
    await writeFile(files.ours, texts.ours, { flag: 'wx' });
    await writeFile(files.base, texts.base, { flag: 'wx' });
    await writeFile(files.theirs, texts.theirs, { flag: 'wx' });
    const { stdout } = await git.run(['merge-file', '-p', favour, files.ours, files.base, files.theirs], {
      okExitCodes: Array.from({ length: 127 }, (_, index) => index + 1),
    });
    return stdout;
  } finally {
    await Promise.all(Object.values(files).map((file) => rm(file, { force: true })));
  }
}

function mergeMessage(conflicts: string[]): string {
  const title = 'Synkronisering: slo sammen endringer fra fjernlageret';
  if (conflicts.length === 0) return `${title}\n`;
  return (
    `${title}\n\nBegge sider hadde endret ${conflicts.join(', ')}. Her er versjonen fra fjernlageret tatt ` +
    'med; den lokale versjonen er lagt inn igjen rett etter, så begge finnes i historikken.\n'
  );
}

function reapplyMessage(origin: Origin): string {
  return (
    `${origin.reason}\n\nLagt inn igjen etter synkronisering: fjernlageret hadde en annen versjon av de ` +
    `samme linjene, som nå ligger i versjonen før denne.\n\nGjenopprettet-fra: ${origin.rev}\n`
  );
}

async function changedPaths(git: Git, from: string, to: string): Promise<string[]> {
  const { stdout } = await git.run(['diff-tree', '-r', '-z', '--no-renames', '--name-only', from, to]);
  return stdout.split('\0').filter((path) => path !== '');
}

async function blobText(git: Git, tree: string, path: string): Promise<string | undefined> {
  const { stdout, exitCode } = await git.run(['cat-file', 'blob', `${tree}:${path}`], { okExitCodes: [128] });
  return exitCode === 0 ? stdout : undefined;
}

/** `tree` with each file set to the given content (undefined: removed), through a private index. */
async function writeFiles(
  git: Git,
  dir: string,
  tree: string,
  files: Array<[path: string, content: string | undefined]>,
): Promise<string> {
  if (files.length === 0) return tree;
  const index = join(dir, '.git', `gjerde-tmp-sync-index-${process.pid}-${randomBytes(6).toString('hex')}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await git.run(['read-tree', tree], { env });
    for (const [path, content] of files) {
      if (content === undefined) {
        await git.run(['update-index', '--force-remove', '--', path], { env });
        continue;
      }
      const { stdout } = await git.run(['hash-object', '-w', '--stdin'], { input: content });
      await git.run(['update-index', '--add', '--cacheinfo', `100644,${stdout.trim()},${path}`], { env });
    }
    const { stdout } = await git.run(['write-tree'], { env });
    return stdout.trim();
  } finally {
    await rm(index, { force: true });
  }
}

interface Person {
  name: string;
  email: string;
}

interface Origin {
  rev: string;
  author: Person;
  reason: string;
}

/** The newest commit on `ref` that changed `path`: whose version it is, and why it was made. */
async function lastChange(git: Git, ref: string, path: string): Promise<Origin> {
  const { stdout } = await git.run(['log', '-1', '--format=%H%x00%an%x00%ae%x00%B', ref, '--', path]);
  const [rev = '', name = '', email = '', message = ''] = stdout.split('\0');
  const reason = parseMessage(message).reason || 'Lokal endring';
  return {
    rev: rev.trim(),
    author: { name: name || COMMITTER.name, email: email || COMMITTER.email },
    reason,
  };
}

/** git's internal date format with the local time zone, as the store writes it. */
function gitDate(when: Date): string {
  const offset = -when.getTimezoneOffset();
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${Math.floor(when.getTime() / 1000)} ${zone}`;
}

async function commitTree(
  git: Git,
  tree: string,
  parents: string[],
  message: string,
  author: Person,
  when: Date,
): Promise<string> {
  const date = gitDate(when);
  try {
    const { stdout } = await git.run(
      ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-F', '-'],
      {
        input: message,
        env: {
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_NAME: COMMITTER.name,
          GIT_COMMITTER_EMAIL: COMMITTER.email,
          GIT_COMMITTER_DATE: date,
        },
      },
    );
    return stdout.trim();
  } catch (error) {
    if (error instanceof GitCommandError)
      throw new Error(`Kunne ikke lage sammenslåingen: ${error.stderr.trim()}`);
    throw error;
  }
}
