import type { AgreementMeta } from '../format/types.js';
import { situationFacets } from '../format/vocabulary.js';

/**
 * Norwegian wording for change descriptions. Dates, ages and party names come from `src/format/wording.ts`,
 * which is plain wording without HTTP, so pages, API and CLI say things the same way.
 */
import { describePeriod, formatDate, list } from '../format/wording.js';
import { agreementPath } from '../store/layout.js';

export {
  describeAges,
  describeCost,
  describePeriod,
  formatDate,
  list,
  namedCostShares,
  validOn,
} from '../format/wording.js';

export function quote(text: string): string {
  return `«${text}»`;
}

/** «Hilde Strand for NAV Fjordvik (14. desember 2018) og Anne Berit Lund for …»: who approved, for whom, when. */
export function approverNames(
  approvals: readonly { name: string; partyName: string; date: string }[],
): string {
  return list(
    approvals.map((approval) => `${approval.name} for ${approval.partyName} (${formatDate(approval.date)})`),
  );
}

/**
 * When a version was approved, as its recorded approvals say: the day the last of them was given, and apart the
 * day its commit recorded them when that is later (a paper approval is recorded some days after it was
 * signed): «14. desember 2018», with `recorded` «17. desember 2018». Without approvals, the commit's day.
 */
export function approvalDays(
  approvals: readonly { date: string }[],
  committed: string,
): { approved: string; recorded?: string } {
  const recordedOn = committed.slice(0, 10);
  const approvedOn = approvals.reduce<string | undefined>(
    (latest, approval) => (latest === undefined || approval.date > latest ? approval.date : latest),
    undefined,
  );
  if (approvedOn === undefined || approvedOn >= recordedOn) return { approved: formatDate(recordedOn) };
  return { approved: formatDate(approvedOn), recorded: formatDate(recordedOn) };
}

export function partyName(meta: AgreementMeta, id: string): string {
  return meta.parties.find((party) => party.id === id)?.name ?? id;
}

export function partyNames(meta: AgreementMeta, ids: readonly string[]): string {
  return ids.length === 0 ? 'ingen' : list(ids.map((id) => partyName(meta, id)));
}

export function contactName(meta: AgreementMeta, id: string): string {
  const contact = meta.contacts.find((candidate) => candidate.id === id);
  return contact ? `${contact.role} (${partyName(meta, contact.party)})` : id;
}

export function facetName(facet: string): string {
  return situationFacets[facet] ?? facet;
}

/** Elements of `to` not in `from` and of `from` not in `to`, in their own order. */
export function setChanges<T>(from: readonly T[], to: readonly T[]): { added: T[]; removed: T[] } {
  const before = new Set(from);
  const after = new Set(to);
  return { added: to.filter((item) => !before.has(item)), removed: from.filter((item) => !after.has(item)) };
}

/** "lagt til «a» og «b»; fjernet «c»" for a list attribute, undefined when nothing changed. */
export function describeSetChange(
  from: readonly string[],
  to: readonly string[],
  name: (item: string) => string,
): string | undefined {
  const { added, removed } = setChanges(from, to);
  const parts: string[] = [];
  if (added.length > 0) parts.push(`lagt til ${list(added.map((item) => quote(name(item))))}`);
  if (removed.length > 0) parts.push(`fjernet ${list(removed.map((item) => quote(name(item))))}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** "endret fra «a» til «b»", "satt til «b»" or "«a» er fjernet" for an optional value. */
export function describeValueChange(
  from: string | undefined,
  to: string | undefined,
  show: (value: string) => string = quote,
): string | undefined {
  if (from === to) return undefined;
  if (from === undefined) return `satt til ${show(to as string)}`;
  if (to === undefined) return `fjernet (var ${show(from)})`;
  return `endret fra ${show(from)} til ${show(to)}`;
}

/** Counts words in a text. */
export function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** What a reader needs to say when a version was, is or will be in force. */
export interface InForceFacts {
  kind: 'draft' | 'approved' | 'retired' | 'deleted';
  /** The days it was (is, will be) the version in force. */
  periods: ReadonlyArray<{ from: string; to?: string }>;
  validFrom?: string;
  /** When it was saved. */
  date: string;
  /** The later version given effect over the whole of this one's period: when it was saved. */
  supersededOn?: string;
  /**
   * That later version has this one's text (only its status or signatories may differ): a revert, a rename
   * put back, a save again. The text was saved anew, not replaced.
   */
  supersededBySameText?: boolean;
  /**
   * The approved version this commit put back byte for byte (a `git revert`): that version is in force, this
   * commit has no period of its own (src/domain/restored-text.ts).
   */
  restores?: { rev: string; date: string };
  /** false: refused by the validator or in the wrong place (committed outside Gjerde), never in force. */
  valid?: boolean;
  /** The file's path at this revision. */
  path?: string;
  /** For a removal: where the revision moved the file (`git mv`), and the id the file says there. */
  movedTo?: { path: string; id?: string };
}

export interface InForceWording {
  /** One sentence, ending with a full stop. */
  text: string;
  /** Approved, and its first day in force is after today. */
  upcoming: boolean;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A file moved with plain git: to its new id's place (the agreement was given another id), or to a name Gjerde
 * does not read as this agreement, with how to move it back.
 */
function movedText(moved: { path: string; id?: string }, from: string | undefined): string {
  const place = moved.id === undefined ? undefined : agreementPath({ id: moved.id });
  if (place === moved.path) return `Filen ble flyttet til ${moved.path}: avtalen har nå id-en «${moved.id}».`;
  const back = place ?? from;
  return `Filen ble flyttet til ${moved.path}. Der leser ikke Gjerde den som denne avtalen: filnavnet må være avtalens id.${back ? ` Flytt den tilbake med git mv ${moved.path} ${back}.` : ''}`;
}

/**
 * When a version is in force, said the same way on the agreement page, in the history table and by the CLI:
 * «Var i kraft 1. januar 2017 – 31. desember 2018.», «I kraft fra 1. august 2025 (gjeldende i dag).»,
 * «Godkjent – trer i kraft 1. januar 2027.», and for a version a later one replaced from the same start
 * date: «I kraft fra … slik den ble lagret; senere erstattet med tilbakevirkende kraft av …».
 */
export function describeInForce(facts: InForceFacts, today: string): InForceWording {
  if (facts.kind === 'deleted')
    return {
      text: facts.movedTo ? movedText(facts.movedTo, facts.path) : 'Avtalen ble slettet.',
      upcoming: false,
    };
  if (facts.valid === false)
    return {
      text: 'Har feil eller ligger feil i lageret (lagret utenom Gjerde), og er aldri i kraft.',
      upcoming: false,
    };
  if (facts.kind === 'draft') return { text: 'Ikke godkjent, aldri i kraft.', upcoming: false };
  if (facts.restores)
    return {
      text: `Samme tekst som versjonen lagret ${formatDate(facts.restores.date)} (revisjon ${facts.restores.rev.slice(0, 8)}), lagt tilbake uendret: ingen ny versjon.`,
      upcoming: false,
    };
  if (facts.periods.length > 0) {
    const past = facts.periods.filter((period) => period.to !== undefined && period.to < today);
    const now = facts.periods.find(
      (period) => period.from <= today && (period.to === undefined || period.to >= today),
    );
    const future = facts.periods.filter((period) => period.from > today);
    const phrases: string[] = [];
    if (past.length > 0)
      phrases.push(`var i kraft ${past.map((period) => describePeriod(period.from, period.to)).join(', ')}`);
    if (now) phrases.push(`i kraft ${describePeriod(now.from, now.to)} (gjeldende i dag)`);
    for (const period of future) {
      const until = period.to ? ` til og med ${formatDate(period.to)}` : '';
      phrases.push(`trer i kraft ${formatDate(period.from)}${until}`);
    }
    const upcoming = past.length === 0 && !now;
    const text = capitalise(phrases.join('; '));
    return {
      text: upcoming ? `Godkjent – ${text.charAt(0).toLowerCase()}${text.slice(1)}.` : `${text}.`,
      upcoming,
    };
  }
  if (facts.supersededOn && facts.validFrom && facts.supersededBySameText) {
    const again = `lagret på nytt uten endring ${formatDate(facts.supersededOn)}`;
    return {
      text:
        facts.validFrom > today
          ? `Godkjent for ${formatDate(facts.validFrom)}; den samme teksten ble ${again}.`
          : `I kraft fra ${formatDate(facts.validFrom)} med denne teksten, som ble ${again}.`,
      upcoming: false,
    };
  }
  if (facts.supersededOn && facts.validFrom) {
    const replaced = `versjonen lagret ${formatDate(facts.supersededOn)}`;
    return {
      text:
        facts.validFrom > today
          ? `Godkjent for ${formatDate(facts.validFrom)}, men erstattet av ${replaced} før den trådte i kraft.`
          : `I kraft fra ${formatDate(facts.validFrom)} slik den ble lagret ${formatDate(facts.date)}; senere erstattet med tilbakevirkende kraft av ${replaced}.`,
      upcoming: false,
    };
  }
  return { text: 'Ikke i kraft på noen dag.', upcoming: false };
}
