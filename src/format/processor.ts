import type { Root } from 'mdast';
import { directiveFromMarkdown, directiveToMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { type Processor, unified } from 'unified';
import type { Point } from 'unist';
import { VFile } from 'vfile';
import { frontMatterPattern } from './front-matter.js';
import { beyondLimits } from './limits.js';
import { hasErrors, type RuleId, reportError } from './messages.js';
import remarkAgreement from './remark-agreement.js';
import type { Agreement } from './types.js';

/** The canonical Markdown style: what saving writes, and what a canonical file already is. */
export const canonicalStyle: StringifyOptions = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
};

/**
 * Directive syntax, as remark-directive adds it, but writing attributes unquoted where that is
 * unambiguous (`ansvarlig=nav-vestland`), the way people write them by hand.
 *
 * Only the block forms (`:::ansvar`, `::navn`): the format has no inline directives, and with them
 * ordinary Norwegian text such as «NAV:s ansvar» or «fk:ot» would lose «:s» and «:ot» (parsed as
 * a directive named `s`), so the text of a clause would not be what the file says.
 */
function remarkDirectiveCanonical(this: Processor) {
  const data = this.data();
  data.micromarkExtensions ??= [];
  data.fromMarkdownExtensions ??= [];
  data.toMarkdownExtensions ??= [];
  const { flow } = directive();
  data.micromarkExtensions.push({ flow });
  data.fromMarkdownExtensions.push(directiveFromMarkdown());
  const toMarkdown = directiveToMarkdown({ preferUnquoted: true });
  // Without inline directives, a colon inside a line needs no escaping («NAV:s» stays «NAV:s»).
  toMarkdown.unsafe = toMarkdown.unsafe?.filter(
    (pattern) => ![pattern.inConstruct ?? []].flat().includes('phrasing'),
  );
  data.toMarkdownExtensions.push(toMarkdown);
}

export function createProcessor() {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirectiveCanonical)
    .use(remarkAgreement)
    .use(remarkStringify, canonicalStyle)
    .freeze();
}

const processor = createProcessor();

export interface ParsedAgreement {
  /** Present even when the file has errors, so that views can show what could be read. */
  agreement: Agreement;
  file: VFile;
  tree: Root;
  ok: boolean;
}

/** Parses and validates one agreement file. Never throws on bad input: problems are in `file.messages`. */
export function parseAgreement(markdown: string, path?: string): ParsedAgreement {
  const refused = refuseBeyondLimits(markdown, path);
  if (refused) return refused;
  const file = new VFile({ value: markdown, path });
  const tree = processor.parse(file);
  processor.runSync(tree, file);
  const agreement = file.data.agreement as Agreement;
  return { agreement, file, tree, ok: !hasErrors(file) };
}

/** A file beyond the parser's limits (limits.ts), refused without parsing it; undefined when within them. */
export function refuseBeyondLimits(markdown: string, path?: string): ParsedAgreement | undefined {
  const beyond = beyondLimits(markdown, frontMatterOf(markdown).split('\n').length);
  return beyond && refuseAgreement(markdown, beyond.message, beyond.place, beyond.rule, path);
}

/**
 * A file refused without parsing its text: only its front matter is read (what views show of a broken
 * file), and the reason is its error.
 */
export function refuseAgreement(
  markdown: string,
  reason: string,
  place: Point,
  rule: RuleId,
  path?: string,
): ParsedAgreement {
  const frontMatter = frontMatterOf(markdown);
  const readable = beyondLimits(frontMatter, Number.POSITIVE_INFINITY) ? '' : frontMatter;
  const parsed = parseAgreement(readable, path);
  parsed.file.value = markdown;
  reportError(parsed.file, reason, place, rule);
  return { ...parsed, ok: false };
}

function frontMatterOf(markdown: string): string {
  return frontMatterPattern.exec(markdown)?.[0] ?? '';
}

/** The canonical form of a file, as saving writes it. */
export function toCanonicalMarkdown(parsed: ParsedAgreement): string {
  return processor.stringify(parsed.tree, parsed.file);
}
