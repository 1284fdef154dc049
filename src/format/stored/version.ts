/**
 * Reads the meaning of many stored agreement versions fast enough for an index over 20 years of history.
 *
 * A full remark parse of a 25-clause agreement takes ≈50 ms here (micromark is thorough, not fast), so
 * 14,000 versions would take more than ten minutes. Most of a new version is the previous one unchanged,
 * and the files are in the canonical form Gjerde writes. So:
 *
 * - the front matter is read with js-yaml (see front-matter.ts), once per distinct text;
 * - drafts are recognised from their `status:` line and skipped (drafts never answer lookups);
 * - each `:::ansvar` block is cut out by lines and read once per distinct text. The block's syntax is
 *   read here only when it is plain (attributes without character references, text without Markdown
 *   inline syntax); its *meaning* is read by the format's own `readClause`, from nodes shaped as
 *   remark-directive shapes them;
 * - anything else (code fences, HTML, links, indented or nested directives, inline Markdown, an unusual
 *   line, an invisible character) sends the whole file through the real parser, `parseAgreement`.
 *
 * Validity is the parser's too: the front matter's rules (`readMetaData`), each clause's (`readClause`) and
 * the whole agreement's (`checkConsistency`) run on what the fast path read, and a version with any error
 * is read again by `parseAgreement`, whose verdict and messages count. A stored version the validator
 * refuses (a commit made outside Gjerde) is so never taken for a valid one.
 *
 * A test checks that this gives the same clauses, glossary, metadata and validity as `parseAgreement` for
 * every example version, every format fixture and a sample of the benchmark corpus.
 */
import type { Paragraph, Text } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { VFile } from 'vfile';
import { readClause } from '../clauses.js';
import { checkConsistency } from '../consistency.js';
import { splitFrontMatter } from '../front-matter.js';
import { readGlossary } from '../glossary.js';
import { findInvisibleCharacter } from '../input.js';
import { beyondLimits } from '../limits.js';
import { hasErrors } from '../messages.js';
import { parseAgreement } from '../processor.js';
import { isUnsafeText } from '../safety.js';
import { mayNameServedPlaces } from '../served-places.js';
import type { AgreementMeta, Clause, GlossaryEntry } from '../types.js';
import { readMetaFast, type YamlParts } from './front-matter.js';

export interface VersionContent {
  meta: AgreementMeta;
  clauses: Clause[];
  glossary: GlossaryEntry[];
}

/** A stored version as read: its meaning, and whether the validator accepts it. */
export interface ReadVersion extends VersionContent {
  ok: boolean;
  /**
   * Set by a reader given `mayHoldNationalId` for a version it read in the plain form: true when no part of
   * the text may hold a fødselsnummer (so the whole text holds none), false when some part may (then the
   * whole text must be asked). Absent otherwise.
   */
  nationalIdFree?: boolean;
}

export interface VersionReaderOptions {
  /**
   * Whether a part of a stored text may hold a fødselsnummer, as written or as the Markdown shows it
   * (domain/personal-data-shown.ts). The reader asks it once per distinct clause or glossary block and once
   * per version for the text outside them, cut where the text meets a block's `:::` (see `readPlain`).
   */
  mayHoldNationalId?: (part: string) => boolean;
}

/** Thrown inside the fast path: the file is not plain enough, use the real parser. */
class NotPlain extends Error {}

const draftStatus = /^status:[ \t]*(["']?)(utkast|til-godkjenning)\1[ \t]*(?:#.*)?$/m;
/** Characters that are Markdown inline syntax or character references in text or labels. */
const inlineSyntax = /[*_`[\]<>\\&~|]/;
/** Line starts that open another block (list, heading, quote, setext underline, fence, table, HTML). */
const blockStart = /^(?: {0,3})(?:[-+*>#=|<`~]|\d{1,9}[.)])/;
const attributeName = /^[A-Za-z_:][A-Za-z0-9_.:-]*$/;

export class VersionReader {
  private readonly metas = new Map<string, { meta: AgreementMeta; ok: boolean }>();
  private readonly metaParts: YamlParts = new Map();
  /**
   * Clause blocks read, by their opening line, each with its whole text: a block is found among those with
   * its opening line by comparing texts. Keyed by the whole text, every block of every version (210,000 of
   * ≈500 characters in the benchmark corpus) was hashed to be found, twice the time of comparing it.
   */
  private readonly clauses = new Map<string, KnownBlock<Clause>[]>();
  private readonly glossaries = new Map<string, KnownBlock<GlossaryEntry[]>>();
  /**
   * `mayNameServedPlaces` of the texts between blocks, by the text: a local agreement's versions repeat their
   * introduction (the benchmark corpus: 14,572 such texts in its 7,286 answering local versions, 600 distinct),
   * and reading each again was 3 % of an index build.
   */
  private readonly placeTexts = new Map<string, boolean>();
  /** Files that went through the full parser. */
  fullParses = 0;

  constructor(private readonly options: VersionReaderOptions = {}) {}

  /** Whether the version is a draft (or awaiting approval), from its front matter alone. */
  static isDraft(markdown: string): boolean {
    const yaml = splitFrontMatter(markdown)?.yaml;
    return yaml !== undefined && draftStatus.test(yaml);
  }

  /**
   * `isDraft` of a stored file's UTF-8 bytes, decoding only its front matter (an index build skips drafts, two
   * versions in five, without decoding them whole): up to the end of the first later line that starts with
   * `---`, where Gjerde's files close it. Undefined when it does not close there (then decode the file and ask
   * `isDraft`).
   */
  static isDraftBytes(bytes: Buffer): boolean | undefined {
    const closing = bytes.indexOf('\n---', 3);
    const lineEnd = closing < 0 ? -1 : bytes.indexOf(0x0a, closing + 4);
    if (lineEnd < 0) return undefined;
    // Cut after a line end, the text decoded is the file's own beginning, and front matter closing in it is
    // the whole file's.
    const front = splitFrontMatter(bytes.subarray(0, lineEnd + 1).toString('utf8'));
    if (!front) return undefined;
    return draftStatus.test(front.yaml);
  }

  /**
   * The version's metadata, clauses and glossary, and whether it is valid. Equal texts give the same
   * (shared, frozen-by-convention) objects, so unchanged clauses across versions are one object.
   */
  read(markdown: string): ReadVersion {
    try {
      return { ...this.readPlain(markdown), ok: true };
    } catch (error) {
      if (!(error instanceof NotPlain)) throw error;
      this.fullParses += 1;
      const parsed = parseAgreement(markdown);
      return { ...parsed.agreement, ok: parsed.ok };
    }
  }

  /** A valid version in the plain form; anything else (also any error) throws NotPlain. */
  private readPlain(markdown: string): VersionContent & { nationalIdFree?: boolean } {
    // The validator reports invisible characters wherever they are: let it.
    if (markdown.includes('\r') || findInvisibleCharacter(markdown)) throw new NotPlain();
    const front = splitFrontMatter(markdown);
    if (!front) throw new NotPlain();
    const { yaml } = front;
    let read = this.metas.get(yaml);
    if (!read) {
      const own = copyOf(yaml);
      read = readMetaFast(own, this.metaParts);
      this.metas.set(own, read);
    }
    if (!read.ok) throw new NotPlain();
    const { meta } = read;
    // A fødselsnummer is looked for in the parts a version's text is cut into where it meets a block's `:::`
    // (the text before the first block, each block, the text between and after them): once per distinct
    // block, and per version only outside them. No number and no Markdown that could show one spans such
    // a cut, which always has a block's `:` on one side: a `:` is no digit or separator, and the Markdown
    // that could show one only takes a `:` followed by a letter, which a block's opening `:::` and its
    // closing `:::` (then a line end) never are.
    const mayHold = this.options.mayHoldNationalId;
    let held = false;
    const free = () => (mayHold ? { nationalIdFree: !held } : {});
    // A file that ends on the closing `---` has no body to read.
    if (!markdown.endsWith('\n', front.bodyStart)) {
      held = mayHold?.(markdown) ?? false;
      return { meta, clauses: [], glossary: [], ...free() };
    }
    const { bodyStart } = front;
    let line = countLines(markdown, 0, bodyStart) + 1;
    if (beyondLimits(markdown, line)) throw new NotPlain();
    const clauses: Clause[] = [];
    const glossary: GlossaryEntry[] = [];
    let position = bodyStart;
    for (;;) {
      const open = markdown.indexOf(':::', position);
      const between = markdown.slice(position, open < 0 ? markdown.length : open);
      checkBetween(between);
      // Which municipalities a local agreement serves is read from its prose by the parser (served-places.ts).
      if (meta.kind === 'lokal' && this.mayNamePlaces(between)) throw new NotPlain();
      if (mayHold && !held)
        held = mayHold(
          position === bodyStart ? markdown.slice(0, open < 0 ? markdown.length : open) : between,
        );
      if (open < 0) break;
      // A directive starts a line, after a blank line (or at the start of the body).
      if (
        open !== bodyStart &&
        (markdown[open - 1] !== '\n' || (open - 1 !== bodyStart - 1 && markdown[open - 2] !== '\n'))
      ) {
        throw new NotPlain();
      }
      line += countLines(markdown, position, open);
      const close = markdown.indexOf('\n:::', open);
      const after = close + 4;
      if (close < 0 || (after < markdown.length && markdown[after] !== '\n')) throw new NotPlain();
      const source = markdown.slice(open, after);
      if (source.startsWith(':::ansvar')) {
        const known = this.clauses.get(markdown.slice(open, markdown.indexOf('\n', open)));
        let block: KnownBlock<Clause> | undefined;
        for (const candidate of known ?? []) {
          if (candidate.source !== source) continue;
          block = candidate;
          break;
        }
        if (!block) {
          const own = copyOf(source);
          block = { source: own, read: readClauseBlock(own.split('\n'), line) };
          if (known) known.push(block);
          else this.clauses.set(own.slice(0, own.indexOf('\n')), [block]);
        }
        if (mayHold && !held) held = block.mayHoldNationalId ??= mayHold(block.source);
        const clause = block.read;
        // Unchanged clauses are shared; only the line they start on differs between versions.
        clauses.push(clause.position.line === line ? clause : { ...clause, position: { line, column: 1 } });
      } else if (source.startsWith(':::ordliste\n')) {
        let block = this.glossaries.get(source);
        if (!block) {
          const own = copyOf(source);
          block = { source: own, read: readGlossaryBlock(own.split('\n')) };
          this.glossaries.set(own, block);
        }
        if (mayHold && !held) held = block.mayHoldNationalId ??= mayHold(block.source);
        glossary.push(...block.read);
      } else {
        throw new NotPlain();
      }
      line += countLines(markdown, open, after);
      position = after;
      // The line after a closing fence is blank or the end of the file.
      if (after < markdown.length && markdown[after + 1] !== '\n' && after + 1 < markdown.length)
        throw new NotPlain();
    }
    const agreement = { meta, clauses, glossary };
    const file = new VFile({ value: markdown });
    checkConsistency(file, agreement);
    if (hasErrors(file)) throw new NotPlain();
    return { ...agreement, ...free() };
  }

  private mayNamePlaces(text: string): boolean {
    let names = this.placeTexts.get(text);
    if (names === undefined) {
      names = mayNameServedPlaces(text);
      this.placeTexts.set(copyOf(text), names);
    }
    return names;
  }
}

/** A distinct block read, by its whole text; whether it may hold a fødselsnummer is asked when needed. */
interface KnownBlock<T> {
  source: string;
  read: T;
  mayHoldNationalId?: boolean;
}

/**
 * A copy of a part of the file that holds no more of it: strings cut out of a file keep the whole file in
 * memory (V8's sliced strings), and the index keeps clauses and metadata from thousands of versions
 * (measured: 277 MB of heap after a build of the benchmark corpus without copies, 90 MB with them). What is
 * read from the copy holds only the copy, which is kept anyway as the key its reading is found by: one
 * string copied per distinct block instead of every string of what was read from it (a JSON round trip of
 * each result cost 0.6 s of a build's 8 s of CPU).
 */
function copyOf(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Text outside directives must not hide or fake one (no fenced code, HTML blocks, stray `:::` or a line that
 * starts with a colon, as a near miss of a clause marker does), and what the validator checks there (HTML,
 * link targets) sends the file to the parser.
 */
function checkBetween(text: string): void {
  if (/(?:^|\n) {0,3}(?:```|~~~|:)|<|\]\(|\]:/.test(text)) throw new NotPlain();
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', from); index >= 0 && index < to; index = text.indexOf('\n', index + 1))
    count += 1;
  return count;
}

/**
 * One clause block cut out of a stored file (`:::ansvar…` to its closing fence, starting on `line`), read
 * as the fast path reads it; undefined when it is not plain or has an error (then the parser decides).
 */
export function readPlainClause(block: string, line: number): Clause | undefined {
  try {
    return readClauseBlock(block.replace(/\n$/, '').split('\n'), line);
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

/** `:::ansvar[Title]{attributes}` + plain paragraphs + `:::`, read by the format's own clause reader. */
function readClauseBlock(block: string[], line: number): Clause {
  const open = block[0] as string;
  const match = /^:::ansvar\[([^\]]*)\]\{(.*)\}$/.exec(open);
  if (!match) throw new NotPlain();
  const title = match[1] as string;
  if (inlineSyntax.test(title) || title.trim() !== title || title === '') throw new NotPlain();
  const attributes = readAttributes(match[2] as string);
  if (Object.values(attributes).some(isUnsafeText)) throw new NotPlain();

  const source = block.join('\n');
  const body = block.slice(1, -1);
  const children: Paragraph[] = [];
  let offset = open.length + 1;
  let paragraph: { lines: string[]; start: number; end: number } | undefined;
  const flush = () => {
    if (!paragraph) return;
    const text: Text = { type: 'text', value: paragraph.lines.join('\n') };
    children.push({
      type: 'paragraph',
      children: [text],
      position: {
        start: { line: 0, column: 0, offset: paragraph.start },
        end: { line: 0, column: 0, offset: paragraph.end },
      },
    });
    paragraph = undefined;
  };
  for (const bodyLine of body) {
    if (bodyLine.trim() === '') {
      if (bodyLine !== '') throw new NotPlain();
      flush();
    } else {
      if (!paragraph && /^[ \t]/.test(bodyLine)) throw new NotPlain();
      if (
        blockStart.test(bodyLine) ||
        inlineSyntax.test(bodyLine) ||
        /\s$/.test(bodyLine) ||
        /\t|:::|^ *:/.test(bodyLine)
      ) {
        throw new NotPlain();
      }
      const stripped = bodyLine.replace(/^ +/, '');
      const start = offset + (bodyLine.length - stripped.length);
      if (paragraph) paragraph.lines.push(stripped);
      else paragraph = { lines: [stripped], start, end: 0 };
      paragraph.end = offset + bodyLine.length;
    }
    offset += bodyLine.length + 1;
  }
  flush();

  const label: Paragraph = {
    type: 'paragraph',
    data: { directiveLabel: true },
    children: [{ type: 'text', value: title }],
  };
  const node: ContainerDirective = {
    type: 'containerDirective',
    name: 'ansvar',
    attributes,
    children: [label, ...children],
    position: {
      start: { line, column: 1, offset: 0 },
      end: { line: line + block.length - 1, column: 4, offset: source.length },
    },
  };
  const file = new VFile({ value: source });
  const clause = readClause(file, node);
  if (hasErrors(file)) throw new NotPlain();
  return clause;
}

/** Directive attributes in their plain forms: `#id`, `key=value`, `key="value"`, `key='value'`. */
function readAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const set = (key: string, value: string) => {
    if (Object.hasOwn(attributes, key) || !attributeName.test(key) || value.includes('&'))
      throw new NotPlain();
    attributes[key] = value;
  };
  const pattern = /\s*(?:#([A-Za-z0-9_-]+)|([^\s="'#.{}]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`{}]+)))/y;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match) {
      if (text.slice(position).trim() === '') break;
      throw new NotPlain();
    }
    if (match[1] !== undefined) set('id', match[1]);
    else set(match[2] as string, match[3] ?? match[4] ?? match[5] ?? '');
    position = pattern.lastIndex;
    // Attributes are separated by whitespace.
    if (position < text.length && !/\s/.test(text[position] as string)) throw new NotPlain();
  }
  return attributes;
}

/** `- **Term** (aliases): definition` items, one line each, read by the format's own glossary reader. */
function readGlossaryBlock(block: string[]): GlossaryEntry[] {
  const listItems = [];
  for (const line of block.slice(1, -1)) {
    if (line === '') continue;
    const match = /^- \*\*([^*]+)\*\*(.*)$/.exec(line);
    if (
      !match ||
      inlineSyntax.test(match[1] as string) ||
      inlineSyntax.test(match[2] as string) ||
      /\s$/.test(line)
    ) {
      throw new NotPlain();
    }
    listItems.push({
      type: 'listItem' as const,
      children: [
        {
          type: 'paragraph' as const,
          children: [
            { type: 'strong' as const, children: [{ type: 'text' as const, value: match[1] as string }] },
            { type: 'text' as const, value: match[2] as string },
          ],
        },
      ],
    });
  }
  const node: ContainerDirective = {
    type: 'containerDirective',
    name: 'ordliste',
    children: [{ type: 'list', ordered: false, spread: false, children: listItems }],
  };
  return readGlossary(new VFile(), node);
}
