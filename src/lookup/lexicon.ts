/**
 * Norwegian words as a lexicon knows them: the Hunspell dictionaries of bokmål and nynorsk (wooorm's
 * `dictionary-nb` and `dictionary-nn`, from the Norwegian spelling project) read *backwards*, as
 * Hunspell's own `stem` does: a word form is taken apart by the suffix rules of the .aff file until a
 * dictionary entry that allows that rule is found. «veilederen», «veiledere» and «veileder» meet, as do
 * «personalansvaret» and «personalansvar», «skulen» and «skule».
 *
 * Why backwards: expanding every entry to every form (hunspell-reader does that) gives millions of forms;
 * here the .dic file stays one buffer with an open-addressing hash table of its line offsets (≈13 MB for
 * both dictionaries, read in ≈0.2 s), and only the words actually met are analysed, each once.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface SuffixRule {
  flag: number;
  strip: string;
  add: string;
  condition: RegExp | undefined;
}

/** Endings of Norwegian noun, verb and adjective inflection (bokmål and nynorsk), longest first. */
const inflectionEndings = ['ene', 'ane', 'ens', 'ets', 'en', 'et', 'er', 'ar', 'ne', 'na', 'a', 'e', 's'];

const slash = 0x2f;
const newline = 0x0a;
const carriageReturn = 0x0d;

/** djb2 (xor variant) over bytes; plain integer operations (Math.imul is slow in a test runner's sandbox). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 5381;
  for (let i = start; i < end; i += 1) hash = (((hash << 5) + hash) ^ (bytes[i] as number)) | 0;
  return hash >>> 0;
}

/** One Hunspell dictionary (single-character flags, suffix rules without continuation classes). */
export class HunspellDictionary {
  private readonly dic: Uint8Array;
  /** Line start + 1 per slot (0: empty), keyed by the hash of the word before its `/`. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Suffix rules by what they add (the end of a word form). */
  private readonly rulesByEnding = new Map<string, SuffixRule[]>();
  /** The flags that have suffix rules: an entry carrying one has inflections of its own. */
  private readonly suffixFlags = new Set<string>();
  private readonly longestEnding: number;
  /** Flag of parts that may stand in compounds (`COMPOUNDFLAG`), and the shortest part (`COMPOUNDMIN`). */
  readonly compoundFlag: number | undefined;
  readonly compoundMin: number;
  private readonly encoder = new TextEncoder();

  constructor(aff: string, dic: Uint8Array) {
    this.dic = dic;
    let lines = 0;
    for (let i = 0; i < dic.length; i += 1) if (dic[i] === newline) lines += 1;
    let size = 1;
    while (size < lines * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    // The first line is the entry count.
    let start = dic.indexOf(newline) + 1;
    while (start > 0 && start < dic.length) {
      let end = dic.indexOf(newline, start);
      if (end < 0) end = dic.length;
      let wordEnd = start;
      while (wordEnd < end && dic[wordEnd] !== slash && dic[wordEnd] !== carriageReturn) wordEnd += 1;
      if (wordEnd > start) {
        let slot = hashBytes(dic, start, wordEnd) & this.mask;
        while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
        this.slots[slot] = start + 1;
      }
      start = end + 1;
    }
    let compoundFlag: number | undefined;
    let compoundMin = 3;
    let longest = 0;
    for (const line of aff.split('\n')) {
      const fields = line.trim().split(/\s+/);
      if (fields[0] === 'COMPOUNDFLAG' && fields[1]) compoundFlag = fields[1].charCodeAt(0);
      if (fields[0] === 'COMPOUNDMIN' && fields[1]) compoundMin = Number(fields[1]) || compoundMin;
      // Rule lines have five fields: SFX flag strip add condition (the header has four).
      if (fields[0] !== 'SFX' || fields.length < 5) continue;
      const [, flag, strip, add, condition] = fields as [string, string, string, string, string];
      const rule: SuffixRule = {
        flag: flag.charCodeAt(0),
        strip: strip === '0' ? '' : strip,
        add: add === '0' ? '' : (add.split('/')[0] as string),
        condition: condition === '.' ? undefined : new RegExp(`${condition}$`, 'u'),
      };
      this.suffixFlags.add(flag);
      const list = this.rulesByEnding.get(rule.add) ?? [];
      list.push(rule);
      this.rulesByEnding.set(rule.add, list);
      longest = Math.max(longest, rule.add.length);
    }
    this.longestEnding = longest;
    this.compoundFlag = compoundFlag;
    this.compoundMin = compoundMin;
  }

  /** The flags of every entry spelled exactly so (homographs: all of them), or undefined when none. */
  flags(word: string): string | undefined {
    const bytes = this.encoder.encode(word);
    let slot = hashBytes(bytes, 0, bytes.length) & this.mask;
    let flags: string | undefined;
    for (let entry = this.slots[slot] as number; entry !== 0; entry = this.slots[slot] as number) {
      const start = entry - 1;
      if (this.matchesAt(start, bytes)) {
        const after = start + bytes.length;
        let end = after;
        if (this.dic[after] === slash) {
          end = this.dic.indexOf(newline, after);
          if (end < 0) end = this.dic.length;
          if (this.dic[end - 1] === carriageReturn) end -= 1;
        }
        const found = end > after ? Buffer.from(this.dic.subarray(after + 1, end)).toString('utf8') : '';
        flags = (flags ?? '') + found;
      }
      slot = (slot + 1) & this.mask;
    }
    return flags;
  }

  private matchesAt(start: number, bytes: Uint8Array): boolean {
    for (let i = 0; i < bytes.length; i += 1) if (this.dic[start + i] !== bytes[i]) return false;
    const next = this.dic[start + bytes.length];
    return next === slash || next === newline || next === carriageReturn || next === undefined;
  }

  /** The dictionary entries a word form is a form of (the word itself when it is an entry), unsorted. */
  entriesOf(word: string): string[] {
    const found: string[] = [];
    const flags = this.flags(word);
    if (flags !== undefined) found.push(word);
    // An entry with inflections of its own is a base word, not the genitive of another: «kurs» is a
    // course, not the genitive of «kur»; «reis» the imperative of «reise», not the genitive of «rei»;
    // «mens» and «felles» are words of their own. (Genitive endings all end in s. Entries without
    // inflections of their own, such as passives «dekkes» and compound heads «arbeids», are still read so.)
    const inflects = flags !== undefined && [...flags].some((flag) => this.suffixFlags.has(flag));
    const reading = (ending: string) => !(inflects && ending.endsWith('s'));
    // The dictionaries list many inflected forms as entries of their own, unlinked to the base word
    // («personalansvaret», «A-aksjene»): the regular inflection endings link two entries (both must be
    // words the dictionary knows).
    for (const ending of inflectionEndings) {
      if (word.length - ending.length < 3 || !word.endsWith(ending) || !reading(ending)) continue;
      const stem = word.slice(0, -ending.length);
      if (!found.includes(stem) && this.flags(stem) !== undefined) found.push(stem);
    }
    for (const stem of this.ruleStems(word, reading)) if (!found.includes(stem)) found.push(stem);
    return found;
  }

  /** The entries the .aff file's suffix rules make the word of (by the endings `reading` allows). */
  private *ruleStems(word: string, reading: (ending: string) => boolean = () => true): Generator<string> {
    for (let length = 1; length <= Math.min(this.longestEnding, word.length - 2); length += 1) {
      const ending = word.slice(-length);
      if (!reading(ending)) continue;
      for (const rule of this.rulesByEnding.get(ending) ?? []) {
        const stem = word.slice(0, -length) + rule.strip;
        if (rule.condition && !rule.condition.test(stem)) continue;
        if (this.flags(stem)?.includes(String.fromCharCode(rule.flag))) yield stem;
      }
    }
  }

  /**
   * Whether the suffix rules make the word of the entry `base`: strictly, not linked by the usual endings as
   * `entriesOf` does (which reads «ferdigen» as a form of «ferdig»), nor an entry of its own («uten» is no
   * form of «ute»).
   */
  hasForm(word: string, base: string): boolean {
    for (const stem of this.ruleStems(word)) if (stem === base) return true;
    return false;
  }

  /** Whether an entry may be a part of a compound word. */
  compounds(entry: string): boolean {
    if (this.compoundFlag === undefined) return true;
    return this.flags(entry)?.includes(String.fromCharCode(this.compoundFlag)) ?? false;
  }
}

const require = createRequire(import.meta.url);

function load(name: 'dictionary-nb' | 'dictionary-nn'): HunspellDictionary {
  const folder = dirname(require.resolve(name));
  return new HunspellDictionary(
    readFileSync(join(folder, 'index.aff'), 'utf8'),
    readFileSync(join(folder, 'index.dic')),
  );
}

let dictionaries: HunspellDictionary[] | undefined;

/** Bokmål first, then nynorsk (read on first use, once per process). */
export function norwegianDictionaries(): HunspellDictionary[] {
  dictionaries ??= [load('dictionary-nb'), load('dictionary-nn')];
  return dictionaries;
}

/** How far `lemma` follows entries that are themselves forms of other entries. */
const maxSteps = 4;

/**
 * The lemma of a lower-cased word, or undefined when no dictionary knows it. Dictionaries list some forms as
 * entries of their own (imperatives, participles, nouns beside verbs: «slutt», «slutte», «sluttet»), so
 * the entries a word is a form of are followed to the entries *they* are forms of, and the shortest of them
 * all (ties: alphabetically first) is the lemma: every form of a word meets on one term. The first
 * dictionary that knows the word decides (bokmål before nynorsk).
 */
export function lemma(word: string): string | undefined {
  for (const dictionary of norwegianDictionaries()) {
    const seen = new Set(dictionary.entriesOf(word));
    if (seen.size === 0) continue;
    let frontier = [...seen];
    for (let step = 0; step < maxSteps && frontier.length > 0; step += 1) {
      const next: string[] = [];
      for (const entry of frontier) {
        for (const other of dictionary.entriesOf(entry)) {
          if (seen.has(other)) continue;
          seen.add(other);
          next.push(other);
        }
      }
      frontier = next;
    }
    // Very short entries (articles, letters) are other words, not a shorter form of this one.
    const shortest = Math.min(3, word.length);
    const long = [...seen].filter((entry) => entry.length >= shortest);
    if (long.length === 0) continue;
    // Norwegian inflects at the end: an entry the word begins with is its base. Following entries of
    // entries also reaches other words («klasse» → «klass» → «kle», clothes); those are kept only when
    // nothing else is left (a vowel change: «bøker» → «bok»).
    const prefixes = long.filter((entry) => word.startsWith(entry));
    const candidates = prefixes.length > 0 ? prefixes : long;
    return candidates.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
  }
  return undefined;
}

/** Every dictionary entry the word is a form of, in either dictionary. */
export function entries(word: string): string[] {
  return [...new Set(norwegianDictionaries().flatMap((dictionary) => dictionary.entriesOf(word)))];
}

/** Whether some dictionary has the word as it is written (an entry or a form of one). */
export function isWord(word: string): boolean {
  return lemma(word) !== undefined;
}

/** Whether some dictionary lets the entry stand in a compound word. */
export function compoundPart(entry: string): boolean {
  return norwegianDictionaries().some((dictionary) => dictionary.compounds(entry));
}
