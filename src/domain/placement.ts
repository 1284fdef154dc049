/**
 * Whether a stored file is where its agreement belongs, by the one rule for where that is
 * (`agreementPath`, src/store/layout.ts), and what to do when it is not.
 */
import { isValidId } from '../format/ids.js';
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta } from '../format/types.js';
import { agreementPath, idOfPath } from '../store/layout.js';

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
