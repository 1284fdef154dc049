/**
 * Bringing existing agreements into the data repository with their history (`gjerde import`): each revision
 * with its own date, author and reason, checked as a save is checked, then one commit each, oldest first.
 * A county migrating its agreements uses it; seeding the examples is the same replay without the checks.
 * Nothing is written unless every revision of every agreement given is valid.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dayInNorway } from '../format/dates.js';
import { normalizeText } from '../format/input.js';
import type { PlainMessage } from '../format/messages.js';
import { parseAgreement } from '../format/processor.js';
import type { AgreementMeta } from '../format/types.js';
import { agreementPath } from '../store/layout.js';
import type { RevisionRecord } from '../store/seed.js';
import { type Revision, Store } from '../store/store.js';
import { checkReason, checkSaveable } from './agreements.js';
import { approvalDateProblems, approvedTrailer, replayedApprovals } from './approvals.js';
import { GjerdeError } from './errors.js';
import {
  containsNationalIdNumber,
  nationalIdMessages,
  personalDataMessage,
  redactNationalIds,
} from './personal-data.js';
import { isApproved } from './validity.js';

export interface ImportedAgreement {
  id: string;
  path: string;
  revisions: Revision[];
}

interface Checked {
  record: RevisionRecord;
  id: string;
  markdown: string;
  meta: AgreementMeta;
}

/** A problem of one revision, as `gjerde` prints problems: where (`source:line:column`), then what. */
interface Problem {
  variable: string;
  message: string;
}

/** Validator messages (errors only) as problems of `source`, each at its line and column. */
function located(messages: readonly PlainMessage[], source: string): Problem[] {
  return messages
    .filter((message) => message.severity === 'error')
    .map((message) => ({
      variable: `${source}:${message.line ?? 1}:${message.column ?? 1}`,
      message: message.message,
    }));
}

/** The error a person can act on, or rethrown. */
function problemsOf(error: unknown, source: string): Problem[] {
  if (!(error instanceof GjerdeError)) throw error;
  const problems = located(error.details.messages ?? [], source);
  return problems.length > 0 ? problems : [{ variable: source, message: error.message }];
}

/**
 * One revision as it would be saved: valid, free of personal data, with a reason a save would accept. Every
 * problem at once: the text is validated with each national identity number masked where it stands (the
 * same lines and columns, and no message can quote the number), beside the number's own problem.
 */
function checkRevision(record: RevisionRecord): { checked?: Checked; problems: Problem[] } {
  const markdown = normalizeText(record.content);
  const problems = located(nationalIdMessages(markdown), record.source);
  const masked = redactNationalIds(markdown, (number) => number.replace(/[^\n]/gu, 'x'));
  let checked: Checked | undefined;
  try {
    const { canonical, meta } = checkSaveable(masked);
    checked = { record, id: meta.id, markdown: canonical, meta };
  } catch (error) {
    problems.push(...problemsOf(error, record.source));
  }
  try {
    checkReason(record.reason);
  } catch (error) {
    problems.push(...problemsOf(error, `${record.source} (begrunnelse)`));
  }
  if (containsNationalIdNumber(`${record.author.name} ${record.author.email}`)) {
    problems.push({ variable: `${record.source} (forfatter)`, message: personalDataMessage });
  }
  return checked && problems.length === 0 ? { checked, problems } : { problems };
}

/**
 * The trailers of a replayed revision's commit: those its manifest gives, and an approved version's
 * approvals from its `signatarer` (`Godkjent-av:`), so that the history names who approved it as it does for
 * an approval made in Gjerde. `meta` when the revision is parsed already. A data file's revision (the
 * glossary, a contact register: `path` in the manifest) has no approvals.
 */
export function replayedTrailers(
  record: RevisionRecord,
  meta?: AgreementMeta,
): Record<string, string | string[]> | undefined {
  if (record.path !== undefined) return record.trailers;
  const approvals = replayedApprovals(meta ?? parseAgreement(record.content).agreement.meta, record.date);
  if (approvals.length === 0) return record.trailers;
  return { ...record.trailers, [approvedTrailer]: approvals };
}

/**
 * Checks every revision, then commits them oldest first (ties keep the order given) to the data repository
 * in `dataDir`, each as one commit of `avtaler/<id>.md` with its own author, date and reason. Refused, with
 * every problem and nothing written (not even a new, empty data repository), when a revision is invalid,
 * when two revisions of an agreement in a row are the same text, or when an agreement already exists in the
 * data repository.
 */
export async function importRevisions(
  dataDir: string,
  records: RevisionRecord[],
): Promise<ImportedAgreement[]> {
  if (records.length === 0) throw new GjerdeError('invalid-input', 'Ingen revisjoner å hente inn.');
  const problems: Problem[] = [];
  const checked: Checked[] = [];
  for (const record of records) {
    const result = checkRevision(record);
    problems.push(...result.problems);
    if (result.checked) checked.push(result.checked);
  }
  const ordered = [...checked].sort((a, b) => a.record.time - b.record.time);
  const latest = new Map<string, Checked>();
  /** The day each agreement's last approved revision so far was saved. */
  const approvedOn = new Map<string, string>();
  for (const revision of ordered) {
    const before = latest.get(revision.id);
    if (before && before.markdown === revision.markdown) {
      problems.push({
        variable: revision.record.source,
        message: `er lik ${before.record.source}, som kommer rett før (ingen endring å lagre).`,
      });
    }
    latest.set(revision.id, revision);
    if (isApproved(revision.meta)) {
      // Approvals are dated by the Norwegian day; so is the moment the revision was saved.
      const savedOn = dayInNorway(revision.record.date);
      const dates = approvalDateProblems(revision.meta.signatories, savedOn, approvedOn.get(revision.id));
      for (const message of dates) problems.push({ variable: revision.record.source, message });
      approvedOn.set(revision.id, savedOn);
    }
  }
  // A data repository that is not there yet holds no agreement; it is created only for what is brought in.
  const existing = existsSync(join(dataDir, '.git')) ? await Store.open(dataDir) : undefined;
  try {
    if (existing) problems.push(...(await alreadyThere(existing, [...latest.keys()])));
  } finally {
    await existing?.close();
  }
  if (problems.length > 0) {
    throw new GjerdeError(
      'invalid-agreement',
      `Ingenting er hentet inn: ${problems.length === 1 ? 'én feil' : `${problems.length} feil`} må rettes først.`,
      { problems },
    );
  }
  const store = await Store.open(dataDir);
  try {
    return await commitRevisions(store, ordered);
  } finally {
    await store.close();
  }
}

async function alreadyThere(store: Store, ids: string[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const id of ids) {
    const path = agreementPath({ id });
    if ((await store.history(path)).length > 0) {
      problems.push({
        variable: path,
        message: `Avtalen «${id}» finnes allerede i datalageret. Import er for avtaler som ikke er der ennå; endre en avtale som finnes, i Gjerde eller med git.`,
      });
    }
  }
  return problems;
}

/** Commits the checked revisions, oldest first. */
async function commitRevisions(store: Store, ordered: Checked[]): Promise<ImportedAgreement[]> {
  const imported = new Map<string, ImportedAgreement & { text: string | null }>();
  for (const { record, id, markdown, meta } of ordered) {
    const agreement = imported.get(id) ?? { id, path: agreementPath({ id }), revisions: [], text: null };
    // Refused if the file moved meanwhile (someone else committed it): never on top of another's work.
    const revision = await store.commitFile(agreement.path, markdown, {
      author: record.author,
      reason: record.reason,
      date: record.date,
      trailers: replayedTrailers(record, meta),
      expectedPrevious: agreement.text,
    });
    agreement.revisions.push(revision);
    agreement.text = markdown;
    imported.set(id, agreement);
  }
  return [...imported.values()].map(({ id, path, revisions }) => ({ id, path, revisions }));
}
