import type { Nodes, Root } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { createProcessor } from './processor.js';

const parser = createProcessor();

/**
 * Markdown as a reader sees it, without its syntax: paragraphs apart by a blank line, list items on lines
 * of their own («• », «1. »), table cells apart by « | ». What a redline of the text as it reads compares.
 */
export function readableText(markdown: string): string {
  return blocks((parser.parse(markdown) as Root).children).trim();
}

function blocks(nodes: Nodes[]): string {
  return nodes
    .map(block)
    .filter((text) => text !== '')
    .join('\n\n');
}

function block(node: Nodes): string {
  switch (node.type) {
    case 'yaml':
    case 'html':
    case 'definition':
      return '';
    case 'list':
      return node.children
        .map((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '• ';
          return marker + blocks(item.children).replace(/\n+/g, '\n  ');
        })
        .join('\n');
    case 'blockquote':
    case 'containerDirective':
      return blocks(node.children);
    case 'table':
      return node.children.map((row) => row.children.map((cell) => plainText(cell)).join(' | ')).join('\n');
    case 'code':
      return node.value;
    case 'thematicBreak':
      return '—';
    default:
      // A paragraph's line breaks are the writer's wrapping, not the reader's.
      return plainText(node).replace(/\s+/g, ' ').trim();
  }
}
