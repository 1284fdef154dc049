/**
 * `npm run bench [-- --scale 10] [--only corpus,lookup-build] [--keep] [--corpus <folder>]`: generates the
 * synthetic national corpus in a temporary folder (or, with `--corpus`, in that folder the first time and
 * reuses it after), runs the named sections in order, and prints their figures against the targets.
 * Sections are listed below; a later issue adds its own module to the list. `--help` says how.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareSection } from './compare.js';
import { corpusPath, generateCorpus, keptCorpus } from './corpus.js';
import { growthSection } from './growth.js';
import { type BenchContext, printReport, type Row, type Section } from './harness.js';
import { lookupSections } from './lookup.js';
import { parseLimitsSection } from './parse-limits.js';
import { savesSection } from './saves.js';
import { serviceSection } from './service.js';
import { signInSection } from './sign-in.js';

const corpus: Section = {
  name: 'corpus',
  description: 'Syntetisk nasjonalt korpus i en midlertidig mappe',
  async run(context) {
    const started = performance.now();
    const options = { scale: context.scale, onProgress: context.log };
    // A kept corpus is copied into the run's own folder, where a generated one is made.
    const dir = corpusPath(context.root, context.scale);
    const kept = values.corpus ? await keptCorpus(resolve(values.corpus), dir, options) : undefined;
    context.corpus = kept ?? (await generateCorpus(dir, options));
    const seconds = (performance.now() - started) / 1000;
    const { agreements, versions, approvedVersions, bytes } = context.corpus;
    context.report({
      section: 'korpus',
      measure: kept
        ? `${kept.reused ? 'gjenbrukt' : 'generert'} i ${values.corpus}, kopiert til ${kept.dir}`
        : 'generert',
      value: `${agreements.length} avtaler, ${versions} versjoner (${approvedVersions} godkjente), ${(bytes / 1e6).toFixed(0)} MB tekst${kept?.reused ? '' : `, ${seconds.toFixed(0)} s`}`,
    });
  },
};

/** Every section, in the order they run. Add new benchmark modules here. */
const sections: Section[] = [
  corpus,
  ...lookupSections,
  serviceSection,
  compareSection,
  savesSection,
  growthSection,
  signInSection,
  parseLimitsSection,
];

const usage = `Bruk: npm run bench -- [valg]

Lager et syntetisk nasjonalt korpus i en midlertidig mappe, kjører delene av benchmarken i rekkefølge og
skriver tallene mot målene i én rapport (docs/performance.md sier hvordan hvert tall måles).

Valg:
  --scale <n>        korpusets størrelse: 1 (standard) er 345 avtaler, 10 er 3 450 (1–100)
  --only <a,b,…>     bare disse delene (korpuset, og delene de leser fra, kjøres alltid)
  --corpus <mappe>   lag korpuset i denne mappen første gang og bruk det igjen i senere kjøringer med
                     samme skala (skala 10 tar ~25 min å lage på en rolig maskin, timer under last);
                     hver kjøring arbeider på sin egen kopi, så flere kan bruke samme mappe samtidig
  --keep             behold den midlertidige mappen etterpå, og skriv hvor den og korpuset er
  --list             list delene
  --help             denne teksten

Delene:
${sections.map((section) => `  ${section.name.padEnd(18)} ${section.description}`).join('\n')}
`;

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        scale: { type: 'string', default: '1' },
        only: { type: 'string' },
        keep: { type: 'boolean', default: false },
        corpus: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
})();

if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.list) {
  for (const section of sections) console.log(`${section.name.padEnd(18)} ${section.description}`);
  process.exit(0);
}

const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1 || scale > 100)
  throw new Error(`--scale must be a whole number 1–100, got ${values.scale}`);
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !sections.some((section) => section.name === name));
if (unknown?.length)
  throw new Error(
    `Unknown section(s): ${unknown.join(', ')}. Known: ${sections.map((s) => s.name).join(', ')}`,
  );
// `--only lookup-http` runs the build whose server it asks, as `corpus` always runs.
const named = only && [
  ...only,
  ...sections.filter((section) => only.includes(section.name)).flatMap((section) => section.needs ?? []),
];
const chosen = sections.filter(
  (section) => section.name === 'corpus' || !named || named.includes(section.name),
);

const rows: Row[] = [];
const runStarted = performance.now();
const context: BenchContext = {
  scale,
  root: await mkdtemp(join(tmpdir(), 'gjerde-bench-')),
  shared: new Map(),
  report: (row) => rows.push(row),
  log: (message) => console.error(`[bench] ${message}`),
};
context.log(`Node ${process.version}, skala ${scale}, mappe ${context.root}`);
try {
  for (const section of chosen) {
    context.log(`== ${section.name}: ${section.description}`);
    await section.run(context);
  }
} finally {
  for (const section of [...chosen].reverse()) await section.cleanup?.(context);
  rows.push({
    section: 'kjøringen',
    measure: 'tid i alt',
    value: `${((performance.now() - runStarted) / 60_000).toFixed(1)} min`,
  });
  printReport(rows, scale);
  if (values.keep) {
    context.log(`Beholdt ${context.root}`);
    if (context.corpus) context.log(`Korpuset: ${context.corpus.dir}`);
  } else await rm(context.root, { recursive: true, force: true });
}
