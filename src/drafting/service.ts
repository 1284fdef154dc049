import { sameCounty } from '../access/party-grants.js';
import { continuingSuccessors, mayEdit } from '../access/policy.js';
import { authorOf, type Principal } from '../access/principal.js';
import type { AgreementSummary, Agreements, AgreementVersion, SaveResult } from '../domain/agreements.js';
import {
  type ApprovalRound,
  type ApprovalState,
  approvalRound,
  approvalState,
  approvedTrailer,
  readApprovalInput,
} from '../domain/approvals.js';
import { checkCountyParties } from '../domain/county-parties.js';
import { countySpellingWarnings } from '../domain/county-spelling.js';
import {
  type CountyRegistry,
  type CountySplit,
  dissolvedCountyText,
  noSplits,
  splitOf,
} from '../domain/county-splits.js';
import { GjerdeError } from '../domain/errors.js';
import { type LegalTable, legalBasisWarnings } from '../domain/legal-references.js';
import {
  approvalDateProblem,
  checkReasonText,
  recordApproval,
  submitForApproval,
} from '../domain/lifecycle.js';
import { containsNationalIdNumber, fieldsRefusal, personalDataMessage } from '../domain/personal-data.js';
import { isApproved } from '../domain/validity.js';
import { today as todayInNorway } from '../format/dates.js';
import { idFromTitle } from '../format/ids.js';
import { invisibleCharacterProblem, normalizeText } from '../format/input.js';
import { bySource } from '../format/messages.js';
import type { AgreementMeta, GlossaryEntry, Party } from '../format/types.js';
import { list } from '../format/wording.js';
import type { TemplateCatalog } from '../templates/catalog.js';
import { renderTemplate, type Template, TemplateError } from '../templates/render.js';
import { type ApprovalHistory, approvalHistory } from './approval-history.js';
import { type Analysis, analyze, type CheckContext, checkContext, kindOf } from './checks/analyze.js';
import type { CheckPool } from './checks/check-pool.js';
import { readClauseForm, writeClause } from './clause-edit.js';
import { continuationText, ownAgreementText } from './continuation.js';
import { type FieldProblem, lifecycleVariables } from './form.js';
import { checkOwnAgreementText, type OwnAgreementStart, ownAgreementFacts } from './own-agreement.js';
import { parentCountyProblems, parentOf, withParentFollowUpService } from './parent-parties.js';
import {
  type ApprovalRules,
  approvalRefusal,
  checkContinuation,
  checkMayApprove,
  checkMayDraft,
  checkMayEdit,
  checkMaySave,
  editorRefusal,
  partyRefusal,
} from './permissions.js';
import { removedClauseWarnings } from './removed-clauses.js';
import {
  checkReplacement,
  endReplaced,
  type OverlapWarning,
  overlapWarnings,
  type Replacement,
} from './replacement.js';
import { type AttentionItem, defaultHorizonDays, needsAttention } from './reviews.js';
import { carriedUnapprovedWarnings } from './unapproved-carried.js';

export interface DraftPreview {
  template: Template;
  /** Problems with the answers, each naming its variable (e.g. `clauses[2].owner`). */
  problems: FieldProblem[];
  /** The rendered agreement, when the answers could be used. */
  markdown?: string;
  analysis?: Analysis;
}

export interface ApprovalResult {
  version: AgreementVersion;
  complete: boolean;
  /** The agreement this version replaces (`erstatter`), ended by the approval that completed it. */
  replaced?: { id: string; end: string; error?: string };
}

/** The agreement a version replaces (`erstatter`) and its versions, read before the change is built. */
interface ReplacedHistory {
  id: string;
  versions: AgreementVersion[];
}

/** What a person types to approve; their name and e-mail address come from their account. */
export interface ApprovalInput {
  role?: unknown;
  party?: unknown;
  date?: unknown;
  comment?: unknown;
}

/** The latest version of an agreement and where it stands in its approvals. */
export interface ApprovalStatus {
  version: AgreementVersion;
  round: ApprovalRound;
  state: ApprovalState;
  /** Who last changed the text, and what each approver wrote. */
  history: ApprovalHistory;
}

/** An approval status with the warnings a drafting page shows. */
export interface DraftStatus extends ApprovalStatus {
  overlaps: OverlapWarning[];
}

export interface DraftingOptions {
  /** Today's date in Norway, `YYYY-MM-DD` (tests fix it). */
  today?: () => string;
  /** `GJERDE_SELF_APPROVAL=1`: the person who wrote a text may approve it (no four-eyes rule). */
  selfApproval?: boolean;
  /** The counties as the stored agreements spell them (the party directory): a new one is spelled alike. */
  knownCounties?: () => Promise<Iterable<string>>;
  /** Every stored agreement's id and county (their newest metadata): a county written otherwise is warned of. */
  agreementCounties?: () => Promise<readonly Pick<AgreementMeta, 'id' | 'county'>[]>;
  /** The shared glossary's terms as last read (src/glossary): words it explains are known to the checks. */
  sharedTerms?: () => readonly GlossaryEntry[];
  /** Where text from people is checked: off the event loop in the service; here, in the CLI. */
  checks?: Pick<CheckPool, 'analyze'>;
  /**
   * The table of repealed legal provisions (`felles/hjemler.yaml` at HEAD): a clause citing one is warned
   * about while it is written, by the rule `gjerde validate` and the agreement page use.
   */
  legalTable?: () => Promise<LegalTable>;
  /** Counties that were split (`felles/fylker.yaml` at HEAD): who approves a continuation, what replaces what. */
  countySplits?: () => Promise<CountyRegistry>;
}

/** An edit by a signed-in person (the commit's author), with the reason and the revision it started from. */
export interface EditOptions {
  actor: Principal;
  reason: string;
  baseRev: string;
}

/**
 * Drafting: new agreements from templates, edits, the checks for short and clear agreements, and the
 * lifecycle (send to approval, approval by each party). Every write is by a signed-in person (`actor`),
 * who is its commit's author, and is checked against the access policy here (src/drafting/permissions.ts),
 * so that no route can forget it. Knows nothing of HTTP.
 */
export class Drafting {
  private readonly contexts = new Map<string, CheckContext>();
  private readonly today: () => string;
  private readonly selfApproval: boolean;
  private readonly sharedTerms: () => readonly GlossaryEntry[];
  private readonly checks: Pick<CheckPool, 'analyze'> | undefined;
  private readonly legalTable: (() => Promise<LegalTable>) | undefined;
  private readonly countySplits: () => Promise<CountyRegistry>;
  private readonly knownCounties: (() => Promise<Iterable<string>>) | undefined;
  private readonly agreementCounties:
    | (() => Promise<readonly Pick<AgreementMeta, 'id' | 'county'>[]>)
    | undefined;

  constructor(
    readonly agreements: Agreements,
    readonly templates: TemplateCatalog,
    options: DraftingOptions = {},
  ) {
    this.today = options.today ?? todayInNorway;
    this.selfApproval = options.selfApproval ?? false;
    this.sharedTerms = options.sharedTerms ?? (() => []);
    this.checks = options.checks;
    this.legalTable = options.legalTable;
    this.countySplits = options.countySplits ?? (async () => noSplits);
    this.knownCounties = options.knownCounties;
    this.agreementCounties = options.agreementCounties;
  }

  /**
   * The latest version, who must approve it, who has, and who wrote it (read from the history), and the
   * umbrella agreements it would overlap if approved.
   */
  async approvalStatus(id: string): Promise<DraftStatus> {
    const status = statusOf(await this.agreements.versions(id), await this.countySplits());
    return { ...status, overlaps: await this.overlaps(status.version) };
  }

  /** The rules an approval of this round is checked against. */
  approvalRules(status: Pick<ApprovalStatus, 'round' | 'state'>): ApprovalRules {
    return {
      required: status.state.required,
      drafters: status.round.drafters,
      selfApproval: this.selfApproval,
      approvedBy: status.round.approvedBy,
    };
  }

  /** Why this person may not open the agreement in the editor (undefined when they may), counting continuations. */
  async editorRefusal(actor: Principal, meta: AgreementMeta): Promise<string | undefined> {
    return editorRefusal(actor, meta, await this.countySplits());
  }

  /**
   * The text a successor county's editor starts from in the editor, when they may change this dissolved county's
   * agreement only as their county's continuation: their county and its authority already in place
   * (`continuationText`), from the split or today, whichever is later. Undefined for an editor who may change
   * the agreement as it is. `county` picks the successor when the editor edits for several.
   */
  async continuationStart(
    actor: Principal,
    version: AgreementVersion,
    county?: string,
  ): Promise<{ county: string; markdown: string } | undefined> {
    const { meta } = version.agreement;
    const splits = await this.countySplits();
    const split = splitOf(splits, meta.county);
    if (!split || mayEdit(actor, meta)) return undefined;
    const successor = continuingSuccessors(actor, meta, splits).find(
      (candidate) => county === undefined || sameCounty(candidate.county, county),
    );
    if (!successor) return undefined;
    return {
      county: successor.county,
      markdown: continuationText(version.markdown, split, successor, this.firstDayAfter(split)),
    };
  }

  /**
   * The text a successor county's editor starts their county's own agreement from, when another successor has
   * continued the dissolved county's agreement and it is no longer theirs to continue: the dissolved county's
   * last approved text as the continuation gives it, under a new id and replacing that agreement (`erstatter`)
   * for `county` from the split or today, whichever is later (`ownAgreementText`). `existing` when that county
   * has its own agreement replacing it already (a draft included): that one is to continue, not a second.
   * `refused`, with the successors, when the person edits for no successor that may write one now.
   */
  async ownAgreementStart(actor: Principal, id: string, county: string): Promise<OwnAgreementStart> {
    const found = await this.ownAgreementCandidate(actor, id, county);
    if (found.kind !== 'candidate') return found;
    const { facts, candidate, source } = found;
    if (candidate.own)
      return { kind: 'existing', county: candidate.successor.county, agreement: candidate.own, source };
    const taken = (await this.agreements.latestMetas()).map((meta) => meta.id);
    // As the template names a county's agreement: «heiane-ramme».
    const ownId = idFromTitle(`${candidate.successor.county}-${facts.dissolved.agreement.meta.kind}`, taken);
    return {
      kind: 'start',
      county: candidate.successor.county,
      id: ownId,
      markdown: ownAgreementText(
        facts.dissolved.markdown,
        facts.split,
        candidate.successor,
        this.firstDayAfter(facts.split),
        ownId,
      ),
      source,
    };
  }

  /**
   * Saves `county`'s own agreement replacing the dissolved county's agreement `id` (`ownAgreementStart`) as a
   * draft: only while the county has none, only as that (`checkOwnAgreementText`), and in the editor's scope as
   * any new agreement. A text with errors is refused with its messages, and an id in use with a conflict:
   * nothing is written.
   */
  async createOwnAgreement(
    id: string,
    county: string,
    markdown: string,
    options: { actor: Principal; reason: string },
  ): Promise<AgreementVersion> {
    const { actor, reason } = options;
    checkMayDraft(actor);
    const analysis = await this.check(markdown);
    const splits = await this.countySplits();
    // Two saves at once, under different ids, would each find no own agreement yet and both be saved: whether
    // the county has one is decided and the new one saved as one step, one such save after the other.
    return this.agreements.oneAtATime(`egen-avtale:${id}`, async () => {
      const found = await this.ownAgreementCandidate(actor, id, county);
      if (found.kind === 'refused')
        throw new GjerdeError('forbidden', `Du kan ikke lage en egen avtale for ${county} ut fra «${id}».`);
      const { facts, candidate } = found;
      if (candidate.own)
        throw new GjerdeError(
          'conflict',
          `${candidate.successor.county} har allerede en egen avtale som erstatter ${id}: «${candidate.own.title}» (${candidate.own.id}).`,
        );
      if (analysis.ok) {
        checkOwnAgreementText(markdown, analysis.agreement.meta, {
          sourceId: id,
          split: facts.split,
          successor: candidate.successor,
        });
        checkCountyParties(markdown, analysis.agreement.meta, splits);
        checkMaySave(actor, analysis.agreement.meta, true);
      }
      return this.agreements.create(markdown, { author: authorOf(actor), reason });
    });
  }

  /** The successor `county` this person may write their own agreement for from agreement `id`, if any. */
  private async ownAgreementCandidate(actor: Principal, id: string, county: string) {
    const versions = await this.agreements.versions(id);
    const splits = await this.countySplits();
    const facts = ownAgreementFacts(actor, versions, splits, await this.agreements.latestMetas());
    const candidate = facts?.candidates.find((item) => sameCounty(item.successor.county, county));
    if (!facts || !candidate) {
      const split = dissolvedCountyText(splits, versions)?.split;
      return {
        kind: 'refused' as const,
        successors: split?.successors.map((successor) => successor.county) ?? [],
      };
    }
    const source = { id, title: facts.dissolved.agreement.meta.title, county: facts.split.county };
    return { kind: 'candidate' as const, facts, candidate, source };
  }

  /** A successor's first day on its own: the split, or today when the split is past. */
  private firstDayAfter(split: CountySplit): string {
    return split.on > this.today() ? split.on : this.today();
  }

  /** Why this person cannot approve the version for any party (undefined when they can). */
  approvalRefusal(actor: Principal, status: ApprovalStatus): string | undefined {
    return approvalRefusal(actor, status.version.agreement.meta, this.approvalRules(status));
  }

  template(id: string): Template {
    const template = typeof id === 'string' ? this.templates.get(id) : undefined;
    if (!template) {
      const known = this.templates
        .list()
        .map((candidate) => candidate.id)
        .join(', ');
      throw new GjerdeError(
        'not-found',
        `Fant ingen mal «${String(id).slice(0, 60)}». Kjente maler: ${known}.`,
      );
    }
    return template;
  }

  /** Word budget and expected situations for an agreement of a kind (the template with that id), and the shared terms. */
  context(kind: string | undefined): CheckContext {
    const key = kind ?? '';
    let context = this.contexts.get(key);
    if (!context) {
      context = checkContext(this.templates, kind);
      this.contexts.set(key, context);
    }
    return { ...context, sharedTerms: this.sharedTerms() };
  }

  /**
   * Validator messages, warnings for short and clear, coverage and word count of a file; an umbrella
   * agreement's coverage counts its sub-agreements in force.
   */
  async check(markdown: string, path?: string): Promise<Analysis> {
    const text = normalizeText(markdown);
    const kind = kindOf(text);
    const context = this.context(kind);
    if (kind === 'ramme') context.subAgreements = await this.agreements.subAgreementsInForce(this.today());
    return this.withRemovedClauses(await this.analyze(text, context, path), text);
  }

  /**
   * The analysis with a warning for each clause of the last approved version the text leaves out, and for
   * each change outside the clauses it carries from a version no approval was recorded for.
   */
  private async withRemovedClauses(analysis: Analysis, markdown: string): Promise<Analysis> {
    if (!analysis.ok) return analysis;
    const versions = await this.agreements.versions(analysis.agreement.meta.id).catch((error: unknown) => {
      if (error instanceof GjerdeError && ['not-found', 'invalid-input'].includes(error.code)) return [];
      throw error;
    });
    const approved = versions.find(
      (version) => version.valid && !version.withdrawn && isApproved(version.agreement.meta),
    );
    const warnings = [
      ...removedClauseWarnings(markdown, analysis.agreement, approved?.agreement),
      ...(await carriedUnapprovedWarnings(markdown, analysis.agreement, versions)),
    ];
    if (warnings.length === 0) return analysis;
    return { ...analysis, messages: [...analysis.messages, ...warnings].sort(bySource) };
  }

  /** The checks of a saved version (within the parser's limits, as every save is), in this thread. */
  private checkStored(version: AgreementVersion): Analysis {
    return analyze(version.markdown, this.context(kindOf(version.markdown)), version.revision.path);
  }

  private async analyze(markdown: string, context: CheckContext, path?: string): Promise<Analysis> {
    const analysis = await (this.checks
      ? this.checks.analyze(markdown, context, path)
      : Promise.resolve(analyze(markdown, context, path)));
    return this.withCountySpelling(await this.withLegalBasis(analysis, markdown), markdown);
  }

  /** The analysis with a warning at `fylke` when the county's other agreements write it otherwise. */
  private async withCountySpelling(analysis: Analysis, markdown: string): Promise<Analysis> {
    if (!analysis.ok || !this.agreementCounties) return analysis;
    const warnings = countySpellingWarnings(
      analysis.agreement.meta,
      markdown,
      await this.agreementCounties(),
    );
    if (warnings.length === 0) return analysis;
    return { ...analysis, messages: [...analysis.messages, ...warnings].sort(bySource) };
  }

  /** The analysis with a warning at each clause whose `hjemmel` cites a provision repealed while it is to apply. */
  private async withLegalBasis(analysis: Analysis, markdown: string): Promise<Analysis> {
    if (!analysis.ok || !this.legalTable) return analysis;
    const warnings = legalBasisWarnings(await this.legalTable(), analysis.agreement, markdown);
    if (warnings.length === 0) return analysis;
    return { ...analysis, messages: [...analysis.messages, ...warnings].sort(bySource) };
  }

  /** The agreement a template makes with these answers, checked; problems instead of errors. */
  async preview(templateId: string, answers: unknown): Promise<DraftPreview> {
    const template = this.template(templateId);
    const problems = lifecycleProblems(answers);
    if (problems.length > 0) return { template, problems };
    const parent = await this.parentMeta(template, answers);
    // Said also while other answers are missing: the form shows it at «Fylke» as the person types.
    const underParent = parentCountyProblems(answers, parent);
    try {
      const filled = parent ? withParentFollowUpService(template, answers, parent) : answers;
      const { markdown } = renderTemplate(template, withDraftStatus(template, filled));
      const analysis = await this.analyze(markdown, this.context(template.id));
      return {
        template,
        problems: [...underParent, ...(await this.countySpelling(analysis.agreement.meta.county))],
        markdown,
        analysis,
      };
    } catch (error) {
      if (error instanceof TemplateError && error.problems.length > 0)
        return { template, problems: [...error.problems, ...underParent] };
      if (error instanceof TemplateError)
        return { template, problems: [{ variable: '(svar)', message: error.message }] };
      throw error;
    }
  }

  /** The parent agreement the answers name, when they name one that exists. */
  private async parentMeta(template: Template, answers: unknown): Promise<AgreementMeta | undefined> {
    const parent = parentOf(template, answers);
    if (parent === undefined) return undefined;
    return this.agreements.get(parent).then(
      (version) => version.agreement.meta,
      (error: unknown) => {
        if (error instanceof GjerdeError && ['not-found', 'invalid-input'].includes(error.code))
          return undefined;
        throw error;
      },
    );
  }

  /**
   * A county written otherwise than the stored agreements write it («fjordvik» for «Fjordvik»): access reads
   * the two alike, but the lookup groups agreements by the county as written, so the new agreement would
   * stand apart from its county's others. The templates ask for the county as `county`.
   */
  private async countySpelling(county: string): Promise<FieldProblem[]> {
    const written = county.trim();
    if (!written || !this.knownCounties) return [];
    const known = [...(await this.knownCounties())];
    if (known.includes(written)) return [];
    const spelled = known.find((candidate) => sameCounty(candidate, written));
    if (!spelled) return [];
    return [
      {
        variable: 'county',
        message: `«${written}» skrives «${spelled}» i fylkets andre avtaler. Skriv det likt, så hører avtalen til ${spelled} i oppslaget.`,
      },
    ];
  }

  /** Saves a new agreement from a template as a draft, if its county or parties are the editor's. */
  async createDraft(
    templateId: string,
    answers: unknown,
    options: { actor: Principal; reason: string },
  ): Promise<AgreementVersion> {
    const { actor, reason } = options;
    checkMayDraft(actor);
    const preview = await this.preview(templateId, answers);
    if (preview.problems.length > 0 || !preview.markdown || !preview.analysis) {
      throw fieldsRefusal('Noen svar må rettes før avtalen kan lagres.', preview.problems);
    }
    if (!preview.analysis.ok) {
      throw new GjerdeError('invalid-agreement', 'Avtalen som malen lager med disse svarene, har feil.', {
        messages: preview.analysis.messages.filter((message) => message.severity === 'error'),
      });
    }
    checkCountyParties(preview.markdown, preview.analysis.agreement.meta, await this.countySplits());
    checkMaySave(actor, preview.analysis.agreement.meta, true);
    return this.agreements.create(preview.markdown, { author: authorOf(actor), reason });
  }

  /** Saves an edited file (merged with what was saved since `baseRev`, if anything). */
  edit(id: string, markdown: string, options: EditOptions): Promise<SaveResult> {
    return this.saveEdit(id, markdown, options);
  }

  /** Changes one responsibility clause (or adds one) in the version the person started from. */
  async editClause(
    id: string,
    body: Record<string, unknown>,
    isNew: boolean,
    options: EditOptions,
  ): Promise<SaveResult> {
    const base = await this.agreements.get(id, { rev: options.baseRev });
    const { clause, problems } = readClauseForm(body, base.agreement, isNew);
    if (!clause) throw fieldsRefusal('Ansvarspunktet er ikke fylt ut riktig.', problems);
    return this.saveEdit(id, writeClause(base.markdown, clause, isNew), options);
  }

  /**
   * What saving this clause form would be warned about, without saving: the form read as `editClause`
   * reads it, the clause written into the version it started from, and that text checked as every save is
   * (the validator, short and clear, a repealed legal basis). For the checks beside a clause as it is typed.
   */
  async checkClause(
    id: string,
    body: Record<string, unknown>,
    isNew: boolean,
    baseRev: string,
  ): Promise<{ problems: FieldProblem[]; clauseId?: string; analysis?: Analysis }> {
    const base = await this.agreements.get(id, { rev: baseRev });
    const { clause, problems } = readClauseForm(body, base.agreement, isNew);
    if (!clause) return { problems };
    return {
      problems,
      clauseId: clause.id,
      analysis: await this.check(writeClause(base.markdown, clause, isNew)),
    };
  }

  private async saveEdit(id: string, markdown: string, options: EditOptions): Promise<SaveResult> {
    const { actor, reason, baseRev } = options;
    if (typeof markdown !== 'string' || markdown.trim() === '') {
      throw new GjerdeError('invalid-input', 'Avtaleteksten mangler.');
    }
    if (/^(<{7}|={7}|>{7})(?: |$)/m.test(markdown)) {
      throw new GjerdeError(
        'invalid-input',
        'Teksten inneholder konfliktmarkører (<<<<<<<, ======= eller >>>>>>>). Velg hva som skal stå, og fjern markørene.',
      );
    }
    const splits = await this.countySplits();
    return this.agreements.edit(markdown, {
      author: authorOf(actor),
      reason,
      baseRev,
      expectedId: id,
      // Checked inside the save lock, against the version the edit is saved on top of, and against
      // what is saved, as the parser read it from the normalised text (a byte-order mark or CRLF cannot
      // hide the county from this check). A text without a county never gets here: the validator
      // refuses it and says what is missing.
      // A successor county's editor may save a dissolved county's agreement only as their continuation.
      authorize: (latest, saving) => {
        if (latest) {
          const refusal = editorRefusal(actor, latest, splits);
          if (refusal) throw new GjerdeError('forbidden', refusal);
          checkContinuation(actor, latest, saving, splits);
        }
        checkMaySave(actor, saving, latest === undefined);
        // Each party is shown at its line in the text as sent.
        checkCountyParties(markdown, saving, splits);
      },
    });
  }

  /** «Send til godkjenning»: the latest draft, without validator errors, awaits each party's approval. */
  async submit(
    id: string,
    options: { actor: Principal; reason?: string; expectedRev?: string },
  ): Promise<AgreementVersion> {
    const note = (options.reason ?? '').trim();
    if (note) checkReasonText(note);
    if (note.length > 2000) throw new GjerdeError('invalid-input', 'Kommentaren kan ha høyst 2000 tegn.');
    const replaced = await this.replacedHistory(id);
    const splits = await this.countySplits();
    const change: Parameters<Agreements['change']>[1] = {
      author: authorOf(options.actor),
      build: (latest, versions) => {
        checkMayEdit(options.actor, latest.agreement.meta);
        const analysis = this.checkStored(latest);
        const round = approvalRound(versions, splits);
        const markdown = submitForApproval(
          latest.markdown,
          latest.agreement.meta,
          analysis.messages,
          this.today(),
          round,
        );
        const { required } = approvalState(latest.agreement.meta, round);
        replacementOf(latest.agreement.meta, required, replaced, splits);
        const parties = required.map((party) => party.name);
        return {
          markdown,
          message: `Sendt til godkjenning hos ${list(parties)}${note ? `\n\n${note}` : ''}`,
        };
      },
    };
    if (options.expectedRev !== undefined) change.expectedRev = options.expectedRev;
    return this.agreements.change(id, change);
  }

  /**
   * Records one party's approval of the latest version, by a representative of that party: the approver
   * is the signed-in person (name and e-mail from their account) and the commit's author. With
   * `expectedRev`, the approval is refused if the text changed since the approver read it.
   */
  async approve(
    id: string,
    input: ApprovalInput,
    options: { actor: Principal; expectedRev?: string },
  ): Promise<ApprovalResult> {
    const { actor } = options;
    const { approval, problems } = readApprovalInput({ ...input, name: actor.name }, this.today());
    const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
    if (input.comment !== undefined && typeof input.comment !== 'string') {
      problems.push({ variable: 'comment', message: 'Kommentaren må være tekst.' });
    }
    if (comment.length > 2000)
      problems.push({ variable: 'comment', message: 'Kommentaren kan ha høyst 2000 tegn.' });
    if (problems.length > 0) {
      const status = statusOf(await this.agreements.versions(id), await this.countySplits());
      // Someone who approves for none of the parties is told so, not asked to fill in the form first.
      const refusal = partyRefusal(actor, status.version.agreement.meta, this.approvalRules(status));
      if (refusal) throw new GjerdeError('forbidden', refusal);
      // A day before the text was written is said with the fields' other problems, not in a second round.
      if (!problems.some((problem) => problem.variable === 'date')) {
        const early = approvalDateProblem(approval.date, status.round, this.today());
        if (early && status.version.agreement.meta.status === 'til-godkjenning') problems.push(early);
      }
      throw fieldsRefusal('Godkjenningen er ikke fylt ut riktig.', problems);
    }
    if (comment) checkReasonText(comment);
    // Refused before anything about the agreement is looked at: a comment is history too.
    if (containsNationalIdNumber(comment)) throw new GjerdeError('personal-data', personalDataMessage);
    const invisible = invisibleCharacterProblem(comment, 'Kommentaren');
    if (invisible) throw new GjerdeError('invalid-input', invisible);
    const given = approval;
    const replaced = await this.replacedHistory(id);
    const splits = await this.countySplits();
    let complete = false;
    let replacement:
      | { meta: AgreementMeta; required: Party[]; replacement: Replacement; splits: CountyRegistry }
      | undefined;
    const change: Parameters<Agreements['change']>[1] = {
      author: authorOf(actor),
      build: (latest, versions) => {
        const status = statusOf(versions, splits);
        checkMayApprove(actor, latest.agreement.meta, given.party, this.approvalRules(status));
        const analysis = this.checkStored(latest);
        const outcome = recordApproval(
          latest.markdown,
          latest.agreement.meta,
          analysis.messages,
          given,
          this.today(),
          status.round,
          comment,
        );
        complete = outcome.complete;
        // The approval that completes a version replacing another ends the other too: refused here,
        // before anything is saved, when it could not.
        const { meta } = latest.agreement;
        const required = status.state.required;
        const ending = complete ? replacementOf(meta, required, replaced, splits) : undefined;
        replacement = ending && { meta, required, replacement: ending, splits };
        return { markdown: outcome.markdown, message: outcome.message };
      },
    };
    if (options.expectedRev !== undefined) change.expectedRev = options.expectedRev;
    const version = await this.agreements.change(id, change);
    if (!complete || !replacement) return { version, complete };
    return { version, complete, replaced: await this.endReplaced(version, replacement, actor) };
  }

  /** The umbrella agreements this version would overlap if approved, with what to do about it. */
  async overlaps(version: AgreementVersion): Promise<OverlapWarning[]> {
    return overlapWarnings(
      { id: version.id, meta: version.agreement.meta },
      await this.agreements.umbrellaHistories(),
    );
  }

  private async replacedHistory(id: string): Promise<ReplacedHistory | undefined> {
    const replaces = (await this.agreements.get(id)).agreement.meta.replaces;
    if (!replaces) return undefined;
    const versions = await this.agreements.versions(replaces).catch((error: unknown) => {
      if (error instanceof GjerdeError && error.code === 'not-found') return [];
      throw error;
    });
    return { id: replaces, versions };
  }

  /**
   * Ends the agreement an approved version replaces, the day before it starts: an approved amendment of
   * the other, committed by the approver with the approvals of the version that replaces it. Says what
   * went wrong instead of throwing: the approval itself is saved, and the overlap is then listed.
   */
  private async endReplaced(
    version: AgreementVersion,
    {
      meta,
      required,
      replacement,
      splits,
    }: { meta: AgreementMeta; required: Party[]; replacement: Replacement; splits: CountyRegistry },
    actor: Principal,
  ): Promise<NonNullable<ApprovalResult['replaced']>> {
    const trailers = (version.revision.trailers[approvedTrailer] ?? []).map(
      (value) => `${approvedTrailer}: ${value}`,
    );
    const by = { id: version.id, title: meta.title, validFrom: meta.validFrom };
    const outcome = { id: replacement.latest.id, end: replacement.end };
    try {
      await this.agreements.change(replacement.latest.id, {
        author: authorOf(actor),
        build: (_latest, versions) => {
          const current = checkReplacement(meta, required, versions, splits);
          if (!current) throw new GjerdeError('conflict', 'Avtalen er allerede avsluttet i tide.');
          return endReplaced(current, by, trailers);
        },
      });
      return outcome;
    } catch (error) {
      if (!(error instanceof GjerdeError)) throw error;
      return { ...outcome, error: error.message };
    }
  }

  /** Agreements due for review or expiring, and drafts waiting: what needs attention. */
  async attention(
    date = this.today(),
    horizonDays = defaultHorizonDays,
    legal?: LegalTable,
  ): Promise<AttentionItem[]> {
    const summaries: AgreementSummary[] = await this.agreements.summaries(date);
    return needsAttention(
      summaries,
      date,
      horizonDays,
      legal,
      await this.agreements.umbrellaOverlaps(),
      await this.countySplits(),
    );
  }
}

/** What ending the agreement a version replaces takes, or a refusal; undefined when it replaces none. */
function replacementOf(
  meta: AgreementMeta,
  required: Party[],
  replaced: ReplacedHistory | undefined,
  splits: CountyRegistry,
): Replacement | undefined {
  if (!meta.replaces) return undefined;
  if (replaced?.id !== meta.replaces) {
    throw new GjerdeError(
      'conflict',
      'Avtalen ble endret mens du arbeidet med den. Last siden på nytt og prøv igjen.',
    );
  }
  return checkReplacement(meta, required, replaced.versions, splits);
}

function statusOf(versions: AgreementVersion[], splits: CountyRegistry): ApprovalStatus {
  const version = versions[0];
  if (!version) throw new Error('An agreement without versions has no approval status.');
  const round = approvalRound(versions, splits);
  return {
    version,
    round,
    state: approvalState(version.agreement.meta, round),
    history: approvalHistory(versions),
  };
}

/** Status and signatories are the lifecycle's: a new agreement is a draft, and only approvals sign it. */
function lifecycleProblems(answers: unknown): FieldProblem[] {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return [];
  const given = answers as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const name of lifecycleVariables) {
    const value = given[name];
    if (value === undefined || value === null || value === '') continue;
    if (name === 'status' && value === 'utkast') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    problems.push({
      variable: name,
      message:
        name === 'status'
          ? 'En ny avtale lagres alltid som utkast. Send den til godkjenning etterpå; den blir godkjent når partene har godkjent den.'
          : 'Signatarer føres inn når partene godkjenner avtalen, ikke når den skrives.',
    });
  }
  return problems;
}

function withDraftStatus(template: Template, answers: unknown): unknown {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return answers;
  if (!template.schema.variables.some((spec) => spec.name === 'status')) return answers;
  return { ...(answers as Record<string, unknown>), status: 'utkast' };
}
