/**
 * A stored file as the domain judges it: valid when the validator accepts it, it holds no fødselsnummer and
 * it is where its agreement belongs. Gjerde only ever commits such files, but anyone with git can commit
 * others; they are shown with their problems and never answer as in force. A file that holds a fødselsnummer
 * is not shown at all: its text is withheld wherever Gjerde would serve it (docs/security.md).
 */
import { splitFrontMatter } from '../format/front-matter.js';
import { bySource, type PlainMessage, plainMessages } from '../format/messages.js';
import { type ParsedAgreement, parseAgreement } from '../format/processor.js';
import type { SpannedMeta } from '../format/stored/front-matter.js';
import { type ReadVersion, VersionReader } from '../format/stored/version.js';
import type { Agreement, AgreementMeta } from '../format/types.js';
import { containsNationalIdNumber, redactNationalIds } from './personal-data.js';
import {
  holdsNationalId,
  mayHideNationalId,
  mayHoldNationalIdPart,
  storedNationalIdMessages,
} from './personal-data-shown.js';
import { placementProblem } from './placement.js';

export interface Judgement {
  valid: boolean;
  /** The validator's errors and where the file should be; empty when valid. */
  problems: PlainMessage[];
}

/** The judgement of a fully parsed file, with its messages (a fødselsnummer's place, never the number). */
export function judgeStored(path: string, parsed: ParsedAgreement): Judgement {
  const text = String(parsed.file.value);
  const problems = plainMessages(parsed.file)
    .filter((message) => message.severity === 'error')
    .map((message) => ({ ...message, message: redactNationalIds(message.message) }));
  const misplaced = placementProblem(path, text, parsed.agreement.meta);
  if (misplaced) problems.push(misplaced);
  problems.push(...storedNationalIdMessages(parsed));
  problems.sort(bySource);
  return { valid: problems.length === 0, problems };
}

/** A fast reader of stored versions that also tells, part by part, which hold no fødselsnummer (`isValidStored`). */
export function storedVersionReader(): VersionReader {
  return new VersionReader({ mayHoldNationalId: mayHoldNationalIdPart });
}

/**
 * Whether a file read by the fast reader (read-version.ts) is valid; the messages need `judgeStored`. A reader
 * given `mayHoldNationalIdPart` has already said for most versions that no part of the text holds a number.
 */
export function isValidStored(path: string, markdown: string, read: ReadVersion): boolean {
  return (
    read.ok &&
    placementProblem(path, markdown, read.meta) === undefined &&
    (read.nationalIdFree === true || !holdsNationalId(markdown))
  );
}

/**
 * What Gjerde shows in place of a stored text that holds a fødselsnummer: on the agreement page, in the
 * history and comparisons, in downloads and exports. The number stays in git until it is removed there.
 */
export const withheldText = `# Teksten er holdt tilbake

Denne versjonen av avtalefilen inneholder det som ser ut som et fødselsnummer. Personopplysninger om ungdom hører ikke hjemme i Gjerde, så teksten vises ikke her, ikke i historikken, sammenligninger, nedlastinger eller oppslag. Linje og kolonne står i feillisten.

Slik fjernes nummeret: rett filen og lagre den som en ny versjon (en ny commit), så gjelder den nye teksten. Nummeret står likevel i den gamle versjonen i git-historikken til det fjernes der, for eksempel med git filter-repo (se docs/security.md), og alle kopier av datalageret må hentes på nytt.
`;

/**
 * A stored text as Gjerde serves it: the text, or `withheldText` when it holds a fødselsnummer, as written or
 * as a reader would see it (`1508**05**10044`).
 */
export function servedText(markdown: string): string {
  return holdsNationalId(markdown) ? withheldText : markdown;
}

/** A stored version's metadata as Gjerde serves it: its free text left out when a fødselsnummer is there. */
export function servedMeta(meta: AgreementMeta): AgreementMeta {
  if (!containsNationalIdNumber(JSON.stringify(meta))) return meta;
  const { id, kind, county, status, validFrom, validTo, example } = meta;
  return {
    id,
    title: id,
    kind,
    county,
    status,
    validFrom,
    ...(validTo === undefined ? {} : { validTo }),
    parties: [],
    signatories: [],
    contacts: [],
    example,
  };
}

/**
 * The status and parties of a revision a comparison spans (read from its front matter alone) as Gjerde serves
 * them: without the parties when the front matter holds a fødselsnummer, as `servedMeta` serves the version.
 */
export function servedSpanned(markdown: string, spanned: SpannedMeta): SpannedMeta {
  const frontMatter = splitFrontMatter(markdown)?.yaml ?? markdown;
  const holds =
    containsNationalIdNumber(frontMatter) || (mayHideNationalId(frontMatter) && holdsNationalId(markdown));
  return holds ? { status: spanned.status, parties: [] } : spanned;
}

/**
 * A stored file read by the fast reader of stored versions, or, when the validator refuses it, by the
 * parser, whose messages say why (a full parse costs ≈50 ms of a national agreement; the fast reader a few).
 * `markdown` is the text to serve: `withheldText` when the file holds a fødselsnummer, and then the
 * agreement has no clauses or glossary to show either.
 * `read` is the fast reader's result when the caller has it already.
 */
export function readStoredVersion(
  reader: VersionReader,
  path: string,
  markdown: string,
  read = reader.read(markdown),
): Judgement & { agreement: Agreement; markdown: string } {
  if (isValidStored(path, markdown, read)) {
    const { meta, clauses, glossary } = read;
    return { agreement: { meta, clauses, glossary }, markdown, valid: true, problems: [] };
  }
  const parsed = parseAgreement(markdown, path);
  const judgement = judgeStored(path, parsed);
  const served = servedText(markdown);
  if (served === markdown) return { agreement: parsed.agreement, markdown, ...judgement };
  const agreement = { meta: servedMeta(parsed.agreement.meta), clauses: [], glossary: [] };
  return { agreement, markdown: served, ...judgement };
}
