import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString as hastText } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { clauseDirective } from '../format/clauses.js';
import { glossaryDirective } from '../format/glossary.js';
import { beyondLimits } from '../format/limits.js';
import { createProcessor } from '../format/processor.js';
import type { Agreement, Clause } from '../format/types.js';
import { clauseFacts, clauseVerdict, contactLink } from '../format/wording.js';
import type { ExplainedTerm } from '../glossary/glossary.js';
import { markTerms, type TermMarker } from './term-marks.js';

/**
 * Agreement Markdown → safe HTML. Raw HTML in the Markdown is dropped, and rehype-sanitize removes
 * scripts, event handlers and `javascript:` URLs. Clause headers are added only after sanitizing,
 * from the parsed clause data, so their ids and markup are Gjerde's own and never the author's.
 */
const toHtml = unified()
  .use(remarkRehype)
  .use(rehypeSanitize, {
    ...defaultSchema,
    tagNames: [...(defaultSchema.tagNames ?? []), 'section', 'aside'],
    attributes: { ...defaultSchema.attributes, section: ['dataClause'], aside: ['dataGlossary'] },
  })
  .use(rehypeClauseHeaders)
  // After sanitizing, which would prefix the ids: ours, for the table of contents.
  .use(rehypeSlug, { prefix: 'avsnitt-' })
  .use(rehypeStringify);

const parser = createProcessor();

/**
 * A line under a clause on the agreement page: a committee decision about it, a link to raise a case or to
 * compare counties, or a warning (a repealed legal basis), which leads with a tag that says so.
 */
export interface ClauseNote {
  text?: string;
  link?: { href: string; text: string };
  warning?: string;
}

interface ClauseData {
  agreement: Agreement;
  notes?: (clause: Clause) => ClauseNote[];
  topLevel: number;
}

export interface AgreementHtmlOptions {
  clauseNotes?: (clause: Clause) => ClauseNote[];
  /** The glossaries' terms to mark in the text (term-marks.ts). */
  terms?: TermMarker;
  /**
   * The heading level the text's own `#` takes on the page: 1 where the text is the page (its default), 2 in
   * a page with an h1 of its own, and so on. The text's other headings move down with it, so a screen
   * reader's outline has one h1 and skips no level; the stored Markdown is unchanged.
   */
  topLevel?: number;
}

/** A heading of the agreement's text, for its table of contents. */
export interface OutlineEntry {
  id: string;
  text: string;
  /** Sub-sections (`###`) of a section (`##`). */
  children: OutlineEntry[];
}

function toHast(markdown: string, agreement: Agreement, options: AgreementHtmlOptions): HastRoot {
  // A version beyond the parser's limits (committed outside Gjerde) is shown as the text it is, unparsed.
  if (beyondLimits(markdown)) return { type: 'root', children: [h('pre.agreement-raw', markdown)] };
  const file = parser.parse(markdown) as Root;
  markDirectives(file, markdown);
  const topLevel = options.topLevel ?? 1;
  const data: ClauseData = options.clauseNotes
    ? { agreement, notes: options.clauseNotes, topLevel }
    : { agreement, topLevel };
  const hast = toHtml.runSync(file as never, { data } as unknown as VFile) as HastRoot;
  if (options.terms) markTerms(hast, options.terms);
  return hast;
}

/** A plain text (a paragraph of a lookup answer) as HTML with its terms marked; `seen` are not marked again. */
export function textWithTerms(text: string, marker: TermMarker, seen: Set<ExplainedTerm>): string {
  return toHtml.stringify({ type: 'root', children: marker.nodes(text, seen) });
}

export function agreementToHtml(
  markdown: string,
  agreement: Agreement,
  options: AgreementHtmlOptions = {},
): string {
  return toHtml.stringify(toHast(markdown, agreement, options));
}

/**
 * The agreement page's (and its printout's) text: its own leading `#` heading taken out as the page's h1
 * (`titleHtml`, absent when the text has none; the page then heads itself with the title), the rest with no
 * h1 of its own, and the table of contents.
 */
export function agreementForPage(
  markdown: string,
  agreement: Agreement,
  options: Omit<AgreementHtmlOptions, 'topLevel'> = {},
): { titleHtml?: string; html: string; outline: OutlineEntry[] } {
  const hast = toHast(markdown, agreement, options);
  const first = hast.children.find((node) => node.type !== 'text' || node.value.trim() !== '');
  const title = first?.type === 'element' && first.tagName === 'h1' ? first : undefined;
  if (title) hast.children.splice(hast.children.indexOf(title), 1);
  // One h1 a page: a further `#` heading of the text is a section beside the others.
  visit(hast, 'element', (node: Element) => {
    if (node.tagName === 'h1') node.tagName = 'h2';
  });
  const page = { html: toHtml.stringify(hast), outline: outline(hast) };
  return title ? { titleHtml: toHtml.stringify({ type: 'root', children: title.children }), ...page } : page;
}

/** Sections (`##`) and their sub-sections (`###`), in order; clause titles are not headings of the text. */
function outline(tree: HastRoot): OutlineEntry[] {
  const sections: OutlineEntry[] = [];
  visit(tree, 'element', (node: Element) => {
    if ((node.tagName !== 'h2' && node.tagName !== 'h3') || typeof node.properties.id !== 'string') return;
    const entry = { id: node.properties.id, text: hastText(node), children: [] };
    const parent = sections[sections.length - 1];
    if (node.tagName === 'h3' && parent) parent.children.push(entry);
    else sections.push(entry);
  });
  return sections;
}

/** Gives the directives HTML element names; other directives go back to the text they were written as. */
function markDirectives(tree: Root, source: string): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'yaml' && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type === 'containerDirective') {
      if (node.name === clauseDirective) {
        const [first, ...rest] = node.children;
        if (first?.type === 'paragraph' && first.data?.directiveLabel) node.children = rest;
        node.data = { hName: 'section', hProperties: { dataClause: String(node.attributes?.id ?? '') } };
      } else if (node.name === glossaryDirective) {
        node.data = { hName: 'aside', hProperties: { dataGlossary: '' } };
      } else node.data = { hName: 'div' };
      return undefined;
    }
    if ((node.type === 'textDirective' || node.type === 'leafDirective') && parent && index !== undefined) {
      const text = source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
      parent.children.splice(index, 1, { type: 'text', value: text } as never);
    }
    return undefined;
  });
}

/** Moves the text's headings to their level on the page (`topLevel`), and adds each clause's header. */
function rehypeClauseHeaders() {
  return (tree: HastRoot, file: VFile) => {
    const { agreement, notes, topLevel } = file.data as unknown as ClauseData;
    const clauses = new Map(agreement.clauses.map((clause) => [clause.id, clause]));
    const shift = topLevel - 1;
    // The level of the heading a clause stands under; before the text's first, the page's own.
    let under = Math.max(1, shift);
    visit(tree, 'element', (node: Element) => {
      const written = /^h([1-6])$/.exec(node.tagName)?.[1];
      // A clause's own title (added below, then visited) is no heading of the text.
      if (written && String(node.properties.className).includes('clause__title')) return;
      if (written) {
        under = Math.min(6, Number(written) + shift);
        node.tagName = `h${under}`;
        return;
      }
      if (node.tagName === 'aside' && node.properties.dataGlossary !== undefined) {
        delete node.properties.dataGlossary;
        node.properties.className = ['glossary'];
        return;
      }
      if (node.tagName !== 'section' || node.properties.dataClause === undefined) return;
      const clause = clauses.get(String(node.properties.dataClause));
      delete node.properties.dataClause;
      if (!clause) return;
      node.properties.id = clause.id;
      node.properties.className = ['clause', clause.status === 'grey' ? 'clause--grey' : 'clause--settled'];
      node.properties.ariaLabelledBy = [`${clause.id}-title`];
      node.children = [
        clauseHeader(clause, agreement, Math.min(6, under + 1)),
        h('div.clause__body', node.children as ElementContent[]),
        ...(notes?.(clause) ?? []).map((note) =>
          h(note.warning ? 'p.clause__note.clause__note--warning' : 'p.clause__note', [
            note.warning ? h('span.ds-tag', { dataColor: 'warning', dataSize: 'sm' }, note.warning) : '',
            note.warning ? ' ' : '',
            note.text ? `${note.text} ` : '',
            note.link ? h('a.ds-link', { href: note.link.href }, note.link.text) : '',
          ]),
        ),
      ];
    });
  };
}

function clauseHeader(clause: Clause, agreement: Agreement, level: number): Element {
  const link = contactLink(agreement, clause.contact);
  const facts = clauseFacts(clause, agreement).flatMap(([label, value]) => [
    h('dt', label),
    // A contact is a role; the agreement may say where to find who has it now.
    label === 'Kontakt' && link
      ? h('dd', [value, ' ', h('a.ds-link', { href: link }, 'Finn kontaktperson →')])
      : h('dd', value),
  ]);
  const verdict = clauseVerdict(clause, agreement);
  return h('header.clause__header', [
    h(`h${level}.clause__title`, { id: `${clause.id}-title` }, [
      clause.title,
      ' ',
      h('a.clause__permalink', { href: `#${clause.id}`, ariaLabel: `Lenke til «${clause.title}»` }, '#'),
    ]),
    verdict.grey
      ? h('p.clause__owner.clause__owner--grey', [
          h('span.ds-tag', { dataColor: 'warning' }, 'Uavklart'),
          ` Ta saken til: ${verdict.escalation}`,
        ])
      : h('p.clause__owner', [h('span.clause__owner-label', 'Ansvarlig: '), h('strong', verdict.owner)]),
    facts.length > 0 ? h('dl.clause__facts', facts) : h('span'),
  ]);
}
