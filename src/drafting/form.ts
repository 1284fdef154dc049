import type { VariableSpec } from '../templates/schema.js';

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
    if (typeof value !== 'string') {
      problems.push({ variable: key, message: 'Feltet er sendt mer enn én gang.' });
      continue;
    }
    if (field && spec) {
      const items = lists.get(spec.name) as Map<number, RawItem>;
      const item = items.get(index) ?? falseBooleans(spec.items ?? []);
      item[field.name] = field.type === 'boolean' ? value === 'true' || value === 'on' : value;
      items.set(index, item);
    } else if (spec) {
      answers[spec.name] = spec.type === 'boolean' ? value === 'true' || value === 'on' : value;
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
}

export interface FormField {
  name: string;
  id: string;
  label: string;
  help?: string;
  helpId?: string;
  required: boolean;
  control: 'input' | 'textarea' | 'checkbox' | 'select';
  type?: 'text' | 'date' | 'number' | 'email';
  value: string;
  checked: boolean;
  options?: FormOption[];
  maxlength?: number;
  rows?: number;
  list?: string;
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

export type FormEntry = { field: FormField; group?: undefined } | { group: FormGroup; field?: undefined };

const itemLabels: Record<string, string> = {
  clauses: 'Ansvarspunkt',
  contacts: 'Kontaktrolle',
  goals: 'Mål',
  glossary: 'Begrep',
  otherParties: 'Part',
  signatories: 'Signatar',
};

/** Party-id fields get the parties as suggestions; a contact field gets the contact roles. */
function suggestionList(spec: VariableSpec, inList: boolean): string | undefined {
  if (spec.type !== 'id' || !inList || spec.name === 'id') return undefined;
  return spec.name === 'contact' ? 'kontaktroller' : 'parter';
}

function field(
  spec: VariableSpec,
  name: string,
  value: RawValue | undefined,
  errors: Map<string, string>,
  inList: boolean,
): FormField {
  const id = fieldId(name);
  const error = errors.get(name);
  const result: FormField = {
    name,
    id,
    label: spec.label,
    required: spec.required === true,
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
  switch (spec.type) {
    case 'text':
      result.control = 'textarea';
      result.rows = Math.min(10, Math.max(3, Math.ceil(result.value.length / 90) + 1));
      result.maxlength = spec.max ?? 5000;
      break;
    case 'date':
      result.type = 'date';
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
  const list = suggestionList(spec, inList);
  if (list) result.list = list;
  return result;
}

/** The form for a template: fields and repeatable groups, with values and the problems tied to them. */
export function buildForm(specs: VariableSpec[], answers: RawAnswers, problems: FieldProblem[]): FormEntry[] {
  const errors = new Map<string, string>();
  for (const problem of problems)
    if (!errors.has(problem.variable)) errors.set(problem.variable, problem.message);
  return formVariables(specs).map((spec): FormEntry => {
    if (spec.type !== 'list')
      return { field: field(spec, spec.name, answers[spec.name] as RawValue, errors, false) };
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
          field(itemSpec, `${spec.name}[${index}].${itemSpec.name}`, item[itemSpec.name], errors, true),
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
    return { group };
  });
}
