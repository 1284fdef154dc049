import { fieldDate } from '../format/dates.js';
import { idFromTitle } from '../format/ids.js';
import { situationFacets } from '../format/vocabulary.js';
import type { FormChoiceKind, TemplateSchema, VariableSpec } from '../templates/schema.js';

/**
 * A template's schema as a form, and a submitted form as answers. Field names are the answers' own
 * paths (`title`, `clauses[2].owner`), so a problem the answer check reports lands on its field.
 * One level of lists (responsibility clauses, contact roles, glossary) is supported.
 */

/** Variables the lifecycle owns: a new agreement is a draft, and signatories come from approvals. */
export const lifecycleVariables = new Set(['status', 'signatories']);

export type RawValue = string | boolean;
export type RawItem = Record<string, RawValue>;
export type RawAnswers = Record<string, RawValue | RawItem[]>;

export interface FieldProblem {
  variable: string;
  message: string;
}

const maxListIndex = 199;
const namePattern = /^([a-zA-Z][a-zA-Z0-9]*)(?:\[(\d{1,3})\]\.([a-zA-Z][a-zA-Z0-9]*))?$/;

export function fieldId(name: string): string {
  return `f-${name.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

/** The visible variables of a template (lifecycle variables are Gjerde's to set). */
export function formVariables(specs: VariableSpec[]): VariableSpec[] {
  return specs.filter((spec) => !lifecycleVariables.has(spec.name));
}

function defaultOf(spec: VariableSpec): RawValue {
  if (spec.type === 'boolean') return spec.default === true;
  return spec.default === undefined || spec.default === null ? '' : String(spec.default);
}

function emptyItem(specs: VariableSpec[]): RawItem {
  return Object.fromEntries(specs.map((spec) => [spec.name, defaultOf(spec)]));
}

/** The form as first shown: the schema's defaults (lists with their default items). */
export function initialAnswers(specs: VariableSpec[]): RawAnswers {
  const answers: RawAnswers = {};
  for (const spec of formVariables(specs)) {
    if (spec.type === 'list') {
      const items = Array.isArray(spec.default) ? spec.default : [];
      answers[spec.name] = items.map((item) => {
        const raw = emptyItem(spec.items ?? []);
        for (const field of spec.items ?? []) {
          const value = (item as Record<string, unknown>)?.[field.name];
          if (value !== undefined && value !== null)
            raw[field.name] = field.type === 'boolean' ? value === true : String(value);
        }
        return raw;
      });
      if ((answers[spec.name] as RawItem[]).length === 0 && (spec.min ?? 0) > 0) {
        answers[spec.name] = [emptyItem(spec.items ?? [])];
      }
    } else answers[spec.name] = defaultOf(spec);
  }
  return answers;
}

/**
 * The form's first glossary rows (the template's list named `glossary`) without the terms the shared
 * glossary already explains, by name or other name: every agreement page and lookup explains those from it,
 * so a new agreement need not repeat them.
 */
export function withoutSharedTerms(
  answers: RawAnswers,
  shared: readonly { term: string; aliases: readonly string[] }[],
): RawAnswers {
  const rows = answers.glossary;
  if (!Array.isArray(rows)) return answers;
  const key = (name: string) => name.trim().toLocaleLowerCase('nb');
  const known = new Set(shared.flatMap((entry) => [entry.term, ...entry.aliases].map(key)));
  const names = (row: RawItem) =>
    [String(row.term ?? ''), ...String(row.aliases ?? '').split(',')].map(key).filter(Boolean);
  return { ...answers, glossary: rows.filter((row) => !names(row).some((name) => known.has(name))) };
}

/**
 * A submitted form (flat `name → value`, as `express.urlencoded({ extended: false })` gives it) as raw
 * answers. `controls` are the form's other fields (reason, action, …). Unknown fields and repeated
 * fields are problems; an unticked checkbox is `false`.
 */
export function readForm(
  specs: VariableSpec[],
  body: Record<string, unknown>,
  controls: Set<string>,
): { answers: RawAnswers; problems: FieldProblem[] } {
  const visible = formVariables(specs);
  const byName = new Map(visible.map((spec) => [spec.name, spec]));
  const problems: FieldProblem[] = [];
  const answers: RawAnswers = {};
  const lists = new Map<string, Map<number, RawItem>>();
  for (const spec of visible) {
    if (spec.type === 'boolean') answers[spec.name] = false;
    if (spec.type === 'list') lists.set(spec.name, new Map());
  }
  for (const [key, value] of Object.entries(body)) {
    if (controls.has(key)) continue;
    const match = namePattern.exec(key);
    const spec = match ? byName.get(match[1] as string) : undefined;
    const field = match?.[3] !== undefined ? spec?.items?.find((item) => item.name === match[3]) : undefined;
    const index = Number(match?.[2] ?? -1);
    const known =
      spec &&
      (match?.[2] === undefined
        ? spec.type !== 'list'
        : spec.type === 'list' && field && index <= maxListIndex);
    if (!known) {
      problems.push({
        variable: key.slice(0, 80),
        message: `Ukjent felt «${key.slice(0, 80)}». Skjemaet har ikke dette feltet.`,
      });
      continue;
    }
    // Several ticked boxes of one field come as a list: written space-separated, as the template takes them.
    const several = (field ?? spec)?.multiple === true && Array.isArray(value);
    if (typeof value !== 'string' && !several) {
      problems.push({ variable: key, message: 'Feltet er sendt mer enn én gang.' });
      continue;
    }
    const text =
      typeof value === 'string'
        ? value
        : (value as unknown[]).filter((one) => typeof one === 'string').join(' ');
    if (field && spec) {
      const items = lists.get(spec.name) as Map<number, RawItem>;
      const item = items.get(index) ?? falseBooleans(spec.items ?? []);
      item[field.name] = field.type === 'boolean' ? text === 'true' || text === 'on' : text;
      items.set(index, item);
    } else if (spec) {
      answers[spec.name] = spec.type === 'boolean' ? text === 'true' || text === 'on' : text;
    }
  }
  for (const [name, items] of lists) {
    answers[name] = [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  }
  return { answers, problems };
}

function falseBooleans(specs: VariableSpec[]): RawItem {
  return Object.fromEntries(
    specs.filter((spec) => spec.type === 'boolean').map((spec) => [spec.name, false]),
  );
}

/** Adds an empty item to a list, or removes one: the form's «Legg til» and «Fjern» without JavaScript. */
export function applyListAction(specs: VariableSpec[], answers: RawAnswers, action: string): boolean {
  const add = /^legg-til:([a-zA-Z][a-zA-Z0-9]*)$/.exec(action);
  const remove = /^fjern:([a-zA-Z][a-zA-Z0-9]*):(\d{1,3})$/.exec(action);
  const name = add?.[1] ?? remove?.[1];
  const spec = specs.find((candidate) => candidate.name === name && candidate.type === 'list');
  if (!spec || lifecycleVariables.has(spec.name)) return false;
  const items = Array.isArray(answers[spec.name]) ? (answers[spec.name] as RawItem[]) : [];
  if (add && items.length < (spec.max ?? 100)) items.push(emptyItem(spec.items ?? []));
  if (remove) items.splice(Number(remove[2]), 1);
  answers[spec.name] = items;
  return true;
}

/** Answers as the template's answer check takes them: lifecycle variables set, list items as objects. */
export function toAnswers(specs: VariableSpec[], raw: RawAnswers): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...raw };
  if (specs.some((spec) => spec.name === 'status')) answers.status = 'utkast';
  return answers;
}

export interface FormOption {
  value: string;
  label: string;
  selected: boolean;
  /** An agreement's county: choosing it as the parent fills in the county. */
  county?: string;
}

export interface FormField {
  name: string;
  id: string;
  label: string;
  help?: string;
  helpId?: string;
  required: boolean;
  /** Shown as «valgfritt»: neither required nor required unless another answer says otherwise. */
  optional: boolean;
  /** `hidden`: an id made from other answers, carried as it is; `checkboxes`: several choices. */
  control: 'input' | 'textarea' | 'checkbox' | 'select' | 'checkboxes' | 'hidden';
  type?: 'text' | 'number' | 'email';
  /** A date, shown and typed as `dd.mm.åååå`. */
  date?: boolean;
  value: string;
  checked: boolean;
  options?: FormOption[];
  /** What the options name, so the page can offer names entered since it was drawn. */
  choices?: FormChoiceKind;
  maxlength?: number;
  rows?: number;
  error?: string;
  errorId?: string;
  describedBy?: string;
}

export interface FormGroup {
  name: string;
  id: string;
  label: string;
  help?: string;
  helpId?: string;
  error?: string;
  errorId?: string;
  items: {
    index: number;
    id: string;
    legend: string;
    fields: FormField[];
    removeAction: string;
    canRemove: boolean;
  }[];
  addAction: string;
  canAdd: boolean;
  itemLabel: string;
  /** «Legg til ansvarspunkt»: the item in lower case after the verb, as Norwegian writes it. */
  addLabel: string;
}

/** A heading in the form, listed in its section index. */
export interface FormSection {
  id: string;
  label: string;
  /**
   * Every question in it has the template's suggestion or may stay empty: the section starts closed
   * (`<details>`), with `note` saying which, so the form is as long as what must be written.
   */
  collapsible: boolean;
  note: string;
}

/** A section and what it holds, for a page that shows the closable sections closed. */
export interface FormPart {
  section?: FormSection;
  entries: FormEntry[];
  /** A closable section shown open: a problem in it, or the list the last «Legg til»/«Fjern» changed. */
  open: boolean;
}

export type FormEntry =
  | { field: FormField; group?: undefined; section?: undefined }
  | { group: FormGroup; field?: undefined; section?: undefined }
  | { section: FormSection; field?: undefined; group?: undefined };

const itemLabels: Record<string, string> = {
  clauses: 'Ansvarspunkt',
  contacts: 'Kontaktrolle',
  goals: 'Mål',
  glossary: 'Begrep',
  otherParties: 'Part',
  signatories: 'Signatar',
};

// ---------------------------------------------------------------- ids made from titles

/** `{title}`, `{county}-fk`: the answers named, or undefined while one of them is empty. */
function expand(pattern: string, ...scopes: Array<Record<string, RawValue | RawItem[] | undefined>>) {
  let missing = false;
  const text = pattern.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (_, name: string) => {
    const value = scopes.map((scope) => scope[name]).find((candidate) => typeof candidate === 'string');
    if (typeof value !== 'string' || value.trim() === '') missing = true;
    return typeof value === 'string' ? value : '';
  });
  return missing ? undefined : text;
}

/**
 * Fills the ids the form does not ask for (`from` in the schema) from the answers they are made of, unique
 * among their own kind; an id already given stays as it is, so it is made once and then kept.
 */
export function fillGeneratedIds(specs: VariableSpec[], answers: RawAnswers): void {
  const visible = formVariables(specs);
  const topIds = () =>
    visible
      .filter((spec) => spec.type === 'id')
      .map((spec) => answers[spec.name])
      .filter((value): value is string => typeof value === 'string' && value !== '');
  for (const spec of visible) {
    if (spec.from && !answers[spec.name]) {
      const text = expand(spec.from, answers);
      if (text) answers[spec.name] = idFromTitle(text, topIds());
    }
    if (spec.type !== 'list' || !Array.isArray(answers[spec.name])) continue;
    const items = answers[spec.name] as RawItem[];
    for (const itemSpec of spec.items ?? []) {
      if (!itemSpec.from) continue;
      // Unique in the list, and for parties also against the parties outside it.
      const taken = [...topIds(), ...items.map((item) => item[itemSpec.name])].filter(
        (value): value is string => typeof value === 'string' && value !== '',
      );
      for (const item of items) {
        if (item[itemSpec.name]) continue;
        const text = expand(itemSpec.from, item, answers);
        if (!text) continue;
        const id = idFromTitle(text, taken);
        item[itemSpec.name] = id;
        taken.push(id);
      }
    }
  }
}

/** The made ids by field name (`id`, `clauses[0].id`), for a page to carry them once they are made. */
export function generatedFields(specs: VariableSpec[], answers: RawAnswers): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const spec of formVariables(specs)) {
    const value = answers[spec.name];
    if (spec.from && typeof value === 'string' && value) fields[spec.name] = value;
    if (spec.type !== 'list' || !Array.isArray(value)) continue;
    for (const [index, item] of value.entries())
      for (const itemSpec of spec.items ?? []) {
        const made = item[itemSpec.name];
        if (itemSpec.from && typeof made === 'string' && made)
          fields[`${spec.name}[${index}].${itemSpec.name}`] = made;
      }
  }
  return fields;
}

/**
 * A problem with an id nobody typed, while there is nothing to make it from, belongs on what it is made of
 * («Skriv en tittel»). A made id that is refused (in use by another agreement) stays on the id, which the
 * form then shows so the person can change it.
 */
export function onVisibleFields(
  specs: VariableSpec[],
  problems: FieldProblem[],
  answers: RawAnswers = {},
): FieldProblem[] {
  const source = (spec: VariableSpec | undefined) => /\{([a-zA-Z][a-zA-Z0-9]*)\}/.exec(spec?.from ?? '')?.[1];
  return problems.map((problem) => {
    const match = namePattern.exec(problem.variable);
    const spec = specs.find((candidate) => candidate.name === match?.[1]);
    const field = match?.[3] ? spec?.items?.find((item) => item.name === match[3]) : spec;
    const from = source(field);
    if (!from || !match || answerAt(answers, match))
      return { ...problem, message: formWording(problem, field, field, spec, match) };
    const inItem = match[3] !== undefined && spec?.items?.some((item) => item.name === from);
    const shown = inItem
      ? spec?.items?.find((item) => item.name === from)
      : specs.find((candidate) => candidate.name === from);
    return {
      ...problem,
      variable: inItem ? `${match[1]}[${match[2]}].${from}` : from,
      message: formWording(problem, field, shown, inItem ? spec : undefined, match),
    };
  });
}

/**
 * A problem as the form says it: by the label of the field it is shown at (a made id's problem is the
 * problem of what it is made of) and, in a list, the item's legend («Ansvarspunkt 2: «Situasjon» må fylles
 * ut.»), without the answer's path («(clauses[1].title)»), which only an answers file has use for.
 */
function formWording(
  problem: FieldProblem,
  field: VariableSpec | undefined,
  shown: VariableSpec | undefined,
  list: VariableSpec | undefined,
  match: RegExpExecArray | null,
): string {
  let message = problem.message.replace(` (${problem.variable})`, '');
  if (field && shown && field !== shown) message = message.replace(`«${field.label}»`, `«${shown.label}»`);
  if (list?.type !== 'list' || match?.[2] === undefined) return message;
  return `${itemLabels[list.name] ?? list.label} ${Number(match[2]) + 1}: ${message}`;
}

/** The answer a form field name points at (`clauses[2].id`). */
function answerAt(answers: RawAnswers, [, name, index, field]: RegExpExecArray): RawValue | undefined {
  const value = answers[name as string];
  if (field === undefined) return Array.isArray(value) ? undefined : value;
  return Array.isArray(value) ? value[Number(index)]?.[field] : undefined;
}

// ---------------------------------------------------------------- choices by name

export interface FormChoice {
  value: string;
  label: string;
  /** An agreement's county, for the agreements a local agreement can be under. */
  county?: string;
}

/** `agreements` only where the page knows them (the form's page, not each preview while typing). */
export type FormChoices = Record<Exclude<FormChoiceKind, 'agreements'>, FormChoice[]> & {
  agreements?: FormChoice[];
};

/** Pairs of values from an id path and a name path: `navId`/`navName`, or `otherParties.id`/`otherParties.name`. */
function pairs(answers: RawAnswers, [idPath, namePath]: [string, string]): FormChoice[] {
  const [list, idField] = idPath.split('.');
  const nameField = namePath.split('.')[1];
  if (idField && nameField && list) {
    const items = Array.isArray(answers[list]) ? (answers[list] as RawItem[]) : [];
    return items.map((item) => ({
      value: String(item[idField] ?? ''),
      label: String(item[nameField] ?? ''),
    }));
  }
  return [{ value: String(answers[idPath] ?? ''), label: String(answers[namePath] ?? '') }];
}

/** What a party, contact or situation field offers: the names entered so far, never a bare id. */
export function formChoices(
  schema: TemplateSchema,
  answers: RawAnswers,
  agreements?: FormChoice[],
): FormChoices {
  const named = (choice: FormChoice) => choice.value.trim() !== '' && choice.label.trim() !== '';
  const choices: FormChoices = {
    parties: (schema.partyFields ?? []).flatMap((fields) => pairs(answers, fields)).filter(named),
    contacts: schema.contactFields ? pairs(answers, schema.contactFields).filter(named) : [],
    situations: Object.entries(situationFacets).map(([value, label]) => ({ value, label })),
  };
  if (agreements) choices.agreements = agreements;
  return choices;
}

// ---------------------------------------------------------------- the form

function choiceOptions(spec: VariableSpec, value: string, choices: FormChoices): FormOption[] {
  const offered = choices[spec.choices as FormChoiceKind] ?? [];
  const chosen = spec.multiple ? value.split(/\s+/).filter(Boolean) : [value].filter(Boolean);
  const options: FormOption[] = offered.map((choice) => ({
    value: choice.value,
    label: choice.label,
    selected: chosen.includes(choice.value),
    ...(choice.county ? { county: choice.county } : {}),
  }));
  // A value no choice has (a party since removed) stays visible, so saving does not drop it unseen.
  for (const unknown of chosen.filter((one) => !offered.some((choice) => choice.value === one)))
    options.push({ value: unknown, label: unknown, selected: true });
  if (spec.multiple) return options;
  const none = spec.required ? 'Velg …' : 'Ingen';
  return [{ value: '', label: none, selected: chosen.length === 0 }, ...options];
}

function field(
  spec: VariableSpec,
  name: string,
  value: RawValue | undefined,
  errors: Map<string, string>,
  choices: FormChoices,
): FormField {
  const id = fieldId(name);
  const error = errors.get(name);
  const result: FormField = {
    name,
    id,
    label: spec.label,
    required: spec.required === true,
    optional: spec.required !== true && spec.requiredUnless === undefined,
    control: 'input',
    value: typeof value === 'string' ? value : '',
    checked: value === true,
  };
  if (spec.help) {
    result.help = spec.help;
    result.helpId = `${id}-hjelp`;
  }
  if (error) {
    result.error = error;
    result.errorId = `${id}-feil`;
  }
  const described = [result.helpId, result.errorId].filter(Boolean).join(' ');
  if (described) result.describedBy = described;
  // A made id is carried as it is, unless it was refused: then the person sees it and can change it.
  if (spec.from && !error) {
    result.control = 'hidden';
    return result;
  }
  if (spec.choices) {
    result.control = spec.multiple ? 'checkboxes' : 'select';
    result.choices = spec.choices;
    result.options = choiceOptions(spec, result.value, choices);
    return result;
  }
  switch (spec.type) {
    case 'text':
      result.control = 'textarea';
      result.rows = Math.min(10, Math.max(3, Math.ceil(result.value.length / 90) + 1));
      result.maxlength = spec.max ?? 5000;
      break;
    case 'date':
      // Written as Norwegians write dates, whatever the browser's language (a date input follows it).
      result.type = 'text';
      result.date = true;
      result.value = fieldDate(result.value);
      break;
    case 'integer':
      result.type = 'number';
      break;
    case 'boolean':
      result.control = 'checkbox';
      break;
    case 'enum':
      result.control = 'select';
      result.options = (spec.options ?? []).map((option) => ({
        value: option,
        label: option,
        selected: option === value,
      }));
      break;
    default:
      result.type = 'text';
      result.maxlength = spec.max ?? 300;
  }
  return result;
}

/** Whether the section starting at `start` may start closed, and what its closed heading says. */
function closable(variables: VariableSpec[], start: number): { collapsible: boolean; note: string } {
  const end = variables.findIndex((spec, index) => index > start && spec.section !== undefined);
  const inSection = variables.slice(start, end < 0 ? undefined : end);
  const suggested = (spec: VariableSpec) =>
    spec.default !== undefined && spec.default !== null && spec.default !== '';
  return {
    collapsible: inSection.every((spec) => !spec.required || suggested(spec)),
    note: inSection.some(suggested)
      ? 'Fylt ut med malens forslag – åpne for å lese og endre'
      : 'Valgfritt – åpne for å fylle ut',
  };
}

/**
 * The form's entries by section. A closable section opens when a field or list in it has a problem, or
 * when `action` («legg-til:glossary», «fjern:glossary:0») changed a list in it.
 */
export function formParts(entries: FormEntry[], action?: string): FormPart[] {
  const parts: FormPart[] = [];
  for (const entry of entries) {
    if (entry.section || parts.length === 0)
      parts.push({ ...(entry.section ? { section: entry.section } : {}), entries: [], open: false });
    if (entry.section) continue;
    const part = parts[parts.length - 1] as FormPart;
    part.entries.push(entry);
    const fields = entry.field ? [entry.field] : (entry.group?.items.flatMap((item) => item.fields) ?? []);
    const listName = /^(?:legg-til|fjern):(\w+)/.exec(action ?? '')?.[1];
    if (
      fields.some((field) => field.error) ||
      entry.group?.error ||
      (listName !== undefined && entry.group?.name === listName)
    )
      part.open = true;
  }
  return parts;
}

/** `Om avtalen` → `del-om-avtalen`: an anchor for the section index. */
function sectionId(label: string): string {
  return `del-${idFromTitle(label, [], 'skjema')}`;
}

/**
 * The form for a template: sections, fields and repeatable groups, with values, the problems tied to them
 * and names to choose from (`formChoices`) where a value names a party, a contact role or a situation.
 */
export function buildForm(
  specs: VariableSpec[],
  answers: RawAnswers,
  problems: FieldProblem[],
  choices: FormChoices,
): FormEntry[] {
  const errors = new Map<string, string>();
  for (const problem of problems)
    if (!errors.has(problem.variable)) errors.set(problem.variable, problem.message);
  const variables = formVariables(specs);
  return variables.flatMap((spec, index): FormEntry[] => {
    const section: FormEntry[] = spec.section
      ? [{ section: { id: sectionId(spec.section), label: spec.section, ...closable(variables, index) } }]
      : [];
    if (spec.type !== 'list')
      return [...section, { field: field(spec, spec.name, answers[spec.name] as RawValue, errors, choices) }];
    const items = Array.isArray(answers[spec.name]) ? (answers[spec.name] as RawItem[]) : [];
    const itemLabel = itemLabels[spec.name] ?? spec.label;
    const id = fieldId(spec.name);
    const group: FormGroup = {
      name: spec.name,
      id,
      label: spec.label,
      itemLabel,
      addLabel: `Legg til ${itemLabel.charAt(0).toLocaleLowerCase('nb') + itemLabel.slice(1)}`,
      items: items.map((item, index) => ({
        index,
        id: `${id}-${index}`,
        legend: `${itemLabel} ${index + 1}`,
        fields: (spec.items ?? []).map((itemSpec) =>
          field(itemSpec, `${spec.name}[${index}].${itemSpec.name}`, item[itemSpec.name], errors, choices),
        ),
        removeAction: `fjern:${spec.name}:${index}`,
        canRemove: items.length > (spec.min ?? 0),
      })),
      addAction: `legg-til:${spec.name}`,
      canAdd: items.length < (spec.max ?? 100),
    };
    if (spec.help) {
      group.help = spec.help;
      group.helpId = `${id}-hjelp`;
    }
    const error = errors.get(spec.name);
    if (error) {
      group.error = error;
      group.errorId = `${id}-feil`;
    }
    return [...section, { group }];
  });
}
