import type { CommitDates } from '../store/integrity.js';
import { formatDate } from './wording.js';

/**
 * Whether each commit's dates can be trusted as *when* it was saved. History shows a revision at its author
 * date, which whoever makes a commit may set freely (`GIT_AUTHOR_DATE`, `git commit --date`); Gjerde gives
 * both of git's dates the same value when it saves, also when it replays old history. So an author date
 * far from the commit's own committer date, or earlier than the revision it builds on, means the date was
 * chosen by hand: an auditor should know that «endret i 2019» rests on what the committer wrote.
 */

/** Clocks and time zones differ; more than a day apart is a choice, not a slip. */
const tolerance = 24 * 60 * 60 * 1000;

export interface DateFinding {
  commit: CommitDates;
  /** One Norwegian sentence. */
  sentence: string;
}

/** Each commit whose author date was chosen apart from when it was made, or goes back before its parent's. */
export function dateFindings(commits: readonly CommitDates[]): DateFinding[] {
  const byRev = new Map(commits.map((commit) => [commit.rev, commit]));
  const findings: DateFinding[] = [];
  for (const commit of commits) {
    const authored = Date.parse(commit.authored);
    const committed = Date.parse(commit.committed);
    const named = `Revisjon ${commit.rev.slice(0, 8)} («${commit.subject}» av ${commit.author})`;
    if (committed - authored > tolerance)
      findings.push({
        commit,
        sentence: `${named} oppgir datoen ${formatDate(commit.authored)}, men ble lagret i lageret ${formatDate(commit.committed)}: historikken viser den på datoen den oppgir.`,
      });
    else if (authored - committed > tolerance)
      findings.push({
        commit,
        sentence: `${named} oppgir datoen ${formatDate(commit.authored)}, etter at den ble lagret i lageret ${formatDate(commit.committed)}.`,
      });
    // A merge joins work done side by side, whose dates may interleave.
    const parent = commit.parents.length === 1 ? byRev.get(commit.parents[0] as string) : undefined;
    if (parent && Date.parse(parent.authored) - authored > tolerance)
      findings.push({
        commit,
        sentence: `${named} er datert ${formatDate(commit.authored)}, før revisjonen den bygger på (${parent.rev.slice(0, 8)}, ${formatDate(parent.authored)}).`,
      });
  }
  return findings;
}
