/**
 * Terms of the glossaries marked in a page's text and explained on request: each term is a button that
 * shows its explanation on tap, click or keyboard focus (`aria-expanded`, `aria-controls`; public/terms.js),
 * never on hover alone. The explanation is in the page (hidden until asked for), so it works offline
 * and in print, and reads as the button's description to a screen reader.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { TermFinder } from '../glossary/find-terms.js';
import type { ExplainedTerm } from '../glossary/glossary.js';

/** Elements whose text is not marked: links, buttons, code, headings and the glossary itself. */
const unmarked = new Set([
  'a',
  'button',
  'code',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'aside',
  'dt',
  'summary',
  'script',
  'style',
]);

export class TermMarker {
  private count = 0;
  readonly finder: TermFinder<ExplainedTerm>;

  constructor(
    entries: readonly ExplainedTerm[],
    /** Ids on the page are `<prefix>-<n>`. */
    private readonly prefix = 'begrep',
  ) {
    this.finder = new TermFinder(entries);
  }

  /** A text as plain text and marked terms; terms in `seen` are not marked again. */
  nodes(text: string, seen: Set<ExplainedTerm>): ElementContent[] {
    const nodes: ElementContent[] = [];
    let at = 0;
    for (const match of this.finder.find(text, seen)) {
      if (match.start > at) nodes.push({ type: 'text', value: text.slice(at, match.start) });
      nodes.push(this.element(text.slice(match.start, match.end), match.entry));
      at = match.end;
    }
    if (at < text.length) nodes.push({ type: 'text', value: text.slice(at) });
    return nodes;
  }

  private element(written: string, entry: ExplainedTerm): Element {
    this.count += 1;
    const id = `${this.prefix}-${this.count}`;
    const names = entry.aliases.length > 0 ? ` (${entry.aliases.join(', ')})` : '';
    return h('span.term', [
      h(
        'button.term__button',
        { type: 'button', ariaExpanded: 'false', ariaControls: id, ariaDescribedBy: id },
        written,
      ),
      h('span.term__explanation', { id, role: 'note', hidden: true }, [
        h('strong', entry.term),
        `${names}: ${entry.definition}`,
        entry.source ? h('span.term__source', ` Kilde: ${entry.source}.`) : '',
        h('span.term__origin', entry.origin === 'felles' ? ' (Felles begrepsliste)' : ' (Avtalens ordliste)'),
      ]),
    ]);
  }
}

/**
 * Marks the terms in a page's text: each term once per clause, and once in the text outside clauses.
 * Runs after sanitizing, so the buttons are Gjerde's own markup.
 */
export function markTerms(tree: Root, marker: TermMarker): void {
  if (marker.finder.empty) return;
  const walk = (node: Root | Element, seen: Set<ExplainedTerm>) => {
    const children: ElementContent[] = [];
    for (const child of node.children as ElementContent[]) {
      if (child.type === 'text') children.push(...marker.nodes(child.value, seen));
      else {
        if (child.type === 'element' && !unmarked.has(child.tagName) && !isGlossary(child))
          walk(child, isClause(child) ? new Set() : seen);
        children.push(child);
      }
    }
    node.children = children as never;
  };
  walk(tree, new Set());
}

const classes = (node: Element) =>
  Array.isArray(node.properties.className) ? node.properties.className : [];
const isClause = (node: Element) => node.tagName === 'section' && classes(node).includes('clause');
const isGlossary = (node: Element) => classes(node).includes('glossary');
