import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { Accounts } from '../../src/accounts/accounts.js';
import { projectRoot } from '../../src/config.js';
import { ensurePersona, personas } from '../helpers/accounts.js';
import { runGjerde } from '../helpers/cli.js';
import { git, gitTrimmed } from '../helpers/git.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';

const root = tempDirForFile('gjerde-cli-');
const dataDir = join(root, 'store');
/** The ramme template's example answers without signatories, which only approvals record. */
let answers: string;

function gjerde(...args: string[]) {
  return runGjerde({ GJERDE_DATA: dataDir }, ...args);
}

function head(): string {
  return gitTrimmed(dataDir, 'rev-parse', 'HEAD');
}

beforeAll(async () => {
  // The default accounts file beside the data repository, as the CLI finds it.
  const accounts = new Accounts(join(root, 'accounts.json'));
  await ensurePersona(accounts, 'redaktor');
  await ensurePersona(accounts, 'leser');
  const example = parseYaml(
    await readFile(join(projectRoot, 'templates/ramme/example-answers.yaml'), 'utf8'),
  ) as Record<string, unknown>;
  delete example.signatories;
  answers = join(root, 'answers.yaml');
  await writeFile(answers, stringifyYaml(example));
});

describe('gjerde CLI', () => {
  it('explains itself in Norwegian', () => {
    const { code, out } = gjerde('--help');
    expect(code).toBe(0);
    expect(out).toContain('validate');
    expect(out).toContain('vis hjelp');
    // Commander's own words too: headings, usage and errors.
    expect(out).toMatch(/^Bruk: gjerde \[valg\] \[kommando\]$/m);
    expect(out).toMatch(/^Valg:$/m);
    expect(out).toMatch(/^Kommandoer:$/m);
    expect(out).not.toMatch(/Usage|Options|Commands/);
    expect(gjerde('due', '--help').out).toContain('(standard: "60")');
    const unknown = gjerde('list', '--ukjent');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('feil: ukjent valg «--ukjent»');
  });

  it('lists the example agreements (seeding the data repository on first use)', () => {
    const { code, out } = gjerde('list');
    expect(code).toBe(0);
    // A header row, then one row an agreement; tab-separated, since the output is not a terminal.
    expect(out.split('\n')[0]).toBe('ID\tTITTEL\tSTATUS\tGYLDIG\tEKSEMPEL\tGODKJENNING');
    // Every seeded agreement says it is an example, so a county sees what it should replace; their approvals
    // are recorded, so the last column is blank.
    expect(out).toMatch(/^fjordvik-ramme\t.*\ti kraft\t.*\teksempel\t$/m);
    expect(out).toMatch(/^strandby-lokal\t/m);
  });

  it('shows an agreement as in force on a date', () => {
    const { code, out } = gjerde('show', 'fjordvik-ramme', '--at', '2018-06-01');
    expect(code).toBe(0);
    expect(out).toContain('gyldig-fra: 2017-01-01');
  });

  it('follows one clause through history: who changed it, and who approved the change', () => {
    const { code, out } = gjerde('history', 'fjordvik-ramme', '--clause', 'uten-laereplass');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^[0-9a-f]{8} {2}2018-11-26 {2}Ingrid Berg: Utkast til revidert rammeavtale for 2019–2020$/m,
    );
    expect(out).toContain('- ansvarlig endret fra Fjordvik fylkeskommune til NAV Fjordvik');
    expect(out).toMatch(
      /^ {10}godkjent 14\. desember 2018 \(registrert 17\. desember 2018, [0-9a-f]{8}\) av Hilde Strand for NAV Fjordvik \(14\. desember 2018\) og Anne Berit Lund for Fjordvik fylkeskommune \(14\. desember 2018\)$/m,
    );
  });

  it('compares the counties for one situation, one line a county', () => {
    const { code, out } = gjerde('counties', '--situation', 'uten-laereplass', '--at', '2025-11-01');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('Søkt læreplass, fikk ikke (1. november 2025)');
    expect(lines).toContain(
      // The last column is blank: the approval of Fjordvik's clause is recorded.
      'Fjordvik\tNAV Fjordvik\tfjordvik-ramme#uten-laereplass\tfra 2019-01-01\tulikt de fleste\t',
    );
    expect(gjerde('counties').code).toBe(1);
  });

  it('warns about a repealed legal basis at its hjemmel, and lists it and passed follow-ups as due', () => {
    const file = join(projectRoot, 'agreements/innmark-samarbeidsavtale/2020-12-14.md');
    const checked = gjerde('validate', file);
    expect(checked.code).toBe(0);
    expect(checked.out).toMatch(
      /2020-12-14\.md:\d+:\d+: advarsel: «Oppfølgingstjenestens ansvar»: Hjemmelen «opplæringslova § 3-6» er opphevet fra 1\. august 2024; nå: opplæringslova § 9-4\..* \[legal-basis-repealed\]/,
    );
    const line = /2020-12-14\.md:(\d+):(\d+): advarsel: «Oppfølgingstjenestens/.exec(checked.out);
    const source = readFileSync(file, 'utf8').split('\n')[Number(line?.[1]) - 1] ?? '';
    expect(source.slice(Number(line?.[2]) - 1)).toMatch(/^hjemmel="opplæringslova § 3-6"/);
    expect(gjerde('due', '--at', '2024-09-01').out).toMatch(
      /^innmark-samarbeidsavtale\thjemmel opphevet\t2024-08-01\t«Oppfølgingstjenestens ansvar»: Hjemmelen/m,
    );
    // Lyngmark's committee «tar saken opp i 2026» about youth waiting for health care.
    expect(gjerde('due', '--at', '2026-12-31').out).not.toContain('oppfølging passert');
    expect(gjerde('due', '--at', '2027-02-01').out).toMatch(
      /^lyngmark-ramme\toppfølging passert\t2026-12-31\tGråsonen «Ungdom som venter på helsehjelp» lovet en oppfølging innen 31\. desember 2026/m,
    );
  });

  it('takes dates as the pages do (dd.mm.åååå), and refuses one that is not a date before listing anything', () => {
    // 1 August 2019: Åsmoen's local agreement (from 22 January 2024) was still to come.
    const listed = gjerde('list', '--at', '1.8.2019');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^asmoen-lokal\tLokal avtale[^\t]*\tkommer/m);
    expect(gjerde('show', 'fjordvik-ramme', '--at', '01.06.2018').out).toBe(
      gjerde('show', 'fjordvik-ramme', '--at', '2018-06-01').out,
    );
    const compared = gjerde('compare', 'fjordvik-ramme', '--from', '01.03.2017', '--to', '1.9.2025');
    expect(compared.code).toBe(0);
    expect(compared.out).toBe(
      gjerde('compare', 'fjordvik-ramme', '--from', '2017-03-01', '--to', '2025-09-01').out,
    );
    for (const command of [['list'], ['due'], ['counties', 'fikk ikke læreplass']]) {
      const refused = gjerde(...command, '--at', 'neste-uke');
      expect(refused).toMatchObject({ code: 1, out: '' });
      expect(refused.err).toContain('«neste-uke» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå');
    }
  });

  it('refuses a malformed date and an unknown agreement with a non-zero exit', () => {
    expect(gjerde('show', 'fjordvik-ramme', '--at', '2018-13-01')).toMatchObject({ code: 1 });
    const unknown = gjerde('show', 'finnes-ikke');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Fant ingen avtale');
  });

  it('validates files and reports file:line:col, exiting non-zero on errors', async () => {
    const good = gjerde('validate', join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'));
    expect(good.code).toBe(0);
    const bad = join(root, 'bad.md');
    await writeFile(bad, '---\nid: x\ntittel: T\n---\n\n# T\n');
    const result = gjerde('validate', bad);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:5: feil: Ugyldig avtale-id`),
    );
    expect(result.out).toContain('feil: Metadata mangler «type»');
  });

  it('validates the shared glossary and a contact register by their own rules', async () => {
    const folder = join(root, 'felles');
    await mkdir(join(folder), { recursive: true });
    await writeFile(join(folder, 'begreper.yaml'), 'begreper:\n  - begrep: OT\n    forklaring: Tjenesten.\n');
    expect(gjerde('validate', join(folder, 'begreper.yaml')).code).toBe(0);
    await mkdir(join(root, 'kontakter'), { recursive: true });
    const register = join(root, 'kontakter', 'fjordvik.yaml');
    await writeFile(
      register,
      'fylke: Fjordvik\nkontakter:\n  - id: en\n    side: ot\n    navn: En\n    rolle: OT\n    epost: en@a.example\n',
    );
    const result = gjerde('validate', register);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${register}:4:11: feil: «side» er «fylkeskommune» eller «nav».`);
  });

  it("validates the data repository's files by the paths the README gives, from the project folder", () => {
    gjerde('list'); // seeds the data repository when no test before did
    const result = gjerde('validate', 'felles/begreper.yaml', 'kontakter/fjordvik.yaml');
    expect(result.err).toBe('');
    expect(result.out).toBe('OK: 2 filer uten feil.\n');
    expect(result.code).toBe(0);
  });

  it('says which paths it tried for a file it cannot read, and counts the errors after their lines', () => {
    const result = gjerde('validate', 'felles/finnes-ikke.yaml');
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      `felles/finnes-ikke.yaml: feil: filen kan ikke leses (prøvde ${join(projectRoot, 'felles/finnes-ikke.yaml')} og ${join(dataDir, 'felles/finnes-ikke.yaml')})`,
      '1 feil.',
      '',
    ]);
  });

  it('creates a draft from a template and answers, as one commit by the named editor with the reason', () => {
    const before = head();
    const { code, out, err } = gjerde(
      'new',
      '--template',
      'ramme',
      '--answers',
      answers,
      '--reason',
      'Første utkast fra malen',
      '--som',
      'redaktor',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('som utkast');
    const log = gitTrimmed(dataDir, 'log', '-1', '--format=%an|%ae|%s');
    const { name, email } = personas.redaktor;
    expect(log).toBe(`${name}|${email}|Første utkast fra malen`);
    // The example answers say «godkjent»; from the command line too, a new agreement is a draft.
    const saved = git(dataDir, 'show', 'HEAD:avtaler/eksempelfylket-ramme.md');
    expect(saved).toMatch(/^status: "?utkast"?$/m);
    expect(head()).not.toBe(before);
  });

  it('gives a local agreement the county’s OT as its parent agreement has it, not «ot» in every county', async () => {
    await new Accounts(join(root, 'accounts.json')).add({
      username: 'lars',
      name: 'Lars Lyngmark',
      email: 'lars@lyngmark.example',
      roles: ['redaktor'],
      parties: [],
      counties: ['Lyngmark'],
    });
    const example = parseYaml(
      await readFile(join(projectRoot, 'templates/lokal/example-answers.yaml'), 'utf8'),
    ) as Record<string, unknown>;
    delete example.signatories;
    const local = join(root, 'lokal-svar.yaml');
    await writeFile(
      local,
      stringifyYaml({
        ...example,
        id: 'vikby-lokal',
        parent: 'lyngmark-ramme',
        county: 'Lyngmark',
        countyId: 'lyngmark-fk',
        countyName: 'Lyngmark fylkeskommune',
      }),
    );
    const { code, err } = gjerde(
      'new',
      '--template',
      'lokal',
      '--answers',
      local,
      '--reason',
      'Utkast',
      '--som',
      'lars',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const saved = git(dataDir, 'show', 'HEAD:avtaler/vikby-lokal.md');
    // Lyngmark's umbrella agreement calls its OT «ot-lyngmark»; «ot» is Fjordvik's and Dalheim's.
    expect(saved).toMatch(
      /^ {2}- id: "?ot-lyngmark"?\n {4}navn: "?Oppfølgingstjenesten \(OT\), region Eksempelby"?$/m,
    );
    expect(saved).not.toMatch(/^ {2}- id: "?ot"?$/m);
    // Every reference to the party moved with it: owners, support, contact roles.
    expect(saved).toMatch(/ansvarlig=ot-lyngmark/);
    expect(saved).toMatch(/bistand="?nav-eksempelby ot-lyngmark"?/);
    expect(saved).not.toMatch(/(ansvarlig|bistand|part)[=:] ?"?ot\b(?!-)/);
  });

  it('refuses a draft by an unknown user, by a reader, and without a user, writing nothing', () => {
    const before = head();
    const base = ['new', '--template', 'ramme', '--answers', answers, '--reason', 'x'];
    const unknown = gjerde(...base, '--som', 'finnes-ikke');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Finner ingen bruker «finnes-ikke»');
    const reader = gjerde(...base, '--som', 'leser');
    expect(reader.code).toBe(1);
    expect(reader.err).toContain('rollen Redaktør');
    expect(gjerde(...base).code).not.toBe(0);
    expect(head()).toBe(before);
  });

  it('refuses the same id twice, an unknown template and invalid answers, writing nothing', async () => {
    const before = head();
    const as = ['--som', 'redaktor'];
    const again = gjerde('new', '--template', 'ramme', '--answers', answers, '--reason', 'På nytt', ...as);
    expect(again.code).toBe(1);
    expect(again.err).toContain('finnes allerede');
    const unknown = gjerde('new', '--template', 'finnes-ikke', '--answers', answers, '--reason', 'x', ...as);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Fant ingen mal');
    const badAnswers = join(root, 'bad-answers.yaml');
    await writeFile(badAnswers, 'id: ../x\nukjent: 1\n');
    const invalid = gjerde('new', '--template', 'ramme', '--answers', badAnswers, '--reason', 'x', ...as);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('ukjent');
    // An answers file that is not YAML is said in Norwegian, with where (the parser's words are English).
    const notYaml = join(root, 'not-yaml.yaml');
    await writeFile(notYaml, 'id: "vestland-ramme\ntittel: Rammeavtale\n');
    const broken = gjerde('new', '--template', 'ramme', '--answers', notYaml, '--reason', 'x', ...as);
    expect(broken.code).toBe(1);
    expect(broken.err).toBe(
      `Feil: ${notYaml}:3:1: svarene er ikke gyldig YAML: et anførselstegn er ikke lukket.\n`,
    );
    expect(head()).toBe(before);
  });
});
