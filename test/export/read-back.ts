import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Reads exported files back the way another program would: text per PDF page, text and parts of a .docx. */

export interface PdfReadBack {
  pages: string[];
  /** Page sizes in points. */
  sizes: Array<{ width: number; height: number }>;
  title: string | undefined;
}

export async function readPdf(data: Buffer): Promise<PdfReadBack> {
  const pdf = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false })
    .promise;
  try {
    const pages: string[] = [];
    const sizes: PdfReadBack['sizes'] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      sizes.push({ width: x1 - x0, height: y1 - y0 });
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''))
        .join('');
      pages.push(normalize(text));
    }
    const { info } = await pdf.getMetadata();
    return { pages, sizes, title: (info as { Title?: string }).Title };
  } finally {
    await pdf.destroy();
  }
}

export interface DocxReadBack {
  /** The body text, as mammoth extracts it. */
  text: string;
  /** The body as mammoth's HTML (headings, lists, tables). */
  html: string;
  /** Text of the header and footer parts. */
  header: string;
  footer: string;
  /** docProps/core.xml (title, creator). */
  core: string;
  /** word/styles.xml (default language, heading styles). */
  styles: string;
}

export async function readDocx(data: Buffer): Promise<DocxReadBack> {
  const [{ value: text }, { value: html }] = await Promise.all([
    mammoth.extractRawText({ buffer: data }),
    mammoth.convertToHtml({ buffer: data }),
  ]);
  const parts = unzipSync(new Uint8Array(data));
  const partsText = (prefix: string) =>
    Object.entries(parts)
      .filter(([name]) => name.startsWith(prefix) && name.endsWith('.xml'))
      .map(([, bytes]) => xmlText(strFromU8(bytes)))
      .join('\n');
  const core = parts['docProps/core.xml'];
  const styles = parts['word/styles.xml'];
  return {
    text: normalize(text),
    html,
    header: partsText('word/header'),
    footer: partsText('word/footer'),
    core: core ? strFromU8(core) : '',
    styles: styles ? strFromU8(styles) : '',
  };
}

/** The text runs of a WordprocessingML part, paragraph by paragraph. */
function xmlText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) =>
      [
        ...paragraph.matchAll(
          /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:instrText(?:\s[^>]*)?>\s*([A-Z]+)/g,
        ),
      ]
        .map((match) => (match[1] !== undefined ? unescapeXml(match[1]) : match[2] ? `{${match[2]}}` : '\t'))
        .join(''),
    )
    .filter(Boolean)
    .join('\n');
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

function normalize(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/** supertest: keep a binary body as a Buffer. */
export function binary(
  res: { on(event: string, listener: (chunk: Buffer) => void): unknown },
  callback: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
