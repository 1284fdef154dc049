import type { Yaml } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { isIsoDate } from './dates.js';
import { isValidId } from './ids.js';
import { reportError, reportWarning } from './messages.js';
import { checkPartyKinds } from './party-kinds.js';
import { isUnsafeText } from './safety.js';
import type { AgreementMeta, ContactRole, Party, Signatory } from './types.js';
import { agreementKinds, agreementStatuses, isAgreementKind, isAgreementStatus } from './vocabulary.js';

/** More YAML errors than this are mostly consequences of the first ones. */
const maxYamlErrors = 5;

const knownKeys = new Set([
  'id',
  'tittel',
  'type',
  'overordnet',
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

/** Reads the YAML front matter into metadata, reporting every problem at its line in the Markdown file. */
export function readFrontMatter(file: VFile, node: Yaml | undefined): AgreementMeta {
  const meta: AgreementMeta = {
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
  if (!node) {
    reportError(
      file,
      'Filen mangler metadata (YAML-blokk mellom «---»-linjer øverst).',
      { line: 1, column: 1 },
      'front-matter',
    );
    return meta;
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
      return meta;
    }
    for (const error of document.errors.slice(0, maxYamlErrors)) {
      reportError(
        file,
        `Metadata er ikke gyldig YAML: ${error.message.split('\n')[0]}`,
        pointAt(error.pos[0]),
        'front-matter',
      );
    }
    return meta;
  }
  const root = document.contents;
  if (!isMap(root)) {
    reportError(file, 'Metadata må være en liste av nøkler og verdier (YAML).', start, 'front-matter');
    return meta;
  }

  const nodeFor = (key: string): YamlNode | undefined => root.get(key, true) as YamlNode | undefined;
  const pointOf = (key: string): Point => pointAt(nodeFor(key)?.range?.[0]);
  let data: Record<string, unknown>;
  try {
    data = document.toJS({ maxAliasCount: 20 }) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as Error).message.includes('alias count')
      ? 'for mange henvisninger til ankere (*navn).'
      : (error as Error).message;
    reportError(file, `Metadata kan ikke leses: ${reason}`, start, 'front-matter');
    return meta;
  }
  for (const [key, value] of textValues(data)) {
    if (isUnsafeText(value)) {
      reportError(
        file,
        `HTML og skriptlenker er ikke tillatt i metadata («${key}»). Bruk vanlig tekst.`,
        pointOf(key),
        'unsafe-content',
      );
    }
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

  const text = (key: string, label: string, required: boolean): string | undefined => {
    const value = data[key];
    if (value === undefined || value === null || value === '') {
      if (required) reportError(file, `Metadata mangler «${key}» (${label}).`, start, 'missing-metadata');
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      reportError(file, `«${key}» (${label}) må være tekst.`, pointOf(key), 'invalid-value');
      return undefined;
    }
    return String(value).trim();
  };
  const date = (key: string, label: string, required: boolean): string | undefined => {
    const value = text(key, label, required);
    if (value === undefined) return undefined;
    if (!isIsoDate(value)) {
      reportError(
        file,
        `«${key}» (${label}) er ikke en gyldig dato: «${value}». Skriv datoen som ÅÅÅÅ-MM-DD.`,
        pointOf(key),
        'invalid-date',
      );
      return undefined;
    }
    return value;
  };

  const id = text('id', 'avtalens id', true);
  if (id !== undefined) {
    if (isValidId(id)) meta.id = id;
    else
      reportError(
        file,
        `Ugyldig avtale-id «${id}»: bruk små bokstaver a–z, tall og bindestrek (2–80 tegn).`,
        pointOf('id'),
        'invalid-value',
      );
  }
  meta.title = text('tittel', 'tittel', true) ?? '';
  meta.county = text('fylke', 'fylke', true) ?? '';

  const kind = text('type', 'avtaletype', true);
  if (kind !== undefined) {
    if (isAgreementKind(kind)) meta.kind = kind;
    else
      reportError(
        file,
        `Ukjent avtaletype «${kind}». Tillatt: ${Object.keys(agreementKinds).join(', ')}.`,
        pointOf('type'),
        'invalid-value',
      );
  }
  const parent = text('overordnet', 'overordnet avtale', false);
  if (parent !== undefined) {
    if (isValidId(parent)) meta.parent = parent;
    else
      reportError(
        file,
        `Ugyldig id for overordnet avtale: «${parent}».`,
        pointOf('overordnet'),
        'invalid-value',
      );
  } else if (kind === 'del' || kind === 'lokal') {
    reportError(
      file,
      'En delavtale eller lokal avtale må ha «overordnet» (id til avtalen den hører under).',
      start,
      'missing-metadata',
    );
  }

  const status = text('status', 'status', true);
  if (status !== undefined) {
    if (isAgreementStatus(status)) meta.status = status;
    else
      reportError(
        file,
        `Ukjent status «${status}». Tillatt: ${Object.keys(agreementStatuses).join(', ')}.`,
        pointOf('status'),
        'invalid-value',
      );
  }

  meta.validFrom = date('gyldig-fra', 'gyldig fra', true) ?? '';
  meta.validTo = date('gyldig-til', 'gyldig til', false);
  meta.reviewBy = date('revideres', 'neste revisjon', false);
  if (meta.validFrom && meta.validTo && meta.validTo < meta.validFrom) {
    reportError(
      file,
      `«gyldig-til» (${meta.validTo}) er før «gyldig-fra» (${meta.validFrom}).`,
      pointOf('gyldig-til'),
      'invalid-date',
    );
  }
  meta.escalation = text('eskalering', 'hvor uavklarte saker tas', false);
  const example = data.eksempel;
  if (example !== undefined && typeof example !== 'boolean') {
    reportError(file, '«eksempel» må være true eller false.', pointOf('eksempel'), 'invalid-value');
  }
  meta.example = example === true;

  // Problems with one party, signatory or contact are reported at that item, not at the list.
  const parties = readList(file, root, data, 'parter', pointAt, start, (item, at) =>
    readParty(file, item, at),
  );
  meta.parties = parties.map(({ value }) => value);
  if (isAbsent(nodeFor('parter'))) {
    reportError(file, 'Metadata mangler «parter» (avtalens parter).', start, 'missing-metadata');
  } else if (meta.parties.length < 2 && isSeq(nodeFor('parter'))) {
    reportError(file, 'En avtale må ha minst to parter.', pointOf('parter'), 'missing-metadata');
  }
  const partyIds = new Set<string>();
  for (const { value: party, at } of parties) {
    if (partyIds.has(party.id))
      reportError(file, `Parten «${party.id}» står to ganger.`, at, 'invalid-value');
    partyIds.add(party.id);
  }
  checkPartyKinds(file, parties, pointOf('parter'));
  const signatories = readList(file, root, data, 'signatarer', pointAt, start, (item, at) =>
    readSignatory(file, item, at),
  );
  meta.signatories = signatories.map(({ value }) => value);
  const contacts = readList(file, root, data, 'kontakter', pointAt, start, (item, at) =>
    readContact(file, item, at),
  );
  meta.contacts = contacts.map(({ value }) => value);

  const checkParty = (party: string | undefined, what: string, at: Point) => {
    if (party !== undefined && !partyIds.has(party)) {
      reportError(file, `${what} viser til en ukjent part: «${party}».`, at, 'unknown-party');
    }
  };
  for (const { value: party, at } of parties) checkParty(party.partOf, `Parten «${party.id}» (del-av)`, at);
  for (const { value: signatory, at } of signatories)
    checkParty(signatory.party, `Signataren «${signatory.name}»`, at);
  for (const { value: contact, at } of contacts)
    checkParty(contact.party, `Kontaktrollen «${contact.id}»`, at);
  return meta;
}

type ItemReader<T> = (item: Record<string, unknown>, at: Point) => T | undefined;

/** A key written without a value (`kontakter:`) counts as absent. */
function isAbsent(node: YamlNode | undefined): boolean {
  return node === undefined || (isScalar(node) && (node.value === null || node.value === ''));
}

function readList<T>(
  file: VFile,
  root: import('yaml').YAMLMap,
  data: Record<string, unknown>,
  key: string,
  pointAt: (offset: number | undefined) => Point,
  start: Point | undefined,
  read: ItemReader<T>,
): { value: T; at: Point }[] {
  const node = root.get(key, true) as YamlNode | undefined;
  if (node === undefined || isAbsent(node)) return [];
  if (!isSeq(node)) {
    reportError(file, `«${key}» må være en liste.`, pointAt(node.range?.[0]) ?? start, 'invalid-value');
    return [];
  }
  const result: { value: T; at: Point }[] = [];
  // Values from `data`, where aliases (`*navn`) are already resolved; positions from the YAML nodes.
  const values = Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
  for (const [index, item] of node.items.entries()) {
    const at = pointAt((item as YamlNode).range?.[0]);
    const raw = values[index];
    const value =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw)
        ? (raw as Record<string, unknown>)
        : undefined;
    if (!value) {
      reportError(file, `Hvert element i «${key}» må ha nøkler og verdier.`, at, 'invalid-value');
      continue;
    }
    const read_ = read(value, at);
    if (read_ !== undefined) result.push({ value: read_, at });
  }
  return result;
}

/** Every text in the metadata, with the top-level key it is under. */
function* textValues(value: unknown, key = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [key, value];
  else if (Array.isArray(value)) for (const item of value) yield* textValues(item, key);
  else if (typeof value === 'object' && value !== null)
    for (const [name, item] of Object.entries(value)) yield* textValues(item, key || name);
}

function field(
  file: VFile,
  item: Record<string, unknown>,
  key: string,
  list: string,
  at: Point,
  required = true,
) {
  const value = item[key];
  if (value === undefined || value === null || value === '') {
    if (required) reportError(file, `Et element i «${list}» mangler «${key}».`, at, 'missing-metadata');
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    reportError(file, `«${key}» i «${list}» må være tekst.`, at, 'invalid-value');
    return undefined;
  }
  return String(value).trim();
}

function readId(file: VFile, item: Record<string, unknown>, list: string, at: Point): string | undefined {
  const id = field(file, item, 'id', list, at);
  if (id === undefined) return undefined;
  if (!isValidId(id)) {
    reportError(
      file,
      `Ugyldig id «${id}» i «${list}»: bruk små bokstaver a–z, tall og bindestrek.`,
      at,
      'invalid-value',
    );
    return undefined;
  }
  return id;
}

function readParty(file: VFile, item: Record<string, unknown>, at: Point): Party | undefined {
  const id = readId(file, item, 'parter', at);
  const name = field(file, item, 'navn', 'parter', at);
  const partOf = field(file, item, 'del-av', 'parter', at, false);
  if (id === undefined || name === undefined) return undefined;
  return partOf === undefined ? { id, name } : { id, name, partOf };
}

function readSignatory(file: VFile, item: Record<string, unknown>, at: Point): Signatory | undefined {
  const name = field(file, item, 'navn', 'signatarer', at);
  const role = field(file, item, 'rolle', 'signatarer', at);
  const party = field(file, item, 'part', 'signatarer', at);
  const date = field(file, item, 'dato', 'signatarer', at, false);
  if (date !== undefined && !isIsoDate(date)) {
    reportError(file, `Signaturdatoen «${date}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD).`, at, 'invalid-date');
  }
  if (name === undefined || role === undefined || party === undefined) return undefined;
  return date === undefined ? { name, role, party } : { name, role, party, date };
}

function readContact(file: VFile, item: Record<string, unknown>, at: Point): ContactRole | undefined {
  const id = readId(file, item, 'kontakter', at);
  const role = field(file, item, 'rolle', 'kontakter', at);
  const party = field(file, item, 'part', 'kontakter', at);
  const description = field(file, item, 'beskrivelse', 'kontakter', at, false);
  if (id === undefined || role === undefined || party === undefined) return undefined;
  return description === undefined ? { id, role, party } : { id, role, party, description };
}
