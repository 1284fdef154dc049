import Handlebars from 'handlebars';
import { visit } from 'unist-util-visit';
import { frontMatterPattern } from '../format/front-matter.js';
import { type ParsedAgreement, parseAgreement } from '../format/processor.js';
import { formatDate } from '../format/wording.js';
import { type AnswerProblem, type Answers, checkAnswers } from './answers.js';
import type { TemplateSchema, VariableSpec } from './schema.js';

export interface Template {
  id: string;
  schema: TemplateSchema;
  source: string;
  /** Where the template lives, for messages. */
  path: string;
}

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly problems: AnswerProblem[] = [],
    readonly position?: { line: number; column: number },
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Handlebars with only the helpers templates need, kept apart from any global registrations. */
const handlebars = Handlebars.create();
// JSON strings are valid YAML double-quoted scalars: the value can never become YAML structure.
handlebars.registerHelper(
  'yaml',
  (value: unknown) => new handlebars.SafeString(JSON.stringify(String(value ?? ''))),
);
// Directive attribute values: double-quoted, with the quote itself replaced so the value stays one attribute.
handlebars.registerHelper(
  'attr',
  (value: unknown) => new handlebars.SafeString(`"${String(value ?? '').replace(/"/g, '”')}"`),
);

// A date in the prose as people write it («1. januar 2027»); the metadata keeps ISO through {{yaml}}.
handlebars.registerHelper('dato', (value: unknown) => formatDate(String(value ?? '')));

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Compiles a template once; a syntax error names the template, line and column. */
export function compileTemplate(template: Template): HandlebarsTemplateDelegate {
  const cached = compiled.get(template.path);
  if (cached) return cached;
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(template.source); // Surfaces syntax errors now rather than at first use.
  } catch (error) {
    throw templateSyntaxError(template, error);
  }
  // Every variable the template uses must be in the schema. Checked here, on the whole template:
  // Handlebars' `strict` only catches plain `{{name}}` on the branch that runs, not `{{#if name}}`,
  // `{{yaml name}}` or a `{{#each}}` over an empty list.
  const unknown = unknownVariables(program, template.schema.variables);
  const first = unknown[0];
  if (first) {
    throw new TemplateError(
      `Malen ${template.id} bruker «${first.name}» (${template.path}:${first.line}:${first.column}), som skjemaet ikke beskriver.`,
      unknown.map(({ name, line, column }) => ({
        variable: name,
        message: `Malen bruker «${name}» på linje ${line}, kolonne ${column}, men det står ikke i skjemaet.`,
      })),
      { line: first.line, column: first.column },
    );
  }
  try {
    // `strict`: a variable the template uses but the schema does not declare is an error, not empty text.
    const precompiled = handlebars.compile(template.source, { noEscape: true, strict: true });
    compiled.set(template.path, precompiled);
    return precompiled;
  } catch (error) {
    throw templateSyntaxError(template, error);
  }
}

interface UnknownVariable {
  name: string;
  line: number;
  column: number;
}

const blockHelpers = new Set(['if', 'unless', 'each', 'with']);
const inlineHelpers = new Set(['yaml', 'attr', 'dato', 'lookup', 'log']);

/** A level of `{{#each}}`/`{{#with}}`: the variables `this` has there (unknown inside `with`), and block params. */
interface Scope {
  variables?: VariableSpec[];
  params: string[];
}

/** The variables a template uses that its schema does not declare, with where they are used. */
export function unknownVariables(program: hbs.AST.Program, variables: VariableSpec[]): UnknownVariable[] {
  const found: UnknownVariable[] = [];
  const report = (name: string, node: hbs.AST.Node) =>
    found.push({ name, line: node.loc.start.line, column: node.loc.start.column + 1 });

  const resolve = (path: hbs.AST.PathExpression, scopes: Scope[]): VariableSpec | undefined => {
    const [head] = path.parts;
    if (path.data) {
      // @index, @first, @key … are Handlebars' own; @root.name is a top-level variable.
      if (head !== 'root' || path.parts.length < 2) return undefined;
      const name = path.parts[1] ?? '';
      const spec = scopes[0]?.variables?.find((variable) => variable.name === name);
      if (!spec) report(`@root.${name}`, path);
      return spec;
    }
    if (head === undefined) return undefined; // `this`, `.`
    if (path.depth === 0 && scopes.some((scope) => scope.params.includes(head))) return undefined;
    const scope = scopes[scopes.length - 1 - path.depth];
    if (!scope) {
      report(path.original, path);
      return undefined;
    }
    if (!scope.variables) return undefined; // Inside `{{#with}}`: cannot tell.
    const spec = scope.variables.find((variable) => variable.name === head);
    if (!spec) report(path.original, path);
    return spec;
  };

  const expression = (node: hbs.AST.Expression, scopes: Scope[]) => {
    if (node.type === 'PathExpression') resolve(node as hbs.AST.PathExpression, scopes);
    else if (node.type === 'SubExpression') call(node as hbs.AST.SubExpression, scopes);
  };
  const call = (
    node: { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash },
    scopes: Scope[],
  ) => {
    const path = node.path as hbs.AST.PathExpression;
    const helper =
      path.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1;
    if (!(helper && inlineHelpers.has(path.original))) {
      if (node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0)
        report(path.original, path); // Unknown helper.
      else expression(path, scopes);
    }
    for (const param of node.params) expression(param, scopes);
    for (const pair of node.hash?.pairs ?? []) expression(pair.value, scopes);
  };
  const statements = (block: hbs.AST.Program | undefined, scopes: Scope[]) => {
    for (const statement of block?.body ?? []) {
      if (statement.type === 'MustacheStatement') call(statement as hbs.AST.MustacheStatement, scopes);
      else if (statement.type === 'BlockStatement') {
        const node = statement as hbs.AST.BlockStatement;
        const name = node.path.original;
        if (!blockHelpers.has(name)) {
          if (node.params.length > 0)
            report(name, node.path); // Unknown block helper.
          else {
            // A Mustache-style section, `{{#clauses}}…{{/clauses}}`: enters the list's items.
            const section = resolve(node.path, scopes);
            statements(node.program, [
              ...scopes,
              { variables: section?.type === 'list' ? section.items : undefined, params: [] },
            ]);
            statements(node.inverse, scopes);
          }
          continue;
        }
        const [subject] = node.params;
        const spec =
          subject?.type === 'PathExpression' ? resolve(subject as hbs.AST.PathExpression, scopes) : undefined;
        if (subject && subject.type !== 'PathExpression') expression(subject, scopes);
        for (const param of node.params.slice(1)) expression(param, scopes);
        const params = node.program?.blockParams ?? [];
        // `if`/`unless` keep the context; `each` enters the items of a list, `with` something unknown.
        const inner =
          name === 'each' || name === 'with'
            ? [
                ...scopes,
                { variables: name === 'each' && spec?.type === 'list' ? spec.items : undefined, params },
              ]
            : scopes;
        statements(node.program, inner);
        statements(node.inverse, scopes);
      } else if (statement.type === 'PartialStatement' || statement.type === 'PartialBlockStatement') {
        report('{{> …}}', statement);
      }
    }
  };
  statements(program, [{ variables, params: [] }]);
  return found;
}

function templateSyntaxError(template: Template, error: unknown): Error {
  const handlebarsError = error as { message: string; lineNumber?: number; column?: number };
  const match = /Parse error on line (\d+)/.exec(handlebarsError.message);
  if (match || handlebarsError.lineNumber !== undefined) {
    const line = handlebarsError.lineNumber ?? Number(match?.[1]);
    // A parse error does not carry its column; the parser's lexer still holds the offending token.
    const token = (
      handlebars as unknown as {
        Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } };
      }
    ).Parser?.lexer?.yylloc;
    const column = (handlebarsError.column ?? (token?.first_line === line ? token.first_column : 0)) + 1;
    return new TemplateError(
      `Feil i malen ${template.path}:${line}:${column}: ${handlebarsError.message.split('\n')[0]}`,
      [],
      {
        line,
        column,
      },
    );
  }
  return error as Error;
}

export interface RenderResult {
  markdown: string;
  parsed: ParsedAgreement;
  words: number;
}

/**
 * Fills the template with checked answers, then parses and validates the result.
 * Answers are data: they are inserted as text and never compiled as template code.
 */
export function renderTemplate(template: Template, answers: unknown): RenderResult {
  const { values, problems } = checkAnswers(template.schema.variables, answers);
  if (problems.length > 0) throw new TemplateError('Svarene kan ikke brukes i malen.', problems);
  const fill = compileTemplate(template);
  let markdown: string;
  try {
    markdown = fill(values);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    // In strict mode Handlebars names the variable: `"owner" not defined in [object Object]`.
    const name = /"([^"]+)" not defined/.exec((error as Error).message)?.[1];
    if (name === undefined) {
      // Anything else (`{{#each}}` without a list, …) is a fault in the template: say what it was.
      throw new TemplateError(`Malen ${template.id} kunne ikke fylles ut: ${(error as Error).message}`);
    }
    throw new TemplateError(`Malen ${template.id} bruker «${name}», som skjemaet ikke beskriver.`, [
      { variable: name, message: `Malen bruker «${name}», som ikke står i skjemaet.` },
    ]);
  }
  const parsed = parseAgreement(markdown, `${template.id}.md`);
  checkStructure(template, fill, values, parsed);
  return { markdown, parsed, words: countWords(markdown) };
}

/**
 * Answers must not change the agreement's structure. A title with a lone «]» breaks the
 * `:::ansvar[…]` line it stands in, and an unclosed «```» in a text turns every clause after it into
 * code: the clauses would silently be gone from a valid agreement. So the template is filled once
 * more with every text answer replaced by «x»; the directives (names and attribute names, in
 * order) must come out the same.
 */
function checkStructure(
  template: Template,
  fill: HandlebarsTemplateDelegate,
  values: Answers,
  parsed: ParsedAgreement,
) {
  const texts: TextAnswer[] = [];
  const expected = skeleton(fill(neutralAnswers(template.schema.variables, values, undefined, '', texts)));
  if (directivesOf(parsed) === expected) return;
  // Which answers: each one alone, with all other texts neutral.
  const culprits = texts.filter(
    ({ path }) =>
      skeleton(fill(neutralAnswers(template.schema.variables, values, path, '', []))) !== expected,
  );
  const message =
    'endrer avtalens oppbygning (en «[» eller «]» uten make, eller «```» som ikke lukkes?). Skriv det om.';
  throw new TemplateError(
    'Svarene kan ikke brukes i malen.',
    culprits.length > 0
      ? culprits.map(({ path, label }) => ({ variable: path, message: `«${label}» (${path}) ${message}` }))
      : [{ variable: '(svar)', message: `Svarene ${message}` }],
  );
}

interface TextAnswer {
  path: string;
  label: string;
}

/** The answers with every non-empty text «x» (as truthy as before), except the one at `keep`. */
function neutralAnswers(
  specs: VariableSpec[],
  values: Answers,
  keep: string | undefined,
  prefix: string,
  texts: TextAnswer[],
): Answers {
  const result: Answers = Object.create(null);
  for (const spec of specs) {
    const path = `${prefix}${spec.name}`;
    const value = values[spec.name];
    if ((spec.type === 'string' || spec.type === 'text') && typeof value === 'string' && value !== '') {
      texts.push({ path, label: spec.label });
      result[spec.name] = path === keep ? value : 'x';
    } else if (spec.type === 'list' && Array.isArray(value)) {
      result[spec.name] = value.map((item, index) =>
        neutralAnswers(spec.items ?? [], item as Answers, keep, `${path}[${index}].`, texts),
      );
    } else result[spec.name] = value;
  }
  return result;
}

function skeleton(markdown: string): string {
  return directivesOf(parseAgreement(markdown));
}

/** The directives of a parsed file, in order: name and attribute names. */
function directivesOf(parsed: ParsedAgreement): string {
  const directives: string[] = [];
  visit(parsed.tree, (node) => {
    if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      directives.push(`${node.name}{${Object.keys(node.attributes ?? {}).join(' ')}}`);
    }
  });
  return directives.join('\n');
}

/** Words of the body as a reader sees them (front matter and directive syntax left out). */
export function countWords(markdown: string): number {
  const body = markdown.replace(frontMatterPattern, '').replace(/^:::.*$/gm, '');
  return body.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
