import type { Root } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';

/** A place name: capitalised words, hyphenated or not («Li», «Nord-Fron», «Øvre Eiker»). */
const place = String.raw`\p{Lu}[\p{Ll}]*(?:-\p{Lu}?[\p{Ll}]+)*(?: \p{Lu}[\p{Ll}]+)?`;

/** Several places: «Ospevik», «Ospevik og Skjer», «Djupedal, Li og Holm». */
const placeList = String.raw`${place}(?:, ${place})*(?: (?:og|eller) ${place})?`;

/**
 * How a local agreement says which municipalities its office serves, in bokmål and nynorsk alike: «NAV
 * Djupedal er NAV-kontor for Djupedal og Li», «NAV-kontoret for Ospevik, Skjer og Holm», «NAV Ospevik dekkjer
 * Ospevik og Skjer», «gjeld for kommunane Djupedal og Li». Each says the office or «kommunane» next to the
 * names, so a capitalised word elsewhere («bor i Strandby kommune») is no municipality the office serves.
 */
const servesSentences = [
  String.raw`NAV-kontor(?:et)? for (${placeList})`,
  String.raw`(?:NAV \p{Lu}\p{Ll}+|NAV-kontoret|[Kk]ontoret) (?:dekker|dekkjer|betjener|tener|gjelder for|gjeld for) (?:(?:kommunene|kommunane|kommunen) )?(${placeList})`,
  String.raw`(?:kommunene|kommunane) (${placeList})`,
].map((sentence) => new RegExp(String.raw`(?<![\p{L}\p{N}])${sentence}(?![\p{L}\p{N}])`, 'u'));

/**
 * Whether a text may say which municipalities an office serves: the fast reader leaves it to the parser. Read
 * on the text with line breaks and Markdown's emphasis and link marks taken out, as the parser's plain text has.
 */
export function mayNameServedPlaces(text: string): boolean {
  const plain = text.replace(/[*_`[\]]/gu, '').replace(/\s+/gu, ' ');
  return servesSentences.some((sentence) => sentence.test(plain));
}

/**
 * The municipalities a local agreement says its NAV office serves, read from its own text outside the clauses
 * (the introduction): a question naming one of them is about that agreement's area. Empty when it names none.
 */
export function readServedPlaces(tree: Root): string[] {
  const served = new Set<string>();
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = plainText(node).replace(/\s+/g, ' ');
    for (const sentence of servesSentences)
      for (const match of text.matchAll(new RegExp(sentence, 'gu')))
        for (const name of (match[1] ?? '').split(/, | og | eller /u)) if (name) served.add(name);
  }
  return [...served];
}
