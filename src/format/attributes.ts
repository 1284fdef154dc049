/**
 * The attributes of a directive's opening line as they are written (`:::ansvar[Tittel]{#id key=value …}`),
 * read leniently, with their columns: remark gives the directive node one position for the whole block, so
 * messages about one attribute need this to point at it, and a line remark could not read as a directive at
 * all needs it to say why.
 */
import type { Point } from 'unist';
import type { VFile } from 'vfile';

export interface WrittenAttribute {
  /** `id` for `#x`, `class` for `.x`, else the key (or the bare word) as written. */
  name: string;
  /** The word itself for a stray word (no `=`, `#` or `.`), else the value as remark reads it. */
  value: string;
  /** Whether the value was written in quotes. */
  quoted: boolean;
  /** 0-based offset in the line where the attribute (its key, `#` or `.`) starts. */
  start: number;
  /** Written with `=` (a value) rather than as a bare word or a `#`/`.` shortcut. */
  assigned: boolean;
}

const token =
  /[#.][^\s#.{}="']+|([^\s={}"']+)=(?:"([^"]*)"?|'([^']*)'?|([^\s{}"']*))|"[^"]*"?|'[^']*'?|[^\s{}]+/gy;

/** Where the attribute block `{…}` of an opening line starts: after `:::name` and its `[label]`. */
function attributeBlockStart(line: string): number | undefined {
  const name = /^ {0,3}:{3,}[A-Za-z][A-Za-z0-9_-]*/.exec(line);
  if (!name) return undefined;
  let position = name[0].length;
  if (line[position] === '[') {
    let depth = 0;
    for (; position < line.length; position += 1) {
      const character = line[position];
      if (character === '\\') position += 1;
      else if (character === '[') depth += 1;
      else if (character === ']' && --depth === 0) break;
    }
    position += 1;
  }
  return line[position] === '{' ? position + 1 : undefined;
}

/** The attributes written on a directive's opening line, in order (empty when it has no `{…}`). */
export function writtenAttributes(line: string): WrittenAttribute[] {
  const start = attributeBlockStart(line);
  return start === undefined ? [] : attributesFrom(line, start);
}

/** The attributes written in `line` from offset `start` (just after its `{`) to its `}` or the line's end. */
export function attributesFrom(line: string, start: number): WrittenAttribute[] {
  const attributes: WrittenAttribute[] = [];
  let position = start;
  while (position < line.length) {
    while (/\s/.test(line[position] ?? '')) position += 1;
    if (position >= line.length || line[position] === '}') break;
    token.lastIndex = position;
    const match = token.exec(line);
    if (!match || match[0] === '') break;
    const text = match[0];
    if (text.startsWith('#') || text.startsWith('.')) {
      attributes.push({
        name: text.startsWith('#') ? 'id' : 'class',
        value: text.slice(1),
        quoted: false,
        start: position,
        assigned: false,
      });
    } else if (match[1] !== undefined) {
      const quoted = match[2] !== undefined || match[3] !== undefined;
      attributes.push({
        name: match[1],
        value: match[2] ?? match[3] ?? match[4] ?? '',
        quoted,
        start: position,
        assigned: true,
      });
    } else {
      attributes.push({
        name: text,
        value: text,
        quoted: false,
        start: position,
        assigned: false,
      });
    }
    position = token.lastIndex;
  }
  return attributes;
}

/**
 * Words written after an unquoted value that belong to it (`hjemmel=opplæringslova § 9-4`): the attribute
 * they continue and the value as it was meant, or undefined when the attribute at `index` is no such word.
 */
export function continuedValue(
  attributes: readonly WrittenAttribute[],
  index: number,
): { attribute: WrittenAttribute; meant: string } | undefined {
  const isWord = (attribute: WrittenAttribute | undefined) =>
    attribute !== undefined && !attribute.assigned && attribute.name !== 'id' && attribute.name !== 'class';
  if (!isWord(attributes[index])) return undefined;
  let first = index;
  while (isWord(attributes[first - 1])) first -= 1;
  const owner = attributes[first - 1];
  if (!owner?.assigned || owner.quoted) return undefined;
  let last = index;
  while (isWord(attributes[last + 1])) last += 1;
  const words = attributes.slice(first, last + 1).map((attribute) => attribute.value);
  return { attribute: owner, meant: [owner.value, ...words].join(' ') };
}

/** The advice for a value with spaces written without quotes. */
export function quoteAdvice(name: string, meant: string): string {
  return `Verdien til «${name}» har mellomrom: sett verdien i anførselstegn (${name}="${meant}").`;
}

/** The text of the line a point is on (found by its offset when known, else by its line number). */
export function lineAt(file: VFile, at: Point): string {
  const value = String(file.value ?? '');
  if (at.offset !== undefined) {
    const lineStart = at.offset - (at.column - 1);
    const end = value.indexOf('\n', lineStart);
    return value.slice(lineStart, end < 0 ? value.length : end);
  }
  for (const { text, line } of linesOf(file)) if (line === at.line) return text;
  return '';
}

/**
 * Where attribute `name` is written on the directive opening at `at` (its first occurrence), for messages
 * about it; `at` itself when the line does not show it.
 */
export function attributePoint(file: VFile, at: Point, name: string): Point {
  const found = writtenAttributes(lineAt(file, at)).find((item) => item.name === name);
  return found ? { line: at.line, column: found.start + 1 } : at;
}

/** Every line of the file, with its 1-based number. */
export function* linesOf(file: VFile): Generator<{ text: string; line: number }> {
  const value = String(file.value ?? '');
  let line = 1;
  for (let offset = 0; offset <= value.length; line += 1) {
    const end = value.indexOf('\n', offset);
    yield { text: value.slice(offset, end < 0 ? value.length : end), line };
    if (end < 0) return;
    offset = end + 1;
  }
}
