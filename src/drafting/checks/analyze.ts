import { VFile } from 'vfile';
import { maskedNationalIdMessages, nationalIdMessages } from '../../domain/personal-data.js';
import { nationalIdsAsShown } from '../../domain/personal-data-shown.js';
import { splitFrontMatter } from '../../format/front-matter.js';
import { bySource, hasErrors, type PlainMessage, plainMessages } from '../../format/messages.js';
import { createProcessor, type ParsedAgreement, refuseBeyondLimits } from '../../format/processor.js';
import type { Agreement, GlossaryEntry } from '../../format/types.js';
import type { TemplateCatalog } from '../../templates/catalog.js';
import {
  type CoverageRow,
  type CoverageSituation,
  checkCoverage,
  coverageOf,
  reportCoverage,
  type SubAgreementClauses,
} from '../coverage.js';
import remarkClarity, { type ClarityStats, defaultWordBudget } from './clarity.js';

/** The format's parser and validator, then the checks for short and clear agreements, in one pass. */
const processor = createProcessor()().use(remarkClarity).freeze();

/** What an agreement is checked against: its template's word budget and expected situations. */
export interface CheckContext {
  wordBudget: number;
  coverage: CoverageSituation[];
  /** The shared glossary's terms (src/glossary): what it explains, the agreement need not. */
  sharedTerms?: readonly GlossaryEntry[];
  /**
   * The sub-agreements in force, read from the repository: what those under an umbrella agreement settle
   * is covered. Absent when the file is checked on its own (an umbrella's gaps then say they may be covered).
   */
  subAgreements?: readonly SubAgreementClauses[];
}

export interface Analysis {
  agreement: Agreement;
  /** Validator errors and warnings, then the clarity and coverage warnings, in source order. */
  messages: PlainMessage[];
  /** Whether the validator found errors (these block saving and approval). */
  ok: boolean;
  stats: ClarityStats;
  coverage: CoverageRow[];
}

const kindLine = /^type:\s*["']?([a-z]+)/m;

/** The agreement's `type` (ramme, del, lokal), read before parsing to pick its template's budget. */
export function kindOf(markdown: string): string | undefined {
  const yaml = splitFrontMatter(markdown)?.yaml;
  return yaml === undefined ? undefined : kindLine.exec(yaml)?.[1];
}

/** The template an agreement of a kind is drafted from (the template id is the kind: `ramme`, `lokal`). */
export function checkContext(templates: TemplateCatalog | undefined, kind: string | undefined): CheckContext {
  const template = kind ? templates?.get(kind) : undefined;
  return { wordBudget: template?.schema.wordBudget ?? defaultWordBudget, coverage: coverageOf(template) };
}

/** Every check of a text, as the editor, `POST /api/check` and `gjerde validate` give them. */
export function analyze(markdown: string, context: CheckContext, path?: string): Analysis {
  const { analysis, shown } = analyzeText(markdown, context, path);
  // Saving refuses a fødselsnummer as typed before anything else, then one as written and read (decoded,
  // joined across marks: personal-data-shown.ts); a check says where it stands, beside the rest.
  const typed = [...nationalIdMessages(markdown), ...maskedNationalIdMessages(markdown)];
  const nationalIds = typed.length > 0 ? typed : shown;
  if (nationalIds.length === 0) return analysis;
  return { ...analysis, ok: false, messages: [...nationalIds, ...analysis.messages].sort(bySource) };
}

/** The analysis, and where a reader of the parsed text would see a fødselsnummer. */
function analyzeText(
  markdown: string,
  context: CheckContext,
  path?: string,
): { analysis: Analysis; shown: PlainMessage[] } {
  const refused = refuseBeyondLimits(markdown, path);
  if (refused) return { analysis: refusedAnalysis(refused, context), shown: [] };
  const file = new VFile({ value: markdown, path });
  file.data.wordBudget = context.wordBudget;
  file.data.sharedTerms = context.sharedTerms ?? [];
  const tree = processor.parse(file);
  processor.runSync(tree, file);
  const agreement = file.data.agreement as Agreement;
  const ok = !hasErrors(file);
  const coverage = checkCoverage(agreement, context.coverage, context.subAgreements);
  if (ok) reportCoverage(file, agreement, coverage, context.subAgreements !== undefined);
  const stats = file.data.clarity ?? { words: 0, readingMinutes: 0, wordBudget: context.wordBudget };
  return {
    analysis: { agreement, messages: plainMessages(file), ok, stats, coverage },
    shown: nationalIdsAsShown(markdown, tree, agreement.meta),
  };
}

/** The analysis of a text refused without parsing it (beyond the limits, or out of time). */
export function refusedAnalysis(refused: ParsedAgreement, context: CheckContext): Analysis {
  const { agreement, file } = refused;
  return {
    agreement,
    messages: plainMessages(file),
    ok: false,
    stats: { words: 0, readingMinutes: 0, wordBudget: context.wordBudget },
    coverage: checkCoverage(agreement, context.coverage, context.subAgreements),
  };
}
