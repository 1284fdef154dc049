/** A template's declared variables (`templates/<id>/schema.yaml`). */

export type VariableType = 'string' | 'text' | 'date' | 'id' | 'integer' | 'boolean' | 'enum' | 'list';

export interface VariableSpec {
  name: string;
  type: VariableType;
  required?: boolean;
  /**
   * Required unless this boolean answer beside it is yes: a clause's owner, unless the clause is a grey
   * zone. The form then marks the field neither required nor «valgfritt».
   */
  requiredUnless?: string;
  label: string;
  help?: string;
  default?: unknown;
  /** For `enum`. */
  options?: string[];
  /** For `list`: the fields of each item. */
  items?: VariableSpec[];
  min?: number;
  max?: number;
  /**
   * For `id`: made from other answers when left empty (`{title}`, `{county}-fk`), so the form never asks
   * for it. Made once: the id stays when the title changes later, so links and lookups keep working.
   */
  from?: string;
  /**
   * What the value names, so the form offers names: the parties or contact roles entered, situations, or
   * the agreements a local agreement can be under (umbrella and sub-agreements).
   */
  choices?: FormChoiceKind;
  /** With `choices`: several, written space-separated (checkboxes instead of a select). */
  multiple?: boolean;
  /** A heading in the form (and its section index) before this variable. */
  section?: string;
}

export type FormChoiceKind = 'parties' | 'contacts' | 'situations' | 'agreements';
const choiceKinds = new Set<string>(['parties', 'contacts', 'situations', 'agreements']);

export interface TemplateSchema {
  title: string;
  description?: string;
  /** The rendered agreement should stay under this many words. */
  wordBudget?: number;
  /**
   * Where the form finds the parties entered, as pairs of an id and a name variable (`otherParties.id`
   * for each item of a list), and the contact roles (id and role): the choices a party or contact field offers.
   */
  partyFields?: Array<[string, string]>;
  contactFields?: [string, string];
  variables: VariableSpec[];
}

const variableTypes = new Set<VariableType>([
  'string',
  'text',
  'date',
  'id',
  'integer',
  'boolean',
  'enum',
  'list',
]);
const namePattern = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** Checks a schema file's shape, so a broken template fails at load with its name, not at render. */
export function checkSchema(value: unknown, where: string): TemplateSchema {
  const fail = (reason: string): never => {
    throw new Error(`${where}: ${reason}`);
  };
  if (typeof value !== 'object' || value === null) fail('skjemaet må være et objekt');
  const schema = value as Partial<TemplateSchema>;
  if (typeof schema.title !== 'string') fail('mangler «title»');
  if (!Array.isArray(schema.variables)) fail('mangler «variables»');
  const checkVariables = (variables: VariableSpec[], path: string) => {
    const names = new Set<string>();
    for (const variable of variables) {
      const at = `${path}${variable.name}`;
      if (!namePattern.test(String(variable.name))) fail(`ugyldig variabelnavn «${variable.name}»`);
      if (names.has(variable.name)) fail(`variabelen «${at}» står to ganger`);
      names.add(variable.name);
      if (!variableTypes.has(variable.type)) fail(`ukjent type «${variable.type}» for «${at}»`);
      if (typeof variable.label !== 'string') fail(`«${at}» mangler «label»`);
      if (variable.type === 'enum' && !Array.isArray(variable.options)) fail(`«${at}» mangler «options»`);
      if (variable.choices !== undefined && !choiceKinds.has(variable.choices))
        fail(`ukjent «choices» «${variable.choices}» for «${at}»`);
      if (variable.from !== undefined && (variable.type !== 'id' || typeof variable.from !== 'string'))
        fail(`«from» for «${at}» gjelder bare id-er og må være tekst`);
      const unless = variables.find((other) => other.name === variable.requiredUnless);
      if (variable.requiredUnless !== undefined && unless?.type !== 'boolean')
        fail(`«requiredUnless» for «${at}» må være navnet på et ja/nei-felt ved siden av`);
      if (variable.type === 'list') {
        if (!Array.isArray(variable.items)) fail(`«${at}» mangler «items»`);
        checkVariables(variable.items ?? [], `${at}.`);
      }
    }
  };
  checkVariables(schema.variables as VariableSpec[], '');
  return schema as TemplateSchema;
}
