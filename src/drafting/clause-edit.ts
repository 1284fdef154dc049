import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { clauseDirective, parseAgeRange } from '../format/clauses.js';
import { checkShares, costAttribute, singleCostBearer } from '../format/cost.js';
import { idFromTitle, isValidId } from '../format/ids.js';
import { invisibleCharacterProblem } from '../format/input.js';
import { beyondLimits } from '../format/limits.js';
import { createProcessor } from '../format/processor.js';
import type { Agreement, Clause, CostShare } from '../format/types.js';
import { isSituationFacet, situationFacets } from '../format/vocabulary.js';
import { list, partyName } from '../format/wording.js';
import type { FieldProblem } from './form.js';

/**
 * The structured editor for responsibility clauses: a clause's fields as a form, and the form back into
 * the Markdown file. Only the clause's own block changes; its id never does, so lookups, permalinks and
 * comparisons keep following it.
 */

export interface ClauseInput {
  id: string;
  title: string;
  grey: boolean;
  owner?: string;
  supporting: string[];
  ages?: string;
  facets: string[];
  keywords?: string;
  legalBasis?: string;
  /** Who pays: one party, or two or more sharing the cost, as the clause writes it. */
  costShares?: CostShare[];
  contact?: string;
  escalation?: string;
  text: string;
}

/** The form fields of a clause (the names the edit page uses). */
export const clauseFields = [
  'id',
  'title',
  'status',
  'owner',
  'supporting',
  'ages',
  'facets',
  'keywords',
  'legalBasis',
  'costBearer',
  'costParty',
  'costShare',
  'costShareParty',
  'contact',
  'escalation',
  'text',
] as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function clauseToInput(clause: Clause): ClauseInput {
  const input: ClauseInput = {
    id: clause.id,
    title: clause.title,
    grey: clause.status === 'grey',
    supporting: clause.supporting,
    facets: clause.facets,
    text: clause.markdown,
  };
  if (clause.owner) input.owner = clause.owner;
  if (clause.ages)
    input.ages = `${clause.ages.min ?? ''}-${clause.ages.max ?? ''}`.replace(/^(\d+)-\1$/, '$1');
  if (clause.keywords.length > 0) input.keywords = clause.keywords.join(', ');
  if (clause.legalBasis) input.legalBasis = clause.legalBasis;
  if (clause.costShares) input.costShares = clause.costShares;
  if (clause.contact) input.contact = clause.contact;
  if (clause.escalation) input.escalation = clause.escalation;
  return input;
}

type Body = Record<string, unknown>;

function one(body: Body, name: string, problems: FieldProblem[]): string {
  const value = body[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') {
    problems.push({ variable: name, message: 'Feltet er sendt mer enn én gang.' });
    return '';
  }
  return value.trim();
}

/** Every value of a repeated field, empty ones kept (they pair up with another repeated field by position). */
function each(body: Body, name: string): string[] {
  const value = body[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((item) => (typeof item === 'string' ? item.trim() : ''));
}

function many(body: Body, name: string): string[] {
  const value = body[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((item) => (typeof item === 'string' ? item.split(/[\s,]+/) : [])).filter(Boolean);
}

/**
 * A clause form checked against the agreement: parties, contact roles and facets must exist, a settled
 * clause has one owner, a grey zone none. `isNew`: the id must be new too.
 */
export function readClauseForm(
  body: Body,
  agreement: Agreement,
  isNew: boolean,
): { clause?: ClauseInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const known = new Set<string>([...clauseFields, 'baseRev', 'reason', 'action']);
  for (const key of Object.keys(body)) {
    if (!known.has(key))
      problems.push({ variable: key.slice(0, 80), message: `Ukjent felt «${key.slice(0, 80)}».` });
  }
  const parties = new Set(agreement.meta.parties.map((party) => party.id));
  const contacts = new Set(agreement.meta.contacts.map((contact) => contact.id));
  const text = (name: string, label: string, max: number, required = false): string | undefined => {
    const value = one(body, name, problems);
    if (!value) {
      if (required) problems.push({ variable: name, message: `Skriv ${label}.` });
      return undefined;
    }
    if (value.length > max) problems.push({ variable: name, message: `Kan ha høyst ${max} tegn.` });
    else if (control.test(value)) problems.push({ variable: name, message: 'Inneholder kontrolltegn.' });
    else if (name !== 'text' && /[\r\n]/.test(value))
      problems.push({ variable: name, message: 'Må stå på én linje.' });
    else if (value.includes(':::'))
      problems.push({ variable: name, message: 'Kan ikke inneholde «:::» (det starter en ny blokk).' });
    else if (containsNationalIdNumber(value)) problems.push({ variable: name, message: personalDataMessage });
    else if (invisibleCharacterProblem(value))
      problems.push({ variable: name, message: invisibleCharacterProblem(value, 'Feltet') as string });
    return value;
  };
  // A new clause without an id gets one from its title (a person filling in the form never types one).
  const given = one(body, 'id', problems);
  const titleGiven = typeof body.title === 'string' ? body.title.trim() : '';
  const id =
    isNew && !given && titleGiven
      ? idFromTitle(
          titleGiven,
          agreement.clauses.map((clause) => clause.id),
        )
      : given;
  if (!isValidId(id))
    problems.push({
      variable: 'id',
      message: 'Id-en skal ha små bokstaver a–z, tall og bindestrek, f.eks. uten-laereplass.',
    });
  else if (isNew && agreement.clauses.some((clause) => clause.id === id)) {
    problems.push({ variable: 'id', message: `Id-en «${id}» er i bruk. Hvert punkt har sin egen id.` });
  } else if (!isNew && !agreement.clauses.some((clause) => clause.id === id)) {
    problems.push({
      variable: 'id',
      message: `Avtalen har ikke punktet «${id}» (lenger). Last inn siden på nytt.`,
    });
  }
  const title = text('title', 'hvilken situasjon punktet gjelder', 200, true) ?? '';
  if (/[[\]]/.test(title))
    problems.push({ variable: 'title', message: 'Tittelen kan ikke inneholde [ eller ].' });
  const status = one(body, 'status', problems) || 'avklart';
  if (status !== 'avklart' && status !== 'uavklart')
    problems.push({ variable: 'status', message: 'Velg avklart eller uavklart.' });
  const grey = status === 'uavklart';
  const owner = one(body, 'owner', problems);
  if (grey && owner)
    problems.push({
      variable: 'owner',
      message: 'En gråsone har ingen ansvarlig. Tøm feltet, eller velg «avklart».',
    });
  if (!grey && !parties.has(owner))
    problems.push({ variable: 'owner', message: 'Velg nøyaktig én ansvarlig part.' });
  const supporting = many(body, 'supporting');
  const unknownSupport = supporting.filter((party) => !parties.has(party));
  if (unknownSupport.length > 0)
    problems.push({ variable: 'supporting', message: `Ukjent part: ${unknownSupport.join(', ')}.` });
  if (!grey && supporting.includes(owner))
    problems.push({ variable: 'supporting', message: 'Den ansvarlige kan ikke også stå som «bistår».' });
  const facets = many(body, 'facets');
  const unknownFacets = facets.filter((facet) => !isSituationFacet(facet));
  if (unknownFacets.length > 0)
    problems.push({ variable: 'facets', message: `Ukjent situasjon: ${unknownFacets.join(', ')}.` });
  const ages = one(body, 'ages', problems).replace(/[–—]/g, '-').replace(/\s+/g, '');
  if (ages && !parseAgeRange(ages))
    problems.push({ variable: 'ages', message: 'Skriv alder som 16-19, 19- (19 og eldre) eller -18.' });
  const costShares = readCostFields(
    body,
    agreement,
    agreement.clauses.find((clause) => clause.id === id)?.costShares,
    problems,
  );
  const contact = one(body, 'contact', problems);
  if (contact && !contacts.has(contact))
    problems.push({ variable: 'contact', message: 'Velg en av kontaktrollene.' });
  const escalation = text('escalation', 'hvor saken tas', 200, grey);
  const clauseText = text('text', 'hva den ansvarlige gjør', 5000, true) ?? '';
  if (/^\s*(:::|---|\+\+\+)/m.test(clauseText))
    problems.push({ variable: 'text', message: 'En linje kan ikke starte med «:::» eller «---».' });
  const keywords = text('keywords', 'stikkord', 500);
  const legalBasis = text('legalBasis', 'hjemmel', 200);
  if (problems.length > 0) return { problems };
  const clause: ClauseInput = {
    id,
    title,
    grey,
    supporting: [...new Set(supporting)],
    facets: [...new Set(facets)],
    text: clauseText,
  };
  if (!grey) clause.owner = owner;
  if (ages) clause.ages = ages;
  if (keywords) clause.keywords = keywords;
  if (legalBasis) clause.legalBasis = legalBasis;
  if (costShares) clause.costShares = costShares;
  if (contact) clause.contact = contact;
  if (escalation) clause.escalation = escalation;
  return { clause, problems };
}

/** The choice in «Dekker kostnaden» that opens the shares: two or more parties pay. */
export const sharedCostChoice = 'delt';

/**
 * The cost as the form gives it: `costBearer` is a party, «delt» or nothing; with «delt», the parties ticked
 * in `costParty` share it, each by the percent typed in its `costShare` (paired with `costShareParty` by
 * position), or equally when no share is typed. The same rules as `kostnad` in the file (`checkShares`).
 */
function readCostFields(
  body: Body,
  agreement: Agreement,
  before: readonly CostShare[] | undefined,
  problems: FieldProblem[],
): CostShare[] | undefined {
  const choice = one(body, 'costBearer', problems);
  if (!choice) return undefined;
  const name = (party: string) => partyName(agreement, party);
  const parties = new Set(agreement.meta.parties.map((party) => party.id));
  if (choice !== sharedCostChoice) {
    if (parties.has(choice)) return [{ party: choice }];
    problems.push({ variable: 'costBearer', message: 'Velg en av partene.' });
    return undefined;
  }
  const form = costFormFromBody(body);
  // In the order the clause wrote them before (the form lists the agreement's parties), so saving a clause
  // without touching its cost writes `kostnad` as it was.
  const written = (party: string) => {
    const index = before?.findIndex((share) => share.party === party) ?? -1;
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  const sharing = [...new Set(form.sharing)].sort((a, b) => written(a) - written(b));
  const typed = new Map(
    Object.entries(form.shares).map(([party, share]) => [party, share.replace(/\s*%$/, '')]),
  );
  const unknown = [...sharing, ...typed.keys()].filter((party) => !parties.has(party));
  if (unknown.length > 0) {
    problems.push({ variable: 'costParty', message: `Ukjent part: ${[...new Set(unknown)].join(', ')}.` });
    return undefined;
  }
  if (sharing.length < 2) {
    problems.push({ variable: 'costParty', message: 'Kryss av for minst to parter som deler kostnaden.' });
    return undefined;
  }
  const outside = [...typed.keys()].filter((party) => !sharing.includes(party));
  if (outside.length > 0) {
    problems.push({
      variable: 'costShare',
      message: `${list(outside.map(name))} deler ikke kostnaden: kryss av for parten, eller tøm andelen.`,
    });
    return undefined;
  }
  const { shares, problems: shareProblems } = checkShares(
    sharing.map((party) => {
      const written = typed.get(party);
      return written === undefined ? { party } : { party, written };
    }),
  );
  for (const problem of shareProblems) {
    problems.push({
      variable: 'costShare',
      message:
        problem.kind === 'share'
          ? `Andelen til ${name(problem.party)} må være et helt tall fra 1 til 100 (prosent).`
          : problem.kind === 'sum'
            ? `Andelene blir til sammen ${problem.sum} %, ikke 100 %.`
            : 'Skriv en andel for hver part som deler kostnaden, eller ingen for lik deling.',
    });
  }
  return shareProblems.length > 0 ? undefined : shares;
}

/** The cost as the form shows it: the choice, the parties ticked and each one's share as typed. */
export interface CostForm {
  choice: string;
  sharing: string[];
  shares: Record<string, string>;
}

/** A clause's cost in the form: its one party, or «delt» with the parties ticked and their shares. */
export function costForm(shares: readonly CostShare[] | undefined): CostForm {
  const bearer = singleCostBearer(shares);
  if (!shares || shares.length === 0 || bearer) return { choice: bearer ?? '', sharing: [], shares: {} };
  return {
    choice: sharedCostChoice,
    sharing: shares.map((share) => share.party),
    shares: Object.fromEntries(
      shares.flatMap(({ party, share }) => (share === undefined ? [] : [[party, String(share)]])),
    ),
  };
}

/** The cost as a submitted form gives it, to show the form again as it was filled in. */
export function costFormFromBody(body: Body): CostForm {
  const shares: Record<string, string> = {};
  const shareParties = each(body, 'costShareParty');
  each(body, 'costShare').forEach((share, index) => {
    const party = shareParties[index];
    if (share && party) shares[party] = share;
  });
  return {
    choice: typeof body.costBearer === 'string' ? body.costBearer.trim() : '',
    sharing: many(body, 'costParty'),
    shares,
  };
}

/** The form fields that submit a cost (for a form filled in by Gjerde, as an amendment's). */
export function costFields(form: CostForm): Body {
  if (form.choice !== sharedCostChoice) return { costBearer: form.choice };
  return {
    costBearer: form.choice,
    costParty: form.sharing,
    costShareParty: form.sharing,
    costShare: form.sharing.map((party) => form.shares[party] ?? ''),
  };
}

/** A directive attribute value, quoted; a double quote inside becomes a typographic one. */
function attribute(name: string, value: string | undefined): string {
  return value ? ` ${name}="${value.replace(/"/g, '”')}"` : '';
}

/** The clause as an `:::ansvar` block (saving writes it in canonical form). */
export function renderClause(clause: ClauseInput): string {
  const attributes = [
    `#${clause.id}`,
    clause.grey ? ' status=uavklart' : attribute('ansvarlig', clause.owner),
    attribute('bistand', clause.supporting.join(' ')),
    attribute('alder', clause.ages),
    attribute('situasjon', clause.facets.join(' ')),
    attribute('stikkord', clause.keywords),
    attribute('hjemmel', clause.legalBasis),
    attribute('kostnad', clause.costShares && costAttribute(clause.costShares)),
    attribute('kontakt', clause.contact),
    attribute('eskalering', clause.escalation),
  ].join('');
  const body = clause.text.replace(/\r\n?/g, '\n').trim();
  return `:::ansvar[${clause.title}]{${attributes}}\n${body}\n:::`;
}

const parser = createProcessor();

function clauseNodes(markdown: string): ContainerDirective[] {
  // A file beyond the parser's limits has no clauses to edit; saving it refuses it with the limit.
  if (beyondLimits(markdown)) return [];
  const tree = parser.parse(markdown) as Root;
  const nodes: ContainerDirective[] = [];
  visit(tree, 'containerDirective', (node: ContainerDirective) => {
    if (node.name === clauseDirective) nodes.push(node);
  });
  return nodes;
}

/** The file with one clause's block replaced, or a new clause added after the last one. */
export function writeClause(markdown: string, clause: ClauseInput, isNew: boolean): string {
  const nodes = clauseNodes(markdown);
  const block = renderClause(clause);
  if (isNew) {
    const last = nodes.at(-1)?.position?.end.offset;
    if (last === undefined) return `${markdown.replace(/\n*$/, '')}\n\n${block}\n`;
    return `${markdown.slice(0, last)}\n\n${block}${markdown.slice(last)}`;
  }
  const node = nodes.find((candidate) => candidate.attributes?.id === clause.id);
  const start = node?.position?.start.offset;
  const end = node?.position?.end.offset;
  if (start === undefined || end === undefined) throw new Error(`Clause ${clause.id} is not in the file.`);
  return `${markdown.slice(0, start)}${block}${markdown.slice(end)}`;
}

export function facetOptions(selected: string[]): { value: string; label: string; checked: boolean }[] {
  return Object.entries(situationFacets).map(([value, label]) => ({
    value,
    label,
    checked: selected.includes(value),
  }));
}
