import type { Point } from 'unist';

/**
 * Markdown's parser takes time that grows with the square of nesting: 500 nested `:::` blocks or
 * 5000 `>` take seconds, a few hundred nested list levels take a minute. An agreement never needs
 * more than a few levels, so deeper structure is refused before it reaches the parser.
 */

const maxNesting = 10;
const maxIndent = 40;
const maxBracketsOnALine = 100;

export interface DepthProblem {
  place: Point;
  message: string;
}

/** Looks at the text after the front matter (YAML has its own limits, src/format/front-matter.ts). */
export function tooDeep(markdown: string, bodyStart: number): DepthProblem | undefined {
  let directives = 0;
  const lines = markdown.split('\n');
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    if (line < bodyStart) continue;
    const indent = /^[ \t]*/.exec(text)?.[0].replace(/\t/g, '    ').length ?? 0;
    if (indent > maxIndent && text.trim() !== '')
      return { place: { line, column: 1 }, message: `Innrykket er for dypt (over ${maxIndent} tegn).` };
    const quotes = /^(?:[ \t]*>)+/.exec(text)?.[0].split('>').length ?? 1;
    if (quotes - 1 > maxNesting)
      return {
        place: { line, column: 1 },
        message: `Sitater kan ikke ligge mer enn ${maxNesting} nivåer inni hverandre.`,
      };
    if (/^[ \t]*:{3,}[A-Za-z]/.test(text)) directives += 1;
    else if (/^[ \t]*:{3,}[ \t]*$/.test(text)) directives = Math.max(0, directives - 1);
    if (directives > maxNesting)
      return {
        place: { line, column: 1 },
        message: `Blokker (:::) kan ikke ligge mer enn ${maxNesting} nivåer inni hverandre.`,
      };
    if ((text.match(/\[/g)?.length ?? 0) > maxBracketsOnALine)
      return { place: { line, column: 1 }, message: `Linjen har for mange hakeparenteser ([).` };
  }
  return undefined;
}
