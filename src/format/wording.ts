import { costPercentages } from './cost.js';
import type { AgeRange, Agreement, Clause, CostShare } from './types.js';
import { situationFacets } from './vocabulary.js';

/** Norwegian wording of dates, periods, ages and parties: shared by pages, API summaries, exports and the CLI. */

/** What wording about a clause needs of its agreement: the parties and contact roles. */
type WithMeta = Pick<Agreement, 'meta'>;

export function partyName(agreement: WithMeta, id: string): string {
  return agreement.meta.parties.find((party) => party.id === id)?.name ?? id;
}

export function describeAges(ages: AgeRange | undefined): string | undefined {
  if (!ages) return undefined;
  if (ages.min !== undefined && ages.max !== undefined) {
    return ages.min === ages.max ? `${ages.min} år` : `${ages.min}–${ages.max} år`;
  }
  if (ages.min !== undefined) return `${ages.min} år og eldre`;
  if (ages.max !== undefined) return `til og med ${ages.max} år`;
  return undefined;
}

/** The months' names in bokmål, as dates are written and read («12. mars 2026»). */
export const months = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

/** `2019-03-01` → `1. mars 2019`. */
export function formatDate(date: string | undefined): string {
  if (!date) return '';
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return date;
  return `${day}. ${months[month - 1]} ${year}`;
}

const osloMoment = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as Norwegian writes it, in Norwegian time: `2026-12-06T00:31:39Z` → `6. desember 2026 kl. 01.31`. */
export function formatDateTime(moment: string | Date): string {
  const value = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(value.getTime())) return String(moment);
  // sv-SE gives `2026-12-06 01:31`: ISO order, whatever the machine's own locale and time zone.
  const [date = '', time = ''] = osloMoment.format(value).split(' ');
  return `${formatDate(date)} kl. ${time.replace(':', '.')}`;
}

/** How a date relates to today, for a verb: «gjaldt» 1. mars 2018, «gjelder» today, «vil gjelde» 2030. */
export function validOn(date: string, today: string): 'gjaldt' | 'gjelder' | 'vil gjelde' {
  return date < today ? 'gjaldt' : date === today ? 'gjelder' : 'vil gjelde';
}

export function describePeriod(from: string | undefined, to: string | undefined): string {
  if (!from) return '';
  return to ? `${formatDate(from)} – ${formatDate(to)}` : `fra ${formatDate(from)}`;
}

/** Whom a clause applies to: «16–19 år · Søkt læreplass, fikk ikke». */
export function describeSituation(clause: Clause): string | undefined {
  const parts = [describeAges(clause.ages), ...clause.facets.map((facet) => situationFacets[facet] ?? facet)];
  const shown = parts.filter(Boolean);
  return shown.length > 0 ? shown.join(' · ') : undefined;
}

/** A contact role as people read it: «Ungdomskontakt ved hvert NAV-kontor (NAV Fjordvik)». */
export function describeContact(agreement: WithMeta, id: string | undefined): string | undefined {
  const contact = agreement.meta.contacts.find((candidate) => candidate.id === id);
  return contact && `${contact.role} (${partyName(agreement, contact.party)})`;
}

/** Who owns a clause, or where a grey zone is taken: the first thing a reader needs. */
export type ClauseVerdict = { grey: false; owner: string } | { grey: true; escalation: string };

export function clauseVerdict(clause: Clause, agreement: WithMeta): ClauseVerdict {
  return clause.status === 'grey'
    ? { grey: true, escalation: clause.escalation ?? agreement.meta.escalation ?? 'ikke oppgitt' }
    : { grey: false, owner: partyName(agreement, clause.owner ?? '') };
}

const percentFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });

/** A party's share of a cost, with its name: what the wording of a cost needs. */
export interface NamedShare {
  name: string;
  percent: number;
}

/** A clause's cost shares with the parties' names. */
export function namedCostShares(agreement: WithMeta, shares: readonly CostShare[]): NamedShare[] {
  return costPercentages(shares).map(({ party, percent }) => ({
    name: partyName(agreement, party),
    percent,
  }));
}

/**
 * Who pays, in words. `fact` (under a clause, on a card): «NAV Fjordvik», «delt likt mellom NAV og OT»,
 * «NAV 60 %, OT 40 %». `change` (in a comparison, where two splits stand side by side): «NAV Fjordvik»,
 * «delt NAV 50 % / OT 50 %».
 */
export function describeCost(
  shares: readonly NamedShare[],
  style: 'fact' | 'change' = 'fact',
): string | undefined {
  const [first] = shares;
  if (!first) return undefined;
  if (shares.length === 1) return first.name;
  const percent = ({ name, percent }: NamedShare) => `${name} ${percentFormat.format(percent)} %`;
  if (style === 'change') return `delt ${shares.map(percent).join(' / ')}`;
  const equal = shares.every((share) => Math.abs(share.percent - first.percent) < 1e-9);
  return equal
    ? `delt likt mellom ${listNames(shares.map((share) => share.name))}`
    : shares.map(percent).join(', ');
}

/** Where to find who has a contact role now, when the agreement gives a link for it. */
export function contactLink(agreement: WithMeta, id: string | undefined): string | undefined {
  return agreement.meta.contacts.find((candidate) => candidate.id === id)?.link;
}

/** The facts under a clause's title, labelled and in the order the page, the exports and the redline show them. */
export function clauseFacts(clause: Clause, agreement: WithMeta): Array<[label: string, value: string]> {
  const facts: Array<[string, string]> = [];
  const fact = (label: string, value: string | undefined) => {
    if (value) facts.push([label, value]);
  };
  fact('Gjelder', describeSituation(clause));
  fact('Bistår', clause.supporting.map((party) => partyName(agreement, party)).join(', ') || undefined);
  fact('Kostnad', describeCost(namedCostShares(agreement, clause.costShares ?? [])));
  fact('Hjemmel', clause.legalBasis);
  fact('Kontakt', describeContact(agreement, clause.contact));
  if (clause.status === 'settled') fact('Ved uenighet', clause.escalation);
  return facts;
}

const conjunction = new Intl.ListFormat('nb', { type: 'conjunction' });

/** `a`, `a og b`, `a, b og c`. */
export function list(items: readonly string[]): string {
  return conjunction.format(items);
}

/**
 * Names as a list (offices, parties, people): as `list`, but when a name holds «og» itself every name is
 * quoted, so that the list still says where one name ends: «NAV Strandby og Berg» og «NAV Berg», not
 * «NAV Strandby og Berg og NAV Berg».
 */
export function listNames(names: readonly string[]): string {
  const ambiguous = names.length > 1 && names.some((name) => /(^|\s)og(\s|$)/i.test(name));
  return list(ambiguous ? names.map((name) => `«${name}»`) : names);
}
