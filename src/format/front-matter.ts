import type { Yaml } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { isIsoDate } from './dates.js';
import { isValidId } from './ids.js';
import { type RuleId, reportError, reportWarning } from './messages.js';
import { checkPartyKinds } from './party-kinds.js';
import { isUnsafeText } from './safety.js';
import type { AgreementMeta, ContactRole, Party, Signatory } from './types.js';
import { agreementKinds, agreementStatuses, isAgreementKind, isAgreementStatus } from './vocabulary.js';
import { yamlErrorText } from './yaml-errors.js';

/**
 * The front matter block as remark-frontmatter sees it: `---` on the first line, `---` to close, each
 * perhaps with trailing spaces and a carriage return. Group 1 is the YAML without its last line break.
 */
export const frontMatterPattern = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** The YAML between the `---` lines and where the body starts; undefined for a file without front matter. */
export function splitFrontMatter(markdown: string): { yaml: string; bodyStart: number } | undefined {
  const match = frontMatterPattern.exec(markdown);
  return match ? { yaml: match[1] ?? '', bodyStart: match[0].length } : undefined;
}

/**
 * The front matter block a file begins with, decoded without the rest of the file (what `splitFrontMatter`
 * reads of the whole text); undefined when the file does not begin with one that the first line starting
 * with `---` after it closes.
 */
export function leadingFrontMatter(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const closing = buffer.indexOf('\n---', 2);
  if (closing < 0) return undefined;
  const lineEnd = buffer.indexOf(0x0a, closing + 4);
  const head = buffer.toString('utf8', 0, lineEnd < 0 ? buffer.length : lineEnd + 1);
  return frontMatterPattern.exec(head)?.[0].length === head.length ? head : undefined;
}

/** More YAML errors than this are mostly consequences of the first ones. */
const maxYamlErrors = 5;

const knownKeys = new Set([
  'id',
  'tittel',
  'type',
  'overordnet',
  'erstatter',
  'fylke',
  'status',
  'gyldig-fra',
  'gyldig-til',
  'revideres',
  'eskalering',
  'parter',
  'signatarer',
  'kontakter',
  'eksempel',
]);

/** Where in the front matter a problem is: a top-level key's value, an item of a list, or the block itself. */
export type MetaPlace = { key: string; index?: number } | undefined;

/** Receives the problems of front matter that is valid YAML; each reader places them its own way. */
export interface MetaReporter {
  error(reason: string, place: MetaPlace, rule: RuleId): void;
}

function emptyMeta(): AgreementMeta {
  return {
    id: '',
    title: '',
    kind: 'ramme',
    county: '',
    status: 'utkast',
    validFrom: '',
    parties: [],
    signatories: [],
    contacts: [],
    example: false,
  };
}

/** Reads the YAML front matter into metadata, reporting every problem at its line in the Markdown file. */
export function readFrontMatter(file: VFile, node: Yaml | undefined): AgreementMeta {
  if (!node) {
    reportError(
      file,
      'Filen mangler metadata (YAML-blokk mellom «---»-linjer øverst).',
      { line: 1, column: 1 },
      'front-matter',
    );
    return emptyMeta();
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(node.value, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const pointAt = (offset: number | undefined): Point => {
    if (offset === undefined) return node.position?.start ?? { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line: firstLine + line - 1, column: col };
  };
  const start = node.position?.start;

  if (document.errors.length > 0) {
    // Nesting too deep for the parser: one clear message, not one per level (where the parser
    // gave up depends on the stack size, so the message points at the metadata as a whole).
    if (document.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) {
      reportError(
        file,
        'Metadata er ikke gyldig YAML: for mange nivåer inni hverandre.',
        start,
        'front-matter',
      );
      return emptyMeta();
    }
    for (const error of document.errors.slice(0, maxYamlErrors)) {
      reportError(
        file,
        `Metadata er ikke gyldig YAML: ${yamlErrorText(error)}`,
        pointAt(error.pos[0]),
        'front-matter',
      );
    }
    return emptyMeta();
  }
  const root = document.contents;
  if (!isMap(root)) {
    reportError(file, 'Metadata må være en liste av nøkler og verdier (YAML).', start, 'front-matter');
    return emptyMeta();
  }
  let data: Record<string, unknown>;
  try {
    data = document.toJS({ maxAliasCount: 20 }) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as Error).message.includes('alias count')
      ? 'for mange henvisninger til ankere (*navn).'
      : (error as Error).message;
    reportError(file, `Metadata kan ikke leses: ${reason}`, start, 'front-matter');
    return emptyMeta();
  }

  for (const pair of root.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    if (typeof key !== 'string' || !knownKeys.has(key)) {
      reportWarning(
        file,
        `Ukjent nøkkel i metadata: «${String(key)}».`,
        pointAt((pair.key as YamlNode | null)?.range?.[0]),
        'unknown-key',
      );
    }
  }
  const placeAt = (place: MetaPlace): Point | undefined => {
    if (place === undefined) return start;
    const value = root.get(place.key, true) as YamlNode | undefined;
    if (place.index === undefined || !isSeq(value)) return pointAt(value?.range?.[0]);
    return pointAt((value.items[place.index] as YamlNode | undefined)?.range?.[0]);
  };
  return readMetaData(data, {
    error: (reason, place, rule) => reportError(file, reason, placeAt(place), rule),
  });
}

/**
 * The meaning of front matter already read as YAML (by either reader: `yaml` with positions above, js-yaml
 * for the index's fast reader): every rule about keys and values is here, once, one rule per unit, run in
 * the order their messages read best.
 */
export function readMetaData(data: Record<string, unknown>, report: MetaReporter): AgreementMeta {
  const context = metaContext(data, report);
  for (const rule of metaRules) rule(context);
  return context.meta;
}

/** What each rule is given: the YAML's data, where problems go, the metadata it fills in, and readers. */
interface MetaContext {
  data: Record<string, unknown>;
  report: MetaReporter;
  meta: AgreementMeta;
  /** A text value: `undefined` when absent (reported when required) or not text (reported). */
  text(key: string, label: string, required: boolean): string | undefined;
  /** A date value as `ÅÅÅÅ-MM-DD`; anything else is reported. */
  date(key: string, label: string, required: boolean): string | undefined;
  /** The list items read so far, each with where it is, for the rules that check references between them. */
  items: {
    parties: { value: Party; at: MetaPlace }[];
    signatories: { value: Signatory; at: MetaPlace }[];
    contacts: { value: ContactRole; at: MetaPlace }[];
  };
}

type MetaRule = (context: MetaContext) => void;

function metaContext(data: Record<string, unknown>, report: MetaReporter): MetaContext {
  const text = (key: string, label: string, required: boolean): string | undefined => {
    const value = data[key];
    if (value === undefined || value === null || value === '') {
      if (required) report.error(`Metadata mangler «${key}» (${label}).`, undefined, 'missing-metadata');
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      report.error(`«${key}» (${label}) må være tekst.`, { key }, 'invalid-value');
      return undefined;
    }
    return String(value).trim();
  };
  const date = (key: string, label: string, required: boolean): string | undefined => {
    const value = text(key, label, required);
    if (value === undefined) return undefined;
    if (!isIsoDate(value)) {
      report.error(
        `«${key}» (${label}) er ikke en gyldig dato: «${value}». Skriv datoen som ÅÅÅÅ-MM-DD.`,
        { key },
        'invalid-date',
      );
      return undefined;
    }
    return value;
  };
  return {
    data,
    report,
    meta: emptyMeta(),
    text,
    date,
    items: { parties: [], signatories: [], contacts: [] },
  };
}

/** `tittel: <script>…` → refused: metadata is plain text, shown on pages and in exports. */
const plainText: MetaRule = ({ data, report }) => {
  for (const [key, value] of textValues(data)) {
    if (isUnsafeText(value)) {
      report.error(
        `HTML og skriptlenker er ikke tillatt i metadata («${key}»). Bruk vanlig tekst.`,
        { key },
        'unsafe-content',
      );
    }
  }
};

/** `id: fjordvik-ramme` → kept; `id: Fjordvik Ramme` → refused (ids name files and URLs). */
const agreementId: MetaRule = ({ meta, report, text }) => {
  const id = text('id', 'avtalens id', true);
  if (id === undefined) return;
  if (isValidId(id)) meta.id = id;
  else
    report.error(
      `Ugyldig avtale-id «${id}»: bruk små bokstaver a–z, tall og bindestrek (2–80 tegn).`,
      { key: 'id' },
      'invalid-value',
    );
};

/** `tittel` and `fylke` are required text. */
const titleAndCounty: MetaRule = ({ meta, text }) => {
  meta.title = text('tittel', 'tittel', true) ?? '';
  meta.county = text('fylke', 'fylke', true) ?? '';
};

/** `type: ramme` (or `del`, `lokal`, …) → kept; an unknown kind is refused with the allowed ones. */
const agreementKind: MetaRule = ({ meta, report, text }) => {
  const kind = text('type', 'avtaletype', true);
  if (kind === undefined) return;
  if (isAgreementKind(kind)) meta.kind = kind;
  else
    report.error(
      `Ukjent avtaletype «${kind}». Tillatt: ${Object.keys(agreementKinds).join(', ')}.`,
      { key: 'type' },
      'invalid-value',
    );
};

/** `overordnet: fjordvik-ramme` names the agreement a `del` or `lokal` agreement belongs under; they need it. */
const parentAgreement: MetaRule = ({ meta, report, text }) => {
  const parent = text('overordnet', 'overordnet avtale', false);
  if (parent !== undefined) {
    if (isValidId(parent)) meta.parent = parent;
    else
      report.error(`Ugyldig id for overordnet avtale: «${parent}».`, { key: 'overordnet' }, 'invalid-value');
  } else if (meta.kind === 'del' || meta.kind === 'lokal') {
    report.error(
      'En delavtale eller lokal avtale må ha «overordnet» (id til avtalen den hører under).',
      undefined,
      'missing-metadata',
    );
  }
};

/** `erstatter: fjordvik-ramme` names the agreement this one replaces: its approval ends that one. */
const replacedAgreement: MetaRule = ({ meta, report, text }) => {
  const replaces = text('erstatter', 'avtalen denne erstatter', false);
  if (replaces === undefined) return;
  if (!isValidId(replaces))
    report.error(`Ugyldig id i «erstatter»: «${replaces}».`, { key: 'erstatter' }, 'invalid-value');
  else if (replaces === meta.id)
    report.error(
      'En avtale kan ikke erstatte seg selv («erstatter»).',
      { key: 'erstatter' },
      'invalid-value',
    );
  else meta.replaces = replaces;
};

/** `status: utkast` (or another known status) → kept; an unknown status is refused with the allowed ones. */
const agreementStatus: MetaRule = ({ meta, report, text }) => {
  const status = text('status', 'status', true);
  if (status === undefined) return;
  if (isAgreementStatus(status)) meta.status = status;
  else
    report.error(
      `Ukjent status «${status}». Tillatt: ${Object.keys(agreementStatuses).join(', ')}.`,
      { key: 'status' },
      'invalid-value',
    );
};

/** `gyldig-fra` (required), `gyldig-til` and `revideres` are dates; `gyldig-til: 2019-01-01` before `gyldig-fra: 2020-01-01` is refused. */
const validity: MetaRule = ({ meta, report, date }) => {
  meta.validFrom = date('gyldig-fra', 'gyldig fra', true) ?? '';
  meta.validTo = date('gyldig-til', 'gyldig til', false);
  meta.reviewBy = date('revideres', 'neste revisjon', false);
  if (meta.validFrom && meta.validTo && meta.validTo < meta.validFrom) {
    report.error(
      `«gyldig-til» (${meta.validTo}) er før «gyldig-fra» (${meta.validFrom}).`,
      { key: 'gyldig-til' },
      'invalid-date',
    );
  }
};

/** `eskalering: Samarbeidsutvalget …` says where unclear cases are taken. */
const escalation: MetaRule = ({ meta, text }) => {
  meta.escalation = text('eskalering', 'hvor uavklarte saker tas', false);
};

/** `eksempel: true` marks a fictional example agreement; anything but true or false is refused. */
const exampleFlag: MetaRule = ({ data, meta, report }) => {
  const example = data.eksempel;
  if (example !== undefined && typeof example !== 'boolean') {
    report.error('«eksempel» må være true eller false.', { key: 'eksempel' }, 'invalid-value');
  }
  meta.example = example === true;
};

/**
 * `parter`: at least two, each id once, and the top-level ones include NAV and the county
 * (src/format/party-kinds.ts). Problems with one party are reported at that item, not at the list.
 */
const parties: MetaRule = ({ data, meta, report, items }) => {
  items.parties = readList(data, 'parter', report, (item, at) => readParty(item, at, report));
  meta.parties = items.parties.map(({ value }) => value);
  if (isAbsent(data.parter)) {
    report.error('Metadata mangler «parter» (avtalens parter).', undefined, 'missing-metadata');
  } else if (meta.parties.length < 2 && Array.isArray(data.parter)) {
    report.error('En avtale må ha minst to parter.', { key: 'parter' }, 'missing-metadata');
  }
  const seen = new Set<string>();
  for (const { value: party, at } of items.parties) {
    if (seen.has(party.id)) report.error(`Parten «${party.id}» står to ganger.`, at, 'invalid-value');
    seen.add(party.id);
  }
  checkPartyKinds(items.parties, report);
};

/** `signatarer` and `kontakter`: lists of items with their own required keys. */
const signatoriesAndContacts: MetaRule = ({ data, meta, report, items }) => {
  items.signatories = readList(data, 'signatarer', report, (item, at) => readSignatory(item, at, report));
  meta.signatories = items.signatories.map(({ value }) => value);
  items.contacts = readList(data, 'kontakter', report, (item, at) => readContact(item, at, report));
  meta.contacts = items.contacts.map(({ value }) => value);
};

/** `del-av`, a signatory's `part` and a contact role's `part` must name a party in `parter`. */
const partyReferences: MetaRule = ({ meta, report, items }) => {
  const partyIds = new Set(meta.parties.map((party) => party.id));
  const checkParty = (party: string | undefined, what: string, at: MetaPlace) => {
    if (party !== undefined && !partyIds.has(party)) {
      report.error(`${what} viser til en ukjent part: «${party}».`, at, 'unknown-party');
    }
  };
  for (const { value: party, at } of items.parties)
    checkParty(party.partOf, `Parten «${party.id}» (del-av)`, at);
  for (const { value: signatory, at } of items.signatories)
    checkParty(signatory.party, `Signataren «${signatory.name}»`, at);
  for (const { value: contact, at } of items.contacts)
    checkParty(contact.party, `Kontaktrollen «${contact.id}»`, at);
};

const metaRules: MetaRule[] = [
  plainText,
  agreementId,
  titleAndCounty,
  agreementKind,
  parentAgreement,
  replacedAgreement,
  agreementStatus,
  validity,
  escalation,
  exampleFlag,
  parties,
  signatoriesAndContacts,
  partyReferences,
];

type ItemReader<T> = (item: Record<string, unknown>, at: MetaPlace) => T | undefined;

/** A key written without a value (`kontakter:`) counts as absent. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function readList<T>(
  data: Record<string, unknown>,
  key: string,
  report: MetaReporter,
  read: ItemReader<T>,
): { value: T; at: MetaPlace }[] {
  const list = data[key];
  if (isAbsent(list)) return [];
  if (!Array.isArray(list)) {
    report.error(`«${key}» må være en liste.`, { key }, 'invalid-value');
    return [];
  }
  const result: { value: T; at: MetaPlace }[] = [];
  for (const [index, raw] of list.entries()) {
    const at = { key, index };
    const value =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw)
        ? (raw as Record<string, unknown>)
        : undefined;
    if (!value) {
      report.error(`Hvert element i «${key}» må ha nøkler og verdier.`, at, 'invalid-value');
      continue;
    }
    const read_ = read(value, at);
    if (read_ !== undefined) result.push({ value: read_, at });
  }
  return result;
}

/**
 * Every text in the metadata, with the top-level key it is under. Collected into one array: nested
 * generators (`yield*`) were half of what giving meaning to a version's parties cost.
 */
function textValues(value: unknown, key = '', into: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') into.push([key, value]);
  else if (Array.isArray(value)) for (const item of value) textValues(item, key, into);
  else if (typeof value === 'object' && value !== null)
    for (const name of Object.keys(value))
      textValues((value as Record<string, unknown>)[name], key || name, into);
  return into;
}

function field(
  item: Record<string, unknown>,
  key: string,
  list: string,
  at: MetaPlace,
  report: MetaReporter,
  required = true,
) {
  const value = item[key];
  if (value === undefined || value === null || value === '') {
    if (required) report.error(`Et element i «${list}» mangler «${key}».`, at, 'missing-metadata');
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    report.error(`«${key}» i «${list}» må være tekst.`, at, 'invalid-value');
    return undefined;
  }
  return String(value).trim();
}

function readId(
  item: Record<string, unknown>,
  list: string,
  at: MetaPlace,
  report: MetaReporter,
): string | undefined {
  const id = field(item, 'id', list, at, report);
  if (id === undefined) return undefined;
  if (!isValidId(id)) {
    report.error(
      `Ugyldig id «${id}» i «${list}»: bruk små bokstaver a–z, tall og bindestrek.`,
      at,
      'invalid-value',
    );
    return undefined;
  }
  return id;
}

function readParty(item: Record<string, unknown>, at: MetaPlace, report: MetaReporter): Party | undefined {
  const id = readId(item, 'parter', at, report);
  const name = field(item, 'navn', 'parter', at, report);
  const partOf = field(item, 'del-av', 'parter', at, report, false);
  if (id === undefined || name === undefined) return undefined;
  return partOf === undefined ? { id, name } : { id, name, partOf };
}

function readSignatory(
  item: Record<string, unknown>,
  at: MetaPlace,
  report: MetaReporter,
): Signatory | undefined {
  const name = field(item, 'navn', 'signatarer', at, report);
  const role = field(item, 'rolle', 'signatarer', at, report);
  const party = field(item, 'part', 'signatarer', at, report);
  const date = field(item, 'dato', 'signatarer', at, report, false);
  if (date !== undefined && !isIsoDate(date)) {
    report.error(`Signaturdatoen «${date}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD).`, at, 'invalid-date');
  }
  if (name === undefined || role === undefined || party === undefined) return undefined;
  return date === undefined ? { name, role, party } : { name, role, party, date };
}

function readContact(
  item: Record<string, unknown>,
  at: MetaPlace,
  report: MetaReporter,
): ContactRole | undefined {
  const id = readId(item, 'kontakter', at, report);
  const role = field(item, 'rolle', 'kontakter', at, report);
  const party = field(item, 'part', 'kontakter', at, report);
  const description = field(item, 'beskrivelse', 'kontakter', at, report, false);
  const link = field(item, 'lenke', 'kontakter', at, report, false);
  if (link !== undefined && !isWebAddress(link)) {
    report.error(
      `«lenke» for kontaktrollen «${id ?? ''}» må være en nettadresse som begynner med https:// (eller http://), f.eks. https://intranett.example/finn-kontakt. Fikk «${link.slice(0, 80)}».`,
      at,
      'invalid-value',
    );
  }
  if (id === undefined || role === undefined || party === undefined) return undefined;
  const contact: ContactRole = { id, role, party };
  if (description !== undefined) contact.description = description;
  if (link !== undefined && isWebAddress(link)) contact.link = link;
  return contact;
}

/** A web address a page may link to: http or https, nothing else (no `javascript:`, no `mailto:` to a person). */
export function isWebAddress(value: string): boolean {
  if (value.length > 500 || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A place in a Markdown file, as validator messages give it (1-based). */
export type FrontMatterPoint = { line: number; column: number };

/**
 * Where a front matter key's value (or the `index`th item of its list) starts in the Markdown file; the first
 * line when it is absent. For checks of a text that has been read without errors, so its front matter is YAML.
 */
export function frontMatterPoints(markdown: string): (key: string, index?: number) => FrontMatterPoint {
  const yaml = frontMatterPattern.exec(markdown)?.[1] ?? '';
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter });
  return (key, index) => {
    const value = isMap(document.contents)
      ? (document.contents.get(key, true) as YamlNode | undefined)
      : undefined;
    const node = index !== undefined && isSeq(value) ? (value.items[index] as YamlNode | undefined) : value;
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    // The YAML starts on the line after the opening `---`.
    return { line: line + 1, column: col };
  };
}
