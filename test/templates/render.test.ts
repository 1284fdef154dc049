/**
 * Rendering templates (src/templates/), with the small templates in test/fixtures/templates/:
 * `liten` (valid), `syntaksfeil` (a Handlebars syntax error), `ukjent-variabel` (uses a variable its
 * schema does not have). Answers are data: they never become template code, YAML or Markdown structure.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { personalDataMessage } from '../../src/domain/personal-data.js';
import { plainMessages } from '../../src/format/messages.js';
import { TemplateCatalog } from '../../src/templates/catalog.js';
import {
  compileTemplate,
  type RenderResult,
  renderTemplate,
  type Template,
  TemplateError,
} from '../../src/templates/render.js';

const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));

let catalog: TemplateCatalog;
beforeAll(async () => {
  catalog = await TemplateCatalog.load(fixtures);
});

function template(id: string): Template {
  const found = catalog.get(id);
  if (!found) throw new Error(`no fixture template ${id}`);
  return found;
}

type Answers = Record<string, unknown> & { clauses: Record<string, unknown>[] };

function validAnswers(): Answers {
  return {
    id: 'fjordvik-test',
    title: 'Samarbeidsavtale for Fjordvik',
    county: 'Fjordvik',
    validFrom: '2025-01-01',
    clauses: [
      {
        id: 'uten-laereplass',
        title: 'Lærling uten læreplass',
        owner: 'nav',
        keywords: 'læreplass, lærling',
        text: 'NAV følger opp søkere over 19 år.',
      },
      { id: 'sluttet', title: 'Elev som har sluttet', owner: 'fk', text: 'OT tar kontakt innen to uker.' },
    ],
  };
}

function render(answers: unknown): RenderResult {
  return renderTemplate(template('liten'), answers);
}

/** The TemplateError a render throws (fails the test if it does not throw one). */
function renderError(answers: unknown, id = 'liten'): TemplateError {
  try {
    renderTemplate(template(id), answers);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

function problemVariables(answers: unknown): string[] {
  return renderError(answers).problems.map((problem) => problem.variable);
}

function expectValid(result: RenderResult) {
  expect(plainMessages(result.parsed.file)).toEqual([]);
  expect(result.parsed.ok).toBe(true);
}

describe('the fixture catalog', () => {
  it('loads every template folder, sorted', () => {
    expect(catalog.list().map((item) => item.id)).toEqual(['liten', 'syntaksfeil', 'ukjent-variabel']);
    expect(template('liten').schema.wordBudget).toBe(120);
  });
});

describe('rendering valid answers', () => {
  it('gives a valid agreement with metadata, clause ids and directives intact', () => {
    const result = render(validAnswers());
    expectValid(result);
    const { meta, clauses } = result.parsed.agreement;
    expect(meta).toMatchObject({
      id: 'fjordvik-test',
      title: 'Samarbeidsavtale for Fjordvik',
      kind: 'ramme',
      county: 'Fjordvik',
      status: 'utkast',
      validFrom: '2025-01-01',
      example: false,
    });
    expect(meta.parties.map((party) => party.id)).toEqual(['nav', 'fk']);
    expect(clauses).toEqual([
      expect.objectContaining({
        id: 'uten-laereplass',
        title: 'Lærling uten læreplass',
        status: 'settled',
        owner: 'nav',
        facets: ['elev'],
        keywords: ['læreplass', 'lærling'],
        text: 'NAV følger opp søkere over 19 år.',
      }),
      expect.objectContaining({
        id: 'sluttet',
        owner: 'fk',
        keywords: [],
        text: 'OT tar kontakt innen to uker.',
      }),
    ]);
    expect(result.markdown).toContain(
      ':::ansvar[Lærling uten læreplass]{#uten-laereplass ansvarlig=nav stikkord="læreplass, lærling" situasjon=elev}',
    );
  });

  it('applies defaults and stays under the word budget', () => {
    const result = render(validAnswers());
    expect(result.markdown).toContain('Partene møtes 4 ganger i året.');
    expect(result.markdown).toContain('Ingen ungdom skal falle mellom to stoler.');
    expect(result.words).toBeGreaterThan(0);
    expect(result.words).toBeLessThanOrEqual(template('liten').schema.wordBudget ?? 0);
  });

  it('takes optional values, booleans and integers given as text', () => {
    const result = render({
      ...validAnswers(),
      status: 'til-godkjenning',
      example: 'on',
      meetingsPerYear: '12',
      escalation: 'Samarbeidsutvalget',
      purpose: 'Første avsnitt.\r\n\r\nAndre avsnitt.',
    });
    expectValid(result);
    expect(result.parsed.agreement.meta).toMatchObject({
      status: 'til-godkjenning',
      example: true,
      escalation: 'Samarbeidsutvalget',
    });
    expect(result.markdown).toContain('Første avsnitt.\n\nAndre avsnitt.');
    expect(result.markdown).toContain('Partene møtes 12 ganger i året.');
  });

  it('compiles a template once', () => {
    expect(compileTemplate(template('liten'))).toBe(compileTemplate(template('liten')));
  });
});

describe('answers that are refused', () => {
  it('a missing required value names the variable, also inside a list item', () => {
    const answers = validAnswers();
    delete answers.title;
    answers.validFrom = '';
    delete answers.clauses[1]?.text;
    const error = renderError(answers);
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      'title',
      'validFrom',
      'clauses[1].text',
    ]);
    expect(error.problems[0]?.message).toBe('«Tittel» (title) må fylles ut.');
  });

  it('a required value of only spaces counts as missing', () => {
    expect(problemVariables({ ...validAnswers(), title: '   ', county: '\t' })).toEqual(['title', 'county']);
  });

  it('a list below its minimum or above its maximum', () => {
    expect(problemVariables({ ...validAnswers(), clauses: [] })).toEqual(['clauses']);
    const six = Array.from({ length: 6 }, (_, index) => ({
      id: `k-${index}`,
      title: 'T',
      owner: 'nav',
      text: 'x',
    }));
    expect(problemVariables({ ...validAnswers(), clauses: six })).toEqual(['clauses']);
    expect(problemVariables({ ...validAnswers(), clauses: 'uten-laereplass' })).toEqual(['clauses']);
  });

  it.each([
    ['an impossible date', { validFrom: '2019-02-30' }, 'validFrom'],
    ['a date in words', { validFrom: 'neste år' }, 'validFrom'],
    ['a date that is not text', { validFrom: 20250101 }, 'validFrom'],
    ['an id with a path', { id: '../x' }, 'id'],
    ['an id starting with a hyphen', { id: '-x' }, 'id'],
    ['an id with upper case', { id: 'Fjordvik' }, 'id'],
    ['a value outside the enum', { status: 'godkjent' }, 'status'],
    ['an integer with decimals', { meetingsPerYear: 1.5 }, 'meetingsPerYear'],
    ['an integer in words', { meetingsPerYear: 'fire' }, 'meetingsPerYear'],
    ['an integer below the minimum', { meetingsPerYear: 0 }, 'meetingsPerYear'],
    ['an integer above the maximum', { meetingsPerYear: '13' }, 'meetingsPerYear'],
    ['a boolean that is neither', { example: 'kanskje' }, 'example'],
    ['a string that is not text', { title: ['a', 'b'] }, 'title'],
    ['a string that is too long', { title: 'x'.repeat(301) }, 'title'],
  ])('%s', (_case, change, variable) => {
    expect(problemVariables({ ...validAnswers(), ...change })).toEqual([variable]);
  });

  it('an enum inside a list item', () => {
    const answers = validAnswers();
    answers.clauses[0] = { ...answers.clauses[0], owner: 'staten' };
    expect(problemVariables(answers)).toEqual(['clauses[0].owner']);
  });

  it('answers that are not an object', () => {
    for (const answers of [null, 'svar', ['a'], 42]) {
      expect(problemVariables(answers)).toEqual(['(svar)']);
    }
  });

  it('an unknown variable, at the top and inside a list item', () => {
    const answers = { ...validAnswers(), owner: 'nav' } as Answers;
    answers.clauses[0] = { ...answers.clauses[0], status: 'uavklart' };
    const error = renderError(answers);
    expect(error.problems.map((problem) => problem.variable)).toEqual(['owner', 'clauses[0].status']);
    expect(error.problems[0]?.message).toBe('Ukjent felt «owner». Malen har ikke dette feltet.');
  });

  it('`__proto__`, `constructor` and `prototype` keys, also inside a list item', () => {
    const answers = JSON.parse(
      JSON.stringify(validAnswers()).replace(
        '{"id":"fjordvik-test"',
        '{"__proto__":{"polluted":true,"status":"godkjent"},"constructor":{"prototype":{"polluted":true}},"id":"fjordvik-test"',
      ),
    ) as Answers;
    answers.clauses[0] = JSON.parse(
      `{"__proto__":{"owner":"fk"},${JSON.stringify(answers.clauses[0]).slice(1)}`,
    );
    answers.clauses[1] = { ...answers.clauses[1], prototype: 'x' };
    expect(problemVariables(answers)).toEqual([
      '__proto__',
      'constructor',
      'clauses[0].__proto__',
      'clauses[1].prototype',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('a newline in a one-line string', () => {
    expect(problemVariables({ ...validAnswers(), title: 'Tittel\nstatus: godkjent' })).toEqual(['title']);
    expect(problemVariables({ ...validAnswers(), county: 'Fjordvik\r' })).toEqual(['county']);
  });

  it('control characters', () => {
    expect(problemVariables({ ...validAnswers(), purpose: 'Tekst\u0000med nullbyte' })).toEqual(['purpose']);
    expect(problemVariables({ ...validAnswers(), title: 'Tittel\u001b[31m' })).toEqual(['title']);
  });

  it('a line in a text that opens or closes a block', () => {
    for (const purpose of [
      ':::ansvar[Falsk]{#falsk ansvarlig=fk}\nTekst\n:::',
      'Tekst\n  :::',
      'Tekst\n---\nstatus: godkjent',
    ]) {
      expect(problemVariables({ ...validAnswers(), purpose })).toEqual(['purpose']);
    }
    const answers = validAnswers();
    answers.clauses[0] = {
      ...answers.clauses[0],
      text: 'Tekst\n:::\n\n:::ansvar[Falsk]{#falsk ansvarlig=fk}\nMer',
    };
    expect(renderError(answers).problems).toEqual([
      {
        variable: 'clauses[0].text',
        message:
          '«Hva den ansvarlige gjør» (clauses[0].text): en linje kan ikke starte med «:::» eller «---».',
      },
    ]);
  });

  it('a directive fence after a quote or list marker, or in a one-line string', () => {
    const quoted = validAnswers();
    quoted.clauses[0] = {
      ...quoted.clauses[0],
      text: 'Tekst\n\n> :::ansvar[Falsk]{#falsk ansvarlig=fk}\n> Mer\n> :::',
    };
    expect(problemVariables(quoted)).toEqual(['clauses[0].text']);
    expect(
      problemVariables({ ...validAnswers(), purpose: '- :::ansvar[Falsk]{#falsk ansvarlig=fk}' }),
    ).toEqual(['purpose']);
    expect(problemVariables({ ...validAnswers(), title: ':::ansvar[Falsk]{#falsk ansvarlig=fk}' })).toEqual([
      'title',
    ]);
  });

  it('a fødselsnummer, in a string, a text and a list item', () => {
    const fnr = '15060740094'; // Computed check digits (see test/format/personal-data.test.ts); no real person.
    const answers = validAnswers();
    answers.title = `Avtale om ${fnr}`;
    answers.purpose = `Gjelder eleven med fnr ${fnr.slice(0, 6)} ${fnr.slice(6)}.`;
    answers.clauses[0] = { ...answers.clauses[0], keywords: `læreplass, ${fnr}` };
    const error = renderError(answers);
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      'title',
      'purpose',
      'clauses[0].keywords',
    ]);
    expect(error.problems[0]?.message).toBe(`«Tittel» (title): ${personalDataMessage}`);
  });
});

describe('answers are data, never template code or structure', () => {
  it('Handlebars syntax in answers comes out literally', () => {
    const answers = validAnswers();
    answers.title = '{{7*7}} og {{title}} og {{{county}}}';
    answers.purpose = '{{#each clauses}}gjentatt{{/each}} {{> partial}} {{! kommentar }} {{@root.id}}';
    answers.clauses[0] = { ...answers.clauses[0], text: '{{#if true}}ja{{else}}nei{{/if}} \\{{escaped}}' };
    const result = render(answers);
    expectValid(result);
    expect(result.parsed.agreement.meta.title).toBe('{{7*7}} og {{title}} og {{{county}}}');
    expect(result.markdown).toContain('# {{7*7}} og {{title}} og {{{county}}}\n');
    expect(result.markdown).toContain(
      '{{#each clauses}}gjentatt{{/each}} {{> partial}} {{! kommentar }} {{@root.id}}',
    );
    expect(result.markdown).toContain('{{#if true}}ja{{else}}nei{{/if}} \\{{escaped}}');
    expect(result.markdown).not.toContain('49');
    expect(result.markdown.match(/gjentatt/g)).toHaveLength(1);
  });

  it('YAML injection through {{yaml}} cannot change the metadata', () => {
    const result = render({
      ...validAnswers(),
      title: 'x" status: godkjent',
      county: "Fjordvik' type: del",
      escalation: 'x"\nstatus: godkjent\nparter: []\n# Ny overskrift',
    });
    expectValid(result);
    expect(result.parsed.agreement.meta).toMatchObject({
      title: 'x" status: godkjent',
      county: "Fjordvik' type: del",
      status: 'utkast',
      kind: 'ramme',
      escalation: 'x"\nstatus: godkjent\nparter: []\n# Ny overskrift',
    });
    expect(result.parsed.agreement.meta.parties).toHaveLength(2);
  });

  it('attribute injection through {{attr}} cannot add attributes', () => {
    const answers = validAnswers();
    answers.clauses[0] = { ...answers.clauses[0], keywords: 'a" ansvarlig="fk" status="uavklart' };
    answers.clauses[1] = { ...answers.clauses[1], keywords: "b} kostnad=fk {x='y" };
    const result = render(answers);
    expectValid(result);
    const [first, second] = result.parsed.agreement.clauses;
    expect(first).toMatchObject({ id: 'uten-laereplass', owner: 'nav', status: 'settled' });
    expect(first?.keywords).toEqual(['a” ansvarlig=”fk” status=”uavklart']);
    expect(second).toMatchObject({ id: 'sluttet', owner: 'fk', keywords: ["b} kostnad=fk {x='y"] });
    expect(second?.costShares).toBeUndefined();
  });
});

describe('answers cannot change the structure of the agreement', () => {
  it.each([
    ['a lone «]» in a clause title', 'Lærling uten læreplass]'],
    ['a lone «[» in a clause title', 'Lærling [uten læreplass'],
    ['a label that tries to set its own attributes', 'T]{#falsk ansvarlig=fk}'],
  ])('%s would drop the clause: refused', (_case, title) => {
    const answers = validAnswers();
    answers.clauses[0] = { ...answers.clauses[0], title };
    expect(problemVariables(answers)).toEqual(['clauses[0].title']);
  });

  it('an unclosed code fence would turn the clauses after it into code: refused', () => {
    const error = renderError({ ...validAnswers(), purpose: 'Formål.\n\n```\nkode uten slutt' });
    expect(error.problems).toEqual([
      {
        variable: 'purpose',
        message:
          '«Formål» (purpose) endrer avtalens oppbygning (en «[» eller «]» uten make, eller «```» som ikke lukkes?). Skriv det om.',
      },
    ]);
  });

  it('ordinary Markdown in answers is fine', () => {
    const answers = validAnswers();
    answers.title = 'Avtale (2025–2026) [utkast]';
    answers.purpose =
      'Tekst med `kode`, [lenke](https://www.nav.no/) og\n\n```\nlukket kode\n```\n\n- en liste\n\n> et sitat';
    answers.clauses[0] = { ...answers.clauses[0], title: 'Ungdom [16–19 år]', text: 'Se punkt 3 [vedlegg].' };
    const result = render(answers);
    expectValid(result);
    expect(result.parsed.agreement.clauses.map((clause) => clause.title)).toEqual([
      'Ungdom [16–19 år]',
      'Elev som har sluttet',
    ]);
  });
});

describe('broken templates', () => {
  it('a Handlebars syntax error gives a TemplateError with line and column', () => {
    const error = renderError({ title: 'Tittel' }, 'syntaksfeil');
    expect(error.position).toEqual({ line: 7, column: 43 });
    expect(error.message).toMatch(
      /^Feil i malen .*syntaksfeil\/template\.md\.hbs:7:43: Parse error on line 7:$/,
    );
  });

  it('a block that is closed by the wrong name gives its line and column', () => {
    const broken: Template = {
      ...template('syntaksfeil'),
      source: 'Linje\n{{#if title}}\n{{/each}}\n',
      path: 'feil-blokk.hbs',
    };
    expect(() => compileTemplate(broken)).toThrow(TemplateError);
    expect(() => compileTemplate(broken)).toThrow(/^Feil i malen feil-blokk\.hbs:2:4: if doesn't match each/);
  });

  it('a variable the schema does not have fails clearly, before anything is rendered', () => {
    // `owner` is used inside {{#each clauses}}, which the answers leave empty: Handlebars' strict mode
    // alone would never notice.
    const error = renderError({ title: 'Tittel' }, 'ukjent-variabel');
    expect(error.message).toMatch(
      /^Malen ukjent-variabel bruker «owner» \(.*:8:39\), som skjemaet ikke beskriver\.$/,
    );
    expect(error.position).toEqual({ line: 8, column: 39 });
    expect(error.problems).toEqual([
      {
        variable: 'owner',
        message: 'Malen bruker «owner» på linje 8, kolonne 39, men det står ikke i skjemaet.',
      },
    ]);
  });

  it.each([
    ['in a helper argument', '{{yaml titel}}', 'titel'],
    ['in a condition', '{{#if titel}}x{{/if}}', 'titel'],
    ['in an else-if', '{{#if title}}x{{else if titel}}y{{/if}}', 'titel'],
    ['outside its list', '{{id}}', 'id'],
    ['a top-level name inside a list', '{{#each clauses}}{{title}}{{/each}}', 'title'],
    ['too many levels up', '{{#each clauses}}{{../../title}}{{/each}}', '../../title'],
    ['through @root', '{{@root.titel}}', '@root.titel'],
    ['an unknown helper', '{{concat title}}', 'concat'],
    ['a partial', '{{> avtale}}', '{{> …}}'],
  ])('an unknown name %s', (_case, source, name) => {
    const broken: Template = { ...template('ukjent-variabel'), source, path: `ukjent-${name}-${source}` };
    expect(() => compileTemplate(broken)).toThrow(TemplateError);
    try {
      compileTemplate(broken);
    } catch (error) {
      expect((error as TemplateError).problems.map((problem) => problem.variable)).toEqual([name]);
    }
  });

  it.each([
    ['a list item field', '{{#each clauses}}{{id}}{{/each}}'],
    ['the parent from inside a list', '{{#each clauses}}{{#if id}}{{../title}}{{/if}}{{/each}}'],
    ['@root and @index', '{{#each clauses}}{{@root.title}} {{@index}} {{this.id}}{{/each}}'],
    ['block params', '{{#each clauses as |clause|}}{{clause.id}}{{/each}}'],
    ['a Mustache-style section', '{{#clauses}}{{id}}{{/clauses}}'],
  ])('known names are fine: %s', (_case, source) => {
    const fine: Template = { ...template('ukjent-variabel'), source, path: `kjent-${source}` };
    expect(() => compileTemplate(fine)).not.toThrow();
  });
});
