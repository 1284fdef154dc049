import { type Overlap, overlapSentence, overlapsFrom } from '../domain/overlaps.js';
import { type ParentOwnerConflict, parentOwnerSentence } from '../domain/parent-owners.js';
import { holdsNationalId } from '../domain/personal-data-shown.js';
import { type FileProblem, RepositoryCheck } from '../domain/repository-check.js';
import { isValidStored } from '../domain/stored.js';
import { describeSyncConflict, openSyncConflict } from '../domain/sync-conflict.js';
import {
  describeUnrecorded,
  lazily,
  recordsApproval,
  type TracedVersion,
  traceTextApprovals,
  unrecordedMessage,
} from '../domain/text-approval.js';
import { isApproved } from '../domain/validity.js';
import { vouchedContent } from '../domain/vouched-content.js';
import { today } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import { type ApprovalMeta, readApprovalFast } from '../format/stored/front-matter.js';
import { VersionReader } from '../format/stored/version.js';
import { isValidPath } from '../store/git.js';
import { Integrity, type SealInput, type SealRecord } from '../store/integrity.js';
import { idOfPath } from '../store/layout.js';
import type { Revision, Store } from '../store/store.js';
import { dateFindings } from './commit-dates.js';
import { formatDate } from './wording.js';

/**
 * The integrity check auditors run (`gjerde verify`, /admin/integritet): the object database is sound, the
 * branch has only ever moved forward, and every approved version is unchanged since it was approved.
 *
 * Approved versions: every commit whose file has `status: godkjent`, or whose message carries a
 * `Godkjent-av:` trailer. Each is sealed with an annotated tag (`godkjent/<agreement>/<date>-<commit>`)
 * that records its commit, path and blob id; the tag also keeps the commit from ever being garbage
 * collected. A seal whose commit is no longer an ancestor of HEAD means the history was rewritten.
 */

export const approvalTrailer = 'Godkjent-av';

export type CheckStatus = 'ok' | 'warning' | 'error';

export interface VerifyCheck {
  id:
    | 'objects'
    | 'replacements'
    | 'branch'
    | 'dates'
    | 'seals'
    | 'coverage'
    | 'approved-texts'
    | 'files'
    | 'sync-conflicts'
    | 'overlaps'
    | 'parent-owners';
  title: string;
  status: CheckStatus;
  /** One Norwegian sentence. */
  summary: string;
  /** One line each (at most 50). */
  details: string[];
}

export interface VerifyReport {
  /** No check failed (warnings allowed). */
  intact: boolean;
  /** One Norwegian sentence for the whole. */
  message: string;
  head?: string;
  branch?: string;
  checkedAt: string;
  counts: { commits: number; agreements: number; approved: number; sealed: number };
  checks: VerifyCheck[];
}

export interface ApprovedVersion {
  agreementId: string;
  revision: Revision;
  validFrom: string;
  validTo?: string;
  blob: string;
}

const maxDetails = 50;

function short(rev: string): string {
  return rev.slice(0, 8);
}

function agreementIdOf(path: string, metaId: string): string {
  if (isValidId(metaId)) return metaId;
  const base = path.replace(/^.*\//, '').replace(/\.md$/, '');
  return isValidId(base) ? base : 'ukjent';
}

/** Every approved version in the branch's history, oldest first, with the blob id of its file. */
export async function approvedVersions(
  store: Store,
  integrity = new Integrity(store.dir),
  histories?: Map<string, Revision[]>,
): Promise<ApprovedVersion[]> {
  // Newest first across all files, as git log lists them: packs store deltas in that order, and reading
  // file by file instead thrashes git's delta cache (national corpus: 15 s against 1.6 s).
  const lists = [...(histories ?? (await store.allHistory())).values()];
  const all = lists.flat().sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  const metas: Array<ApprovalMeta | undefined> = [];
  await integrity.readMany(
    all.map((revision) => ({ commit: revision.rev, path: revision.path })),
    (index, text) => {
      // A text held back for a fødselsnummer is never in force nor approved, whatever it or its commit says
      // (src/domain/stored.ts): before, verify counted and sealed it as an approved version.
      // Read for the candidates only: the scan costs more than the front matter.
      const meta = text === undefined ? undefined : readApprovalFast(text);
      const candidate = meta && (meta.status === 'godkjent' || all[index]?.trailers[approvalTrailer]);
      metas[index] = candidate && holdsNationalId(text as string) ? undefined : meta;
    },
  );
  const candidates: Array<Omit<ApprovedVersion, 'blob'>> = [];
  all.forEach((revision, index) => {
    const meta = metas[index];
    if (meta === undefined) return;
    if (meta.status !== 'godkjent' && !revision.trailers[approvalTrailer]) return;
    const candidate: Omit<ApprovedVersion, 'blob'> = {
      agreementId: agreementIdOf(revision.path, meta.id),
      revision,
      validFrom: meta.validFrom,
    };
    if (meta.validTo) candidate.validTo = meta.validTo;
    candidates.push(candidate);
  });
  const unrecorded = await unrecordedCandidates(store, lists, candidates);
  const sealable = candidates.filter((candidate) => !unrecorded.has(candidate.revision));
  const blobs = await integrity.blobIds(
    sealable.map(({ revision }) => ({ commit: revision.rev, path: revision.path })),
  );
  const approved: ApprovedVersion[] = [];
  sealable.forEach((candidate, index) => {
    const blob = blobs[index];
    if (blob) approved.push({ ...candidate, blob });
  });
  return approved.sort((a, b) => a.revision.date.localeCompare(b.revision.date));
}

/**
 * The candidates whose text no recorded approval gave (src/domain/text-approval.ts): their commits approved
 * nothing, so no seal may say they were approved. A file's versions are read whole only when one of its
 * candidates' commits records no approval.
 */
async function unrecordedCandidates(
  store: Store,
  lists: Revision[][],
  candidates: Array<Omit<ApprovedVersion, 'blob'>>,
): Promise<Set<Revision>> {
  const candidateRevisions = new Set(candidates.map(({ revision }) => revision));
  const reader = new VersionReader();
  const unrecorded = new Set<Revision>();
  for (const list of lists) {
    const own = list.filter((revision) => candidateRevisions.has(revision));
    if (own.every((revision) => recordsApproval(revision.trailers))) continue;
    const traced: TracedVersion<Revision>[] = [];
    for (const revision of own) {
      const markdown = await store.readRevision(revision);
      if (markdown === undefined) continue;
      const read = reader.read(markdown);
      if (!isValidStored(revision.path, markdown, read) || !isApproved(read.meta)) continue;
      const recorded = recordsApproval(revision.trailers);
      traced.unshift({ revision, recorded, content: lazily(() => vouchedContent(read)) });
    }
    traceTextApprovals(traced).findings.forEach((finding, position) => {
      if (finding) unrecorded.add((traced[position] as TracedVersion<Revision>).revision);
    });
  }
  return unrecorded;
}

function subjectOf(reason: string): string {
  return (reason.split('\n')[0] ?? '').trim().slice(0, 200);
}

function sealName(version: ApprovedVersion): string {
  return `${version.agreementId}/${version.revision.date.slice(0, 10)}-${version.revision.rev.slice(0, 12)}`;
}

function sealKey(commit: string, path: string): string {
  return `${commit}:${path}`;
}

/** Seals one approved version (idempotent: an existing seal for the same commit and file is kept). */
/** The seal of one approved version: its commit, file and blob, and who saved it when and why. */
function sealInput(version: ApprovedVersion): SealInput {
  const { revision } = version;
  const subject = subjectOf(revision.reason);
  const fields: Record<string, string> = {
    Avtale: version.agreementId,
    'Gyldig-fra': version.validFrom,
    Forfatter: `${revision.author.name} <${revision.author.email}>`,
    Lagret: revision.date,
    Begrunnelse: subject,
  };
  if (version.validTo) fields['Gyldig-til'] = version.validTo;
  return {
    name: sealName(version),
    commit: revision.rev,
    path: revision.path,
    blob: version.blob,
    fields,
    title:
      `Godkjent versjon av ${version.agreementId}, lagret ${formatDate(revision.date)}: ${subject}`.slice(
        0,
        200,
      ),
  };
}

/** Seals every approved version that has no seal yet (in one git pass); returns the tags created. */
export async function sealApprovedVersions(store: Store): Promise<string[]> {
  const integrity = new Integrity(store.dir);
  const existing = await integrity.seals();
  const sealed = new Set(existing.map((record) => sealKey(record.commit, record.path)));
  const names = new Set(existing.map((record) => record.tag));
  const missing = (await approvedVersions(store, integrity))
    .filter((version) => !sealed.has(sealKey(version.revision.rev, version.revision.path)))
    .map(sealInput)
    .filter((seal) => !names.has(`godkjent/${seal.name}`));
  return integrity.createSeals(missing);
}

/** Seals a revision just saved, if it is an approved version (for the save path and the seeder). */
export async function sealIfApproved(store: Store, revision: Revision): Promise<string | undefined> {
  const text = await store.readFile(revision.path, revision.rev);
  if (text === undefined) return undefined;
  const meta = readApprovalFast(text);
  if (meta.status !== 'godkjent' && !revision.trailers[approvalTrailer]) return undefined;
  const integrity = new Integrity(store.dir);
  const [blob] = await integrity.blobIds([{ commit: revision.rev, path: revision.path }]);
  if (!blob) return undefined;
  const version: ApprovedVersion = {
    agreementId: agreementIdOf(revision.path, meta.id),
    revision,
    validFrom: meta.validFrom,
    blob,
  };
  if (meta.validTo) version.validTo = meta.validTo;
  const existing = await integrity.seals();
  if (existing.some((record) => sealKey(record.commit, record.path) === sealKey(revision.rev, revision.path)))
    return undefined;
  return integrity.createSeal(sealInput(version));
}

function check(
  id: VerifyCheck['id'],
  title: string,
  status: CheckStatus,
  summary: string,
  details: string[] = [],
): VerifyCheck {
  const shown =
    details.length > maxDetails
      ? [...details.slice(0, maxDetails), `… og ${details.length - maxDetails} til.`]
      : details;
  return { id, title, status, summary, details: shown };
}

function describeSealTarget(record: SealRecord): string {
  const agreement = record.fields.avtale ?? record.path;
  const saved = record.fields.lagret ? `lagret ${formatDate(record.fields.lagret)}` : 'godkjent';
  return `Den godkjente versjonen av «${agreement}» ${saved} (revisjon ${short(record.commit)}, segl ${record.tag})`;
}

/**
 * What became of a sealed version that is no longer in the branch: its rewritten counterpart (same author,
 * date and reason, as a rebase or filter-branch keeps them) with the same or another text, or else whether
 * the approved text is anywhere in today's history.
 */
function rewriteFinding(record: SealRecord, all: Revision[], blobs: Array<string | undefined>): string {
  const counterpart = all.findIndex(
    (revision) =>
      revision.date === record.fields.lagret &&
      `${revision.author.name} <${revision.author.email}>` === record.fields.forfatter &&
      subjectOf(revision.reason) === record.fields.begrunnelse,
  );
  const twin = all[counterpart];
  if (twin) {
    return blobs[counterpart] === record.blob
      ? `historikken er skrevet om. Revisjon ${short(twin.rev)} har samme forfatter, dato og begrunnelse og samme tekst, men er en ny revisjon.`
      : `historikken er skrevet om, og TEKSTEN ER ENDRET: revisjon ${short(twin.rev)} har samme forfatter, dato og begrunnelse, men en annen tekst enn den som ble godkjent.`;
  }
  const survivor = blobs.indexOf(record.blob);
  return survivor >= 0
    ? `historikken er skrevet om. Den godkjente teksten finnes uendret i revisjon ${short(all[survivor]?.rev ?? '')}.`
    : 'historikken er skrevet om, og den godkjente teksten finnes ikke i historikken i dag (endret eller fjernet).';
}

/** One line per message of a file problem: `path:line:column: message`. */
export function fileProblemLines(problem: FileProblem): string[] {
  return problem.messages.map(
    (message) => `${problem.path}:${message.line ?? 1}:${message.column ?? 1}: ${message.message}`,
  );
}

/** What the checks share, each read once and only when a check asks for it. */
interface VerifyContext {
  store: Store;
  integrity: Integrity;
  options: VerifyOptions;
  branch: string | undefined;
  reachable: () => Promise<Set<string>>;
  histories: () => Promise<Map<string, Revision[]>>;
  seals: () => Promise<SealRecord[]>;
  sealFindings: () => Promise<{ problems: string[]; intact: number }>;
  approved: () => Promise<ApprovedVersion[]>;
}

export interface VerifyOptions {
  files?: RepositoryCheck;
  overlaps?: Overlap[];
  parentOwners?: ParentOwnerConflict[];
  today?: string;
}

/** One check of the history: its finding, or undefined when it does not apply. */
type VerifyRule = (context: VerifyContext) => Promise<VerifyCheck | undefined>;

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= read();
    return value;
  };
}

/** The object database is sound and whole. */
const objectsRule: VerifyRule = async ({ integrity }) => {
  const [fsck, shallow] = await Promise.all([integrity.fsck(), integrity.isShallow()]);
  if (!fsck.ok)
    return check(
      'objects',
      'Git-lageret',
      'error',
      'git fsck fant feil i lageret: objekter mangler eller er skadet.',
      fsck.problems,
    );
  if (shallow)
    return check(
      'objects',
      'Git-lageret',
      'error',
      'Lageret er en grunn kopi (shallow clone): eldre historikk mangler og kan ikke kontrolleres.',
    );
  return check(
    'objects',
    'Git-lageret',
    'ok',
    'git fsck fant ingen feil: alle objekter finnes og er uskadde.',
  );
};

/** Nothing changes what git shows without rewriting. */
const replacementsRule: VerifyRule = async ({ integrity }) => {
  const replacements = await integrity.replacements();
  return replacements.length > 0
    ? check(
        'replacements',
        'Erstatninger',
        'error',
        'Historikken vises gjennom erstatninger (git replace eller grafts), så det git viser, er ikke det som er lagret.',
        replacements,
      )
    : check(
        'replacements',
        'Erstatninger',
        'ok',
        'Ingen erstatninger (git replace eller grafts) endrer hvordan historikken vises.',
      );
};

/** The branch has only moved forward: every revision it ever pointed at is still in its history. */
const branchRule: VerifyRule = async ({ integrity, branch, reachable }) => {
  if (!branch)
    return check(
      'branch',
      'Grenen',
      'error',
      'HEAD peker ikke på en gren (frakoblet HEAD): historikken kan ikke kontrolleres mot grenen.',
    );
  const inHistory = await reachable();
  const reflog = await integrity.reflog(branch);
  // The reflog is newest first: entry i moved the branch to its revision, entry i - 1 moved it away again.
  const lost = new Map<string, { date: string; action: string } | undefined>();
  reflog.forEach((entry, index) => {
    if (!inHistory.has(entry.rev) && !lost.has(entry.rev)) lost.set(entry.rev, reflog[index - 1]);
  });
  if (lost.size > 0) {
    const described = await integrity.describeCommits([...lost.keys()].slice(0, maxDetails));
    const details = [...lost.entries()].map(([rev, movedAway]) => {
      const commit = described.get(rev);
      const what = commit
        ? `«${commit.subject}» av ${commit.author}, ${formatDate(commit.date)}`
        : 'ukjent innhold';
      const how = movedAway
        ? ` Grenen ble flyttet bort ${formatDate(movedAway.date)} med «${movedAway.action}».`
        : '';
      return `Revisjon ${short(rev)} (${what}) var en del av grenen, men er det ikke lenger.${how}`;
    });
    return check(
      'branch',
      'Grenen',
      'error',
      `Historikken er skrevet om: ${lost.size} revisjon(er) som grenen har pekt på, er ikke lenger en del av historikken (endret med for eksempel amend, rebase eller reset).`,
      details,
    );
  }
  if (reflog.length === 0)
    return check(
      'branch',
      'Grenen',
      'warning',
      'Grenen har ingen logg over hvor den har pekt (reflog), så bare seglene viser om historikken er skrevet om.',
    );
  return check(
    'branch',
    'Grenen',
    'ok',
    `Alle ${reflog.length} revisjoner grenen har pekt på, er fortsatt en del av historikken (${inHistory.size} revisjoner i alt).`,
  );
};

/** Every revision is dated when it was saved, so «when» in the history is git's own record, not a claim. */
const datesRule: VerifyRule = async ({ integrity }) => {
  const commits = await integrity.commitDates();
  const findings = dateFindings(commits);
  const revisions = new Set(findings.map(({ commit }) => commit.rev)).size;
  return findings.length > 0
    ? check(
        'dates',
        'Datoene',
        'warning',
        `${revisions} revisjon(er) er datert en annen dag enn de ble lagret i lageret: historikken viser dem på datoen som ble oppgitt, så «når» for dem bygger på det den som lagret skrev.`,
        findings.map(({ sentence }) => sentence),
      )
    : check(
        'dates',
        'Datoene',
        'ok',
        `Alle ${commits.length} revisjoner er datert den dagen de ble lagret, og ingen er datert før revisjonen de bygger på.`,
      );
};

/** What each seal says of its approved version: unchanged and in the history, or what became of it. */
async function findSeals({ integrity, seals, histories, reachable }: VerifyContext) {
  const records = await seals();
  const inHistory = await reachable();
  const all = [...(await histories()).values()].flat();
  const problems: string[] = [];
  let intact = 0;
  const complete = records.filter(
    (record) =>
      /^[0-9a-f]{40,64}$/.test(record.commit) &&
      isValidPath(record.path) &&
      /^[0-9a-f]{40,64}$/.test(record.blob),
  );
  for (const record of records) {
    if (!complete.includes(record))
      problems.push(
        `Seglet ${record.tag} mangler opplysninger om hva som ble godkjent, og kan ikke kontrolleres.`,
      );
  }
  const recordedBlobs = await integrity.blobIds(
    complete.map((record) => ({ commit: record.commit, path: record.path })),
  );
  /** Blob ids of every revision in today's history, loaded only when a seal is broken. */
  let currentBlobs: Array<string | undefined> | undefined;
  for (const [index, record] of complete.entries()) {
    const label = describeSealTarget(record);
    if (record.target !== record.commit) {
      problems.push(
        `${label}: seglet peker nå på revisjon ${short(record.target)}, ikke på den som ble godkjent.`,
      );
    } else if (recordedBlobs[index] !== record.blob) {
      problems.push(`${label}: filen i revisjonen er ikke den som ble forseglet.`);
    } else if (!inHistory.has(record.commit)) {
      currentBlobs ??= await integrity.blobIds(
        all.map((revision) => ({ commit: revision.rev, path: revision.path })),
      );
      problems.push(
        `${label} er ikke lenger en del av historikken: ${rewriteFinding(record, all, currentBlobs)}`,
      );
    } else {
      intact += 1;
    }
  }
  return { problems, intact };
}

/** Seals: each approved version unchanged since approval. */
const sealsRule: VerifyRule = async ({ seals, sealFindings }) => {
  const { length } = await seals();
  const { problems } = await sealFindings();
  return problems.length > 0
    ? check(
        'seals',
        'Godkjente versjoner',
        'error',
        `${problems.length} av ${length} forseglede godkjente versjoner er ikke lenger slik de ble godkjent.`,
        problems,
      )
    : check(
        'seals',
        'Godkjente versjoner',
        'ok',
        length === 0
          ? 'Ingen godkjente versjoner er forseglet ennå.'
          : `Alle ${length} forseglede godkjente versjoner er uendret og fortsatt en del av historikken.`,
      );
};

/** Every approved version in today's history has a seal. */
const coverageRule: VerifyRule = async ({ seals, approved }) => {
  const versions = await approved();
  const sealedKeys = new Set((await seals()).map((record) => sealKey(record.commit, record.path)));
  const unsealed = versions.filter(
    (version) => !sealedKeys.has(sealKey(version.revision.rev, version.revision.path)),
  );
  return unsealed.length > 0
    ? check(
        'coverage',
        'Segl',
        'warning',
        `${unsealed.length} av ${versions.length} godkjente versjoner er ikke forseglet ennå. Kjør «gjerde verify --seal» for å forsegle dem.`,
        unsealed.map(
          (version) =>
            `«${version.agreementId}» lagret ${formatDate(version.revision.date)} av ${version.revision.author.name} (revisjon ${short(version.revision.rev)})`,
        ),
      )
    : check('coverage', 'Segl', 'ok', `Alle ${versions.length} godkjente versjoner er forseglet.`);
};

/**
 * The agreements at HEAD whose `status: godkjent` stands on clause content no recorded approval gave
 * (src/domain/text-approval.ts): each agreement's history is read back from HEAD to its last recorded
 * approval, and when its newest approved version has a text no approval gave, the commit that made that text
 * and its author are named.
 */
const approvedTextsRule: VerifyRule = async ({ store, histories }) => {
  const head = await store.head();
  const present = new Set(head ? await store.listFiles(head) : []);
  const reader = new VersionReader();
  const problems: string[] = [];
  for (const [path, revisions] of await histories()) {
    if (!present.has(path) || idOfPath(path) === undefined) continue;
    const traced: TracedVersion<Revision>[] = [];
    for (const revision of revisions) {
      const markdown = await store.readRevision(revision);
      if (markdown === undefined || readApprovalFast(markdown).status !== 'godkjent') continue;
      // As the lookup reads them: a version the validator refuses never answers (the files check names it).
      const read = reader.read(markdown);
      if (!isValidStored(revision.path, markdown, read)) continue;
      const recorded = recordsApproval(revision.trailers);
      traced.unshift({ revision, recorded, content: lazily(() => vouchedContent(read)) });
      if (recorded) break;
    }
    // The newest approved version answers; an unrecorded text an approved one has replaced since does not.
    const finding = traceTextApprovals(traced).findings.at(-1);
    if (!finding) continue;
    const named = (revision: Revision) => ({
      ...revision,
      author: { name: `${revision.author.name} <${revision.author.email}>` },
    });
    const sentence = describeUnrecorded({
      changedIn: named(finding.changedIn),
      ...(finding.approved ? { approved: named(finding.approved) } : {}),
      ...(finding.changed ? { changed: finding.changed } : {}),
    });
    problems.push(
      `${path}: ${unrecordedMessage} ${sentence} Begrunnelse: «${subjectOf(finding.changedIn.reason)}».`,
    );
  }
  const title = 'Godkjent tekst';
  return problems.length > 0
    ? check(
        'approved-texts',
        title,
        'error',
        `${problems.length === 1 ? 'Én tekst' : `${problems.length} tekster`} står som godkjent uten at noen godkjenning er registrert for den (endret utenom godkjenningen i Gjerde). Oppslag svarer fra den med en advarsel.`,
        problems,
      )
    : check(
        'approved-texts',
        title,
        'ok',
        'Alle avtaler som står som godkjent, har en registrert godkjenning av ansvarspunktene slik de står.',
      );
};

/** The files at HEAD are agreements Gjerde can serve: valid, and where their agreement belongs. */
const filesRule: VerifyRule = async ({ store, options }) => {
  const problems = await (options.files ?? new RepositoryCheck(store)).problems();
  return problems.length > 0
    ? check(
        'files',
        'Avtalefilene',
        'error',
        `${problems.length === 1 ? 'Én fil' : `${problems.length} filer`} i lageret har feil eller ligger feil og vises ikke som gjeldende${changedOutside(problems)}.`,
        problems.flatMap((problem) => [`${problem.path}: ${problem.summary}`, ...fileProblemLines(problem)]),
      )
    : check('files', 'Avtalefilene', 'ok', 'Alle avtalefilene er gyldige og ligger der Gjerde leser dem.');
};

/** Who changed the files, said only as far as their last commits say it (Gjerde saved some itself). */
function changedOutside(problems: readonly FileProblem[]): string {
  const outside = problems.filter((problem) => problem.changedOutside).length;
  if (outside === 0) return '';
  return outside === problems.length
    ? ' (endret utenom Gjerde)'
    : ` (${outside} av dem endret utenom Gjerde)`;
}

/** Changes a synchronization put back over another instance's, which no one has answered yet. */
const syncConflictsRule: VerifyRule = async ({ histories }) => {
  const conflicts = [...(await histories())].flatMap(([path, revisions]) => {
    const id = idOfPath(path);
    const conflict =
      id === undefined ? undefined : openSyncConflict(revisions.map((revision) => ({ revision })));
    return id !== undefined && conflict ? [`«${id}»: ${describeSyncConflict(conflict)}`] : [];
  });
  return conflicts.length > 0
    ? check(
        'sync-conflicts',
        'Synkronisering',
        'warning',
        `${conflicts.length} avtale(r) ble endret to steder samtidig, og den ene endringen står ikke i teksten nå.`,
        conflicts,
      )
    : check(
        'sync-conflicts',
        'Synkronisering',
        'ok',
        'Ingen avtale har en synkroniseringskonflikt som ikke er besvart.',
      );
};

/**
 * No two umbrella agreements of one county answer side by side (asked only with `overlaps`): an error while
 * it lasts or lies ahead (it can still be resolved), a warning once it is history.
 */
const overlapsRule: VerifyRule = async ({ options }) => {
  const { overlaps } = options;
  if (!overlaps) return undefined;
  const title = 'To rammeavtaler for samme fylke';
  if (overlaps.length === 0)
    return check('overlaps', title, 'ok', 'Ingen fylker har to rammeavtaler i kraft samtidig.');
  const details = overlaps.map(overlapSentence);
  const current = overlapsFrom(overlaps, options.today ?? today());
  return current.length > 0
    ? check(
        'overlaps',
        title,
        'error',
        `${current.length === 1 ? 'Én gang' : `${current.length} ganger`} gjelder, eller vil gjelde, to rammeavtaler for samme fylke samtidig, og begge svarer på oppslag. Avslutt den ene (sett «gyldig-til» og la partene godkjenne det), eller merk den nye med «erstatter».`,
        details,
      )
    : check(
        'overlaps',
        title,
        'warning',
        'To rammeavtaler for samme fylke gjaldt samtidig tidligere. Det kan ikke endres nå, men oppslag for de datoene viser svar fra begge.',
        details,
      );
};

/** Part agreements that give a clause another owner than their umbrella agreement (asked only with `parentOwners`). */
const parentOwnersRule: VerifyRule = async ({ options }) => {
  const { parentOwners } = options;
  if (!parentOwners) return undefined;
  const title = 'Delavtaler og rammeavtalen';
  return parentOwners.length === 0
    ? check('parent-owners', title, 'ok', 'Ingen delavtale gir et punkt en annen ansvarlig enn rammeavtalen.')
    : check(
        'parent-owners',
        title,
        'warning',
        `${parentOwners.length === 1 ? 'Ett punkt' : `${parentOwners.length} punkter`} i delavtaler har en annen ansvarlig enn samme punkt i rammeavtalen, og begge svarer på oppslag. Sjekk med partene hvem som har ansvaret.`,
        parentOwners.map(parentOwnerSentence),
      );
};

/** The checks, in the order the report lists them. */
const verifyRules: VerifyRule[] = [
  objectsRule,
  replacementsRule,
  branchRule,
  datesRule,
  sealsRule,
  coverageRule,
  approvedTextsRule,
  filesRule,
  syncConflictsRule,
  overlapsRule,
  parentOwnersRule,
];

/**
 * Runs every check; never throws for what it finds (only when git itself cannot run). With `overlaps`
 * (`Agreements.umbrellaOverlaps`), also whether two umbrella agreements of one county answer side by side.
 */
export async function verifyHistory(store: Store, options: VerifyOptions = {}): Promise<VerifyReport> {
  const integrity = new Integrity(store.dir);
  const checkedAt = new Date().toISOString();
  const head = await store.head();
  const context: VerifyContext = {
    store,
    integrity,
    options,
    branch: await integrity.branch(),
    reachable: once(() => integrity.reachableFromHead()),
    histories: once(() => store.allHistory()),
    seals: once(() => integrity.seals()),
    sealFindings: once(() => findSeals(context)),
    approved: once(async () => approvedVersions(store, integrity, await context.histories())),
  };
  const checks: VerifyCheck[] = [];
  for (const rule of verifyRules) {
    const finding = await rule(context);
    if (finding) checks.push(finding);
  }

  const errors = checks.filter((item) => item.status === 'error');
  const warnings = checks.filter((item) => item.status === 'warning');
  const message =
    errors.length > 0
      ? `Historikken er IKKE intakt: ${errors.map((item) => item.summary.replace(/\.$/, '')).join('. ')}.`
      : warnings.length > 0
        ? `Historikken er intakt, med merknader: ${warnings.map((item) => item.summary.replace(/\.$/, '')).join('. ')}.`
        : 'Historikken er intakt: lageret er helt, grenen har bare gått fremover, og alle godkjente versjoner er uendret siden godkjenning.';
  const report: VerifyReport = {
    intact: errors.length === 0,
    message,
    checkedAt,
    counts: {
      commits: (await context.reachable()).size,
      agreements: (await context.histories()).size,
      approved: (await context.approved()).length,
      sealed: (await context.sealFindings()).intact,
    },
    checks,
  };
  if (head) report.head = head;
  if (context.branch) report.branch = context.branch;
  return report;
}
