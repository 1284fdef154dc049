/**
 * Agreement text as every check and the saved file see it, whatever the editor, browser or script sent.
 * Normalised once where text comes in, before anything reads it: a reader that disagrees with the parser
 * about where the front matter starts could let a check look at other metadata than the one saved.
 *
 * - no byte-order mark at the start (the Markdown parser skips it; a front-matter reader would not see
 *   `---` on the first line, and read no county at all);
 * - line feeds only (a Windows editor's CRLF, an old Mac's CR);
 * - Unicode NFC, so «å» typed as «a» + ring is the same letter as «å», in checks, lookups and diffs.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/^\ufeff+/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

/**
 * Characters that change how text looks without being seen: direction overrides, embeddings, isolates and
 * marks (U+202E makes «avtale.pdf» of «avtalefdp.») and zero-width characters, and everything else
 * Unicode calls a format character (Cf), and the line and paragraph separators. Refused in every text that
 * is saved, so that what a reader sees is what the file says; the soft hyphen, which only marks where a
 * long word may break, is allowed.
 */
const invisibleCharacter = /[\p{Cf}\u2028\u2029]/u;
const allowedInvisible = new Set(['\u00ad']);

export interface InvisibleCharacter {
  /** Index in the text (UTF-16 code units). */
  index: number;
  /** `U+202E`. */
  codePoint: string;
  /** What it does, in Norwegian: «som snur skriveretningen». */
  description: string;
}

/**
 * The code units an invisible character can be made of: the pattern's characters of the Basic Multilingual
 * Plane, listed from the pattern itself (so from this runtime's Unicode tables), and any surrogate (those
 * beyond it). Without the `u` flag the test is about three times faster than the pattern's over a text that
 * has none: the lookup's build checks every stored version so. Made on first use (≈1–3 ms).
 */
let mayBeInvisible: RegExp | undefined;

function invisibleCodeUnits(): RegExp {
  const units = new Uint16Array(0x10000 - 0x800);
  let count = 0;
  for (let code = 0; code <= 0xffff; code += 1) if (code < 0xd800 || code > 0xdfff) units[count++] = code;
  const everyCharacter = new TextDecoder('utf-16le').decode(units);
  let characters = '';
  for (const [character] of everyCharacter.matchAll(new RegExp(invisibleCharacter.source, 'gu')))
    characters += `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return new RegExp(`[${characters}\\ud800-\\udfff]`);
}

/** The first invisible character in the text (a byte-order mark at the very start is normalised away). */
export function findInvisibleCharacter(text: string): InvisibleCharacter | undefined {
  mayBeInvisible ??= invisibleCodeUnits();
  if (!mayBeInvisible.test(text)) return undefined;
  const pattern = new RegExp(invisibleCharacter.source, 'gu');
  for (const match of text.matchAll(pattern)) {
    const character = match[0];
    if (allowedInvisible.has(character)) continue;
    const code = character.codePointAt(0) as number;
    return {
      index: match.index,
      codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
      description: describeInvisible(code),
    };
  }
  return undefined;
}

function describeInvisible(code: number): string {
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x061c)
    return 'som styrer skriveretningen';
  if (code === 0x200e || code === 0x200f) return 'som markerer skriveretningen';
  if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff) return 'med null bredde';
  if (code === 0x2028 || code === 0x2029) return 'som bryter linjen usynlig';
  return 'som ikke vises';
}

/** «Teksten inneholder et usynlig tegn (U+202E, som styrer skriveretningen). …», for a field's message. */
export function invisibleCharacterMessage(found: InvisibleCharacter, where = 'Teksten'): string {
  return `${where} inneholder et usynlig tegn (${found.codePoint}, ${found.description}). Slike tegn kan få teksten til å se annerledes ut enn den er. Fjern tegnet og prøv igjen.`;
}

/** The message for a field with an invisible character in it, or undefined when it has none. */
export function invisibleCharacterProblem(text: string, where?: string): string | undefined {
  const found = findInvisibleCharacter(text);
  return found && invisibleCharacterMessage(found, where);
}
