import type { ServingContact } from '../contacts/contacts.js';
import { today as todayInNorway } from '../format/dates.js';
import { isFollowUpService, partyKind } from '../format/party-kinds.js';
import { situationFacets } from '../format/vocabulary.js';
import { describeAges, formatDate, validOn } from '../format/wording.js';
import type { ExplainedTerm } from '../glossary/glossary.js';
import { describeCostShares, type LookupAnswer, type LookupRequest } from '../lookup/search.js';
import { textWithTerms } from '../render/agreement-html.js';
import { TermMarker } from '../render/term-marks.js';
import { presentContact } from './contacts-present.js';
import { lastApprovedWording } from './lookup-approved-text.js';
import type { RestoredResult } from './lookup-restored.js';
import { nationalHref } from './national-present.js';
import { urls } from './urls.js';

/**
 * What the lookup page shows of an answer: the scope it answers for and the one action that changes it,
 * the date read from the question and how to answer for today instead, a grey zone that governs, and each
 * result with its scope in its header and, for a past date, what the agreement says today.
 */

type Result = RestoredResult & { precedents?: unknown[]; raiseHref?: string };
type Answer = Omit<LookupAnswer, 'results'> & { results: Result[] };

/** The page's address with some parameters changed (undefined: left out). */
function href(
  request: LookupRequest,
  changes: Partial<Record<keyof LookupRequest, string | undefined>>,
): string {
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries({ ...request, ...changes }))
    if (name !== 'person' && typeof value === 'string') query[name] = value;
  return urls.lookup(query);
}

function list(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} og ${names.at(-1)}`;
}

/**
 * The address of this very answer for someone else: the question with the county and the date pinned, so a
 * colleague in another county sees what was shared, not their own county's answer today. Asked by someone
 * of several counties and answered plainly (no county chooser), the answer is its first card's county's.
 * While it asks them which of their counties, there is no answer to share yet (a colleague in one of the
 * counties would be shown their own county's answer): each choice's link is the answer for that county.
 */
function shareHref(answer: Answer, request: LookupRequest): string | undefined {
  const { counties } = answer.scope;
  if (answer.countyNeeded && answer.scope.source === 'person') return undefined;
  const answeredFor = answer.countyNeeded ? undefined : answer.results[0]?.county;
  const county =
    counties?.length === 1 ? counties[0] : (request.county ?? (counties ? answeredFor : undefined));
  return href(request, { county, at: answer.date, scope: counties === null ? 'all' : request.scope });
}

/** «Svar fra avtalene i Nordvik (ditt fylke)» and the link that widens or narrows it. */
function presentScope(answer: Answer, request: LookupRequest) {
  const { scope } = answer;
  if (scope.counties === null) return { text: 'Svar fra avtalene i alle fylker', change: undefined };
  // Only the counties with an agreement that day are answering; a reader's county without one is said apart.
  const answering = scope.counties.filter((county) => !scope.withoutAgreement.includes(county));
  const where = list(answering.length > 0 ? answering : scope.counties);
  const without =
    answering.length > 0 && scope.withoutAgreement.length > 0
      ? `${list(scope.withoutAgreement)} hadde ingen avtale i kraft ${answer.isToday ? 'i dag' : formatDate(answer.date)}.`
      : undefined;
  const why = {
    filter: 'fylket du valgte',
    question: scope.area ? `${scope.area} i spørsmålet` : 'fylket i spørsmålet',
    person: scope.counties.length > 1 ? 'dine fylker' : 'ditt fylke',
    none: '',
  }[scope.source];
  // A shared answer pins its county: the colleague who opens it sees plainly that it is not theirs.
  const mine = request.person?.counties ?? [];
  const notMine =
    scope.source === 'filter' && mine.length > 0 && !scope.counties.some((county) => mine.includes(county));
  const text = `Svar fra avtalene i ${where}${notMine ? ' (ikke ditt fylke)' : why ? ` (${why})` : ''}`;
  if (scope.source === 'filter')
    return {
      text,
      without,
      change: { label: 'Vis alle fylker', href: href(request, { county: undefined, scope: 'all' }) },
    };
  return scope.all
    ? { text, without, change: { label: `Bare ${where}`, href: href(request, { scope: undefined }) } }
    : { text, without, change: { label: 'Vis også andre fylker', href: href(request, { scope: 'all' }) } };
}

/**
 * The asker's county is not known and the counties' agreements answer differently (the answer's
 * `countyNeeded`), or none covers the question and each county takes it somewhere else: the answer asks for
 * the county first, each choice the same question for that county (as the county filter asks it), named by
 * the county alone.
 */
function countyChooser(answer: Answer, request: LookupRequest) {
  if (!answer.countyNeeded) return undefined;
  const { counties } = answer.countyNeeded;
  const names = list(counties.map(({ county }) => county));
  return {
    // Asked by someone who works in several counties, or naming several: the choice is among those, named
    // as such. When no clause covers the question, the counties differ in where unclear cases go.
    text:
      answer.scope.source === 'person' || answer.scope.source === 'question'
        ? `${answer.scope.source === 'person' ? 'Du arbeider i flere fylker' : 'Spørsmålet nevner flere fylker'}, og ${
            answer.notCovered
              ? `${names} tar uklare saker til ulike steder`
              : `avtalene i ${names} svarer ulikt`
          }. Velg fylket saken gjelder:`
        : answer.notCovered
          ? 'Du har ikke valgt fylke, og fylkene tar uklare saker til ulike steder. Velg fylke:'
          : `Du har ikke valgt fylke, og avtalene i ${counties.length} fylker svarer ulikt. Velg fylke:`,
    choices: counties.map((choice) => ({
      // The county's name only: once chosen, the county's own ranking (its term statistics, its local
      // agreements) can put another clause first than the one that led it here — a stranger found 7 of 40
      // owner lines that the tap then contradicted, trusted before the tap. Its answer is one tap away.
      text: choice.county,
      href: href(request, { county: choice.county, scope: undefined }),
    })),
  };
}

export function presentLookupAnswer(
  answer: Answer,
  request: LookupRequest,
  today: string,
  /** The terms each card marks: the shared glossary with the card's own agreement's `:::ordliste`. */
  termsFor: (result: Result) => TermMarker = () => new TermMarker([]),
  /** The contacts the first card may name on the owner's side: both sides of the person's offices, or of the chosen municipality. */
  contacts: readonly ServingContact[] = [],
) {
  const question = answer.question;
  const understood = [
    question.age ? describeAges(question.age) : undefined,
    question.state === 'left'
      ? 'har sluttet'
      : question.state === 'at-risk'
        ? 'i fare for å slutte'
        : undefined,
    ...question.facets.map((facet) => situationFacets[facet] ?? facet),
    // What the question rules out, when it said so (not what follows from its state or situation).
    ...question.notFacets
      .filter((facet) => !(facet === 'laerling' && question.facets.includes('uten-laereplass')))
      .filter((facet) => !(question.state && (facet === 'elev' || facet === 'sluttet')))
      .map((facet) => `ikke ${(situationFacets[facet] ?? facet).toLowerCase()}`),
    question.intents.includes('cost') ? 'hvem som betaler' : undefined,
    question.intents.includes('contact') ? 'hvem du kontakter' : undefined,
    question.intents.includes('escalation') ? 'uenighet om ansvaret' : undefined,
  ].filter(Boolean);
  const cards = answer.results.map((result) => presentResult(result, answer, termsFor(result)));
  const [first] = cards;
  // While the answer asks for the county, each county's cards are that county's only, and say so: a card
  // right under the chooser was read as the answer.
  const heading = answer.countyNeeded ? (county: string) => `Hvis saken gjelder ${county}` : countyHeading;
  const groups = countyGroups(answer.results, cards, heading);
  const dateFromQuestion = question.date && question.date.date === answer.date ? question.date : undefined;
  const routesOfCounties = new Set(answer.escalation.map(({ county }) => county)).size;
  return {
    ...answer,
    when: answer.isToday ? 'i dag' : formatDate(answer.date),
    // «slik avtalene gjaldt 1. mars 2018», «gjelder i dag», «vil gjelde 1. januar 2030».
    verb: answer.isToday ? 'gjelder' : validOn(answer.date, todayInNorway()),
    understood: understood.join(' · '),
    unrecordedNotice: neverApprovedNotice([...answer.results, ...answer.elsewhere]),
    scopeLine: presentScope(answer, request),
    shareHref: shareHref(answer, request),
    // The date the question named: shown as a chip, with the one action that answers for today instead.
    dateChip: dateFromQuestion
      ? {
          text: `${formatDate(dateFromQuestion.date)} (fra «${dateFromQuestion.text}»)`,
          todayHref: href(request, { at: today }),
        }
      : undefined,
    escalationFirst: question.intents.includes('escalation') && answer.escalation.length > 0,
    // No clause covers the question: that is the answer, at the top with the route; the cards are only the
    // nearest clauses, none of them emphasised as the answer.
    notCoveredNotice: answer.notCovered && {
      headline: notCoveredHeadline(answer.notCovered, answer.isToday ? undefined : answer.date),
      // Several counties' routes (the asker works in several): each named by its county, as the committees'
      // own names often do not say it («Samarbeidsutvalget (punkt 6)»).
      route: answer.escalation
        .map(({ to, county }) => (routesOfCounties > 1 ? `${to} (${county})` : to))
        .join(', '),
      later: answer.notCovered.later
        ? `Punktet som svarer i dag, «${answer.notCovered.later.clauseTitle}», kom inn senere.`
        : undefined,
    },
    nearest: answer.notCovered === null ? [] : cards,
    // Asked whom to contact: the named people from the contact register come right after the first
    // answer, not below every other clause that may apply (several screens down on a phone).
    contactsFirst: question.intents.includes('contact') && answer.results.length > 0,
    // The first card names the person to call on the owner's side, so a phone shows whom to call on the
    // first screen, not only below the card.
    best: first && { ...first, named: namedContact(answer.results[0] as Result, contacts) },
    countyChooser: countyChooser(answer, request),
    // An uncertain answer (two clauses close, with different owners), or one that asks for the county,
    // shows no one owner as *the* answer: the first card is not emphasised, and the notice above it says why.
    confident: answer.uncertain === null && answer.countyNeeded === null,
    // Results from several counties come one county after another (the lookup orders them so), each
    // county under a plain heading: the first card's county is named above it, the others below.
    firstCounty: groups.length > 1 || answer.countyNeeded ? groups[0]?.heading : undefined,
    others: groups[0]?.results.slice(1) ?? [],
    countyGroups: groups.slice(1),
    elsewhere: answer.elsewhere.map((result) => presentResult(result, answer, termsFor(result))),
    hasResults: answer.results.length > 0,
    // The same question over every county: how the others handle it.
    nationalHref: question.q
      ? nationalHref({ q: question.q, at: answer.isToday ? undefined : answer.date })
      : undefined,
  };
}

/**
 * A result whose agreement has no recorded approval at all: brought in with git without the parties'
 * approvals (a county migrating its history by hand). That is one fact about the agreement, so the answer
 * says it once, plainly, instead of the warning about a changed text on every card.
 */
function neverApproved(result: Result): boolean {
  return result.approvalWarning !== null && result.approvalWarning.approved === null;
}

/** The answer's one notice of the agreements it answers from that have no recorded approval. */
function neverApprovedNotice(results: readonly Result[]): string | undefined {
  const titles = [...new Set(results.filter(neverApproved).map((result) => `«${result.agreementTitle}»`))];
  if (titles.length === 0) return undefined;
  const which = titles.length === 1 ? 'avtalen er lagt inn' : 'avtalene er lagt inn';
  return `Ingen godkjenning av ${list(titles)} er registrert i Gjerde: ${which} uten at partenes godkjenning ble registrert. Svarene er fra teksten slik den står; sjekk med partene før du handler på dem.`;
}

/**
 * The not-covered notice's headline names what the agreement leaves out (the thing, or the ages it covers),
 * so the reader sees at once which word the answer turned on; for a past date, in the past tense with the day.
 */
function notCoveredHeadline(
  notCovered: NonNullable<Answer['notCovered']>,
  pastDate: string | undefined,
): string {
  const when = pastDate === undefined ? '' : ` ${formatDate(pastDate)}`;
  if (notCovered.ages !== undefined)
    return `Avtalen ${pastDate === undefined ? 'gjelder' : 'gjaldt'}${when} ungdom ${notCovered.ages.covered}, ikke ${notCovered.ages.asked}.`;
  const what = notCovered.thing === undefined ? 'dette' : `«${notCovered.thing}»`;
  return `Avtalen ${pastDate === undefined ? 'sier' : 'sa'} ikke noe om ${what}${when}.`;
}

function countyHeading(county: string): string {
  return `Fra avtalene i ${county}`;
}

/** The cards by county, in the answer's order (the lookup puts one county's after another's). */
function countyGroups<T>(results: readonly Result[], cards: T[], heading: (county: string) => string) {
  const groups: { county: string; heading: string; id: string; results: T[] }[] = [];
  cards.forEach((card, position) => {
    const county = results[position]?.county ?? '';
    let group = groups.at(-1);
    if (group?.county !== county) {
      group = { county, heading: heading(county), id: `fylke-${groups.length + 1}`, results: [] };
      groups.push(group);
    }
    group.results.push(card);
  });
  return groups;
}

/**
 * The contact on the owner's side in the card's county: NAV's people for a NAV owner, OT's for an OT owner.
 * None for a clause the county authority, a school or another unit owns: the register's county side is OT's
 * people, and an OT adviser named under career guidance read as the one to call; the clause's own contact
 * role says who. None for a grey zone either, whose card says where to take it.
 */
function namedContact(result: Result, contacts: readonly ServingContact[]) {
  if (result.status === 'grey' || !result.owner) return undefined;
  const owner = { ...result.owner };
  const side = partyKind(owner) === 'nav' ? 'nav' : isFollowUpService(owner) ? 'fylkeskommune' : undefined;
  if (!side) return undefined;
  const serving = contacts.filter(
    (candidate) => candidate.side === side && candidate.county === result.county,
  );
  // One who can be called from the card, when the register has one.
  const contact = serving.find((candidate) => candidate.phone) ?? serving[0];
  return contact && presentContact(contact);
}

/** The approved version a later commit put back byte for byte: both named, the approved one first. */
function restoredText(approved: Result['revision'], restoredBy: Result['revision']): string {
  return (
    `tekst som i revisjon ${approved.rev.slice(0, 8)} (lagret ${formatDate(approved.date)}), ` +
    `gjenopprettet ${formatDate(restoredBy.date)} av ${restoredBy.author} (${restoredBy.rev.slice(0, 8)})`
  );
}

function presentResult(result: Result, answer: Answer, terms: TermMarker) {
  // Each card marks its terms once.
  const seen = new Set<ExplainedTerm>();
  const situation = [
    describeAges(result.ages ?? undefined),
    ...result.facets.map((facet) => situationFacets[facet] ?? facet),
  ]
    .filter(Boolean)
    .join(' · ');
  const todayText = result.today
    ? result.today.status === 'gone'
      ? 'punktet finnes ikke lenger'
      : result.today.status === 'grey'
        ? 'uavklart'
        : `${result.today.owner?.name ?? 'ukjent'} har ansvaret`
    : undefined;
  const upcoming = result.upcoming;
  const upcomingText = upcoming
    ? `Fra ${formatDate(upcoming.from)}: ${
        upcoming.status === 'gone'
          ? 'punktet finnes ikke i avtalen'
          : upcoming.status === 'grey'
            ? 'uavklart'
            : `Ansvarlig ${upcoming.owner?.name ?? 'ukjent'}`
      } (godkjent versjon lagret ${formatDate(upcoming.saved.slice(0, 10))})`
    : undefined;
  // A clause the unrecorded change left as approved gets a quiet note, not the alarm of the changed one.
  const since = result.approvalWarning?.clause;
  const asApproved = since?.changed === false;
  const lastApproved = lastApprovedWording(result.approvalWarning);
  return {
    ...result,
    // Said once above the answer for an agreement with no recorded approval; a tag on its cards.
    approvalWarning: neverApproved(result) || asApproved ? null : result.approvalWarning,
    unrecordedTag: neverApproved(result),
    unrecordedClause: lastApproved === undefined ? undefined : { lastApproved, outside: since?.outside },
    unchangedNote: asApproved
      ? 'Avtalen er endret uten registrert godkjenning, men dette punktet står som partene godkjente det.'
      : undefined,
    permalink: urls.clauseOn(result.agreementId, result.clauseId, answer),
    restoredText: result.restoredBy && restoredText(result.revision, result.restoredBy),
    upcomingText,
    grey: result.status === 'grey',
    // Every card says whom it applies to.
    scopeText: result.area ? `Lokal avtale: gjelder bare ${result.area}` : `Gjelder ${result.county}`,
    past: answer.isToday
      ? undefined
      : { verb: validOn(answer.date, todayInNorway()), when: formatDate(answer.date), today: todayText },
    situation,
    supportingNames: result.supporting.map((party) => party.name).join(', '),
    costText: describeCostShares(result.costShares),
    contactText: result.contact ? `${result.contact.role} (${result.contact.party.name})` : undefined,
    ownerContactText: result.ownerContacts
      ? `${result.ownerContacts.map((contact) => contact.role).join('; ')} (${result.owner?.name ?? ''})`
      : undefined,
    // Roles, never people: where to find who has the role now, when the agreement says.
    contactLink: result.contact
      ? result.contact.link
      : result.ownerContacts?.find((contact) => contact.link)?.link,
    textBlocks: result.text.split(/\n{2,}/).map((block) => presentTextBlock(block, terms, seen)),
  };
}

const itemMarker = /^(•|\d{1,9}\.) /;

/**
 * A block of the clause's text as HTML: a paragraph, or a list as a list (the clause's text keeps a list's
 * items on lines of their own, «• » or «1. », and an item's further lines indented by two spaces).
 */
function presentTextBlock(block: string, terms: TermMarker, seen: Set<ExplainedTerm>) {
  const lines = block.split('\n');
  const first = itemMarker.exec(lines[0] ?? '');
  if (!first || !lines.every((line) => itemMarker.test(line) || line.startsWith('  ')))
    return { html: textWithTerms(block, terms, seen) };
  const items: string[] = [];
  for (const line of lines)
    if (itemMarker.test(line)) items.push(line.replace(itemMarker, ''));
    else items[items.length - 1] += `\n${line.trim()}`;
  return {
    list: {
      ordered: first[1] !== '•',
      start: first[1] === '•' ? undefined : Number.parseInt(first[1] as string, 10),
      items: items.map((item) => textWithTerms(item, terms, seen)),
    },
  };
}
