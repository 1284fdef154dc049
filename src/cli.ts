import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Command, CommanderError, Help } from 'commander';
import { parse as parseYaml, YAMLError } from 'yaml';
import { grantProblem, partyDirectory, withPartyDirectory } from './access/party-grants.js';
import { everyCounty } from './access/policy.js';
import { type Principal, type Role, roleNames, roles } from './access/principal.js';
import { type AccountInput, type AccountSummary, Accounts } from './accounts/accounts.js';
import { parseCaseFile } from './cases/case-file.js';
import { caseStatuses, isOpen } from './cases/types.js';
import { loadConfig } from './config.js';
import { type AgreementSummary, Agreements } from './domain/agreements.js';
import { countySpellingWarnings } from './domain/county-spelling.js';
import { GjerdeError } from './domain/errors.js';
import { glossaryPath, parseGlossaryFile } from './domain/glossary-file.js';
import { importRevisions } from './domain/import.js';
import { legalBasisWarnings, legalTablePath, readLegalTable } from './domain/legal-references.js';
import { overlapSentence } from './domain/overlaps.js';
import { parentOwnerSentence } from './domain/parent-owners.js';
import { isDataFile, readDataFile } from './domain/repository-check.js';
import { approvalWarning, listedApprovalWarnings, unrecordedShown } from './domain/text-approval.js';
import { isApproved } from './domain/validity.js';
import { analyze, checkContext, kindOf } from './drafting/checks/analyze.js';
import { attentionLabels, defaultHorizonDays, needsAttention } from './drafting/reviews.js';
import { isIsoDate, isoDateOf, today, typeDateAs } from './format/dates.js';
import { normalizeText } from './format/input.js';
import { bySource } from './format/messages.js';
import { agreementStatuses } from './format/vocabulary.js';
import { describePeriod, formatDate } from './format/wording.js';
import { yamlErrorText } from './format/yaml-errors.js';
import type { Gjerde } from './gjerde.js';
import {
  formatClauseHistory,
  formatComparison,
  formatTimeline,
  formatVerify,
} from './history/text-report.js';
import { sealApprovedVersions, verifyHistory } from './history/verify.js';
import { log, logToStderr } from './log.js';
import { agreementPath } from './store/layout.js';
import { MANIFEST, type RevisionRecord, readRevisionFile, readRevisionFolder } from './store/seed.js';
import { Store } from './store/store.js';
import { TemplateCatalog } from './templates/catalog.js';

/** Commander's own words, in Norwegian: the help's headings and its error messages. */
const helpTitles: Record<string, string> = {
  'Usage:': 'Bruk:',
  'Options:': 'Valg:',
  'Commands:': 'Kommandoer:',
  'Arguments:': 'Argumenter:',
  'Global Options:': 'Felles valg:',
};
const usageWords: Record<string, string> = { '[options]': '[valg]', '[command]': '[kommando]' };
const commanderErrors: Array<[RegExp, string]> = [
  [/^error: unknown option '(.+)'/, 'feil: ukjent valg «$1»'],
  [/^error: unknown command '(.+)'/, 'feil: ukjent kommando «$1»'],
  [/^error: missing required argument '(.+)'/, 'feil: argumentet «$1» mangler'],
  [/^error: required option '(.+)' not specified/, 'feil: valget «$1» må oppgis'],
  [/^error: option '(.+)' argument missing/, 'feil: valget «$1» mangler verdi'],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\./,
    'feil: for mange argumenter (ventet $2, fikk $3).',
  ],
  [/\(Did you mean (.+)\?\)/, '(Mente du $1?)'],
];

function norwegianError(text: string): string {
  return commanderErrors.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    text,
  );
}

/** An `--at` date as the pages take it, `dd.mm.åååå`, or `YYYY-MM-DD`; what is neither is left to be refused. */
const dateOption = (value: string) => isoDateOf(value);

/**
 * Refuses an `--at` that is not a date, in the command's action (after `--exit-code` has set the exit code
 * for failures): a date that is not one compared as text and listed the wrong agreements as in force.
 */
function checkDate(date: string | undefined): void {
  if (date === undefined) return;
  const shown = date.slice(0, 60);
  if (!isIsoDate(date))
    throw new GjerdeError('invalid-input', `«${shown}» er ikke en gyldig dato. ${typeDateAs}`);
}

/** A template's answers from a YAML file; a file that is not YAML is said in Norwegian, at file:line:column. */
function readAnswers(text: string, file: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 20 });
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    const at = error.linePos?.[0];
    throw new GjerdeError(
      'invalid-input',
      `${file}${at ? `:${at.line}:${at.col}` : ''}: svarene er ikke gyldig YAML: ${yamlErrorText(error)}`,
    );
  }
}

const program = new Command()
  .name('gjerde')
  .description(
    'Gjerde: samarbeidsavtaler som Markdown i git. Datalageret: --data, ellers GJERDE_DATA, ellers GJERDE_DATA i nærmeste .gjerde-fil (denne mappen eller over), ellers ./data/store i prosjektet – som tjenesten.',
  )
  .option('--data <mappe>', 'datalageret (git) kommandoen gjelder')
  .configureHelp({
    styleTitle: (title) => helpTitles[title] ?? title,
    styleOptionText: (text) => usageWords[text] ?? text,
    styleSubcommandText: (text) => usageWords[text] ?? text,
    optionDescription(option) {
      return Help.prototype.optionDescription.call(this, option).replace('(default: ', '(standard: ');
    },
  })
  .helpOption('-h, --help', 'vis hjelp')
  .helpCommand('help [kommando]', 'vis hjelp for en kommando')
  .configureOutput({ outputError: (text, write) => write(norwegianError(text)) })
  .exitOverride()
  // What a command prints is data on stdout; the log (seeding a new data repository, …) goes to stderr.
  // Only `serve` is the service, whose log is its output.
  .hook('preAction', (program, command) => {
    // --data before anything reads the settings: it wins over GJERDE_DATA and a .gjerde file.
    const data = program.opts<{ data?: string }>().data;
    if (data) process.env.GJERDE_DATA = resolve(data);
    if (command.name() !== 'serve') logToStderr();
    log.level = loadConfig().logLevel;
  });

/** `gjerde due --exit-code` tells «something needs attention» (1) from a failure (2), as grep and diff do. */
let failureExitCode = 1;

program
  .command('serve')
  .description('start tjenesten (port fra PORT, standard 3000)')
  .action(async () => {
    await import('./server.js');
  });

program
  .command('validate')
  .description(
    'sjekk avtalefiler; uten filer: alle filene i datalageret (også de som er lagret utenom Gjerde). Meldinger som fil:linje:kolonne, avslutter med feilkode ved feil',
  )
  .argument(
    '[filer...]',
    'avtalefiler (Markdown), saker/<id>.md, felles/begreper.yaml, felles/hjemler.yaml, felles/fylker.yaml eller kontakter/<fylke>.yaml',
  )
  .action(async (files: string[]) => {
    if (files.length === 0) {
      await validateRepository();
      return;
    }
    let errors = 0;
    let warnings = 0;
    const config = loadConfig();
    const templates = await TemplateCatalog.load(config.templatesDir);
    // The data repository's table of repealed provisions when there is one, else the one Gjerde ships.
    const tableFile = join(config.dataDir, legalTablePath);
    const legal = existsSync(tableFile)
      ? readLegalTable(await readFile(tableFile, 'utf8'))
      : readLegalTable(await readFile(config.legalTableFile, 'utf8'), 'default');
    // The data repository's shared glossary explains terms for every agreement, as it does for a save.
    const glossaryFile = join(config.dataDir, glossaryPath);
    const sharedTerms = existsSync(glossaryFile)
      ? parseGlossaryFile(await readFile(glossaryFile, 'utf8')).terms
      : [];
    // With a data repository, an umbrella agreement's sub-agreements in force settle what it leaves to
    // them, as on its page; without one the file is all there is (its gaps say they may be settled there).
    const subAgreements = existsSync(join(config.dataDir, '.git'))
      ? await subAgreementsInForce(config.dataDir)
      : undefined;
    for (const given of files) {
      const tried = candidatePaths(given, config.dataDir);
      const path = tried.find((candidate) => existsSync(candidate)) ?? given;
      const read = await readFile(path, 'utf8').catch(() => undefined);
      const text = read === undefined ? undefined : normalizeText(read);
      if (text === undefined) {
        // On stdout with the other messages, so the count below comes after every line it counts.
        console.log(
          `${given}: feil: filen kan ikke leses (prøvde ${tried.map((p) => resolve(p)).join(' og ')})`,
        );
        errors++;
        continue;
      }
      // A data file by its rules; an agreement: the validator's messages, then the warnings for short and
      // clear agreements and for a repealed legal basis (never an error).
      const dataPath =
        /(?:^|[\\/])(felles[\\/](?:begreper|hjemler|fylker)\.yaml|kontakter[\\/][^\\/]+\.ya?ml)$/
          .exec(path)?.[1]
          ?.replace(/\\/g, '/');
      const casePath = /(?:^|[\\/])(saker[\\/][^\\/]+\.md)$/.exec(path)?.[1]?.replace(/\\/g, '/');
      const analysis =
        (dataPath && isDataFile(dataPath)) || casePath
          ? undefined
          : analyze(
              text,
              {
                ...checkContext(templates, kindOf(text)),
                sharedTerms,
                ...(subAgreements ? { subAgreements } : {}),
              },
              path,
            );
      const messages = analysis
        ? [
            ...analysis.messages,
            ...(analysis.ok ? legalBasisWarnings(legal, analysis.agreement, text) : []),
          ].sort(bySource)
        : casePath
          ? parseCaseFile(text, casePath).messages
          : readDataFile(dataPath as string, text).messages;
      for (const message of messages) {
        const severity = message.severity === 'error' ? 'feil' : 'advarsel';
        console.log(
          `${path}:${message.line ?? 1}:${message.column ?? 1}: ${severity}: ${message.message} [${message.rule}]`,
        );
        if (message.severity === 'error') errors++;
        else warnings++;
      }
    }
    console.log(
      errors === 0
        ? `OK: ${files.length} ${files.length === 1 ? 'fil' : 'filer'} uten feil.`
        : `${errors} feil.`,
    );
    if (warnings > 0)
      console.log(
        `${warnings} råd om lengde, språk, ansvar og hjemler (hindrer ikke lagring eller godkjenning).`,
      );
    if (errors > 0) process.exitCode = 1;
  });

/**
 * `fil:linje:kolonne: advarsel: …` for each agreement (of `only`, when given) whose county its other
 * agreements write otherwise, at its `fylke` line.
 */
function countySpellingLines(summaries: readonly AgreementSummary[], only?: ReadonlySet<string>): string[] {
  const metas = summaries.map(({ latest }) => latest.agreement.meta);
  return summaries
    .filter(({ id }) => !only || only.has(id))
    .flatMap(({ latest }) =>
      countySpellingWarnings(latest.agreement.meta, latest.markdown, metas).map(
        (message) =>
          `${agreementPath(latest)}:${message.line}:${message.column}: advarsel: ${message.message} [${message.rule}]`,
      ),
    );
}

/**
 * Where `gjerde validate` looks for a file: as given, and for a relative path not found there also in the
 * data repository, whose paths (`felles/begreper.yaml`, `kontakter/fjordvik.yaml`) people write from anywhere.
 */
function candidatePaths(path: string, dataDir: string): string[] {
  if (isAbsolute(path) || existsSync(path)) return [path];
  return [path, join(dataDir, path)];
}

/** Every file at HEAD of the data repository, as `/healthz` and `gjerde verify` see them. */
async function validateRepository(): Promise<void> {
  await withGjerde(async (gjerde) => {
    const problems = await gjerde.files.problems();
    for (const problem of problems) {
      for (const message of problem.messages)
        console.log(
          `${problem.path}:${message.line ?? 1}:${message.column ?? 1}: feil: ${message.message} [${message.rule}]`,
        );
    }
    for (const conflict of await gjerde.agreements.parentOwnerConflicts())
      console.log(`avtaler/${conflict.id}.md: advarsel: ${parentOwnerSentence(conflict)} [parent-owner]`);
    // Clauses in force today whose legal basis is repealed: warnings, as in the file check.
    // (The table's own problems are among the files' problems above.)
    const legal = await gjerde.legal.current();
    for (const summary of await gjerde.agreements.summaries()) {
      const version = summary.inForce;
      if (!version) continue;
      for (const message of legalBasisWarnings(legal, version.agreement, version.markdown, today()))
        console.log(
          `${agreementPath(version)}:${message.line}:${message.column}: advarsel: ${message.message} [${message.rule}]`,
        );
    }
    for (const line of countySpellingLines(await gjerde.agreements.summaries())) console.log(line);
    const files = (await gjerde.store.listTree()).length;
    console.log(
      problems.length === 0
        ? `OK: ${files} ${files === 1 ? 'fil' : 'filer'} i datalageret, ingen feil.`
        : `${problems.length === 1 ? 'Én fil' : `${problems.length} filer`} i datalageret har feil eller ligger feil og vises ikke som gjeldende.`,
    );
    if (problems.length > 0) process.exitCode = 1;
  });
}

program
  .command('due')
  .description(
    'vis det som trenger oppmerksomhet: revisjon som nærmer seg eller er passert, utkast, godkjenninger, avtaler endret to steder samtidig (synkronisering), opphevede hjemler og oppfølging som er lovet innen en dato som er passert',
  )
  .option('--days <dager>', 'hvor langt fram (dager)', String(defaultHorizonDays))
  .option('--at <dato>', 'som om i dag var datoen (dd.mm.åååå)', dateOption)
  .option(
    '--exit-code',
    'for skript: avslutt med 1 når noe trenger oppmerksomhet, 0 når ingenting gjør det, og 2 ved feil',
  )
  .action(async (options: { days: string; at?: string; exitCode?: boolean }) => {
    if (options.exitCode) failureExitCode = 2;
    if (!/^\d{1,3}$/.test(options.days))
      throw new GjerdeError('invalid-input', '--days må være et helt antall dager.');
    checkDate(options.at);
    await withGjerde(async (gjerde) => {
      const date = options.at ?? today();
      const items = needsAttention(
        await gjerde.agreements.summaries(date),
        date,
        Number(options.days),
        await gjerde.legal.current(),
        await gjerde.agreements.umbrellaOverlaps(),
        await gjerde.countySplits.current(),
      );
      if (items.length === 0) console.log(`Ingenting trenger oppmerksomhet de neste ${options.days} dagene.`);
      for (const item of items)
        console.log(`${item.id}\t${attentionLabels[item.kind]}\t${item.date}\t${item.text}`);
      if (options.exitCode && items.length > 0) process.exitCode = 1;
    });
  });

program
  .command('list')
  .description('vis avtalene med status og gyldighet (tabulatorseparert når utdata ikke er en terminal)')
  .option('--at <dato>', 'hvilke som var i kraft på en dato (dd.mm.åååå)', dateOption)
  .action(async (options: { at?: string }) => {
    checkDate(options.at);
    await withGjerde(async (gjerde) => {
      const date = options.at ?? today();
      const summaries = await gjerde.agreements.summaries(date);
      const warnings = await listedApprovalWarnings(gjerde.agreements, summaries);
      const rows = summaries.map((summary) => {
        const shown = summary.inForce ?? summary.latest;
        const { meta } = shown.agreement;
        const latest = summary.latest.agreement.meta;
        const state = summary.inForce
          ? 'i kraft'
          : isApproved(latest) && latest.validFrom > date
            ? `kommer (trer i kraft ${formatDate(latest.validFrom)})`
            : `ikke i kraft (${agreementStatuses[meta.status].toLowerCase()})`;
        // Last, so scripts cutting the first columns are unchanged; a county's own agreements are blank here.
        const example = meta.example ? 'eksempel' : '';
        // As the front page's tag «Ingen registrert godkjenning»; blank when the approval is recorded.
        const approval = warnings.get(summary.id) ? 'ikke registrert' : '';
        return [
          summary.id,
          meta.title,
          state,
          describePeriod(meta.validFrom, meta.validTo),
          example,
          approval,
        ];
      });
      const header = ['ID', 'TITTEL', 'STATUS', 'GYLDIG', 'EKSEMPEL', 'GODKJENNING'];
      // A person reads columns; a script reads tabs. Both get the header.
      console.log(
        process.stdout.isTTY
          ? formatTable(header, rows)
          : [header, ...rows].map((row) => row.join('\t')).join('\n'),
      );
    });
  });

program
  .command('show')
  .description('skriv ut en avtale (gjeldende, ved en revisjon eller på en dato)')
  .argument('<id>', 'avtalens id')
  .option('--at <dato>', 'versjonen som var i kraft på datoen (dd.mm.åååå)', dateOption)
  .option('--rev <revisjon>', 'versjonen ved en revisjon (commit-id)')
  .action(async (id: string, options: { at?: string; rev?: string }) => {
    await withGjerde(async (gjerde) => {
      const version = await gjerde.agreements.get(id, options);
      process.stdout.write(version.markdown);
      // On stderr, so that the Markdown on stdout stays the file's.
      const warning = approvalWarning(await unrecordedShown(version, () => gjerde.agreements.versions(id)));
      if (warning) console.error(`Advarsel: ${warning.message} ${warning.detail}`);
    });
  });

program
  .command('new')
  .description('lag et nytt utkast fra en mal og lagre det som én revisjon, av en redaktør')
  .requiredOption('--template <mal>', 'malens id (se templates/)')
  .requiredOption('--answers <fil>', 'svarene som YAML eller JSON')
  .requiredOption('--reason <tekst>', 'begrunnelse (blir commit-meldingen)')
  .requiredOption(
    '--som <brukernavn>',
    'brukeren som lager utkastet (redaktør for fylket); blir commit-forfatteren',
  )
  .action(async (options: { template: string; answers: string; reason: string; som: string }) => {
    const answers = readAnswers(await readFile(options.answers, 'utf8'), options.answers);
    await withGjerde(async (gjerde) => {
      // The same rules as on the pages: an editor in scope, and always a draft that the parties approve.
      const actor = await principalNamed(gjerde, options.som);
      if (!actor) throw new GjerdeError('not-found', `Finner ingen bruker «${options.som.slice(0, 40)}».`);
      const version = await gjerde.drafting.createDraft(options.template, answers, {
        actor,
        reason: options.reason,
      });
      console.log(`Lagret ${version.id} som utkast, revisjon ${version.revision.rev.slice(0, 8)}.`);
      // As on the pages: a second umbrella agreement for the county is said at once, not at approval.
      for (const warning of await gjerde.drafting.overlaps(version))
        console.error(`Advarsel: ${warning.message}`);
    });
  });

program
  .command('cases')
  .description(
    'saker til samarbeidsutvalget: de åpne, eldst først (en arbeidsliste, ikke statistikk), eller med --status',
  )
  .option(
    '--status <status>',
    `hvilke saker: apne (standard), ${Object.keys(caseStatuses).join(', ')} eller alle`,
  )
  .option('--som <brukernavn>', 'bare de åpne sakene brukeren avgjør (medlem av samarbeidsutvalget)')
  .action(async (options: { status?: string; som?: string }) => {
    const status = options.status ?? 'apne';
    if (status !== 'apne' && status !== 'alle' && !Object.hasOwn(caseStatuses, status))
      throw new GjerdeError(
        'invalid-input',
        `--status kan være apne, ${Object.keys(caseStatuses).join(', ')} eller alle.`,
      );
    await withGjerde(async (gjerde) => {
      const member = options.som === undefined ? undefined : await principalNamed(gjerde, options.som);
      if (options.som !== undefined && !member)
        throw new GjerdeError('not-found', `Finner ingen bruker «${options.som.slice(0, 40)}».`);
      const entries =
        member || status === 'apne'
          ? await gjerde.cases.queue(member)
          : (await gjerde.cases.all()).entries.filter(
              (entry) => status === 'alle' || entry.case.status === status,
            );
      if (entries.length === 0) console.log('Ingen saker.');
      const date = today();
      for (const { case: unclear, raisedBy } of entries) {
        const days = Math.round((Date.parse(date) - Date.parse(unclear.raised)) / 86_400_000);
        console.log(
          [
            unclear.id,
            caseStatuses[unclear.status],
            `meldt ${unclear.raised}${isOpen(unclear.status) ? ` (${days} d)` : ''}`,
            unclear.clauseId ? `${unclear.agreementId}#${unclear.clauseId}` : unclear.agreementId,
            `${unclear.raisedBy}${raisedBy ? ` (${raisedBy.name})` : ''}`,
            unclear.title,
          ].join('\t'),
        );
        if (unclear.decision)
          console.log(
            `\t${unclear.decision.by} ${unclear.decision.date}: ${unclear.decision.text.split('\n')[0]}`,
          );
      }
    });
  });

program
  .command('counties')
  .description('slik gjør fylkene det: hvordan hvert fylkes avtale i kraft håndterer én situasjon')
  .argument('[spørsmål]', 'situasjonen med egne ord, som i oppslaget')
  .option('--situation <fasett>', 'en situasjon (fasett), f.eks. sluttet')
  .option('--clause <avtale#punkt>', 'sammenlign med et ansvarspunkt, f.eks. fjordvik-ramme#uten-laereplass')
  .option('--at <dato>', 'slik avtalene gjaldt på datoen (dd.mm.åååå)', dateOption)
  .action(async (q: string | undefined, options: { situation?: string; clause?: string; at?: string }) => {
    const [agreement, clause] = options.clause ? options.clause.split('#') : [];
    await withGjerde(async (gjerde) => {
      const overview = await gjerde.lookup.acrossCounties({
        q,
        situation: options.situation,
        agreement,
        clause,
        at: options.at,
      });
      console.log(`${overview.topic.label} (${formatDate(overview.date)})`);
      for (const row of overview.rows) {
        const answer = row.answer;
        console.log(
          [
            row.county,
            answer?.owner?.name ?? row.key,
            answer ? `${answer.agreementId}#${answer.clauseId}` : '',
            answer ? `fra ${answer.since}` : '',
            row.differs ? 'ulikt de fleste' : '',
            // As /fylkene's tag, for the county's answer and for a local agreement's that differs from it.
            [answer, ...row.local].some((clause) => clause?.approvalWarning)
              ? 'ingen registrert godkjenning'
              : '',
          ].join('\t'),
        );
      }
    });
  });

program
  .command('history')
  .description('vis alle revisjoner av en avtale: dato, forfatter, begrunnelse og når de var i kraft')
  .argument('<id>', 'avtalens id')
  .option('--clause <punkt-id>', 'bare revisjonene der ett ansvarspunkt ble endret')
  .action(async (id: string, options: { clause?: string }) => {
    await withGjerde(async (gjerde) => {
      console.log(
        options.clause
          ? formatClauseHistory(await gjerde.history.clauseHistory(id, options.clause))
          : formatTimeline(await gjerde.history.timeline(id)),
      );
    });
  });

program
  .command('compare')
  .description('sammenlign to versjoner: endringer i ansvar først, så punkter og opplysninger')
  .argument('<id>', 'avtalens id')
  .option('--from <revisjon|dato>', 'eldre versjon (standard: forrige godkjente)')
  .option('--to <revisjon|dato>', 'nyere versjon (standard: gjeldende)')
  .action(async (id: string, options: { from?: string; to?: string }) => {
    await withGjerde(async (gjerde) => {
      const comparison = await gjerde.history.compare(id, {
        ...options,
        names: { from: '--from', to: '--to' },
      });
      console.log(formatComparison(comparison));
    });
  });

program
  .command('verify')
  .description('kontroller at historikken er intakt (git fsck, grenen, godkjente versjoner)')
  .option('--seal', 'forsegl godkjente versjoner som ikke er forseglet ennå (git-tagger under godkjent/)')
  .option('--json', 'skriv rapporten som JSON')
  .action(async (options: { seal?: boolean; json?: boolean }) => {
    await withGjerde(async (gjerde) => {
      if (options.seal) {
        const created = await sealApprovedVersions(gjerde.store);
        if (!options.json) console.log(`Forseglet ${created.length} godkjente versjoner.\n`);
      }
      const report = await verifyHistory(gjerde.store, {
        files: gjerde.files,
        overlaps: await gjerde.agreements.umbrellaOverlaps(),
        parentOwners: await gjerde.agreements.parentOwnerConflicts(),
      });
      console.log(options.json ? JSON.stringify(report, null, 2) : formatVerify(report));
      if (!report.intact) process.exitCode = 1;
    });
  });

program
  .command('import')
  .description(
    'hent inn eksisterende avtaler med historikk: mapper med revisions.yaml (som agreements/<id>/), eller én fil med --dato, --forfatter, --epost og --begrunnelse. Alt sjekkes før noe lagres; én commit per revisjon med sin egen dato, forfatter og begrunnelse',
  )
  .argument('<stier...>', 'mapper med revisions.yaml, eller avtalefiler')
  .option(
    '--dato <dato>',
    'for en fil: når den ble vedtatt eller lagret, ISO 8601 med tidssone (2019-01-10T09:00:00+01:00)',
  )
  .option('--forfatter <navn>', 'for en fil: hvem som skrev den')
  .option('--epost <epost>', 'for en fil: forfatterens e-postadresse')
  .option('--begrunnelse <tekst>', 'for en fil: hvorfor (blir commit-meldingen)')
  .action(
    async (
      paths: string[],
      options: { dato?: string; forfatter?: string; epost?: string; begrunnelse?: string },
    ) => {
      const records: RevisionRecord[] = [];
      for (const path of paths) {
        if (!existsSync(path)) throw new GjerdeError('not-found', `Finner ikke ${path}.`);
        if ((await stat(path)).isDirectory()) {
          records.push(...(await readRevisionFolder(path)));
        } else {
          const missing = (['dato', 'forfatter', 'epost', 'begrunnelse'] as const).filter(
            (name) => !options[name]?.trim(),
          );
          if (missing.length > 0) {
            throw new GjerdeError(
              'invalid-input',
              `${path} er én fil: oppgi ${missing.map((name) => `--${name}`).join(', ')} (eller hent inn en mappe med ${MANIFEST}).`,
            );
          }
          records.push(
            await readRevisionFile(path, {
              date: options.dato,
              author: options.forfatter,
              email: options.epost,
              reason: options.begrunnelse,
            }),
          );
        }
      }
      // The store alone: an empty data repository gets the county's history, never the examples first.
      const { dataDir } = loadConfig();
      const imported = await importRevisions(dataDir, records);
      const store = await Store.open(dataDir);
      try {
        await sealApprovedVersions(store);
        // An imported umbrella agreement may answer beside one the county already has: say so now.
        const ids = new Set(imported.map((agreement) => agreement.id));
        for (const overlap of await new Agreements(store).umbrellaOverlaps()) {
          if (!overlap.agreements.some((side) => ids.has(side.id))) continue;
          console.error(
            `Advarsel: ${overlapSentence(overlap)} Begge svarer på oppslag. Avslutt den ene (sett «gyldig-til» og la partene godkjenne det), eller merk den nye med «erstatter».`,
          );
        }
        // A county written otherwise than the store's other agreements write it: said now, not found later.
        for (const line of countySpellingLines(await new Agreements(store).summaries(), ids))
          console.error(line);
        for (const agreement of imported) {
          const first = agreement.revisions[0]?.date.slice(0, 10);
          const last = agreement.revisions.at(-1)?.date.slice(0, 10);
          console.log(
            `${agreement.id}\t${agreement.revisions.length} revisjon(er), ${first}–${last}\t${agreement.path}`,
          );
        }
      } finally {
        await store.close();
      }
    },
  );

// ------------------------------------------------------------------ users

const users = program
  .command('users')
  .description('lokale brukere: legg til, vis, fjern, nytt engangspassord (fila GJERDE_ACCOUNTS)')
  .helpCommand('help [kommando]', 'vis hjelp for en kommando');

/** Repeatable options (`--rolle redaktor --rolle godkjenner`); a value may also list several, comma-separated. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((item) => item.trim())];
}

interface AccountOptions {
  navn?: string;
  epost?: string;
  rolle?: string[];
  part?: string[];
  fylke?: string[];
}

const scopeHelp = {
  rolle: `rolle: ${roles.join(', ')} (gjentas; uten rolle er brukeren leser)`,
  part: 'part-id brukeren arbeider for, f.eks. nav-fjordvik (gjentas)',
  fylke: `fylke brukeren kan endre avtaler i, f.eks. Fjordvik, eller ${everyCounty} for alle (gjentas)`,
};

users
  .command('add')
  .description('legg til en bruker; skriver ut et engangspassord som må byttes ved første innlogging')
  .argument('<brukernavn>', 'små bokstaver, tall, punktum, bindestrek eller understrek')
  .requiredOption('--navn <navn>', 'fullt navn, f.eks. "Kari Nordmann"')
  .requiredOption('--epost <epost>', 'e-postadresse (står som forfatter i historikken)')
  .option('--rolle <rolle>', scopeHelp.rolle, collect)
  .option('--part <part>', scopeHelp.part, collect)
  .option('--fylke <fylke>', scopeHelp.fylke, collect)
  .action(async (username: string, options: AccountOptions) => {
    await checkGrants(options.part);
    const password = await withOptionNames(() => accounts().add(accountInput(username, options)));
    printOneTimePassword(`Brukeren «${username}» er lagt til.`, password);
  });

users
  .command('update')
  .description('endre navn, e-post, roller eller tilgang; det som ikke oppgis, beholdes (brukeren logges ut)')
  .argument('<brukernavn>', 'brukernavnet')
  .option('--navn <navn>', 'fullt navn')
  .option('--epost <epost>', 'e-postadresse')
  .option('--rolle <rolle>', `${scopeHelp.rolle}; --rolle "" fjerner alle`, collect)
  .option('--part <part>', `${scopeHelp.part}; --part "" fjerner alle`, collect)
  .option('--fylke <fylke>', `${scopeHelp.fylke}; --fylke "" fjerner alle`, collect)
  .action(async (username: string, options: AccountOptions) => {
    const current = await accounts().existing(username);
    await checkGrants(options.part);
    await withOptionNames(() =>
      accounts().update(
        username,
        accountInput(username, {
          navn: options.navn ?? current.name,
          epost: options.epost ?? current.email,
          rolle: options.rolle ?? current.roles,
          part: options.part ?? current.parties,
          fylke: options.fylke ?? current.counties,
        }),
      ),
    );
    console.log(`Brukeren «${username}» er endret. Brukeren er logget ut og må logge inn på nytt.`);
  });

users
  .command('list')
  .description('vis brukerne med roller og tilgang')
  .action(async () => {
    const list = await accounts().list();
    if (list.length === 0) {
      console.log('Ingen brukere ennå. Legg til en med: gjerde users add <brukernavn> --navn … --epost …');
      return;
    }
    console.log(
      formatTable(
        ['BRUKERNAVN', 'NAVN', 'E-POST', 'ROLLER', 'PARTER', 'FYLKER', 'PASSORD'],
        list.map(accountRow),
      ),
    );
  });

users
  .command('remove')
  .description('fjern en bruker (logges ut med en gang; historikken beholder navnet)')
  .argument('<brukernavn>', 'brukernavnet')
  .action(async (username: string) => {
    await accounts().remove(username);
    console.log(`Brukeren «${username}» er fjernet.`);
  });

users
  .command('reset')
  .description('lag et nytt engangspassord (det gamle slutter å virke, og brukeren logges ut)')
  .argument('<brukernavn>', 'brukernavnet')
  .action(async (username: string) => {
    const password = await accounts().resetPassword(username);
    printOneTimePassword(`Nytt engangspassord for «${username}».`, password);
  });

/**
 * Party grants read against the agreements, as «Brukere» reads them, when the data repository exists (read
 * only; none is made): an unknown county or party, or an id that names a different party in each county
 * (`ot`), would give nothing.
 */
async function checkGrants(grants: readonly string[] | undefined): Promise<void> {
  const { dataDir } = loadConfig();
  if (!grants?.some(Boolean) || !existsSync(join(dataDir, '.git'))) return;
  const store = await Store.openForReading(dataDir);
  try {
    const summaries = await new Agreements(store).summaries();
    const directory = partyDirectory(summaries.map((summary) => summary.latest.agreement.meta));
    const problems = grants.flatMap((grant) => {
      const message = grant ? grantProblem(directory, grant) : undefined;
      return message ? [{ variable: '--part', message }] : [];
    });
    if (problems.length > 0)
      throw new GjerdeError('invalid-input', 'Tilgangen gir ikke rett til én part.', { problems });
  } finally {
    await store.close();
  }
}

/** The sub-agreements in force in the data repository, read only (none is made, nothing is seeded). */
async function subAgreementsInForce(dataDir: string) {
  const store = await Store.openForReading(dataDir);
  try {
    return await new Agreements(store).subAgreementsInForce();
  } finally {
    await store.close();
  }
}

/** The account file only: managing users needs neither the data repository nor the service. */
function accounts(): Accounts {
  return new Accounts(loadConfig().accountsFile);
}

function accountInput(username: string, options: AccountOptions): AccountInput {
  const list = (values: string[] = []) => values.filter(Boolean);
  return {
    username,
    name: options.navn ?? '',
    email: options.epost ?? '',
    // Accounts refuses anything that is not a role, naming the option.
    roles: list(options.rolle) as Role[],
    parties: list(options.part),
    counties: list(options.fylke),
  };
}

/** Field problems under the option's name, as the person typed it. */
async function withOptionNames<T>(work: () => Promise<T>): Promise<T> {
  const options: Record<string, string> = {
    username: 'brukernavn',
    name: '--navn',
    email: '--epost',
    roles: '--rolle',
    parties: '--part',
    counties: '--fylke',
  };
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof GjerdeError) || !error.details.problems) throw error;
    throw new GjerdeError(error.code, error.message, {
      problems: error.details.problems.map((problem) => ({
        variable: options[problem.variable] ?? problem.variable,
        message: problem.message,
      })),
    });
  }
}

function printOneTimePassword(heading: string, password: string): void {
  console.log(heading);
  console.log(`Engangspassord: ${password}`);
  console.log(
    'Passordet vises bare nå. Gi det videre på en trygg måte (helst muntlig eller på SMS, ikke i samme e-post som brukernavnet). Det må byttes ved første innlogging.',
  );
}

function accountRow(account: AccountSummary): string[] {
  return [
    account.username,
    account.name,
    account.email,
    roleNames(account.roles).join(', '),
    account.parties.join(', '),
    account.counties.join(', '),
    account.mustChangePassword ? 'må bytte passord' : '',
  ];
}

/** Columns padded to their widest cell, two spaces apart. */
function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

// Imported here, not at the top: the service's modules (the lookup and its Norwegian dictionaries, ~0.5 s)
// are for the commands that open the data, not for `--help`, `validate <file>` or `users`.
async function withGjerde(work: (gjerde: Gjerde) => Promise<void>) {
  const { openGjerde } = await import('./gjerde.js');
  const gjerde = await openGjerde(loadConfig());
  try {
    await work(gjerde);
  } finally {
    gjerde.close();
  }
}

// `gjerde list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof GjerdeError) {
    console.error(`Feil: ${error.message}`);
    for (const problem of error.details.problems ?? [])
      console.error(`  ${problem.variable}: ${problem.message}`);
    for (const message of error.details.messages ?? [])
      console.error(`  ${message.line}:${message.column}: ${message.message}`);
    process.exitCode = failureExitCode;
  } else {
    console.error(`Feil: ${(error as Error).message}`);
    process.exitCode = failureExitCode;
  }
}

/** The account `username` as a person acting through the CLI, with the same party grants as on the pages. */
async function principalNamed(gjerde: Gjerde, username: string): Promise<Principal | undefined> {
  const principal = await gjerde.accounts.principal(username);
  return principal && withPartyDirectory(principal, await gjerde.partyDirectory.read());
}
