import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  type IParagraphOptions,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type {
  BlockContent,
  DefinitionContent,
  List,
  Table as MdTable,
  PhrasingContent,
  RootContent,
} from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString as plainText } from 'mdast-util-to-string';
import { clauseDirective } from '../format/clauses.js';
import { parseAgreement } from '../format/processor.js';
import type { Agreement, Clause } from '../format/types.js';
import { agreementKinds } from '../format/vocabulary.js';
import { clauseFacts, clauseVerdict, contactLink, formatDate } from '../format/wording.js';
import {
  footerLines,
  headerNotice,
  signatoriesFact,
  unrecordedNotice,
  type VersionFacts,
} from './version-facts.js';

/* A4 in twentieths of a point, 2 cm margins. */
const page = { width: 11906, height: 16838, margin: 1134 };
const textWidth = page.width - 2 * page.margin;
const orderedList = 'gjerde-ordered';
const colours = {
  settled: '2E7D32',
  grey: 'B35C00',
  rule: '999999',
  tint: 'F4F6F8',
  greyTint: 'FFF4E5',
  muted: '555555',
  danger: 'C01B1B',
  dangerTint: 'FDEAEA',
};
/** A thin rule, for tables and the clause frame. */
const thin = { style: BorderStyle.SINGLE, size: 4, color: colours.rule };
/** Thin rules around a table and between all its cells. */
const ruledTable = {
  top: thin,
  bottom: thin,
  left: thin,
  right: thin,
  insideHorizontal: thin,
  insideVertical: thin,
};

/** Paragraph properties passed down into nested blocks (a quote's indent and rule). */
type Frame = Pick<IParagraphOptions, 'indent' | 'border'>;
type Block = Paragraph | Table;

/**
 * An agreement as a Word document, written from the same Markdown tree the service parses: headings,
 * paragraphs, lists, tables, each responsibility clause as a framed block (title, owner or grey zone,
 * situation, facts, text), the glossary; title, version and revision in header, footer and properties.
 */
export async function agreementToDocx(facts: VersionFacts): Promise<Buffer> {
  const { version } = facts;
  const { tree, agreement } = parseAgreement(version.markdown);
  const writer = new DocxWriter(agreement);
  const nodes = tree.children.filter((node) => node.type !== 'yaml');
  // The agreement's own first heading is the document's title; without one, the title from the metadata.
  const first = nodes[0];
  const ownTitle = first?.type === 'heading' && first.depth === 1;
  if (ownTitle) nodes.shift();
  const title = ownTitle ? plainText(first) : facts.title;
  const { meta } = agreement;

  const children: Block[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] })];
  if (meta.example) {
    children.push(
      new Paragraph({
        children: [
          new TextRun({ text: 'EKSEMPEL: ', bold: true }),
          new TextRun('en fiktiv avtale som viser hvordan Gjerde virker.'),
        ],
      }),
    );
  }
  const warning = unrecordedNotice(facts);
  if (warning) {
    const framed = {
      border: { left: { style: BorderStyle.SINGLE, size: 24, color: colours.danger, space: 6 } },
      shading: { type: ShadingType.CLEAR, fill: colours.dangerTint },
    };
    children.push(
      new Paragraph({
        ...framed,
        children: [new TextRun({ text: warning.heading, bold: true, color: colours.danger })],
      }),
      ...warning.lines.map((line) => new Paragraph({ ...framed, children: [new TextRun(line)] })),
    );
  }
  if (facts.notice) {
    children.push(
      new Paragraph({
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: colours.grey, space: 6 } },
        shading: { type: ShadingType.CLEAR, fill: colours.greyTint },
        children: [new TextRun({ text: facts.notice, bold: true, color: colours.grey })],
      }),
    );
  }
  if (facts.savedAfter) children.push(new Paragraph({ children: [new TextRun(facts.savedAfter)] }));
  children.push(factsTable(facts, agreement), new Paragraph(''), ...writer.blocks(nodes, {}));

  const document = new Document({
    title: facts.title,
    creator: 'Gjerde',
    lastModifiedBy: 'Gjerde',
    subject: `${agreementKinds[meta.kind] ?? meta.kind}, ${meta.county}`,
    description: `Versjon nr. ${facts.number}, lagret ${facts.savedOn}. Gyldig ${facts.validPeriod}. Revisjon ${facts.rev}.`,
    keywords: 'samarbeidsavtale, NAV, fylkeskommunen',
    customProperties: [
      { name: 'Revisjon', value: facts.rev },
      { name: 'Gyldig', value: facts.validPeriod },
      { name: 'Status', value: facts.status },
    ],
    styles: {
      // The document's language, for Word's proofing, reading aloud and accessibility checks.
      default: {
        document: {
          run: { font: 'Arial', size: 21, language: { value: 'nb-NO' } },
          paragraph: { spacing: { after: 120 } },
        },
      },
    },
    numbering: { config: [{ reference: orderedList, levels: orderedLevels() }] },
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: {
              top: page.margin,
              bottom: page.margin,
              left: page.margin,
              right: page.margin,
              header: 567,
              footer: 567,
            },
          },
        },
        headers: { default: header(facts) },
        footers: { default: footer(facts) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

function header(facts: VersionFacts): Header {
  const runs: ParagraphChild[] = [new TextRun({ text: facts.title, color: colours.muted, size: 16 })];
  const notice = headerNotice(facts);
  if (notice)
    runs.push(
      new TextRun({
        text: `\t${notice}`,
        bold: true,
        color: facts.approvalWarning ? colours.danger : colours.grey,
        size: 16,
      }),
    );
  return new Header({
    children: [
      new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: textWidth }], children: runs }),
    ],
  });
}

function footer(facts: VersionFacts): Footer {
  const small = { size: 16, color: colours.muted };
  const [first = '', ...rest] = footerLines(facts);
  return new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: colours.rule, space: 4 } },
        tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
        spacing: { after: 0 },
        children: [
          new TextRun({ text: first, ...small }),
          new TextRun({
            children: ['\tSide ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES],
            ...small,
          }),
        ],
      }),
      ...rest.map(
        (line) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, ...small })] }),
      ),
    ],
  });
}

function factsTable(facts: VersionFacts, agreement: Agreement): Table {
  const { meta } = agreement;
  const rows: Array<[string, string[]]> = [
    ['Type', [agreementKinds[meta.kind] ?? meta.kind]],
    ['Status', [facts.status]],
    ['Gyldig', [facts.validPeriod]],
  ];
  if (meta.reviewBy) rows.push(['Neste revisjon', [formatDate(meta.reviewBy)]]);
  rows.push(['Fylke', [meta.county]]);
  if (meta.parent) rows.push(['Hører under', [meta.parent]]);
  rows.push(['Parter', meta.parties.map((party) => party.name)]);
  const signatories = signatoriesFact(facts);
  if (signatories) rows.push([signatories.label, signatories.lines]);
  rows.push(
    ['Versjon', [`Nr. ${facts.number}, lagret ${facts.savedOn} av ${facts.savedBy}`]],
    ['Begrunnelse', [facts.version.revision.reason]],
    ['Revisjon', [facts.rev]],
  );
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [2400, textWidth - 2400],
    borders: ruledTable,
    rows: rows.map(
      ([label, values]) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: 2400, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, fill: colours.tint },
              children: [
                new Paragraph({
                  spacing: { after: 0 },
                  children: [new TextRun({ text: label, bold: true })],
                }),
              ],
            }),
            new TableCell({
              width: { size: textWidth - 2400, type: WidthType.DXA },
              children: values.map((value) => new Paragraph({ spacing: { after: 0 }, text: value })),
            }),
          ],
        }),
    ),
  });
}

function orderedLevels() {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3],
    text: `%${level + 1}.`,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

interface Marks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
}

/** Walks the mdast tree; one instance per document (ordered lists are numbered per document). */
class DocxWriter {
  private readonly clauses: Map<string, Clause>;
  private lists = 0;
  /** The depth of the last Markdown heading: a clause title is the heading one level below it. */
  private depth = 1;

  constructor(private readonly agreement: Agreement) {
    this.clauses = new Map(agreement.clauses.map((clause) => [clause.id, clause]));
  }

  blocks(nodes: Array<RootContent | BlockContent | DefinitionContent>, frame: Frame): Block[] {
    return nodes.flatMap((node) => this.block(node, frame));
  }

  private block(node: RootContent | BlockContent | DefinitionContent, frame: Frame): Block[] {
    switch (node.type) {
      case 'heading':
        this.depth = node.depth;
        return [
          new Paragraph({
            ...frame,
            heading: headingLevel(node.depth),
            keepNext: true,
            children: this.inline(node.children, {}),
          }),
        ];
      case 'paragraph':
        return [new Paragraph({ ...frame, children: this.inline(node.children, {}) })];
      case 'blockquote':
        return this.blocks(node.children, {
          indent: { left: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: colours.rule, space: 8 } },
        });
      case 'list':
        return this.list(node, 0, frame);
      case 'table':
        return [this.table(node)];
      case 'code':
        return [
          new Paragraph({
            ...frame,
            shading: { type: ShadingType.CLEAR, fill: colours.tint },
            children: node.value
              .split('\n')
              .map(
                (line, index) =>
                  new TextRun({ text: line, font: 'Courier New', size: 19, break: index > 0 ? 1 : 0 }),
              ),
          }),
        ];
      case 'thematicBreak':
        return [
          new Paragraph({
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: colours.rule, space: 1 } },
          }),
        ];
      case 'containerDirective':
        // The empty paragraph keeps Word from joining neighbouring clause blocks into one table.
        if (node.name === clauseDirective)
          return [this.clause(node), new Paragraph({ spacing: { after: 0 } })];
        return this.blocks(node.children, frame);
      case 'leafDirective':
        return [
          new Paragraph({ ...frame, text: `::${node.name}${plainText(node) ? `[${plainText(node)}]` : ''}` }),
        ];
      default:
        // yaml, html (refused when saving, dropped here as on the page), definitions, footnote definitions.
        return [];
    }
  }

  private list(node: List, level: number, frame: Frame): Paragraph[] {
    this.lists += 1;
    const instance = this.lists;
    const paragraphs: Paragraph[] = [];
    for (const item of node.children) {
      const check = item.checked === true ? '☒ ' : item.checked === false ? '☐ ' : '';
      item.children.forEach((child, position) => {
        if (child.type === 'list') {
          paragraphs.push(...this.list(child, level + 1, frame));
        } else if (position === 0 && child.type === 'paragraph') {
          const marker = node.ordered
            ? { numbering: { reference: orderedList, level, instance } }
            : { bullet: { level } };
          paragraphs.push(
            new Paragraph({
              ...marker,
              spacing: { after: node.spread ? 120 : 40 },
              children: [...(check ? [new TextRun(check)] : []), ...this.inline(child.children, {})],
            }),
          );
        } else {
          for (const block of this.block(child, { indent: { left: 720 * (level + 1) } })) {
            if (block instanceof Paragraph) paragraphs.push(block);
          }
        }
      });
    }
    return paragraphs;
  }

  private table(node: MdTable): Table {
    const columns = Math.max(1, ...node.children.map((row) => row.children.length));
    const width = Math.floor(textWidth / columns);
    return new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => width),
      borders: ruledTable,
      rows: node.children.map(
        (row, rowIndex) =>
          new TableRow({
            ...(rowIndex === 0 ? { tableHeader: true } : {}),
            children: Array.from({ length: columns }, (_, column) => {
              const cell = row.children[column];
              const align = node.align?.[column];
              return new TableCell({
                width: { size: width, type: WidthType.DXA },
                ...(rowIndex === 0 ? { shading: { type: ShadingType.CLEAR, fill: colours.tint } } : {}),
                children: [
                  new Paragraph({
                    spacing: { after: 0 },
                    alignment:
                      align === 'center'
                        ? AlignmentType.CENTER
                        : align === 'right'
                          ? AlignmentType.RIGHT
                          : AlignmentType.LEFT,
                    children: cell ? this.inline(cell.children, { bold: rowIndex === 0 }) : [],
                  }),
                ],
              });
            }),
          }),
      ),
    });
  }

  /** A responsibility clause as a framed one-cell table: green rule when settled, orange when a grey zone. */
  private clause(node: ContainerDirective): Table {
    const [first, ...rest] = node.children;
    const body = first?.type === 'paragraph' && first.data?.directiveLabel ? rest : node.children;
    const clause = this.clauses.get(String(node.attributes?.id ?? ''));
    const grey = clause?.status === 'grey';
    const accent = grey ? colours.grey : colours.settled;
    const head: Paragraph[] = [];
    if (clause) {
      const { agreement } = this;
      // A real heading, so Word's navigation pane and table of contents list every clause.
      head.push(
        new Paragraph({
          heading: headingLevel(this.depth + 1),
          keepNext: true,
          children: [new TextRun({ text: clause.title, bold: true, size: 24, color: '000000' })],
        }),
      );
      // Only the title keeps with the next line: more keep-with-next inside a table cell makes Word and
      // LibreOffice move whole clause blocks to the next page, leaving half-empty pages.
      const verdict = clauseVerdict(clause, agreement);
      head.push(
        new Paragraph({
          children: verdict.grey
            ? [
                new TextRun({ text: 'Uavklart', bold: true, color: colours.grey }),
                new TextRun(` – Ta saken til: ${verdict.escalation}`),
              ]
            : [new TextRun('Ansvarlig: '), new TextRun({ text: verdict.owner, bold: true })],
        }),
      );
      const where = contactLink(agreement, clause.contact);
      for (const [label, value] of clauseFacts(clause, agreement)) {
        const children: ParagraphChild[] = [
          new TextRun({ text: `${label}: `, bold: true, size: 19 }),
          new TextRun({ text: value, size: 19 }),
        ];
        if (label === 'Kontakt' && where)
          children.push(
            new TextRun({ text: ' ', size: 19 }),
            new ExternalHyperlink({ link: where, children: [link('Finn kontaktperson →')] }),
          );
        head.push(new Paragraph({ spacing: { after: 40 }, children }));
      }
    }
    return new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: [textWidth],
      rows: [
        new TableRow({
          cantSplit: false,
          children: [
            new TableCell({
              width: { size: textWidth, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, fill: grey ? colours.greyTint : colours.tint },
              margins: { top: 100, bottom: 60, left: 160, right: 160 },
              borders: {
                top: thin,
                bottom: thin,
                right: thin,
                left: { style: BorderStyle.SINGLE, size: 36, color: accent },
              },
              children: [...head, ...this.blocks(body, {})],
            }),
          ],
        }),
      ],
    });
  }

  private inline(nodes: PhrasingContent[], marks: Marks): ParagraphChild[] {
    return nodes.flatMap((node): ParagraphChild[] => {
      switch (node.type) {
        case 'text':
          return [textRun(node.value, marks)];
        case 'strong':
          return this.inline(node.children, { ...marks, bold: true });
        case 'emphasis':
          return this.inline(node.children, { ...marks, italics: true });
        case 'delete':
          return this.inline(node.children, { ...marks, strike: true });
        case 'inlineCode':
          return [textRun(node.value, { ...marks, code: true })];
        case 'break':
          return [new TextRun({ text: '', break: 1 })];
        case 'link':
          // Only web and mail links become links; anything else stays as its text, as on the page.
          if (/^(https?:|mailto:)/i.test(node.url)) {
            return [new ExternalHyperlink({ link: node.url, children: [link(plainText(node))] })];
          }
          return this.inline(node.children, marks);
        case 'image':
          return node.alt ? [textRun(`[${node.alt}]`, marks)] : [];
        case 'footnoteReference':
          return [textRun(`[${node.label ?? node.identifier}]`, marks)];
        default:
          // Raw HTML is never written into a document (it is refused when saving, too).
          return [];
      }
    });
  }
}

function textRun(text: string, marks: Marks): TextRun {
  return new TextRun({
    text,
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italics ? { italics: true } : {}),
    ...(marks.strike ? { strike: true } : {}),
    ...(marks.code ? { font: 'Courier New' } : {}),
  });
}

function link(text: string): TextRun {
  return new TextRun({ text, style: 'Hyperlink', color: '0563C1', underline: {} });
}

/** `#` is the document's title, so `##` is Word's Heading 1, `###` Heading 2, …: Word's outline as the text's. */
function headingLevel(depth: number) {
  const levels = [
    HeadingLevel.HEADING_1,
    HeadingLevel.HEADING_2,
    HeadingLevel.HEADING_3,
    HeadingLevel.HEADING_4,
    HeadingLevel.HEADING_5,
  ] as const;
  return levels[Math.min(Math.max(depth - 2, 0), levels.length - 1)] as (typeof levels)[number];
}
