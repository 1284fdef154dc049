import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { identityProblems } from '../../src/access/identity.js';
import { projectRoot } from '../../src/config.js';
import { formatApproval, parseApproval } from '../../src/domain/approvals.js';
import {
  editFrontMatter,
  removeSignatories,
  setSignatories,
  setStatus,
} from '../../src/domain/front-matter-edit.js';
import { mergeThreeWay, mergeWithMarkers, resolveConflicts } from '../../src/domain/merge.js';
import { readClauseForm, renderClause, writeClause } from '../../src/drafting/clause-edit.js';
import {
  applyListAction,
  buildForm,
  fillGeneratedIds,
  formChoices,
  initialAnswers,
  onVisibleFields,
  readForm,
} from '../../src/drafting/form.js';
import { parseAgreement } from '../../src/format/processor.js';
import type { TemplateSchema, VariableSpec } from '../../src/templates/schema.js';
import { messageTarget } from '../../src/web/drafting-present.js';

const example = readFileSync(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');

describe('three-way merge by lines', () => {
  const base = 'a\nb\nc\nd\ne\n';
  it('combines changes to different lines', () => {
    expect(mergeThreeWay(base, 'a\nB\nc\nd\ne\n', 'a\nb\nc\nD\ne\n')).toEqual({
      clean: true,
      text: 'a\nB\nc\nD\ne\n',
    });
  });

  it('takes the same change made on both sides once', () => {
    expect(mergeThreeWay(base, 'a\nB\nc\nd\ne\n', 'a\nB\nc\nd\ne\n')).toEqual({
      clean: true,
      text: 'a\nB\nc\nd\ne\n',
    });
  });

  it('reports changes to the same line as a conflict, with lines in each version', () => {
    const result = mergeThreeWay(base, 'a\nX\nc\nd\ne\n', 'a\nY\nc\nd\ne\n');
    expect(result).toEqual({
      clean: false,
      conflicts: [
        {
          base: { line: 2, lines: ['b'] },
          theirs: { line: 2, lines: ['X'] },
          yours: { line: 2, lines: ['Y'] },
        },
      ],
    });
  });

  it('resolves conflicts as chosen, and writes markers for editing by hand', () => {
    const theirs = 'a\nX\nc\nd\ne\n';
    const yours = 'a\nY\nc\nD\ne\n';
    expect(resolveConflicts(base, theirs, yours, ['yours'])).toBe('a\nY\nc\nD\ne\n');
    expect(resolveConflicts(base, theirs, yours, ['theirs'])).toBe('a\nX\nc\nD\ne\n');
    expect(resolveConflicts(base, theirs, yours, ['both'])).toBe('a\nX\nY\nc\nD\ne\n');
    expect(resolveConflicts(base, theirs, yours, [])).toBeUndefined();
    expect(mergeWithMarkers(base, theirs, yours, 'Lagret')).toBe(
      'a\n<<<<<<< Din versjon\nY\n=======\nX\n>>>>>>> Lagret\nc\nD\ne\n',
    );
  });
});

describe('front matter edits by the lifecycle', () => {
  it('change only the lines they concern', () => {
    const edited = editFrontMatter(example, (doc) => setStatus(doc, 'til-godkjenning'));
    expect(edited).toBe(example.replace('status: godkjent', 'status: til-godkjenning'));
  });

  it('write signatories after the parties, and remove them again', () => {
    const unsigned = editFrontMatter(example, (doc) => removeSignatories(doc));
    expect(unsigned).not.toContain('signatarer:');
    const signed = editFrontMatter(unsigned, (doc) =>
      setSignatories(doc, [
        { name: 'Kari Nordmann', role: 'Direktør', party: 'nav-fjordvik', date: '2026-11-22' },
      ]),
    );
    expect(signed).toMatch(
      / {4}del-av: fjordvik-fk\nsignatarer:\n {2}- navn: Kari Nordmann\n {4}rolle: Direktør\n {4}part: nav-fjordvik\n {4}dato: 2026-11-22\n/,
    );
    expect(parseAgreement(signed).agreement.meta.signatories).toEqual([
      { name: 'Kari Nordmann', role: 'Direktør', party: 'nav-fjordvik', date: '2026-11-22' },
    ]);
  });
});

describe('the approval trailer', () => {
  it('round-trips: name | role | party | date', () => {
    const approval = {
      name: 'Kari Nordmann',
      role: 'Direktør, NAV Fjordvik',
      party: 'nav-fjordvik',
      date: '2026-11-22',
    };
    expect(formatApproval(approval)).toBe(
      'Kari Nordmann | Direktør, NAV Fjordvik | nav-fjordvik | 2026-11-22',
    );
    expect(parseApproval(formatApproval(approval))).toEqual(approval);
    expect(parseApproval('Kari | Direktør | nav-fjordvik')).toBeUndefined();
    expect(parseApproval('Kari | Direktør | NAV | 2026-11-22')).toBeUndefined();
  });
});

describe('the structured clause editor', () => {
  const agreement = parseAgreement(example).agreement;
  const clause = {
    id: 'uten-laereplass',
    title: 'Lærling uten læreplass',
    status: 'avklart',
    owner: 'fjordvik-fk',
    supporting: ['ot', 'nav-fjordvik'],
    ages: '16–24',
    facets: 'uten-laereplass',
    keywords: 'læreplass, "formidling"',
    text: 'Fagopplæringen følger opp.',
  };

  it('replaces one clause block, keeping its id and every other line', () => {
    const { clause: input, problems } = readClauseForm(clause, agreement, false);
    expect(problems).toEqual([]);
    const written = writeClause(example, input as NonNullable<typeof input>, false);
    const parsed = parseAgreement(written);
    expect(parsed.ok).toBe(true);
    const changed = parsed.agreement.clauses.find((candidate) => candidate.id === 'uten-laereplass');
    expect(changed).toMatchObject({
      owner: 'fjordvik-fk',
      supporting: ['ot', 'nav-fjordvik'],
      ages: { min: 16, max: 24 },
    });
    expect(changed?.keywords).toEqual(['læreplass', '”formidling”']);
    expect(parsed.agreement.clauses.map((candidate) => candidate.id)).toEqual(
      agreement.clauses.map((candidate) => candidate.id),
    );
    const untouched = (text: string) => text.replace(/:::ansvar\[Lærling uten læreplass\][\s\S]*?\n:::/, '');
    expect(untouched(written)).toBe(untouched(example));
  });

  it('refuses what the agreement does not know, field by field', () => {
    const { problems } = readClauseForm(
      {
        ...clause,
        owner: 'ukjent',
        supporting: 'ot annen',
        facets: 'flyvende',
        ages: 'ung',
        contact: 'x',
        extra: '1',
      },
      agreement,
      false,
    );
    expect(problems.map((problem) => problem.variable).sort()).toEqual([
      'ages',
      'contact',
      'extra',
      'facets',
      'owner',
      'supporting',
    ]);
    expect(
      readClauseForm({ ...clause, status: 'uavklart' }, agreement, false).problems.map(
        (problem) => problem.variable,
      ),
    ).toEqual(['owner', 'escalation']);
    expect(
      readClauseForm({ ...clause, title: 'Med [klammer]' }, agreement, false).problems[0]?.variable,
    ).toBe('title');
    expect(
      readClauseForm({ ...clause, text: 'Tekst\n:::ansvar[X]{#x}' }, agreement, false).problems[0]?.variable,
    ).toBe('text');
    expect(readClauseForm(clause, agreement, true).problems[0]).toMatchObject({
      variable: 'id',
      message: expect.stringContaining('i bruk'),
    });
  });

  it('renders a grey zone without an owner', () => {
    expect(
      renderClause({
        id: 'x',
        title: 'X',
        grey: true,
        supporting: [],
        facets: [],
        escalation: 'Utvalget',
        text: 'Uklart.',
      }),
    ).toBe(':::ansvar[X]{#x status=uavklart eskalering="Utvalget"}\nUklart.\n:::');
  });
});

describe('the form generated from a schema', () => {
  const specs: VariableSpec[] = [
    { name: 'title', type: 'string', label: 'Tittel', required: true },
    { name: 'status', type: 'enum', label: 'Status', options: ['utkast', 'godkjent'] },
    { name: 'example', type: 'boolean', label: 'Eksempel' },
    {
      name: 'clauses',
      type: 'list',
      label: 'Punkter',
      min: 1,
      items: [
        { name: 'id', type: 'id', label: 'Id', required: true },
        { name: 'greyZone', type: 'boolean', label: 'Gråsone', default: false },
      ],
    },
  ];

  it('starts from the defaults, without lifecycle variables, with one item in a required list', () => {
    expect(initialAnswers(specs)).toEqual({
      title: '',
      example: false,
      clauses: [{ id: '', greyZone: false }],
    });
  });

  it('reads a posted form back into answers, in index order, with unticked boxes false', () => {
    const { answers, problems } = readForm(
      specs,
      {
        title: 'T',
        'clauses[1].id': 'b',
        'clauses[0].id': 'a',
        'clauses[0].greyZone': 'true',
        action: 'lagre',
      },
      new Set(['action']),
    );
    expect(problems).toEqual([]);
    expect(answers).toEqual({
      title: 'T',
      example: false,
      clauses: [
        { id: 'a', greyZone: true },
        { greyZone: false, id: 'b' },
      ],
    });
  });

  it('refuses unknown, lifecycle and repeated fields, and indexes out of range', () => {
    const { problems } = readForm(
      specs,
      {
        status: 'godkjent',
        title: ['a', 'b'],
        'clauses[999].id': 'x',
        'clauses[0].farge': 'blå',
        __proto__x: '1',
      },
      new Set(),
    );
    expect(problems.map((problem) => problem.variable)).toEqual([
      'status',
      'title',
      'clauses[999].id',
      'clauses[0].farge',
      '__proto__x',
    ]);
  });

  it('adds and removes list items', () => {
    const answers = initialAnswers(specs);
    expect(applyListAction(specs, answers, 'legg-til:clauses')).toBe(true);
    expect(answers.clauses).toHaveLength(2);
    expect(applyListAction(specs, answers, 'fjern:clauses:0')).toBe(true);
    expect(answers.clauses).toHaveLength(1);
    expect(applyListAction(specs, answers, 'legg-til:status')).toBe(false);
  });
});

describe('a form that asks for names, never ids', () => {
  const specs: VariableSpec[] = [
    {
      name: 'id',
      type: 'id',
      label: 'Avtalens id',
      required: true,
      from: '{county}-ramme',
      section: 'Om avtalen',
    },
    { name: 'county', type: 'string', label: 'Fylke', required: true },
    { name: 'navId', type: 'id', label: 'Id', required: true, from: '{navName}', section: 'Parter' },
    { name: 'navName', type: 'string', label: 'NAV-enhet', required: true },
    {
      name: 'clauses',
      type: 'list',
      label: 'Punkter',
      items: [
        { name: 'id', type: 'id', label: 'Id', required: true, from: '{title}' },
        { name: 'title', type: 'string', label: 'Situasjon', required: true },
        { name: 'owner', type: 'id', label: 'Ansvarlig', choices: 'parties' },
        { name: 'support', type: 'string', label: 'Bistår', choices: 'parties', multiple: true },
      ],
    },
  ];
  const schema: TemplateSchema = {
    title: 'Test',
    partyFields: [['navId', 'navName']],
    variables: specs,
  };

  it('makes ids from titles and names once, unique in their list, and keeps an id already made', () => {
    const answers = {
      id: '',
      county: 'Møre og Romsdal',
      navId: '',
      navName: 'NAV Ålesund',
      clauses: [
        { id: '', title: 'Lærling uten læreplass' },
        { id: '', title: 'Lærling uten læreplass!' },
        { id: 'fast-id', title: 'Ny tittel' },
        { id: '', title: '' },
      ],
    };
    fillGeneratedIds(specs, answers);
    expect(answers.id).toBe('more-og-romsdal-ramme');
    expect(answers.navId).toBe('nav-alesund');
    expect(answers.clauses.map((clause) => clause.id)).toEqual([
      'laerling-uten-laereplass',
      'laerling-uten-laereplass-2',
      'fast-id',
      '',
    ]);
  });

  it('reads ticked boxes of one field as a space-separated answer', () => {
    const { answers, problems } = readForm(
      specs,
      { 'clauses[0].title': 'T', 'clauses[0].support': ['ot', 'nav-vik'] },
      new Set(),
    );
    expect(problems).toEqual([]);
    expect(answers.clauses).toEqual([{ title: 'T', support: 'ot nav-vik' }]);
  });

  it('offers the parties entered by name, as a select or boxes, with a section heading before each part', () => {
    const answers = {
      id: 'x-ramme',
      county: 'X',
      navId: 'nav-x',
      navName: 'NAV X',
      clauses: [{ id: 'a', title: 'A', owner: 'nav-x', support: 'nav-x borte' }],
    };
    const entries = buildForm(specs, answers, [], formChoices(schema, answers));
    // Both parts ask for something that has no suggestion, so neither starts closed.
    expect(entries.flatMap((entry) => (entry.section ? [entry.section] : []))).toMatchObject([
      { id: 'del-om-avtalen', label: 'Om avtalen', collapsible: false },
      { id: 'del-parter', label: 'Parter', collapsible: false },
    ]);
    const fields = entries.find((entry) => entry.group)?.group?.items[0]?.fields ?? [];
    const byName = (name: string) => fields.find((field) => field.name === `clauses[0].${name}`);
    expect(byName('id')?.control).toBe('hidden');
    expect(byName('owner')).toMatchObject({ control: 'select', choices: 'parties' });
    expect(byName('owner')?.options).toEqual([
      { value: '', label: 'Ingen', selected: false },
      { value: 'nav-x', label: 'NAV X', selected: true },
    ]);
    // A party no longer entered stays visible, so saving never drops it unseen.
    expect(byName('support')?.options).toEqual([
      { value: 'nav-x', label: 'NAV X', selected: true },
      { value: 'borte', label: 'borte', selected: true },
    ]);
  });

  it('puts a problem with a made id on what it is made of', () => {
    expect(
      onVisibleFields(specs, [
        { variable: 'id', message: 'I bruk' },
        { variable: 'clauses[2].id', message: 'Mangler' },
        { variable: 'county', message: 'Mangler' },
      ]).map((problem) => problem.variable),
    ).toEqual(['county', 'clauses[2].title', 'county']);
  });
});

describe('which field a check is about', () => {
  const markdown = readFileSync(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');
  const { agreement } = parseAgreement(markdown);
  const lines = markdown.split('\n');
  const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;

  it('is the clause whose lines it falls in, the list of clauses for a gap, or none for the whole', () => {
    expect(
      messageTarget(
        { line: lineOf('Fagopplæringen arrangerer læreplasskurs'), rule: 'long-sentence' },
        agreement,
      ),
    ).toEqual({
      clause: 'laereplasskurs',
    });
    expect(messageTarget({ line: 3, rule: 'coverage-gap' }, agreement)).toEqual({ newClause: true });
    expect(
      messageTarget({ line: lineOf('## 4. Samarbeidsarenaer'), rule: 'long-sentence' }, agreement),
    ).toBeUndefined();
    expect(messageTarget({ line: 2, rule: 'too-long' }, agreement)).toBeUndefined();
  });
});

describe('who is making a change', () => {
  it('needs a name and a working e-mail address, without personal data about young people', () => {
    expect(identityProblems({ name: 'Kari Nordmann', email: 'kari@nav.no' })).toEqual([]);
    expect(identityProblems({}).map((problem) => problem.variable)).toEqual(['name', 'email']);
    expect(identityProblems({ name: 'Kari <x>', email: 'kari' }).map((problem) => problem.variable)).toEqual([
      'name',
      'email',
    ]);
    expect(identityProblems({ name: 42, email: ['a@b.no'] }).map((problem) => problem.message)).toEqual([
      'Navnet må være tekst.',
      'E-postadressen må være tekst.',
    ]);
  });
});
