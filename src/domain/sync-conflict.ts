/**
 * A synchronization conflict people have not yet answered. When two Gjerde instances changed the same lines
 * of an agreement, the local lines are put back after the merge (src/sync/merge.ts), so the other side's
 * change is no longer in the current text. The commits that put them back say so in their trailers
 * (`Gjenopprettet-fra`, `Overstyrt`); while they are the newest versions of the agreement, the conflict is
 * open and is shown on the agreement page, on the front page, by `gjerde due` and on the integrity page. The next save of the
 * agreement (which starts from the page that shows it) answers it.
 */
import { formatDate, list } from '../format/wording.js';
import type { Revision } from '../store/store.js';

export interface ConflictChange {
  rev: string;
  date: string;
  author: string;
  reason: string;
}

export interface SyncConflict {
  /** When the conflict was resolved (the newest restoring commit), ISO 8601. */
  date: string;
  /** The local changes put back, oldest first. */
  kept: ConflictChange[];
  /** The other side's changes whose lines they replaced (as far as the history shows them). */
  replaced: ConflictChange[];
  /** The version with the other side's lines, and the current one, for a comparison. */
  compare: { from: string; to: string };
}

export const RESTORED_FROM = 'Gjenopprettet-fra';
export const REPLACED = 'Overstyrt';

function change(version: { revision: Revision }): ConflictChange {
  const { rev, date, author, reason } = version.revision;
  return { rev, date, author: author.name, reason: reason.split('\n', 1)[0] ?? '' };
}

/**
 * The open conflict of an agreement, from its versions or revisions (newest first), if its newest ones are
 * changes put back by a synchronization.
 */
export function openSyncConflict(versions: ReadonlyArray<{ revision: Revision }>): SyncConflict | undefined {
  const restoring = [];
  for (const version of versions) {
    if (!version.revision.trailers[RESTORED_FROM]) break;
    restoring.push(version);
  }
  const newest = restoring[0];
  const before = versions[restoring.length];
  if (!newest || !before) return undefined;
  const replacedRevs = new Set(restoring.flatMap((version) => version.revision.trailers[REPLACED] ?? []));
  const replaced = versions
    .filter((version) => replacedRevs.has(version.revision.rev))
    .map(change)
    .reverse();
  return {
    date: newest.revision.date,
    kept: restoring.map(change).reverse(),
    replaced,
    compare: { from: before.revision.rev, to: newest.revision.rev },
  };
}

/**
 * How many of the newest versions `openSyncConflict` reads: the changes put back, the version before them
 * and those they replaced. From the revisions alone (trailers), so a list can read only those whole.
 */
export function syncConflictReach(revisions: readonly Revision[]): number {
  let restoring = 0;
  while (revisions[restoring]?.trailers[RESTORED_FROM]) restoring += 1;
  if (restoring === 0) return 0;
  const replaced = new Set(
    revisions.slice(0, restoring).flatMap((revision) => revision.trailers[REPLACED] ?? []),
  );
  let reach = restoring + 1;
  revisions.forEach((revision, index) => {
    if (replaced.has(revision.rev)) reach = Math.max(reach, index + 1);
  });
  return Math.min(reach, revisions.length);
}

/** One Norwegian sentence or two: whose change was kept over whose, and what to do. */
export function describeSyncConflict(conflict: SyncConflict): string {
  const names = (changes: ConflictChange[]) => list([...new Set(changes.map((item) => item.author))]);
  const replaced =
    conflict.replaced.length === 0
      ? 'en endring gjort samtidig i en annen Gjerde'
      : `endringen til ${names(conflict.replaced)} (${conflict.replaced.map((item) => `«${item.reason}»`).join(', ')})`;
  return (
    `Avtalen ble endret to steder samtidig. Ved synkroniseringen ${formatDate(conflict.date)} ble endringen til ` +
    `${names(conflict.kept)} beholdt i de samme linjene, over ${replaced}, som ikke står i teksten nå. ` +
    'Sammenlign versjonene og lagre avtalen slik den skal være.'
  );
}
