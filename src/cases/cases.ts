/**
 * The register of unclear cases (saksregister): raising a case, the committee's queue, and what the
 * committee does with a case — decide it, send it on to the steering group, or close it as covered by the
 * agreement. Cases live in the data repository (`saker/<id>.md`, case-file.ts), one commit per change by
 * the signed-in person, so they are versioned and synchronized like the agreements. Knows nothing of HTTP.
 */
import { randomBytes } from 'node:crypto';
import { mayDecideCases } from '../access/policy.js';
import { authorOf, type Principal, roleLabels } from '../access/principal.js';
import type { Agreements, AgreementVersion } from '../domain/agreements.js';
import { GjerdeError } from '../domain/errors.js';
import { knownWords } from '../domain/personal-hints.js';
import { versionInForce } from '../domain/validity.js';
import { today as todayInNorway } from '../format/dates.js';
import type { PlainMessage } from '../format/messages.js';
import type { AgreementMeta, Clause } from '../format/types.js';
import { formatDate } from '../format/wording.js';
import { AtHead } from '../store/at-head.js';
import { type Revision, type Store, StoreError } from '../store/store.js';
import { casePath, casesFolder, isCaseId, parseCaseFile, writeCaseFile } from './case-file.js';
import { FieldReader } from './input.js';
import { findPrecedents, lowerFirst, type PrecedentQuery, type Precedents } from './precedents.js';
import { isOpen, type UnclearCase } from './types.js';

/** A case as the register shows it: the file, and who raised it (the first commit's author). */
export interface CaseEntry {
  case: UnclearCase;
  /** The person who raised it and when (the commit), when the history has it. */
  raisedBy?: { name: string; date: string };
}

/** A case file that could not be read (e.g. written by hand, or merged from another instance). */
export interface UnreadableCase {
  path: string;
  messages: PlainMessage[];
}

export const raiseFields = [
  'title',
  'agreement',
  'clause',
  'party',
  'age',
  'facets',
  'situation',
  'disagreement',
  'confirmed',
] as const;

export const handleFields = [
  'outcome',
  'text',
  'date',
  'by',
  'owner',
  'agreement',
  'clause',
  'confirmed',
] as const;

/** What the committee does with a case. */
export type Outcome = 'avgjort' | 'eskalert' | 'dekket';
export const outcomes: Record<Outcome, string> = {
  avgjort: 'Avgjør saken',
  eskalert: 'Send til styringsgruppen (prinsipiell sak)',
  dekket: 'Lukk: dekket av avtalen',
};

const steeringGroup = 'Styringsgruppen';

export class Cases {
  /** Read once per HEAD: every lookup answer reads the cases for its precedents. */
  private readonly atHead: AtHead<{ entries: CaseEntry[]; unreadable: UnreadableCase[] }>;
  private readonly committedListeners: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly agreements: Agreements,
    private readonly today: () => string = todayInNorway,
  ) {
    this.atHead = new AtHead(store, () => this.read());
  }

  /** Calls `listener` after every commit of a case (the synchronization pushes it). */
  onCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  /** Every readable case at HEAD, newest first, and the files that could not be read. */
  all(): Promise<{ entries: CaseEntry[]; unreadable: UnreadableCase[] }> {
    return this.atHead.read();
  }

  private async read(): Promise<{ entries: CaseEntry[]; unreadable: UnreadableCase[] }> {
    const entries: CaseEntry[] = [];
    const unreadable: UnreadableCase[] = [];
    const paths = await this.store.listFiles('HEAD', `${casesFolder}/`);
    const histories = paths.length > 0 ? await this.store.allHistory(`${casesFolder}/`) : new Map();
    for (const path of paths) {
      const text = await this.store.readFile(path);
      if (text === undefined) continue;
      const parsed = parseCaseFile(text, path);
      if (!parsed.ok || !parsed.case) {
        unreadable.push({ path, messages: parsed.messages });
        continue;
      }
      const first = (histories.get(path) as Revision[] | undefined)?.at(-1);
      entries.push(
        first
          ? { case: parsed.case, raisedBy: { name: first.author.name, date: first.date } }
          : { case: parsed.case },
      );
    }
    entries.sort((a, b) => b.case.raised.localeCompare(a.case.raised) || a.case.id.localeCompare(b.case.id));
    return { entries, unreadable };
  }

  async get(id: string): Promise<CaseEntry> {
    if (!isCaseId(id))
      throw new GjerdeError(
        'not-found',
        `«${String(id).slice(0, 40)}» er ikke et saksnummer (f.eks. 2026-k3f9x).`,
      );
    const entry = (await this.all()).entries.find((candidate) => candidate.case.id === id);
    if (entry) return entry;
    const text = await this.store.readFile(casePath(id));
    if (text !== undefined)
      throw new GjerdeError('invalid-input', `Saken ${id} kan ikke leses.`, {
        messages: parseCaseFile(text, casePath(id)).messages,
      });
    throw new GjerdeError('not-found', `Fant ingen sak ${id}.`);
  }

  /** Every change to a case, newest first: raised, escalated, decided, amendment drafted. */
  history(id: string): Promise<Revision[]> {
    return this.store.history(casePath(id));
  }

  /**
   * The queue: open cases (waiting for the committee or the steering group), oldest first. With a person,
   * only the cases they decide (their counties' and parties' agreements).
   */
  async queue(principal?: Principal): Promise<CaseEntry[]> {
    const open = (await this.all()).entries.filter((entry) => isOpen(entry.case.status));
    const mine = principal
      ? await this.filterAsync(open, (entry) => this.mayDecide(principal, entry.case))
      : open;
    return mine.sort(
      (a, b) => a.case.raised.localeCompare(b.case.raised) || a.case.id.localeCompare(b.case.id),
    );
  }

  /** Whether the person decides this case: a committee member whose scope has the case's agreement. */
  async mayDecide(principal: Principal, unclear: UnclearCase): Promise<boolean> {
    const meta = await this.agreementMeta(unclear.agreementId);
    return meta !== undefined && mayDecideCases(principal, meta);
  }

  /** Raises a case: a commit by the person, with an anonymous description of the situation. */
  async raise(body: Record<string, unknown>, actor: Principal): Promise<UnclearCase> {
    const agreementId = typeof body.agreement === 'string' ? body.agreement : '';
    const version = await this.agreementVersion(agreementId).catch(() => undefined);
    const read = new FieldReader(body, raiseFields, version ? knownNames(version.agreement.meta) : undefined);
    if (!version) read.problem('agreement', 'Velg hvilken avtale saken gjelder.');
    const title = read.text('title', 'hva saken gjelder, kort', 120, { required: true });
    const clauseId = read.id('clause', 'punkt');
    const clause = clauseId ? clauseOf(version, clauseId) : undefined;
    if (clauseId && version && !clause)
      read.problem(
        'clause',
        `Avtalen har ikke punktet «${clauseId}». Velg et punkt fra avtalen, eller ingen.`,
      );
    const raisedBy = read.id('party', 'hvilken part som melder saken', true);
    if (raisedBy && version && !version.agreement.meta.parties.some((party) => party.id === raisedBy))
      read.problem('party', 'Velg en av avtalens parter.');
    const ages = read.ages('age');
    const facets = read.facets('facets');
    const situation = read.text('situation', 'situasjonen, uten navn', 1500, {
      required: true,
      multiline: true,
    });
    const disagreement = read.text('disagreement', 'hva partene er uenige om', 1000, {
      required: true,
      multiline: true,
    });
    read.finish('Saken er ikke fylt ut riktig.', read.confirmed('confirmed'));
    const meta = (version as AgreementVersion).agreement.meta;
    const unclear: UnclearCase = {
      id: newCaseId(this.today()),
      title: title as string,
      status: 'apen',
      agreementId: meta.id,
      county: meta.county,
      raisedBy: raisedBy as string,
      raised: this.today(),
      facets,
      situation: situation as string,
      disagreement: disagreement as string,
    };
    if (clause) unclear.clauseId = clause.id;
    if (ages) unclear.ages = ages;
    const where = clause ? `punkt «${clause.title}» i ${meta.title}` : meta.title;
    await this.commit(
      unclear,
      null,
      actor,
      `Sak meldt til samarbeidsutvalget: ${unclear.title}\n\nGjelder ${where}.`,
    );
    return unclear;
  }

  /**
   * What the committee did: decided (text, date, who decided, and the party responsible if it names one),
   * sent on to the steering group, or closed as covered by a clause. Only a committee member in scope,
   * and only a case that is still open.
   */
  async handle(id: string, body: Record<string, unknown>, actor: Principal): Promise<UnclearCase> {
    const { case: current } = await this.get(id);
    const version = await this.agreementVersion(current.agreementId);
    const meta = version.agreement.meta;
    if (!mayDecideCases(actor, meta))
      throw new GjerdeError(
        'forbidden',
        actor.roles.includes('utvalg')
          ? `Saken gjelder ${meta.title} (${meta.county}), som ikke er blant fylkene og partene dine i samarbeidsutvalget.`
          : `Bare medlemmer av samarbeidsutvalget (rollen ${roleLabels.utvalg}) behandler saker. Be en administrator om tilgang hvis du trenger det.`,
      );
    const read = new FieldReader(body, handleFields, knownNames(meta));
    const outcome = typeof body.outcome === 'string' ? body.outcome : '';
    if (!Object.hasOwn(outcomes, outcome)) read.problem('outcome', 'Velg hva utvalget gjør med saken.');
    // The meeting's date: committees often meet before the case is entered in Gjerde, so it may come
    // before the case was raised, but not so long before that it cannot be the meeting that settled it.
    const date = read.date('date', this.today());
    const earliest = earliestMeeting(current.raised);
    if (date < earliest)
      read.problem(
        'date',
        `Møtet kan ikke ha vært mer enn ett år før saken ble meldt (${formatDate(current.raised)}). Skriv datoen for møtet som behandlet saken, som dd.mm.åååå.`,
      );
    const next: UnclearCase = { ...current };
    let reason = '';
    if (outcome === 'avgjort') {
      const text = read.text('text', 'vedtaket', 2000, { required: true, multiline: true });
      const by =
        read.text('by', 'hvem som avgjorde saken', 120) ?? defaultCommittee(version, current.clauseId);
      const owner = read.id('owner', 'ansvarlig part');
      if (owner && !meta.parties.some((party) => party.id === owner))
        read.problem('owner', 'Velg en av avtalens parter.');
      next.status = 'avgjort';
      next.decision = { date, by, text: text ?? '' };
      if (owner) next.decision.owner = owner;
      reason = `Sak avgjort i ${lowerFirst(by)} ${formatDate(date)}: ${current.title}\n\n${text ?? ''}`;
    } else if (outcome === 'eskalert') {
      const text = read.text('text', 'hvorfor saken er prinsipiell', 2000, {
        required: true,
        multiline: true,
      });
      const to = read.text('by', 'hvem saken sendes til', 120) ?? steeringGroup;
      if (current.status === 'eskalert')
        read.problem('outcome', 'Saken er allerede sendt til styringsgruppen.');
      next.status = 'eskalert';
      next.escalation = { date, to, text: text ?? '' };
      reason = `Sak sendt til ${lowerFirst(to)} som prinsipiell sak: ${current.title}`;
    } else if (outcome === 'dekket') {
      const text = read.text('text', 'hvordan avtalen svarer på saken', 2000, { multiline: true });
      const agreementId = read.id('agreement', 'avtale') ?? current.agreementId;
      const clauseId = read.id('clause', 'punktet som svarer på saken', true);
      const answering =
        agreementId === meta.id ? version : await this.agreementVersion(agreementId).catch(() => undefined);
      if (clauseId && !clauseOf(answering, clauseId))
        read.problem('clause', 'Velg punktet i avtalen som svarer på saken.');
      next.status = 'dekket';
      next.covered = { date, agreementId, clauseId: clauseId ?? '', text: text ?? '' };
      reason = `Sak lukket, dekket av avtalen (punkt ${clauseId}): ${current.title}`;
    }
    if (!isOpen(current.status))
      read.problem('outcome', `Saken er allerede ${current.status === 'avgjort' ? 'avgjort' : 'lukket'}.`);
    read.finish('Behandlingen er ikke fylt ut riktig.', read.confirmed('confirmed'));
    await this.commit(next, current, actor, reason);
    return next;
  }

  /** Notes on a decided case the draft of the agreement that turns the decision into a clause. */
  async recordAmendment(id: string, version: AgreementVersion, actor: Principal): Promise<UnclearCase> {
    const { case: current } = await this.get(id);
    const next: UnclearCase = {
      ...current,
      amendment: { agreementId: version.id, rev: version.revision.rev, date: this.today() },
    };
    await this.commit(
      next,
      current,
      actor,
      `Endringsforslag til ${version.agreement.meta.title} etter saken: ${current.title}\n\nUtkastet er revisjon ${version.revision.rev.slice(0, 8)}.`,
    );
    return next;
  }

  /** Decided cases for a lookup answer: on the clauses it shows, and about the situation it was asked. */
  async precedents(query: PrecedentQuery): Promise<Precedents> {
    const { entries } = await this.all();
    return findPrecedents(
      entries.map((entry) => entry.case),
      (id) => this.agreements.versions(id),
      query,
    );
  }

  /** The agreement in force today, else its latest version (a case may concern a draft's clause too). */
  async agreementVersion(id: string): Promise<AgreementVersion> {
    const versions = await this.agreements.versions(id);
    return versionInForce(versions, this.today()) ?? (versions[0] as AgreementVersion);
  }

  private async agreementMeta(id: string): Promise<AgreementMeta | undefined> {
    return (await this.agreements.get(id).catch(() => undefined))?.agreement.meta;
  }

  private async filterAsync<T>(items: T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
    const kept: T[] = [];
    for (const item of items) if (await keep(item)) kept.push(item);
    return kept;
  }

  /** One commit: the case file as `next`, refused if the file is no longer `previous` (null: new). */
  private async commit(next: UnclearCase, previous: UnclearCase | null, actor: Principal, reason: string) {
    const expected = previous === null ? null : await this.store.readFile(casePath(previous.id));
    if (previous !== null && expected === undefined)
      throw new GjerdeError('not-found', `Fant ingen sak ${previous.id}.`);
    try {
      await this.store.commitFile(casePath(next.id), writeCaseFile(next), {
        author: authorOf(actor),
        reason,
        expectedPrevious: expected ?? null,
      });
      for (const listener of this.committedListeners) listener();
    } catch (error) {
      if (error instanceof StoreError && error.code === 'stale-head')
        throw new GjerdeError(
          'conflict',
          'Saken er endret av noen andre i mellomtiden. Last inn siden og prøv igjen.',
        );
      throw error;
    }
  }
}

function clauseOf(version: AgreementVersion | undefined, clauseId: string): Clause | undefined {
  return version?.agreement.clauses.find((clause) => clause.id === clauseId);
}

/** The words of the agreement's own names: a party or a county in a description is not a person. */
function knownNames(meta: AgreementMeta): Set<string> {
  return knownWords([
    meta.title,
    meta.county,
    ...meta.parties.map((party) => party.name),
    ...meta.contacts.map((contact) => contact.role),
    meta.escalation ?? '',
  ]);
}

/** Where the agreement says unclear cases go («Samarbeidsutvalget (punkt 6)» → «Samarbeidsutvalget»). */
export function defaultCommittee(version: AgreementVersion, clauseId?: string): string {
  const clause = clauseId ? clauseOf(version, clauseId) : undefined;
  const named = clause?.escalation ?? version.agreement.meta.escalation ?? 'Samarbeidsutvalget';
  return named.replace(/\s*\([^)]*\)\s*$/, '').trim() || 'Samarbeidsutvalget';
}

const idAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `2026-k3f9x`: unique across instances without coordination (31⁵ ≈ 29 million per year). */
function newCaseId(today: string): string {
  const bytes = randomBytes(5);
  const suffix = [...bytes].map((byte) => idAlphabet[byte % idAlphabet.length]).join('');
  return `${today.slice(0, 4)}-${suffix}`;
}

/** The earliest meeting date a case's handling may carry: one year before it was raised. */
function earliestMeeting(raised: string): string {
  return `${Number(raised.slice(0, 4)) - 1}${raised.slice(4)}`;
}
