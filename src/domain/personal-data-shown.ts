/**
 * A fødselsnummer in an agreement as saving writes it and as a reader sees it. The text a person sends is
 * checked as typed first (personal-data.ts), but the parser decodes character references (`1508&#48;510044`
 * is saved as «15080510044») and a page joins what inline marks split (`1508**05**10044` reads
 * «15080510044»). So a valid parse is read again here, before anything is written: each block's text as
 * rendered (its text nodes joined, references decoded, marks removed), every link's address and title, every
 * clause field, every front-matter value as YAML reads it, and the canonical Markdown itself.
 */
import type { Nodes, Root } from 'mdast';
import { type PlainMessage, plainMessages } from '../format/messages.js';
import { type ParsedAgreement, parseAgreement, toCanonicalMarkdown } from '../format/processor.js';
import type { Saveable } from './agreements.js';
import { findNationalIds, nationalIdMessageAt } from './personal-data.js';

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
  const offsets: number[] = [];
  const check = (pieces: Piece[]) => {
    const text = pieces.map((piece) => piece.value).join('');
    for (const { start } of findNationalIds(text)) offsets.push(sourceOffset(source, pieces, start));
  };
  const visit = (node: Nodes) => {
    if (holdsPhrasing(node)) check(phrasingPieces(node));
    if (node.type === 'code') check([{ value: node.value, node }]);
    for (const value of fieldsOf(node)) check([{ value, node }]);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  const frontMatter = tree.children.find((node) => node.type === 'yaml');
  for (const value of stringsIn(meta))
    if (findNationalIds(value).length > 0) offsets.push(frontMatter?.position?.start.offset ?? 0);
  return [...new Set(offsets)].sort((a, b) => a - b).map((offset) => nationalIdMessageAt(source, offset));
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
