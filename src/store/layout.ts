/**
 * Where the file of an agreement lives in the data repository: `avtaler/<id>.md`. `agreementPath` is the
 * one rule (a later change may give each county its own folder, from the agreement's `county`): the
 * domain, the lookup index, the repository check, seeding and import all ask here. It knows ids and
 * folders, nothing of Markdown.
 */
import { isValidId } from '../format/ids.js';

/** The folder Gjerde reads agreements from (with its slash, as git lists paths). */
export const AGREEMENTS_DIR = 'avtaler/';

/** Where the file of an agreement belongs. */
export function agreementPath(agreement: { id: string }): string {
  return `${AGREEMENTS_DIR}${agreement.id}.md`;
}

/** The agreement a file is read as: the id its place gives, when the rule can put a file there. */
export function idOfPath(path: string): string | undefined {
  const id = /^(?:.*\/)?([^/]+)\.md$/.exec(path)?.[1];
  return id !== undefined && isValidId(id) && agreementPath({ id }) === path ? id : undefined;
}

/** Whether a file is in the agreements folder (where every file must be an agreement in its place). */
export function isInAgreementsFolder(path: string): boolean {
  return path.startsWith(AGREEMENTS_DIR);
}
