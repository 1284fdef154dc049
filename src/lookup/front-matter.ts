/**
 * Agreement metadata from front matter that is already valid (the store only holds files that passed the
 * validator), read with js-yaml: about eight times faster than the validating reader in src/format, which
 * keeps positions for its messages. The index reads thousands of historical versions at start-up.
 *
 * The mapping mirrors `readFrontMatter` (src/format/front-matter.ts); a test checks that both give the same
 * metadata for every example version. Anything js-yaml refuses goes through the validating reader.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { VFile } from 'vfile';
import { isIsoDate } from '../format/dates.js';
import { readFrontMatter } from '../format/front-matter.js';
import { isValidId } from '../format/ids.js';
import type { AgreementMeta, ContactRole, Party, Signatory } from '../format/types.js';
import { isAgreementKind, isAgreementStatus } from '../format/vocabulary.js';

type Data = Record<string, unknown>;

function text(data: Data, key: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return String(value).trim();
}

function date(data: Data, key: string): string | undefined {
  const value = text(data, key);
  return value !== undefined && isIsoDate(value) ? value : undefined;
}

function items(data: Data, key: string): Data[] {
  const value = data[key];
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is Data => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

function validId(data: Data, key: string): string | undefined {
  const id = text(data, key);
  return id !== undefined && isValidId(id) ? id : undefined;
}

function fromData(data: Data): AgreementMeta {
  const meta: AgreementMeta = {
    id: validId(data, 'id') ?? '',
    title: text(data, 'tittel') ?? '',
    kind: 'ramme',
    county: text(data, 'fylke') ?? '',
    status: 'utkast',
    validFrom: date(data, 'gyldig-fra') ?? '',
    parties: [],
    signatories: [],
    contacts: [],
    example: data.eksempel === true,
  };
  const kind = text(data, 'type');
  if (isAgreementKind(kind)) meta.kind = kind;
  const parent = validId(data, 'overordnet');
  if (parent !== undefined) meta.parent = parent;
  const status = text(data, 'status');
  if (isAgreementStatus(status)) meta.status = status;
  meta.validTo = date(data, 'gyldig-til');
  meta.reviewBy = date(data, 'revideres');
  meta.escalation = text(data, 'eskalering');
  for (const item of items(data, 'parter')) {
    const id = validId(item, 'id');
    const name = text(item, 'navn');
    const partOf = text(item, 'del-av');
    if (id === undefined || name === undefined) continue;
    meta.parties.push(partOf === undefined ? { id, name } : ({ id, name, partOf } satisfies Party));
  }
  for (const item of items(data, 'signatarer')) {
    const [name, role, party, when] = [
      text(item, 'navn'),
      text(item, 'rolle'),
      text(item, 'part'),
      text(item, 'dato'),
    ];
    if (name === undefined || role === undefined || party === undefined) continue;
    meta.signatories.push(
      when === undefined ? { name, role, party } : ({ name, role, party, date: when } satisfies Signatory),
    );
  }
  for (const item of items(data, 'kontakter')) {
    const [id, role, party, description] = [
      validId(item, 'id'),
      text(item, 'rolle'),
      text(item, 'part'),
      text(item, 'beskrivelse'),
    ];
    if (id === undefined || role === undefined || party === undefined) continue;
    meta.contacts.push(
      description === undefined
        ? { id, role, party }
        : ({ id, role, party, description } satisfies ContactRole),
    );
  }
  return meta;
}

/** Metadata from the YAML text between the `---` lines. */
export function readMeta(yaml: string): AgreementMeta {
  let data: unknown;
  // Anchors and aliases (`&a`, `*a`) go through the validating reader, which limits them (alias bombs).
  if (!/[&*]/.test(yaml)) {
    try {
      data = load(yaml, { schema: CORE_SCHEMA });
    } catch {
      data = undefined;
    }
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return fromData(data as Data);
  // Whatever js-yaml will not read, the validating reader reads (or explains) as it always does.
  return readFrontMatter(new VFile(), { type: 'yaml', value: yaml });
}
