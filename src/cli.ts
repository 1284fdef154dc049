import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Command, CommanderError } from 'commander';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from './config.js';
import { draftFromTemplate } from './domain/drafting.js';
import { GjerdeError } from './domain/errors.js';
import { plainMessages } from './format/messages.js';
import { parseAgreement } from './format/processor.js';
import { openGjerde } from './gjerde.js';
import { describePeriod } from './web/labels.js';

const program = new Command()
  .name('gjerde')
  .description('Gjerde: samarbeidsavtaler som Markdown i git. Data: GJERDE_DATA (standard ./data/store).')
  .helpOption('-h, --help', 'vis hjelp')
  .helpCommand('help [kommando]', 'vis hjelp for en kommando')
  .configureOutput({ outputError: (text, write) => write(text) })
  .exitOverride();

program
  .command('serve')
  .description('start tjenesten (port fra PORT, standard 3000)')
  .action(async () => {
    await import('./server.js');
  });

program
  .command('validate')
  .description('sjekk avtalefiler; meldinger som fil:linje:kolonne, avslutter med feilkode ved feil')
  .argument('<filer...>', 'Markdown-filer')
  .action(async (files: string[]) => {
    let errors = 0;
    for (const path of files) {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) {
        console.error(`${path}: filen kan ikke leses`);
        errors++;
        continue;
      }
      const parsed = parseAgreement(text, path);
      for (const message of plainMessages(parsed.file)) {
        const severity = message.severity === 'error' ? 'feil' : 'advarsel';
        console.log(
          `${path}:${message.line ?? 1}:${message.column ?? 1}: ${severity}: ${message.message} [${message.rule}]`,
        );
        if (message.severity === 'error') errors++;
      }
    }
    console.log(errors === 0 ? `OK: ${files.length} fil(er) uten feil.` : `${errors} feil.`);
    if (errors > 0) process.exitCode = 1;
  });

program
  .command('list')
  .description('vis avtalene med status og gyldighet')
  .option('--at <dato>', 'hvilke som var i kraft på en dato (ÅÅÅÅ-MM-DD)')
  .action(async (options: { at?: string }) => {
    await withGjerde(async (gjerde) => {
      for (const summary of await gjerde.agreements.summaries(options.at)) {
        const shown = summary.inForce ?? summary.latest;
        const { meta } = shown.agreement;
        const state = summary.inForce ? 'i kraft' : `ikke i kraft (${meta.status})`;
        console.log(
          `${summary.id}\t${meta.title}\t${state}\t${describePeriod(meta.validFrom, meta.validTo)}`,
        );
      }
    });
  });

program
  .command('show')
  .description('skriv ut en avtale (gjeldende, ved en revisjon eller på en dato)')
  .argument('<id>', 'avtalens id')
  .option('--at <dato>', 'versjonen som var i kraft på datoen (ÅÅÅÅ-MM-DD)')
  .option('--rev <revisjon>', 'versjonen ved en revisjon (commit-id)')
  .action(async (id: string, options: { at?: string; rev?: string }) => {
    await withGjerde(async (gjerde) => {
      const version = await gjerde.agreements.get(id, options);
      process.stdout.write(version.markdown);
    });
  });

program
  .command('new')
  .description('lag en ny avtale fra en mal og lagre den som én revisjon')
  .requiredOption('--template <mal>', 'malens id (se templates/)')
  .requiredOption('--answers <fil>', 'svarene som YAML eller JSON')
  .requiredOption('--reason <tekst>', 'begrunnelse (blir commit-meldingen)')
  .option('--author <navn <epost>>', 'forfatter, f.eks. "Kari Nordmann <kari@eksempel.no>"')
  .action(async (options: { template: string; answers: string; reason: string; author?: string }) => {
    const answers = parseYaml(await readFile(options.answers, 'utf8'), { maxAliasCount: 20 });
    await withGjerde(async (gjerde) => {
      const { markdown } = draftFromTemplate(gjerde.templates, options.template, answers);
      const version = await gjerde.agreements.create(markdown, {
        author: parseAuthor(options.author),
        reason: options.reason,
      });
      console.log(`Lagret ${version.id} som revisjon ${version.revision.rev.slice(0, 8)}.`);
    });
  });

function parseAuthor(text: string | undefined) {
  if (text === undefined) {
    const name = userInfo().username;
    return { name, email: `${name}@localhost` };
  }
  const match = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (!match?.[1] || !match[2])
    throw new GjerdeError('invalid-input', 'Skriv forfatteren som «Navn <epost>».');
  return { name: match[1], email: match[2] };
}

async function withGjerde(work: (gjerde: Awaited<ReturnType<typeof openGjerde>>) => Promise<void>) {
  const gjerde = await openGjerde(loadConfig());
  try {
    await work(gjerde);
  } finally {
    gjerde.close();
  }
}

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
    process.exitCode = 1;
  } else {
    console.error(`Feil: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
