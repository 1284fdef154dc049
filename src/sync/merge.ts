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
 * remote's lines; right after it, the local lines are committed again, one commit per local change put
 * back, each by the person who wrote those lines with their reason (attribution.ts), naming the remote
 * changes it replaced (`Overstyrt:` trailers) so that people are told (src/domain/sync-conflict.ts). Both
 * versions stay whole in the history, the newest is the local one, and no file ever holds conflict markers. A resolution that is not acceptable (e.g. no longer a valid
 * agreement), and a clean line merge that is not, falls back to that side's own file.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPLACED, RESTORED_FROM } from '../domain/sync-conflict.js';
import { type Git, GitCommandError } from '../store/git.js';
import { COMMITTER, parseMessage, type Store } from '../store/store.js';
import { applyHunks, blameLines, creditHunks, type Hunk, hunksBetween, linesOf } from './attribution.js';

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
  // Then each such file resolved the local way, each change put back by the local commit that made it.
  for (const path of paths) {
    const local = resolutions.get(path)?.ours;
    const merged = resolutions.get(path)?.theirs;
    if (local === undefined || local === merged) continue;
    head = await restoreLocal(
      git,
      dir,
      head,
      path,
      { merged: merged ?? '', local, ours, theirs },
      accept,
      when,
    );
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

const RESTORED_NOTE = 'Lagt inn igjen etter synkronisering:';

/**
 * The message of a restored local change: its own reason, what it replaced on the other side (by whom and
 * why, in words and as `Overstyrt` trailers), where it came from, and who else wrote lines of it.
 */
function restoredMessage(origin: Origin, coAuthors: Person[], replaced: Origin[]): string {
  const others = [...new Set(replaced.map((change) => change.author.name))];
  const reasons = replaced.map((change) => `«${firstLine(change.reason)}»`);
  const what =
    replaced.length === 0
      ? 'den andre siden hadde en annen versjon av de samme linjene'
      : `${others.join(', ')} hadde samtidig endret de samme linjene i fjernlageret (${reasons.join(', ')})`;
  const trailers = [
    `${RESTORED_FROM}: ${origin.rev}`,
    ...replaced.map((change) => `${REPLACED}: ${change.rev}`),
    ...coAuthors.map((person) => `Co-authored-by: ${person.name} <${person.email}>`),
  ];
  return (
    `${origin.reason}\n\n${RESTORED_NOTE} ${what}. Den endringen ligger i versjonen før denne; ` +
    'les gjennom og ta den inn igjen hvis den skal gjelde.\n\n' +
    `${trailers.join('\n')}\n`
  );
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}

/**
 * Commits `local` over `merged` (the remote's resolution of `path` at `head`): one commit for each local
 * change it puts back, by that change's author with its reason (src/sync/attribution.ts). When a step on
 * the way would not be an acceptable file on its own, one commit puts everything back, by the newest
 * change's author, the others as co-authors.
 */
async function restoreLocal(
  git: Git,
  dir: string,
  start: string,
  path: string,
  texts: { merged: string; local: string; ours: string; theirs: string },
  accept: (path: string, content: string) => boolean,
  when: Date,
): Promise<string> {
  const from = linesOf(texts.merged);
  const hunks = hunksBetween(from, linesOf(texts.local));
  const local = await revList(git, ['--reverse', texts.ours, `^${texts.theirs}`]);
  const newest = (await changes(git, ['-1', texts.ours, '--', path]))[0];
  // The resolved text as a commit on the local branch, never referenced, so that blame can read it.
  const probe = await commitTree(
    git,
    await writeFiles(git, dir, texts.ours, [[path, texts.local]]),
    [texts.ours],
    'Gjerde: hvem skrev linjene\n',
    COMMITTER,
    when,
  );
  const origins = await blameLines(git, probe, path);
  let groups = creditHunks(hunks, origins, local, newest?.rev ?? texts.ours);
  const chosen = new Set<Hunk>();
  let steps = groups.map((group) => {
    for (const hunk of group.hunks) chosen.add(hunk);
    return applyHunks(from, hunks, chosen);
  });
  const last = groups.at(-1);
  if (last && steps.slice(0, -1).some((text) => !accept(path, text))) {
    const writers = groups.flatMap((group) => [group.rev, ...group.coAuthors]);
    groups = [{ rev: last.rev, hunks, coAuthors: new Set(writers.filter((rev) => rev !== last.rev)) }];
    steps = [texts.local];
  }
  const replaced = await changes(git, [texts.theirs, `^${texts.ours}`, '--', path]);
  let head = start;
  for (const [index, group] of groups.entries()) {
    const [origin] = await changes(git, ['-1', group.rev]);
    if (!origin) continue;
    const coAuthors = new Map<string, Person>();
    for (const rev of group.coAuthors) {
      const [writer] = await changes(git, ['-1', rev]);
      if (writer && writer.author.email !== origin.author.email)
        coAuthors.set(writer.author.email, writer.author);
    }
    const tree = await writeFiles(git, dir, head, [[path, steps[index]]]);
    const message = restoredMessage(origin, [...coAuthors.values()], replaced);
    head = await commitTree(git, tree, [head], message, origin.author, when);
  }
  return head;
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

/** Commits as `git log <args>` lists them: whose change each is, and why it was made. */
async function changes(git: Git, args: string[]): Promise<Origin[]> {
  const { stdout } = await git.run(['log', '-z', '--format=%H%x00%an%x00%ae%x00%B', ...args]);
  const fields = stdout.split('\0');
  const result: Origin[] = [];
  for (let index = 0; index + 3 < fields.length; index += 4) {
    const [rev = '', name = '', email = '', message = ''] = fields.slice(index, index + 4);
    // A change that was itself put back after a synchronization keeps only its own reason.
    const reason = parseMessage(message).reason.split(`\n\n${RESTORED_NOTE}`)[0]?.trim() || 'Lokal endring';
    result.push({
      rev: rev.trim(),
      author: { name: name || COMMITTER.name, email: email || COMMITTER.email },
      reason,
    });
  }
  return result;
}

async function revList(git: Git, args: string[]): Promise<string[]> {
  const { stdout } = await git.run(['rev-list', ...args]);
  return stdout.split('\n').filter((line) => line !== '');
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
