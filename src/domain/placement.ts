/**
 * Where the file of an agreement lives in the data repository, and whether a stored file is where it
 * belongs. `agreementPath` is the one rule (a later change may give each county its own folder): pages,
 * the lookup index, the repository check and import all ask here.
 */
import { isValidId } from '../format/ids.js';
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta } from '../format/types.js';

/** The folder Gjerde reads agreements from. */
export const agreementsFolder = 'avtaler';

/** Where the file of an agreement belongs: `avtaler/<id>.md`. */
export function agreementPath(agreement: Pick<AgreementMeta, 'id'>): string {
  return `${agreementsFolder}/${agreement.id}.md`;
}

/** The agreement a file is read as: the id its place gives, when the rule can put a file there. */
export function idOfPath(path: string): string | undefined {
  const id = /^(?:.*\/)?([^/]+)\.md$/.exec(path)?.[1];
  return id !== undefined && isValidId(id) && agreementPath({ id }) === path ? id : undefined;
}

/** Whether a file is in the agreements folder (where every file must be an agreement in its place). */
export function isInAgreementsFolder(path: string): boolean {
  return path.startsWith(`${agreementsFolder}/`);
}

/** The line the front matter's `id:` is on (1 when there is none), for messages about the id. */
function idLine(markdown: string): number {
  const match = /^id:/m.exec(markdown);
  return match ? markdown.slice(0, match.index).split('\n').length : 1;
}

export const placementRule = 'file-place';

/**
 * Why a stored file is not where its agreement belongs, or undefined when it is. `meta` is what the file
 * says (its `id`); a file whose id cannot be read is reported by the validator, not here.
 */
export function placementProblem(
  path: string,
  markdown: string,
  meta: Pick<AgreementMeta, 'id'>,
): PlainMessage | undefined {
  if (!isValidId(meta.id)) return undefined;
  const expected = agreementPath(meta);
  if (path === expected) return undefined;
  const named = idOfPath(path);
  const message =
    named !== undefined
      ? `Filen heter ${path}, men avtalens id er «${meta.id}». Filnavnet må være id-en: flytt filen til ${expected} (git mv ${path} ${expected}) eller rett id-en til «${named}».`
      : `Avtalefilen ligger ikke der Gjerde leser avtaler: flytt den til ${expected} (git mv ${path} ${expected}).`;
  return { line: idLine(markdown), column: 1, severity: 'error', rule: placementRule, message };
}

/** A file in the agreements folder that cannot be an agreement there (a subfolder, a name that is no id). */
export function strayFileProblem(path: string): PlainMessage {
  return {
    line: 1,
    column: 1,
    severity: 'error',
    rule: placementRule,
    message: `${path} kan ikke være en avtale: Gjerde leser bare ${agreementPath({ id: '<id>' })}, der <id> er avtalens id (små bokstaver a–z, tall og bindestrek). Flytt eller gi filen nytt navn med git mv.`,
  };
}
