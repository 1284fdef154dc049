import type { Nodes, Paragraph, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { glossaryDirective } from '../../format/glossary.js';
import type { Agreement, GlossaryEntry } from '../../format/types.js';
import { countWords, Locator, readingMinutes, splitSentences, stripInlineMarkup } from '../text.js';
import {
  acronymPattern,
  commonAcronyms,
  deponentVerbs,
  jargonTerms,
  ownerlessPhrases,
  passiveDuty,
} from './wording.js';

/** Rule ids of the checks for short and clear agreements; documented in docs/format.md. */
export type ClarityRule =
  | 'too-long'
  | 'long-sentence'
  | 'long-paragraph'
  | 'unknown-term'
  | 'no-owner-phrase'
  | 'repeated-text';

export const claritySource = 'gjerde-klarhet';
export const defaultWordBudget = 1000;
export const maxSentenceWords = 30;
export const maxParagraphWords = 120;
/** Shorter sentences repeat naturally («Saken tas til samarbeidsutvalget.»). */
const minRepeatedWords = 6;

export interface ClarityStats {
  words: number;
  readingMinutes: number;
  wordBudget: number;
}

declare module 'vfile' {
  interface DataMap {
    /** The template's word budget, set before the checks run. */
    wordBudget: number;
    /** The shared glossary's terms, known as the agreement's own glossary is. */
    sharedTerms: readonly GlossaryEntry[];
    clarity: ClarityStats;
  }
}

type Place = { line: number; column: number };

function warn(file: VFile, reason: string, place: Place, ruleId: ClarityRule): void {
  const message = file.message(reason, { place, ruleId, source: claritySource });
  message.fatal = false;
}

/**
 * Checks for short and clear agreements, as a unified plugin after the agreement plugin (it needs
 * `file.data.agreement` for the glossary and the parties). Every finding is a warning: it never
 * blocks saving or approval.
 */
const remarkClarity: Plugin<[], Root> = () => (tree: Root, file: VFile) => {
  const agreement = file.data.agreement;
  if (!agreement) return;
  file.data.clarity = checkClarity(
    tree,
    file,
    agreement,
    file.data.wordBudget ?? defaultWordBudget,
    file.data.sharedTerms ?? [],
  );
};

export default remarkClarity;

function isGlossary(node: Nodes): boolean {
  return node.type === 'containerDirective' && (node as ContainerDirective).name === glossaryDirective;
}

/** Depth-first, in document order; `inGlossary` tells whether an `:::ordliste` encloses the node. */
function walk(node: Nodes, visitor: (node: Nodes, inGlossary: boolean) => void, inGlossary = false): void {
  if (node.type === 'yaml') return;
  visitor(node, inGlossary);
  if ('children' in node) {
    const inside = inGlossary || isGlossary(node);
    for (const child of node.children) walk(child as Nodes, visitor, inside);
  }
}

function isClauseLabel(node: Paragraph): boolean {
  return node.data?.directiveLabel === true;
}

export function checkClarity(
  tree: Root,
  file: VFile,
  agreement: Agreement,
  wordBudget: number,
  sharedTerms: readonly GlossaryEntry[] = [],
): ClarityStats {
  const source = String(file.value);
  const locate = new Locator(source);
  let words = 0;
  let firstBodyPoint: Place | undefined;
  const known = knownTerms(agreement, sharedTerms);
  const flaggedAcronyms = new Set<string>();
  const flaggedJargon = new Set<string>();
  const sentencesSeen = new Map<string, number>();

  walk(tree, (node, glossary) => {
    if (!firstBodyPoint && node.position && node.type !== 'root') {
      firstBodyPoint = { line: node.position.start.line, column: node.position.start.column };
    }
    if (node.type === 'text' || node.type === 'inlineCode') {
      words += countWords(node.value);
      if (node.type === 'text' && !glossary) {
        checkAcronyms(file, node.value, node.position?.start.offset, locate, known, flaggedAcronyms);
      }
    } else if (node.type === 'paragraph' && !glossary && !isClauseLabel(node)) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) {
        checkParagraph(file, source.slice(start, end), start, locate, known, flaggedJargon, sentencesSeen);
      }
    }
  });

  if (words > wordBudget) {
    warn(
      file,
      `Avtalen har ${formatNumber(words)} ord; malen anbefaler høyst ${formatNumber(wordBudget)}. Korte avtaler blir lest og brukt: stryk det som ikke sier hvem som gjør hva.`,
      firstBodyPoint ?? { line: 1, column: 1 },
      'too-long',
    );
  }
  return { words, readingMinutes: readingMinutes(words), wordBudget };
}

function checkParagraph(
  file: VFile,
  raw: string,
  offset: number,
  locate: Locator,
  known: KnownTerms,
  flaggedJargon: Set<string>,
  sentencesSeen: Map<string, number>,
): void {
  const plain = stripInlineMarkup(raw);
  const paragraphWords = countWords(plain);
  if (paragraphWords > maxParagraphWords) {
    warn(
      file,
      `Avsnittet har ${paragraphWords} ord (anbefalt høyst ${maxParagraphWords}). Del det opp, eller gjør det til en punktliste.`,
      locate.point(offset),
      'long-paragraph',
    );
  }
  for (const sentence of splitSentences(raw)) {
    const at = offset + sentence.offset;
    const text = stripInlineMarkup(sentence.text).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
    const sentenceWords = countWords(text);
    if (sentenceWords > maxSentenceWords) {
      warn(
        file,
        `Setningen har ${sentenceWords} ord (anbefalt høyst ${maxSentenceWords}). Del den i to: én setning, én beskjed.`,
        locate.point(at),
        'long-sentence',
      );
    }
    checkOwnerless(file, sentence.text, at, locate);
    for (const { term, pattern } of jargonTerms) {
      const match = pattern.exec(sentence.text);
      if (!match || flaggedJargon.has(term) || known.explains(term)) continue;
      flaggedJargon.add(term);
      warn(
        file,
        `«${match[0]}» er et fagord som ikke står i ordlisten. Forklar det i ordlisten, eller skriv med vanlige ord: fagsjargong fra den ene parten er ofte ukjent for den andre.`,
        locate.point(at + match.index),
        'unknown-term',
      );
    }
    if (sentenceWords >= minRepeatedWords) {
      const key = text
        .toLowerCase()
        .replace(/[.!?:;,]+$/u, '')
        .replace(/\s+/g, ' ')
        .trim();
      const first = sentencesSeen.get(key);
      if (first === undefined) sentencesSeen.set(key, locate.point(at).line);
      else {
        warn(
          file,
          `Samme setning står også på linje ${first}. Si det én gang, og vis til punktet der det står.`,
          locate.point(at),
          'repeated-text',
        );
      }
    }
  }
}

function checkOwnerless(file: VFile, sentence: string, offset: number, locate: Locator): void {
  for (const { phrase, pattern } of ownerlessPhrases) {
    const match = pattern.exec(sentence);
    if (!match) continue;
    warn(
      file,
      `«${match[0]}» sier ikke hvem som har ansvaret (${phrase} …). Skriv hvem som gjør det, f.eks. «OT sørger for at …».`,
      locate.point(offset + match.index),
      'no-owner-phrase',
    );
    return; // one finding a sentence is enough
  }
  const passive = passiveDuty.exec(sentence);
  if (!passive || deponentVerbs.has((passive[2] ?? '').toLowerCase())) return;
  const after = sentence.slice(passive.index + passive[0].length);
  if (/\sav\s/iu.test(` ${after.split(/[,;]/)[0] ?? ''}`) || /^\s*\p{L}*\s*av\s/iu.test(after)) return;
  warn(
    file,
    `«${passive[0]}» sier ikke hvem som gjør det. Skriv hvem, f.eks. «NAV-kontoret følger opp …» eller «… følges opp av OT».`,
    locate.point(offset + passive.index),
    'no-owner-phrase',
  );
}

interface KnownTerms {
  acronym(value: string): boolean;
  explains(term: string): boolean;
}

/**
 * What the agreement itself explains (glossary terms and their other names, the parties' names), and what
 * the shared glossary explains for every agreement.
 */
function knownTerms(agreement: Agreement, sharedTerms: readonly GlossaryEntry[]): KnownTerms {
  const glossary = [...agreement.glossary, ...sharedTerms];
  const names = [
    ...glossary.flatMap((entry) => [entry.term, ...entry.aliases]),
    ...agreement.meta.parties.map((party) => party.name),
    ...agreement.meta.contacts.map((contact) => contact.role),
  ];
  const acronyms = new Set<string>(commonAcronyms);
  for (const name of names) for (const match of name.matchAll(acronymPattern)) acronyms.add(match[0]);
  const lowered = glossary
    .flatMap((entry) => [entry.term, ...entry.aliases])
    .map((name) => name.toLowerCase());
  return {
    acronym: (value) => acronyms.has(value),
    explains: (term) => lowered.some((name) => name.includes(term) || term.includes(name)),
  };
}

function checkAcronyms(
  file: VFile,
  text: string,
  offset: number | undefined,
  locate: Locator,
  known: KnownTerms,
  flagged: Set<string>,
): void {
  if (offset === undefined) return;
  for (const match of text.matchAll(acronymPattern)) {
    const acronym = match[0];
    if (known.acronym(acronym) || flagged.has(acronym)) continue;
    flagged.add(acronym);
    warn(
      file,
      `Forkortelsen «${acronym}» står ikke i ordlisten. Forklar den der, eller skriv ordet ut: den andre parten kjenner ikke nødvendigvis forkortelsen.`,
      locate.point(offset + (match.index ?? 0)),
      'unknown-term',
    );
  }
}

function formatNumber(value: number): string {
  return new Intl.NumberFormat('nb-NO').format(value);
}
