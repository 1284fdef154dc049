/**
 * Whether a question names a municipality a local agreement serves («Djupedal», «Li», «Skjer»). Many such
 * names are everyday words too («li» is a hillside, «skjer» happens): those count only capitalised as the
 * agreement writes them, inside a sentence («bor i Li», «frå Skjer», «i Li-skolen», «NAV Li», «…, Li»), or
 * opening the question when what follows marks a place («Li kommune», «Skjer: 17 år …», «Li-skolen»), not
 * «Skjer det noko …». A name no dictionary knows is a place however it is written.
 */
import { isWord } from './lexicon.js';
import { stopWords } from './norwegian.js';

const everydayWords = new Map<string, boolean>();

function isEverydayWord(name: string): boolean {
  let known = everydayWords.get(name);
  if (known === undefined) {
    const words = name.toLowerCase().split(/[\s-]+/u);
    known = words.some((word) => stopWords.has(word) || isWord(word));
    everydayWords.set(name, known);
  }
  return known;
}

/** What follows a name opening the question that makes it a place: a hyphen, a comma or colon, «kommune». */
const placeAfterOpening = /^(?:-\p{L}|\s*[,:]|\s+kommunen?(?![\p{L}\p{N}]))/iu;

export function namesPlace(question: string, name: string): boolean {
  const everyday = isEverydayWord(name);
  // A served name is capitalised words and hyphens only (src/format/served-places.ts): nothing to escape.
  const written = new RegExp(`(?<![\\p{L}\\p{N}])${name}(?![\\p{L}\\p{N}])`, everyday ? 'gu' : 'giu');
  for (const match of question.matchAll(written)) {
    if (!everyday) return true;
    const before = question.slice(0, match.index);
    if (/[\p{L}\p{N},]\s*$/u.test(before)) return true;
    if (before.trim() === '' && placeAfterOpening.test(question.slice(match.index + match[0].length)))
      return true;
  }
  return false;
}
