import { frontMatterPattern } from '../format/front-matter.js';
import { readableText } from '../format/readable.js';
import { wordParts } from './redline.js';
import type { Change } from './types.js';
import { quote } from './wording.js';

/** The prose under one heading, outside responsibility clauses and the glossary. */
export interface Section {
  /** The heading without its number, lower-cased: the same section across re-numbering. */
  key: string;
  /** The heading as written, with its number. */
  heading: string;
  number?: string;
  /** The text, whitespace collapsed. */
  text: string;
  /** The text as written (Markdown). */
  markdown: string;
}

const headingPattern = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const numberPattern = /^(\d+(?:\.\d+)*)\.?[ \t]+(.*)$/;
const containerPattern = /^(:{3,})(ansvar|ordliste)(?=[[{\s]|$)/;
const fencePattern = /^ {0,3}(`{3,}|~{3,})/;

/** Splits an agreement's Markdown into sections by heading (text before the first heading: the preamble). */
export function readSections(markdown: string): Section[] {
  const body = markdown.replace(frontMatterPattern, '');
  const sections: Section[] = [];
  let current: Section = { key: '', heading: '', text: '', markdown: '' };
  const lines: string[] = [];
  const close = () => {
    current.text = lines.join(' ').replace(/\s+/g, ' ').trim();
    current.markdown = lines.join('\n');
    if (current.heading !== '' || current.text !== '') sections.push(current);
    lines.length = 0;
  };
  let fence: string | undefined;
  let container: number | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (container !== undefined) {
      if (new RegExp(`^:{${container},}\\s*$`).test(line)) container = undefined;
      continue;
    }
    const fenceMatch = fencePattern.exec(line);
    if (fence !== undefined) {
      if (
        fenceMatch &&
        (fenceMatch[1] as string)[0] === fence[0] &&
        (fenceMatch[1] as string).length >= fence.length
      ) {
        fence = undefined;
      }
      lines.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      lines.push(line);
      continue;
    }
    const containerMatch = containerPattern.exec(line);
    if (containerMatch) {
      container = (containerMatch[1] as string).length;
      continue;
    }
    const heading = headingPattern.exec(line);
    if (heading) {
      close();
      const text = (heading[2] as string).trim();
      const numbered = numberPattern.exec(text);
      current = {
        key: (numbered ? (numbered[2] as string) : text).toLowerCase(),
        heading: text,
        text: '',
        markdown: '',
      };
      if (numbered) current.number = numbered[1];
      continue;
    }
    lines.push(line);
  }
  close();
  // The same heading twice: the second is its own section.
  const seen = new Map<string, number>();
  for (const section of sections) {
    const count = (seen.get(section.key) ?? 0) + 1;
    seen.set(section.key, count);
    if (count > 1) section.key = `${section.key}#${count}`;
  }
  return sections;
}

export interface SectionChanges {
  changes: Change[];
  /** The same sections got other numbers. */
  renumbered: boolean;
  /** The same sections come in another order. */
  reordered: boolean;
}

function label(section: Section): string {
  return section.heading === '' ? 'innledningen' : quote(section.heading);
}

/** A new section's text, all inserted, or a removed one's, all deleted. */
function wholeText(op: 'ins' | 'del', section: Section): Pick<Change, 'redline'> {
  const text = readableText(section.markdown);
  return text === '' ? {} : { redline: [{ op, text }] };
}

/** Changed, added and removed prose sections; re-numbering and re-ordering are noted, not counted as changes. */
export function describeSectionChanges(markdownA: string, markdownB: string): SectionChanges {
  const a = readSections(markdownA);
  const b = readSections(markdownB);
  const before = new Map(a.map((section) => [section.key, section]));
  const after = new Map(b.map((section) => [section.key, section]));
  const changes: Change[] = [];
  let renumbered = false;
  for (const section of b) {
    const old = before.get(section.key);
    if (!old) {
      changes.push({
        field: `section:${section.key}`,
        category: 'section',
        text: section.text === '' ? `Ny overskrift ${label(section)}` : `Nytt avsnitt ${label(section)}`,
        ...wholeText('ins', section),
      });
      continue;
    }
    if (old.number !== section.number) renumbered = true;
    if (old.text !== section.text) {
      const change: Change = {
        field: `section:${section.key}`,
        category: 'section',
        text: `Endret tekst under ${label(section)}`,
      };
      const parts = wordParts(readableText(old.markdown), readableText(section.markdown));
      if (parts) change.redline = parts;
      changes.push(change);
    }
  }
  for (const section of a) {
    if (!after.has(section.key)) {
      changes.push({
        field: `section:${section.key}`,
        category: 'section',
        text:
          section.text === ''
            ? `Overskriften ${label(section)} er fjernet`
            : `Avsnittet ${label(section)} er fjernet`,
        ...wholeText('del', section),
      });
    }
  }
  const common = (sections: Section[], other: Map<string, Section>) =>
    sections.filter((section) => other.has(section.key)).map((section) => section.key);
  const reordered = common(a, after).join('\n') !== common(b, before).join('\n');
  return { changes, renumbered, reordered };
}
