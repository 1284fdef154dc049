import type { ContainerDirective } from 'mdast-util-directive';
import { toString as plainText } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { attributePoint, continuedValue, lineAt, quoteAdvice, writtenAttributes } from './attributes.js';
import { type CostProblem, parseCost } from './cost.js';
import { isValidId } from './ids.js';
import { reportError } from './messages.js';
import { readableBlock } from './plain-blocks.js';
import type { AgeRange, Clause } from './types.js';
import { isSituationFacet } from './vocabulary.js';

export const clauseDirective = 'ansvar';

const allowedAttributes = new Set([
  'id',
  'status',
  'ansvarlig',
  'bistand',
  'alder',
  'situasjon',
  'stikkord',
  'hjemmel',
  'kostnad',
  'kontakt',
  'eskalering',
]);

/**
 * Blocks whose parts plain text would run together («…er elev.Skolen melder…»): in the clause's text a
 * list keeps its items on lines of their own («• », «1. »), a quote its paragraphs, a table its cells.
 */
const blocksWithParts = new Set(['list', 'blockquote', 'table']);

/** `16-19`, `19-`, `-18`, `18`; the en dash too, as Gjerde itself writes ages («15–21 år»). */
const agePattern = /^(\d{1,3})?[-–](\d{1,3})?$|^(\d{1,3})$/;

/** Gives an `:::ansvar` container its meaning as a responsibility clause; reports what is malformed. */
export function readClause(file: VFile, node: ContainerDirective): Clause {
  const attributes = node.attributes ?? {};
  const start = node.position?.start ?? { line: 1, column: 1 };
  const [first, ...rest] = node.children;
  const hasLabel = first?.type === 'paragraph' && first.data?.directiveLabel === true;
  const body = hasLabel ? rest : node.children;
  const title = hasLabel && first ? plainText(first).trim() : '';

  /** Where an attribute is written, so that a message about it points at it. */
  const at = (name: string) => attributePoint(file, start, name);
  const written = writtenAttributes(lineAt(file, start));
  const advised = new Set<number>();
  for (const name of Object.keys(attributes)) {
    if (name === 'class') {
      reportError(file, 'Ansvarsklausuler bruker ikke klasser («.navn»).', at(name), 'clause-attribute');
    } else if (!allowedAttributes.has(name)) {
      const continued = continuedValue(
        written,
        written.findIndex((item) => item.name === name),
      );
      // The words after one unquoted value give one message, for the value.
      if (continued && advised.has(continued.attribute.start)) continue;
      if (continued) advised.add(continued.attribute.start);
      reportError(
        file,
        continued
          ? quoteAdvice(continued.attribute.name, continued.meant)
          : `Ukjent egenskap «${name}» på ansvarsklausul.`,
        continued ? at(continued.attribute.name) : at(name),
        'clause-attribute',
      );
    }
  }
  const attribute = (name: string): string | undefined => {
    const value = attributes[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const words = (name: string): string[] => attribute(name)?.split(/\s+/) ?? [];

  const id = attribute('id') ?? '';
  if (!id) {
    reportError(file, 'Ansvarsklausulen mangler id (skriv f.eks. {#uten-laereplass}).', start, 'clause-id');
  } else if (!isValidId(id)) {
    reportError(
      file,
      `Ugyldig klausul-id «${id}»: bruk små bokstaver a–z, tall og bindestrek (2–80 tegn).`,
      at('id'),
      'clause-id',
    );
  }
  if (!title)
    reportError(
      file,
      `Ansvarsklausulen «${id}» mangler tittel (skriv :::ansvar[Tittel]{…}).`,
      start,
      'clause-attribute',
    );

  const statusValue = attribute('status') ?? 'avklart';
  if (statusValue !== 'avklart' && statusValue !== 'uavklart') {
    reportError(
      file,
      `Ukjent status «${statusValue}» på klausul «${id}». Tillatt: avklart, uavklart.`,
      at('status'),
      'clause-attribute',
    );
  }
  const status = statusValue === 'uavklart' ? 'grey' : 'settled';
  const owners = words('ansvarlig');
  const escalation = attribute('eskalering');
  if (status === 'grey') {
    if (owners.length > 0) {
      reportError(
        file,
        `Klausul «${id}» er uavklart og kan ikke ha en ansvarlig. Fjern «ansvarlig» eller sett status=avklart.`,
        at('ansvarlig'),
        'grey-zone',
      );
    }
    if (!escalation) {
      reportError(
        file,
        `Uavklart klausul «${id}» må si hvor saken tas (eskalering="…").`,
        start,
        'grey-zone',
      );
    }
  } else if (owners.length !== 1) {
    reportError(
      file,
      owners.length === 0
        ? `Klausul «${id}» mangler ansvarlig part (ansvarlig=…). Er den uavklart, skriv status=uavklart.`
        : `Klausul «${id}» har ${owners.length} ansvarlige. En avklart klausul har nøyaktig én ansvarlig.`,
      owners.length === 0 ? start : at('ansvarlig'),
      'clause-owner',
    );
  }

  const facets = words('situasjon');
  for (const facet of facets) {
    if (!isSituationFacet(facet))
      reportError(
        file,
        `Ukjent situasjon «${facet}» på klausul «${id}».`,
        at('situasjon'),
        'clause-attribute',
      );
  }
  const ageText = attribute('alder');
  let ages: AgeRange | undefined;
  if (ageText !== undefined) {
    ages = parseAgeRange(ageText);
    if (!ages) {
      reportError(
        file,
        `Ugyldig alder «${ageText}» på klausul «${id}». Skriv f.eks. 16-19, 19- eller -18.`,
        at('alder'),
        'clause-attribute',
      );
    }
  }

  const clause: Clause = {
    id,
    title,
    status,
    supporting: words('bistand'),
    facets,
    keywords: (attribute('stikkord') ?? '')
      .split(',')
      .map((keyword) => keyword.trim())
      .filter(Boolean),
    text: body
      .map((child) => (blocksWithParts.has(child.type) ? readableBlock(child) : plainText(child)))
      .join('\n\n')
      .trim(),
    markdown: sliceSource(file, body),
    position: { line: start.line, column: start.column },
  };
  if (status === 'settled' && owners.length === 1) clause.owner = owners[0];
  if (ages) clause.ages = ages;
  const costText = attribute('kostnad');
  if (costText !== undefined) {
    const cost = parseCost(costText);
    for (const problem of cost.problems)
      reportError(file, `Klausul «${id}»: ${costProblemText(problem)}`, at('kostnad'), 'cost-share');
    clause.costShares = cost.shares;
  }
  const optional = {
    legalBasis: 'hjemmel',
    contact: 'kontakt',
    escalation: 'eskalering',
  } as const;
  for (const [property, name] of Object.entries(optional) as [keyof typeof optional, string][]) {
    const value = attribute(name);
    if (value !== undefined) clause[property] = value;
  }
  return clause;
}

function costProblemText(problem: CostProblem): string {
  switch (problem.kind) {
    case 'twice':
      return `«kostnad» nevner «${problem.party}» to ganger. Hver part står én gang.`;
    case 'share':
      return `andelen «${problem.party}:${problem.written}» i «kostnad» må være et helt tall fra 1 til 100 (prosent), f.eks. ${problem.party}:50.`;
    case 'mixed':
      return '«kostnad» blander parter med og uten andel. Skriv en andel for hver part («nav:60 ot:40»), eller ingen for lik deling («nav ot»).';
    case 'sum':
      return `andelene i «kostnad» blir til sammen ${problem.sum} %, ikke 100 %.`;
  }
}

export function parseAgeRange(text: string): AgeRange | undefined {
  const match = agePattern.exec(text);
  if (!match) return undefined;
  if (match[3] !== undefined) return { min: Number(match[3]), max: Number(match[3]) };
  if (match[1] === undefined && match[2] === undefined) return undefined;
  const range: AgeRange = {};
  if (match[1] !== undefined) range.min = Number(match[1]);
  if (match[2] !== undefined) range.max = Number(match[2]);
  if (range.min !== undefined && range.max !== undefined && range.min > range.max) return undefined;
  return range;
}

export function agesOverlap(a: AgeRange | undefined, b: AgeRange | undefined): boolean {
  const aMin = a?.min ?? 0;
  const aMax = a?.max ?? Number.POSITIVE_INFINITY;
  const bMin = b?.min ?? 0;
  const bMax = b?.max ?? Number.POSITIVE_INFINITY;
  return aMin <= bMax && bMin <= aMax;
}

export function ageMatches(range: AgeRange | undefined, age: number): boolean {
  return agesOverlap(range, { min: age, max: age });
}

function sliceSource(
  file: VFile,
  nodes: { position?: { start: { offset?: number }; end: { offset?: number } } }[],
): string {
  const first = nodes[0]?.position?.start.offset;
  const last = nodes.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) return '';
  return String(file.value).slice(first, last);
}
