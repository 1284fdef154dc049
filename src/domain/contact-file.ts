/**
 * A county's contact register (`kontakter/<fylke>.yaml` in the data repository): the NAV offices of the
 * county with the municipalities each serves, and the named contacts on both sides — which OT contact
 * serves which NAV offices and municipalities, and who at each NAV office is the contact for OT. Many to
 * many: a contact serves several offices, an office has several contacts. Kept apart from the agreements,
 * which name only the contact *roles*: people change far more often than agreements, and a new contact
 * needs no new version approved by both parties. Staff only; nothing about young people.
 */
import { diffLines } from 'diff';
import { type Document, isMap, isScalar, isSeq, parseDocument, stringify, type YAMLMap } from 'yaml';
import { isValidId, slugOf } from '../format/ids.js';
import type { PlainMessage } from '../format/messages.js';
import { DataFileReader } from './data-file.js';

export const contactsFolder = 'kontakter';

export type Side = 'fylkeskommune' | 'nav';
export const sides: Record<Side, string> = { fylkeskommune: 'Fylkeskommunen (OT)', nav: 'NAV' };

export interface NavOffice {
  id: string;
  name: string;
  municipalities: string[];
}

export interface Contact {
  id: string;
  side: Side;
  name: string;
  /** What the person is, as colleagues look for it: «OT-rådgiver, region Strandby». */
  role: string;
  email?: string;
  phone?: string;
  /** NAV offices: the ones an OT contact serves, or the one a NAV contact works at. */
  offices: string[];
  /** Municipalities served beyond those of the offices. */
  municipalities: string[];
}

export interface ContactRegister {
  county: string;
  /** The county authority's party id (`fjordvik-fk`): its editors keep the county side. */
  countyParty?: string;
  offices: NavOffice[];
  contacts: Contact[];
  /** `eksempel: true`: fictional people, seeded with the example agreements; they leave lookups with them. */
  example?: boolean;
}

export const contactLimits = { name: 100, role: 150, email: 120, phone: 30, municipality: 60 } as const;

export const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
export const phonePattern = /^\+?[\d ]{5,20}$/;

/** `Sørholm` → `sorholm`: the register's file name. */
export function countySlug(county: string): string {
  return slugOf(county);
}

export function registerPath(county: string): string {
  return `${contactsFolder}/${countySlug(county)}.yaml`;
}

export function isRegisterPath(path: string): boolean {
  return /^kontakter\/[a-z0-9-]+\.yaml$/.test(path);
}

/**
 * Any YAML file directly in the contacts folder: what a person committing outside Gjerde meant as a
 * register, even under a name Gjerde does not read (`kontakter/nordre vik.yaml`), so it gets the naming rule.
 */
export function isInContactsFolder(path: string): boolean {
  return /^kontakter\/[^/]+\.ya?ml$/.test(path);
}

/** The naming rule, said with the file name a county's register must have. */
function namingRule(county: string): string {
  return `Kontaktregisteret for ${county} skal ligge i ${registerPath(county)}: fylkesnavnet skrives med små bokstaver, bindestrek i stedet for mellomrom og æ, ø, å som ae, o, a.`;
}

export interface ParsedRegister {
  ok: boolean;
  register?: ContactRegister;
  messages: PlainMessage[];
}

const officeKeys = ['id', 'navn', 'kommuner'] as const;
const contactKeys = ['id', 'side', 'navn', 'rolle', 'epost', 'telefon', 'nav-kontorer', 'kommuner'] as const;

export function parseRegisterFile(text: string, path?: string): ParsedRegister {
  const reader = new DataFileReader(text, path, [
    'fylke',
    'fylkeskommune',
    'eksempel',
    'nav-kontorer',
    'kontakter',
  ]);
  const top = reader.records('nav-kontorer', officeKeys);
  const countyNode = reader.value('fylke');
  const county =
    typeof (countyNode as { value?: unknown })?.value === 'string'
      ? String((countyNode as { value: string }).value).trim()
      : '';
  if (!county) {
    reader.error('«fylke» mangler: hvilket fylke registeret gjelder.', countyNode);
    const named = path?.replace(/^kontakter\//, '').replace(/\.ya?ml$/, '');
    if (path && !isRegisterPath(path) && named) reader.error(namingRule(named), countyNode);
  } else if (path && path !== registerPath(county)) reader.error(namingRule(county), countyNode);
  const partyNode = reader.value('fylkeskommune') as { value?: unknown } | undefined;
  const countyParty = typeof partyNode?.value === 'string' ? partyNode.value.trim() : undefined;
  if (partyNode !== undefined && !isValidId(countyParty))
    reader.error('«fylkeskommune» må være en part-id (f.eks. fjordvik-fk).', partyNode as never);
  const exampleNode = reader.value('eksempel') as { value?: unknown } | undefined;
  if (exampleNode !== undefined && typeof exampleNode.value !== 'boolean')
    reader.error('«eksempel» må være true eller false.', exampleNode as never);
  const example = exampleNode?.value === true;
  const offices: NavOffice[] = [];
  for (const record of top) {
    const id = record.text('id', { required: true, max: 60 });
    const name = record.text('navn', { required: true, max: contactLimits.name });
    const municipalities = record.list('kommuner', { max: contactLimits.municipality });
    if (id && !isValidId(id)) record.error('«id» kan ha små bokstaver, tall og bindestrek.', 'id');
    else if (id && offices.some((office) => office.id === id))
      record.error(`NAV-kontoret «${id}» står to ganger.`, 'id');
    if (id && name) offices.push({ id, name, municipalities });
  }
  const contacts: Contact[] = [];
  for (const record of reader.records('kontakter', contactKeys)) {
    const id = record.text('id', { required: true, max: 60 });
    const side = record.text('side', { required: true, max: 20 });
    const name = record.text('navn', { required: true, max: contactLimits.name });
    const role = record.text('rolle', { required: true, max: contactLimits.role });
    const email = record.text('epost', { max: contactLimits.email });
    const phone = record.text('telefon', { max: contactLimits.phone });
    const served = record.list('nav-kontorer', { max: 60 });
    const municipalities = record.list('kommuner', { max: contactLimits.municipality });
    if (id && !isValidId(id)) record.error('«id» kan ha små bokstaver, tall og bindestrek.', 'id');
    else if (id && contacts.some((contact) => contact.id === id))
      record.error(`Kontakten «${id}» står to ganger.`, 'id');
    if (side !== undefined && side !== 'fylkeskommune' && side !== 'nav')
      record.error('«side» er «fylkeskommune» eller «nav».', 'side');
    if (email !== undefined && !emailPattern.test(email))
      record.error(`«${email}» er ikke en e-postadresse.`, 'epost');
    if (phone !== undefined && !phonePattern.test(phone))
      record.error('«telefon» kan ha sifre, mellomrom og + foran.', 'telefon');
    if (email === undefined && phone === undefined)
      record.error('En kontakt trenger e-post eller telefon.', 'navn');
    for (const office of served)
      if (!offices.some((known) => known.id === office))
        record.error(`NAV-kontoret «${office}» står ikke under «nav-kontorer».`, 'nav-kontorer');
    if (id && name && role && (side === 'fylkeskommune' || side === 'nav'))
      contacts.push({
        id,
        side,
        name,
        role,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        offices: served,
        municipalities,
      });
  }
  const { ok, messages } = reader.finish();
  if (!ok) return { ok, messages };
  return {
    ok,
    messages,
    register: { county, ...(countyParty ? { countyParty } : {}), offices, contacts, example },
  };
}

/** The register as the file's keys say it, in the canonical order. */
function registerBody(register: ContactRegister) {
  return {
    fylke: register.county,
    ...(register.countyParty ? { fylkeskommune: register.countyParty } : {}),
    ...(register.example ? { eksempel: true } : {}),
    'nav-kontorer': register.offices.map((office) => ({
      id: office.id,
      navn: office.name,
      ...(office.municipalities.length > 0 ? { kommuner: office.municipalities } : {}),
    })),
    kontakter: register.contacts.map((contact) => ({
      id: contact.id,
      side: contact.side,
      navn: contact.name,
      rolle: contact.role,
      ...(contact.email ? { epost: contact.email } : {}),
      ...(contact.phone ? { telefon: contact.phone } : {}),
      ...(contact.offices.length > 0 ? { 'nav-kontorer': contact.offices } : {}),
      ...(contact.municipalities.length > 0 ? { kommuner: contact.municipalities } : {}),
    })),
  };
}

/** The canonical file: offices and contacts in the order they were given (new ones last). */
export function writeRegisterFile(register: ContactRegister): string {
  const header = `# Kontaktregister for ${register.county}: hvem i OT og på NAV-kontorene som er kontakt for hvilke
# NAV-kontorer og kommuner. Bare ansattes kontaktopplysninger, aldri noe om ungdom. Endres i Gjerde («Kontakter»).
${register.example ? '# EKSEMPEL: oppdiktede personer, lagt inn med eksempelavtalene. De forsvinner fra oppslag sammen med dem.\n' : ''}`;
  return `${header}${stringify(registerBody(register), { lineWidth: 0 })}`;
}

/**
 * The register's file after a change, written into the file as it stands (`text`, as a county may have
 * written it by hand): only the entries whose meaning changed are touched, each in place, so comments,
 * quoting, key order, blank lines and list styles stay as written and the commit shows the change alone.
 * A file that does not read as a register is written in the canonical form.
 */
export function editRegisterFile(text: string, register: ContactRegister): string {
  const before = parseRegisterFile(text).register;
  const document = parseDocument(text);
  if (!before || document.errors.length > 0 || !isMap(document.contents)) return writeRegisterFile(register);
  const root = document.contents as YAMLMap<unknown, unknown>;
  const body = registerBody(register);
  const old = registerBody(before);
  for (const key of ['fylke', 'fylkeskommune', 'eksempel'] as const) {
    if (body[key] === undefined) root.delete(key);
    else if (!sameValue(old[key], body[key])) root.set(key, body[key]);
  }
  editRecords(document, root, 'nav-kontorer', old['nav-kontorer'], body['nav-kontorer']);
  editRecords(document, root, 'kontakter', old.kontakter, body.kontakter);
  // A list written flush with its key («kontakter:\n- id: …») stays flush.
  const options = {
    lineWidth: 0,
    indentSeq: !/^[^\s#][^\n]*:[ \t]*\r?\n-[ \t]/m.test(text),
    flowCollectionPadding: false,
  };
  return keepUnchangedLines(text, parseDocument(text).toString(options), document.toString(options));
}

/**
 * What the YAML library writes differs from a hand-written file in spacing it does not keep (before a
 * comment, say): lines the change left alone are taken from the file as written. `written` is the file
 * as the library writes it unchanged; where that is not line for line the file, the library's text stands.
 */
function keepUnchangedLines(text: string, written: string, changed: string): string {
  const original = text.split('\n');
  if (original.length !== written.split('\n').length) return changed;
  const lines: string[] = [];
  let at = 0;
  for (const part of diffLines(written, changed)) {
    const count = part.count ?? 0;
    if (part.added) lines.push(...part.value.replace(/\n$/, '').split('\n'));
    else {
      if (!part.removed) lines.push(...original.slice(at, at + count));
      at += count;
    }
  }
  return `${lines.join('\n').replace(/\n*$/, '')}\n`;
}

type FileRecord = { id: string } & Record<string, unknown>;

/** One list of records (offices or contacts), by id: removed, changed in place or added last. */
function editRecords(
  document: Document,
  root: YAMLMap<unknown, unknown>,
  key: string,
  before: readonly FileRecord[],
  after: readonly FileRecord[],
): void {
  const list = root.get(key, true);
  if (!isSeq(list)) {
    if (after.length > 0) root.set(key, document.createNode(after));
    return;
  }
  const idOf = (item: unknown) => (isMap(item) ? String(item.get('id')) : undefined);
  const kept = new Set(after.map((record) => record.id));
  list.items = list.items.filter((item) => {
    const id = idOf(item);
    return id === undefined || kept.has(id);
  });
  for (const record of after) {
    const old = before.find((candidate) => candidate.id === record.id);
    const node = list.items.find((item) => idOf(item) === record.id);
    if (!isMap(node)) list.items.push(document.createNode(record));
    else if (!old || !sameValue(old, record)) editRecord(document, node, old ?? { id: record.id }, record);
  }
}

/** The keys of one record whose meaning changed, each set in place (a scalar keeps its quoting). */
function editRecord(
  document: Document,
  node: YAMLMap<unknown, unknown>,
  before: FileRecord,
  after: FileRecord,
): void {
  for (const [key, value] of Object.entries(after)) {
    if (sameValue(before[key], value)) continue;
    const current = node.get(key, true);
    if (isScalar(current) && typeof value === 'string') current.value = value;
    else {
      const made = document.createNode(value);
      if (isSeq(current) && isSeq(made)) made.flow = current.flow;
      node.set(key, made);
    }
  }
  for (const key of Object.keys(before)) if (!(key in after)) node.delete(key);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
