import type { Point } from 'unist';

/**
 * What Markdown's parser (micromark) is never given, because its time grows faster than the text. Measured
 * here (docs/security.md, `npm run bench -- --only parse-limits`): nesting grows with its square (500 nested
 * `:::` took 2.4 s, 1,000 list levels a minute); emphasis, link and `<` markers with the square of their
 * number in one paragraph (`*a` × 20,000: 19 s, `a]` on 16,000 lines: 12 s); setext headings with the square
 * of their number in the file (`a` / `=` × 8,000: 55 s); everything else with the size of the file. An
 * agreement needs a small part of each limit: the longest example has 17,000 characters, 240 lines, lines of
 * at most 431 characters, 98 such markers in all and 44 in one paragraph, and no setext heading.
 *
 * The limits are checked on the text as it is, line by line, before anything parses it; a text beyond one
 * is refused with where it went beyond it, and never parsed.
 */
export const parseLimits = {
  characters: 200_000,
  lines: 4_000,
  lineLength: 5_000,
  /** `:::` blocks or `>` quotes inside each other. */
  nesting: 10,
  /** Characters of indentation (a tab counts four): deeper lists and code. */
  indent: 40,
  /** `*`, `_`, `~`, `` ` ``, `[`, `]` and `<` in one paragraph (lines without a blank line between). */
  markersInParagraph: 400,
  markers: 5_000,
  /** Lines of only `=` or `-` under a line of text (the other way to write a heading). */
  setextHeadings: 20,
} as const;

export type LimitRule = 'too-deep' | 'too-large';

export interface LimitProblem {
  place: Point;
  message: string;
  rule: LimitRule;
}

const markerCharacters = /[*_~`[\]<]/g;
const whitespace = /\s/;
const setextUnderline = /^ {0,3}(?:=+|-+)[ \t]*$/;
const fmt = (value: number) => value.toLocaleString('nb-NO');

/**
 * The first limit the text goes beyond, or undefined. `bodyStart` is the first line after the front matter
 * (YAML has its own limits, src/format/front-matter.ts); size and the number of lines count the whole file.
 */
export function beyondLimits(markdown: string, bodyStart = 1): LimitProblem | undefined {
  if (markdown.length > parseLimits.characters) {
    const before = markdown.slice(0, parseLimits.characters);
    const line = countNewlines(before) + 1;
    return {
      place: { line, column: parseLimits.characters - before.lastIndexOf('\n') },
      message: `Avtaleteksten er for lang: ${fmt(markdown.length)} tegn, høyst ${fmt(parseLimits.characters)}. Del den opp i en rammeavtale med delavtaler.`,
      rule: 'too-large',
    };
  }
  const lineCount = countNewlines(markdown) + 1;
  if (lineCount > parseLimits.lines) {
    return {
      place: { line: parseLimits.lines + 1, column: 1 },
      message: `Avtaleteksten har for mange linjer: ${fmt(lineCount)}, høyst ${fmt(parseLimits.lines)}. Del den opp i en rammeavtale med delavtaler.`,
      rule: 'too-large',
    };
  }
  let directives = 0;
  let inParagraph = 0;
  let inFile = 0;
  let setext = 0;
  let previousBlank = true;
  /** The next marker at or after the line being read (-1: none left; -2: not looked for yet). */
  let markerAt = -2;
  // Every version of 20 years of agreements passes here when the lookup index is built: lines are read in
  // place (a string per line was half of this check's time), cut out only where a pattern must read one,
  // and the patterns run only on lines whose first character after the indentation can start what they
  // look for.
  for (let index = 0, next = 0; index < lineCount; index += 1) {
    const start = next;
    const newline = markdown.indexOf('\n', start);
    const end = newline < 0 ? markdown.length : newline;
    next = end + 1;
    if (index < bodyStart - 1) continue;
    const line = index + 1;
    if (end - start > parseLimits.lineLength) {
      return {
        place: { line, column: parseLimits.lineLength + 1 },
        message: `Linjen er for lang: ${fmt(end - start)} tegn, høyst ${fmt(parseLimits.lineLength)}. Del den med linjeskift.`,
        rule: 'too-large',
      };
    }
    let indent = 0;
    let first = start;
    for (; first < end; first += 1) {
      const code = markdown.charCodeAt(first);
      if (code === 0x20) indent += 1;
      else if (code === 0x09) indent += 4;
      else break;
    }
    const opening = first < end ? markdown[first] : undefined;
    const blank =
      opening === undefined || (whitespace.test(opening) && markdown.slice(start, end).trim() === '');
    if (indent > parseLimits.indent && !blank)
      return {
        place: { line, column: 1 },
        message: `Innrykket er for dypt (over ${parseLimits.indent} tegn).`,
        rule: 'too-deep',
      };
    const quotes =
      opening === '>' ? (/^(?:[ \t]*>)+/.exec(markdown.slice(start, end))?.[0].split('>').length ?? 1) : 1;
    if (quotes - 1 > parseLimits.nesting)
      return {
        place: { line, column: 1 },
        message: `Sitater kan ikke ligge mer enn ${parseLimits.nesting} nivåer inni hverandre.`,
        rule: 'too-deep',
      };
    if (opening === ':') {
      const directiveLine = markdown.slice(start, end);
      if (/^[ \t]*:{3,}[A-Za-z]/.test(directiveLine)) directives += 1;
      else if (/^[ \t]*:{3,}[ \t]*$/.test(directiveLine)) directives = Math.max(0, directives - 1);
    }
    if (directives > parseLimits.nesting)
      return {
        place: { line, column: 1 },
        message: `Blokker (:::) kan ikke ligge mer enn ${parseLimits.nesting} nivåer inni hverandre.`,
        rule: 'too-deep',
      };
    if (
      !previousBlank &&
      (opening === '=' || opening === '-') &&
      setextUnderline.test(markdown.slice(start, end))
    ) {
      setext += 1;
      if (setext > parseLimits.setextHeadings)
        return {
          place: { line, column: 1 },
          message: `For mange overskrifter understreket med = eller - (over ${parseLimits.setextHeadings}). Skriv overskrifter med # foran, slik: ## Overskrift.`,
          rule: 'too-large',
        };
    }
    if (blank) inParagraph = 0;
    if (markerAt === -2) markerAt = markerFrom(markdown, start);
    for (; markerAt >= 0 && markerAt < end; markerAt = markerFrom(markdown, markerAt + 1)) {
      inParagraph += 1;
      inFile += 1;
      const place = { line, column: markerAt - start + 1 };
      if (inParagraph > parseLimits.markersInParagraph)
        return {
          place,
          message: `Avsnittet har for mange tegn for utheving, kode og lenker (*, _, ~, \`, [, ], <): over ${parseLimits.markersInParagraph}. Del det opp eller fjern noen.`,
          rule: 'too-large',
        };
      if (inFile > parseLimits.markers)
        return {
          place,
          message: `Avtaleteksten har for mange tegn for utheving, kode og lenker (*, _, ~, \`, [, ], <): over ${fmt(parseLimits.markers)}.`,
          rule: 'too-large',
        };
    }
    previousBlank = blank;
  }
  return undefined;
}

/** Where the next marker character is at or after `from`, -1 when there is none. */
function markerFrom(text: string, from: number): number {
  markerCharacters.lastIndex = from;
  return markerCharacters.exec(text)?.index ?? -1;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
