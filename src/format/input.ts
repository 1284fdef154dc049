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
