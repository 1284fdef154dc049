import type { Root } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';

/** A place name: capitalised words, hyphenated or not («Li», «Nord-Fron», «Øvre Eiker»). */
const place = String.raw`\p{Lu}[\p{Ll}]*(?:-\p{Lu}?[\p{Ll}]+)*(?: \p{Lu}[\p{Ll}]+)?`;

/**
 * «NAV Djupedal er NAV-kontor for Djupedal og Li», «NAV-kontoret for Ospevik, Skjer og Holm»: how a local
 * agreement says which municipalities its office serves, in bokmål and nynorsk alike.
 */
const servesSentence = new RegExp(
  String.raw`NAV-kontor(?:et)? for (${place}(?:, ${place})*(?: (?:og|eller) ${place})?)(?![\p{L}\p{N}])`,
  'gu',
);

/** Whether a text may say which municipalities an office serves: the fast reader leaves it to the parser. */
export function mayNameServedPlaces(text: string): boolean {
  return /NAV-kontor(?:et)?\s+for\s/u.test(text);
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
    for (const match of text.matchAll(servesSentence))
      for (const name of (match[1] ?? '').split(/, | og | eller /u)) if (name) served.add(name);
  }
  return [...served];
}
