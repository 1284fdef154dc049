/**
 * Reading the small YAML data files Gjerde keeps in the data repository beside the agreements (the shared
 * glossary, the contact registers): every problem is a message with line and column, as for agreements,
 * and a fødselsnummer anywhere refuses the whole file. The files' meaning is their modules' own
 * (src/glossary, src/contacts); this is only the reading of lists of maps with known keys.
 */
import { VFile } from 'vfile';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { type PlainMessage, plainMessages } from '../format/messages.js';
import { yamlErrorText } from '../format/yaml-errors.js';
import { type Store, StoreError } from '../store/store.js';
import type { Author } from './agreements.js';
import { GjerdeError } from './errors.js';
import { nationalIdMessages } from './personal-data.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** One map of a data file: its scalar and list values by key, and where each is. */
export class DataRecord {
  constructor(
    private readonly reader: DataFileReader,
    private readonly values: Map<string, YamlNode>,
    readonly at: YamlNode,
  ) {}

  /** A line of text, refused when missing (if required), too long or with control characters. */
  text(key: string, options: { required?: boolean; max?: number; label?: string } = {}): string | undefined {
    const node = this.values.get(key);
    if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) {
      if (options.required)
        this.reader.error(`«${key}» mangler${options.label ? ` (${options.label})` : ''}.`, this.at);
      return undefined;
    }
    if (!isScalar(node) || typeof node.value === 'object') {
      this.reader.error(`«${key}» må være tekst.`, node);
      return undefined;
    }
    const value = String(node.value).trim();
    const max = options.max ?? 200;
    if (control.test(value)) this.reader.error(`«${key}» inneholder kontrolltegn eller usynlige tegn.`, node);
    else if (value.length > max)
      this.reader.error(`«${key}» kan ha høyst ${max} tegn (nå ${value.length}).`, node);
    else return value;
    return undefined;
  }

  /** A list of short texts (one text alone counts as a list of one). */
  list(key: string, options: { max?: number } = {}): string[] {
    const node = this.values.get(key);
    if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) return [];
    const items = isSeq(node) ? node.items : [node];
    const found: string[] = [];
    for (const item of items) {
      if (!isScalar(item) || item.value === null || typeof item.value === 'object') {
        this.reader.error(`«${key}» må være en liste med tekster.`, (item as YamlNode) ?? node);
        continue;
      }
      const value = String(item.value).trim();
      if (control.test(value))
        this.reader.error(`«${key}» inneholder kontrolltegn eller usynlige tegn.`, item);
      else if (value.length > (options.max ?? 120))
        this.reader.error(`«${key}» har en verdi som er for lang.`, item);
      else if (value) found.push(value);
    }
    return found;
  }

  /** A problem at the key's value, or at `item` of its list when given (one name of several). */
  error(reason: string, key?: string, item?: string): void {
    const node = key ? this.values.get(key) : undefined;
    const inList =
      item !== undefined && isSeq(node)
        ? node.items.find((candidate) => isScalar(candidate) && String(candidate.value).trim() === item)
        : undefined;
    this.reader.error(reason, (inList as YamlNode | undefined) ?? node ?? this.at);
  }
}

/** Reads one YAML data file; `finish` gives the messages and whether there were errors. */
export class DataFileReader {
  readonly file: VFile;
  private readonly lineCounter = new LineCounter();
  private readonly root: Map<string, YamlNode> | undefined;
  /** Set when the file could not be read as a table at all (personal data, not YAML, not a table). */
  private unreadable = false;

  constructor(text: string, path: string | undefined, topKeys: readonly string[]) {
    this.file = new VFile({ value: text, ...(path ? { path } : {}) });
    const nationalIds = nationalIdMessages(text);
    if (nationalIds.length > 0) {
      for (const { line, column, message } of nationalIds)
        this.fail(message, line ?? 1, column ?? 1, 'personal-data');
      this.unreadable = true;
      return;
    }
    const document = parseDocument(text, {
      lineCounter: this.lineCounter,
      uniqueKeys: true,
      prettyErrors: false,
    });
    const error = document.errors[0];
    if (error) {
      const place = error.linePos?.[0];
      this.fail(`Filen er ikke gyldig YAML: ${yamlErrorText(error)}`, place?.line ?? 1, place?.col ?? 1);
      this.unreadable = true;
      return;
    }
    if (!isMap(document.contents)) {
      this.fail(`Filen må være en YAML-tabell med ${topKeys.map((key) => `«${key}»`).join(' og ')}.`, 1, 1);
      this.unreadable = true;
      return;
    }
    this.root = this.keysOf(document.contents.items, topKeys);
  }

  /** A top-level scalar. */
  value(key: string): YamlNode | undefined {
    return this.root?.get(key);
  }

  /** The maps of a top-level list, each with only the allowed keys. */
  records(key: string, allowed: readonly string[]): DataRecord[] {
    const node = this.root?.get(key);
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.error(`«${key}» må være en liste.`, node);
      return [];
    }
    const records: DataRecord[] = [];
    for (const item of node.items) {
      if (!isMap(item)) {
        this.error(
          `Hvert element i «${key}» må være en tabell med ${allowed.map((name) => `«${name}»`).join(', ')}.`,
          item as YamlNode,
        );
        continue;
      }
      records.push(new DataRecord(this, this.keysOf(item.items, allowed), item));
    }
    return records;
  }

  error(reason: string, node: YamlNode | null | undefined): void {
    // A file that could not be read at all has said why: what its readers then miss in it is not news.
    if (this.unreadable) return;
    const offset = node?.range?.[0];
    const { line, col } = offset === undefined ? { line: 1, col: 1 } : this.lineCounter.linePos(offset);
    this.fail(reason, line, col);
  }

  finish(): { ok: boolean; messages: PlainMessage[] } {
    const messages = plainMessages(this.file);
    return { ok: messages.every((message) => message.severity !== 'error'), messages };
  }

  private fail(reason: string, line: number, column: number, ruleId = 'data-file'): void {
    const message = this.file.message(reason, {
      place: { line, column },
      ruleId,
      source: 'gjerde-data',
    });
    message.fatal = true;
  }

  private keysOf(
    pairs: { key: unknown; value: unknown }[],
    allowed: readonly string[],
  ): Map<string, YamlNode> {
    const found = new Map<string, YamlNode>();
    for (const pair of pairs) {
      const keyNode = pair.key as YamlNode;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      if (!allowed.includes(key)) {
        this.error(`Ukjent nøkkel «${key.slice(0, 40)}». Kjente nøkler: ${allowed.join(', ')}.`, keyNode);
        continue;
      }
      found.set(key, (pair.value as YamlNode) ?? keyNode);
    }
    return found;
  }
}

/**
 * One commit of a data file by the person, refused when the file is no longer `previous` (null: new) —
 * someone else changed it meanwhile — with the Norwegian `conflict` message (409).
 */
export async function commitDataFile(
  store: Store,
  path: string,
  content: string,
  options: { author: Author; reason: string; previous: string | null; conflict: string },
): Promise<void> {
  try {
    await store.commitFile(path, content, {
      author: options.author,
      reason: options.reason,
      expectedPrevious: options.previous,
    });
  } catch (error) {
    if (error instanceof StoreError && error.code === 'stale-head')
      throw new GjerdeError('conflict', options.conflict);
    throw error;
  }
}
