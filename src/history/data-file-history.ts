import type { Store } from '../store/store.js';
import { type Redline, redline } from './redline.js';
import type { RevisionInfo } from './types.js';

/** One commit of a data file (the shared glossary, a contact register): who, when, why, and what it changed. */
export interface DataFileChange extends RevisionInfo {
  /** `added`: the file's first commit; `removed`: the commit that deleted it. */
  kind: 'added' | 'changed' | 'removed';
  /** The file's lines before and after the commit, by words inside changed lines, as compare shows an agreement. */
  redline: Redline;
}

/**
 * Every commit of a data file, newest first, with the change each made to the file. The files are short
 * lists of facts (YAML), so each change is read in full; the histories are years of a few commits.
 */
export async function dataFileHistory(store: Store, path: string): Promise<DataFileChange[]> {
  const revisions = await store.history(path);
  const texts = await Promise.all(revisions.map((revision) => store.readFile(revision.path, revision.rev)));
  return revisions.map((revision, position) => {
    const after = texts[position];
    const before = texts[position + 1];
    const kind = after === undefined ? 'removed' : position === revisions.length - 1 ? 'added' : 'changed';
    return { ...revision, kind, redline: redline(before ?? '', after ?? '') };
  });
}
