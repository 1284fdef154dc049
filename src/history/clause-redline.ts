import { readableText } from '../format/readable.js';
import type { AgreementMeta, Clause } from '../format/types.js';
import { clauseFacts, clauseVerdict } from '../format/wording.js';
import type { ClauseInContext } from './clause-changes.js';
import { type Part, WordDiffs } from './redline.js';

/**
 * A clause as it reads, with what changed marked like a track-changes view: title, who owns it, the facts
 * under the title and the text, never the Markdown and attributes it is written in. Title, owner and facts are
 * whole values (a new owner is a new name, not a few new letters); the text is compared word by word.
 */
export interface ClauseRedline {
  /** The newer state is a grey zone (the older one for a removed clause). */
  grey: boolean;
  title: Part[];
  /** «Ansvarlig: NAV Fjordvik» or «Uavklart – ta saken til: …». */
  verdict: Part[];
  facts: Array<{ label: string; parts: Part[] }>;
  /** Paragraphs apart by a blank line, list items on lines of their own. */
  body: Part[];
  /** False when the text was too different to compare word by word: old text, then new. */
  wordLevel: boolean;
}

interface Reading {
  grey: boolean;
  title: string;
  verdict: string;
  facts: Map<string, string>;
  body: string;
}

function read(clause: Clause, agreement: { meta: AgreementMeta }): Reading {
  const verdict = clauseVerdict(clause, agreement);
  return {
    grey: verdict.grey,
    title: clause.title,
    verdict: verdict.grey ? `Uavklart – ta saken til: ${verdict.escalation}` : `Ansvarlig: ${verdict.owner}`,
    facts: new Map(clauseFacts(clause, agreement)),
    body: readableText(clause.markdown),
  };
}

/** Whole values: unchanged, or the old one struck through and the new one after it. */
function whole(before: string | undefined, after: string | undefined, between = ' '): Part[] {
  if (before === after) return before ? [{ op: 'same', text: before }] : [];
  const parts: Part[] = [];
  if (before) parts.push({ op: 'del', text: before });
  if (before && after) parts.push({ op: 'same', text: between });
  if (after) parts.push({ op: 'ins', text: after });
  return parts;
}

/**
 * The redline of one clause between two versions; `before` undefined for a new clause, `after` for a removed
 * one. Labels of facts come in the page's order, those only the older state had after the others.
 */
export function clauseRedline(
  before: ClauseInContext | undefined,
  after: ClauseInContext | undefined,
  diffs = new WordDiffs(),
): ClauseRedline {
  const a = before && read(before.clause, before);
  const b = after && read(after.clause, after);
  const labels = [...new Set([...(b?.facts.keys() ?? []), ...(a?.facts.keys() ?? [])])];
  let body: Part[] | undefined;
  if (a && b) body = a.body === b.body ? [{ op: 'same', text: b.body }] : diffs.parts(a.body, b.body);
  const wordLevel = body !== undefined || !(a && b);
  body ??= whole(a?.body, b?.body, '\n\n');
  return {
    grey: (b ?? a)?.grey ?? false,
    title: whole(a?.title, b?.title),
    verdict: whole(a?.verdict, b?.verdict),
    facts: labels.map((label) => ({ label, parts: whole(a?.facts.get(label), b?.facts.get(label)) })),
    body,
    wordLevel,
  };
}
