import type { Nodes } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';

/**
 * Parsed Markdown blocks as a reader sees them, without their syntax: paragraphs apart by a blank line,
 * list items on lines of their own («• », «1. »), table cells apart by « | ». Apart from the parser, so
 * that the format's own readers (the clause reader) can use it too.
 */
export function readableBlocks(nodes: Nodes[]): string {
  return nodes
    .map(readableBlock)
    .filter((text) => text !== '')
    .join('\n\n');
}

export function readableBlock(node: Nodes): string {
  switch (node.type) {
    case 'yaml':
    case 'html':
    case 'definition':
      return '';
    case 'list':
      return node.children
        .map((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '• ';
          return marker + readableBlocks(item.children).replace(/\n+/g, '\n  ');
        })
        .join('\n');
    case 'blockquote':
    case 'containerDirective':
      return readableBlocks(node.children);
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
