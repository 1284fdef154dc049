/**
 * A fødselsnummer in an agreement as saving writes it and as a reader sees it. The text a person sends is
 * checked as typed first (personal-data.ts), but the parser decodes character references (`1508&#48;510044`
 * is saved as «15080510044») and a page joins what inline marks split (`1508**05**10044` reads
 * «15080510044»). So a valid parse is read again here, before anything is written: each block's text as
 * rendered (its text nodes joined, references decoded, marks removed), every link's address and title, every
 * clause field, every front-matter value as YAML reads it, and the canonical Markdown itself.
 */
import type { Nodes, Root, Yaml } from 'mdast';
import { parseDocument, visit as visitYaml } from 'yaml';
import { type PlainMessage, plainMessages } from '../format/messages.js';
import { type ParsedAgreement, parseAgreement, toCanonicalMarkdown } from '../format/processor.js';
import type { Saveable } from './agreements.js';
import {
  containsNationalIdNumber,
  type Found,
  findNationalIds,
  maskedNationalId,
  nationalIdMessageAt,
} from './personal-data.js';

/**
 * The validator's verdict on a text as saving reaches it (on the saving thread, or in the check pool's worker
 * threads): for a valid text what saving writes, unless a fødselsnummer stands in what it writes or shows.
 */
export function saveVerdict(markdown: string): {
  ok: boolean;
  messages: PlainMessage[];
  saveable?: Saveable;
} {
  const parsed = parseAgreement(markdown);
  const messages = plainMessages(parsed.file);
  if (!parsed.ok) return { ok: false, messages };
  const written = writtenForm(parsed);
  return written.ok ? { ok: true, messages, saveable: written.saveable } : written;
}

/** What saving writes of a valid parse, or the places where a fødselsnummer stands in what it would write. */
function writtenForm(
  parsed: ParsedAgreement,
): { ok: true; saveable: Saveable } | { ok: false; messages: PlainMessage[] } {
  const source = String(parsed.file.value);
  const shown = nationalIdsAsShown(source, parsed.tree, parsed.agreement.meta);
  if (shown.length > 0) return { ok: false, messages: shown };
  const canonical = toCanonicalMarkdown(parsed);
  // The last guard: what is written, read as stored (its places are in the canonical text).
  const written = findNationalIds(canonical).map(({ start }) => nationalIdMessageAt(canonical, start));
  if (written.length > 0) return { ok: false, messages: written };
  return { ok: true, saveable: { canonical, meta: parsed.agreement.meta } };
}

/**
 * Each place where a reader of the parsed text would see a fødselsnummer, by line and column in `source`
 * (the start of the number where the source can be followed there, else the start of its text).
 */
export function nationalIdsAsShown(source: string, tree: Root, meta: unknown): PlainMessage[] {
  const starts = new Set(shownRanges(source, tree, meta).map(({ start }) => start));
  return [...starts].sort((a, b) => a - b).map((offset) => nationalIdMessageAt(source, offset));
}

/**
 * Where in `source` each fødselsnummer a reader of the parsed text would see stands: from the start of its
 * first digit to the end of its last, markup between included; in front matter, the whole YAML scalar
 * (key or value) whose escapes hide one.
 */
function shownRanges(source: string, tree: Root, meta: unknown): Found[] {
  const ranges: Found[] = [];
  const check = (pieces: Piece[]) => {
    const text = pieces.map((piece) => piece.value).join('');
    for (const { start, end } of findNationalIds(text))
      ranges.push({ start: sourceOffset(source, pieces, start), end: sourceEnd(source, pieces, end) });
  };
  const visit = (node: Nodes) => {
    if (holdsPhrasing(node)) check(phrasingPieces(node));
    if (node.type === 'code') check([{ value: node.value, node }]);
    for (const value of fieldsOf(node)) check([{ value, node }]);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  const frontMatter = tree.children.find((node) => node.type === 'yaml');
  const inYaml = frontMatter ? yamlScalarRanges(source, frontMatter) : [];
  ranges.push(...inYaml);
  // What the metadata holds that neither the front matter as written nor its scalars show (an alias, a
  // merge key) is at the block's start.
  const start = frontMatter?.position?.start.offset ?? 0;
  const written = findNationalIds(source.slice(start, frontMatter?.position?.end.offset ?? start));
  const shown = inYaml.length > 0 || written.length > 0;
  if (!shown && stringsIn(meta).some((value) => findNationalIds(value).length > 0))
    ranges.push({ start, end: start });
  return ranges;
}

/**
 * Each YAML scalar (key or value) in the front matter whose value as YAML reads it holds a fødselsnummer that
 * its source does not show as written (escapes such as `\x34` hide digits), by its whole source in `source`,
 * quotes included: the smallest piece that can be pointed at and masked.
 */
function yamlScalarRanges(source: string, node: Yaml): Found[] {
  const blockStart = node.position?.start.offset ?? 0;
  // The YAML text starts on the line after the opening `---`.
  const yamlStart = source.indexOf('\n', blockStart) + 1;
  const ranges: Found[] = [];
  visitYaml(parseDocument(node.value), {
    Scalar(_key, scalar) {
      if (typeof scalar.value !== 'string' || !scalar.range) return;
      if (findNationalIds(scalar.value).length === 0) return;
      const [start, end] = [yamlStart + scalar.range[0], yamlStart + scalar.range[1]];
      // A number the source shows as written is found there, digit by digit.
      if (findNationalIds(source.slice(start, end)).length === 0) ranges.push({ start, end });
    },
  });
  return ranges;
}

/** A stretch of a block's rendered text and the node it comes from. */
interface Piece {
  value: string;
  node: Nodes;
}

/** Blocks whose children are inline text: what a reader reads as one run of text. */
function holdsPhrasing(node: Nodes): boolean {
  return (
    node.type === 'paragraph' ||
    node.type === 'heading' ||
    node.type === 'tableCell' ||
    node.type === 'leafDirective'
  );
}

/** The text of inline content as rendered: text and code as they read, marks and links gone, a break a line. */
function phrasingPieces(node: Nodes): Piece[] {
  if (node.type === 'text' || node.type === 'inlineCode') return [{ value: node.value, node }];
  if (node.type === 'break') return [{ value: '\n', node }];
  if (node.type === 'image' || node.type === 'imageReference') return [{ value: node.alt ?? '', node }];
  if (!('children' in node)) return [];
  return node.children.flatMap((child) => phrasingPieces(child));
}

/** Text a node carries beside its content: a link's address and title, a clause's fields. */
function fieldsOf(node: Nodes): string[] {
  const fields: string[] = [];
  if ('url' in node) fields.push(node.url);
  if ('title' in node && typeof node.title === 'string') fields.push(node.title);
  if ('attributes' in node && node.attributes)
    for (const value of Object.values(node.attributes)) if (typeof value === 'string') fields.push(value);
  return fields;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

/**
 * Where the character at `index` of the joined pieces stands in `source`: followed through the piece's own
 * source, past the character references, escapes and line prefixes the parser took out; the piece's start
 * where the source cannot be followed.
 */
function sourceOffset(source: string, pieces: Piece[], index: number): number {
  let before = 0;
  for (const piece of pieces) {
    const start = piece.node.position?.start.offset ?? 0;
    if (index < before + piece.value.length) {
      const end = piece.node.position?.end.offset ?? start;
      return start + (followed(source.slice(start, end), piece.value, index - before) ?? 0);
    }
    before += piece.value.length;
  }
  return pieces[0]?.node.position?.start.offset ?? 0;
}

/** Where the number that ends before index `end` of the joined pieces ends in `source` (past a reference). */
function sourceEnd(source: string, pieces: Piece[], end: number): number {
  const last = sourceOffset(source, pieces, end - 1);
  return last + (reference.exec(source.slice(last, last + 40))?.[0].length ?? 1);
}

const reference = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** The offset in `raw` of the character at `index` of `value`, the text the parser read from `raw`. */
function followed(raw: string, value: string, index: number): number | undefined {
  let at = 0;
  for (let position = 0; position < index; ) {
    if (raw[at] === value[position]) {
      at += 1;
      position += 1;
      continue;
    }
    const decoded = reference.exec(raw.slice(at));
    if (decoded) {
      at += decoded[0].length;
      position += (value.codePointAt(position) ?? 0) > 0xffff ? 2 : 1;
    } else if (raw[at] === '\\' || raw[at] === '>' || /\s/.test(raw[at] ?? '')) at += 1;
    else return undefined;
  }
  return at;
}

/**
 * Whether a stored text holds a fødselsnummer as written or as a reader sees it: what every reader of stored
 * versions withholds (stored.ts), whoever committed the text. A save refuses both (`saveVerdict`), but a plain
 * `git commit` or a synchronization brings in what it likes. The text as written is read first; the parser
 * (≈50 ms a national agreement) only when the Markdown could join digits the text as written keeps apart.
 */
export function holdsNationalId(markdown: string): boolean {
  if (containsNationalIdNumber(markdown)) return true;
  if (!mayHideNationalId(markdown)) return false;
  let holds = hiddenVerdicts.get(markdown);
  if (holds === undefined) {
    const parsed = parseAgreement(markdown);
    holds = shownRanges(markdown, parsed.tree, parsed.agreement.meta).length > 0;
    if (hiddenVerdicts.size >= keptVerdicts)
      hiddenVerdicts.delete(hiddenVerdicts.keys().next().value as string);
    hiddenVerdicts.set(markdown, holds);
  }
  return holds;
}

/** The parser's verdicts on texts that could hide a number, the latest few: a page asks again at each view. */
const hiddenVerdicts = new Map<string, boolean>();
const keptVerdicts = 64;

/**
 * What the Markdown drops or joins after a digit, past separators: an inline mark, code, a tag, a link or
 * image (not a directive's label, `[…]{`), an escape or hard break, a text directive; the same or more digits
 * on the next line of the paragraph (a line's indentation, trailing spaces and a quote's `>` are dropped; a
 * list item starts another block); and anywhere a character reference or a YAML escape, which may be a digit
 * itself. Every way the parser can show digits the text keeps apart passes here; so does some ordinary text
 * («§ 5**»), which the parser then clears.
 */
const hidingMarkdown =
  /&(?:#|[A-Za-z][A-Za-z0-9]*;)|\\[xuU]|\p{N}(?:[^\S\n]|[\p{Cf}.\\/_\p{Pd}\u2212\u00b7])*?(?:[*_~`<>[\\]|\](?!\{)|!\[|:[A-Za-z]|\n[ \t>]*(?![-+*][ \t])(?:[^\S\n]|[\p{Cf}.\\/_\p{Pd}\u2212\u00b7>])*?(?:\p{N}|[*_~`<[\\]|!\[|:[A-Za-z]))/uy;

/**
 * The same found roughly first, as `findNationalIds` does: any character beyond ASCII stands for the Unicode
 * separators and invisible characters, and any from U+0600 (or ¹²³¼½¾) for the digits, so that no scan starts
 * at a Norwegian letter. Without `\p{…}` to test at every character this is ten times
 * faster (2.5 s → 0.2 s over the 13,662 versions of the benchmark corpus, none of which it matches), and
 * wherever `hidingMarkdown` matches, this matches from the same place.
 */
const roughlyHiding =
  /&[#A-Za-z]|\\[xuU]|[0-9\u00b2\u00b3\u00b9\u00bc-\u00be\u0600-\uffff][\t\v\f\r .\\/_\-\u0080-\uffff]*?(?:[*_~`<>[\\]|\](?!\{)|!\[|:[A-Za-z]|\n[ \t>]*(?![-+*][ \t])[\t\v\f\r .\\/_\-\u0080-\uffff>]*?(?:[0-9\u0080-\uffff]|[*_~`<[\\]|!\[|:[A-Za-z]))/g;

/**
 * Whether a part of a stored text may hold a fødselsnummer, as written or as its Markdown may show it: the fast
 * reader asks this of the parts it cuts a version into (src/format/stored/version.ts); a text none of whose
 * parts may hold one does not hold one (`holdsNationalId` is false), and one with such a part is asked whole.
 */
export function mayHoldNationalIdPart(part: string): boolean {
  return containsNationalIdNumber(part) || mayHideNationalId(part);
}

/** Whether the Markdown of a text could show digits its text as written keeps apart (`hidingMarkdown`). */
export function mayHideNationalId(markdown: string): boolean {
  roughlyHiding.lastIndex = 0;
  for (let rough = roughlyHiding.exec(markdown); rough; rough = roughlyHiding.exec(markdown)) {
    hidingMarkdown.lastIndex = rough.index;
    if (hidingMarkdown.test(markdown)) return true;
    roughlyHiding.lastIndex = rough.index + 1;
  }
  return false;
}

/**
 * The personal-data errors of a parsed stored text: each number as written and as a reader sees it, by line
 * and column in the text (the places a save would refuse), never the number.
 */
export function storedNationalIdMessages(parsed: ParsedAgreement): PlainMessage[] {
  const source = String(parsed.file.value);
  const starts = new Set([
    ...findNationalIds(source).map(({ start }) => start),
    ...shownRanges(source, parsed.tree, parsed.agreement.meta).map(({ start }) => start),
  ]);
  return [...starts].sort((a, b) => a - b).map((offset) => nationalIdMessageAt(source, offset));
}

/**
 * The stored text an editor opens when it is withheld: each number, as written or as shown, masked (from
 * its first digit to its last, the markup between included), so that it can be corrected in Gjerde.
 */
export function maskStoredNationalIds(markdown: string): string {
  const parsed = parseAgreement(markdown);
  const ranges = [...findNationalIds(markdown), ...shownRanges(markdown, parsed.tree, parsed.agreement.meta)]
    .filter(({ start, end }) => end > start)
    .sort((a, b) => a.start - b.start);
  let masked = '';
  let from = 0;
  for (const { start, end } of ranges) {
    if (end <= from) continue;
    // A range that overlaps the last one only lengthens its mask.
    if (start >= from) masked += markdown.slice(from, start) + maskedNationalId;
    from = end;
  }
  return masked + markdown.slice(from);
}
