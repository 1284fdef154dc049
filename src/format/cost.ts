import type { CostShare } from './types.js';

/**
 * Who pays a clause's costs (`kostnad`): one party (`kostnad=nav`), equal shares (`kostnad="nav ot"`) or
 * whole percentages (`kostnad="nav:60 ot:40"`). The model keeps what was written (a share only where one is
 * written), so a clause saved again reads as before; readers ask the helpers below instead of looking at
 * the list themselves.
 */

/** What is wrong with shares, for each reader to say in its own words (the file, the form). */
export type CostProblem =
  | { kind: 'twice'; party: string }
  | { kind: 'share'; party: string; written: string }
  | { kind: 'mixed' }
  | { kind: 'sum'; sum: number };

/** A party and the share written for it, if any (`nav:60` → `60`), before checking. */
export interface WrittenShare {
  party: string;
  written?: string;
}

/**
 * The shares as written, checked: every party once, each share a whole percent from 1 to 100, a share for
 * every party or for none (equal shares), and written shares summing to 100.
 */
export function checkShares(written: readonly WrittenShare[]): {
  shares: CostShare[];
  problems: CostProblem[];
} {
  const shares: CostShare[] = [];
  const problems: CostProblem[] = [];
  const seen = new Set<string>();
  for (const { party, written: share } of written) {
    if (seen.has(party)) {
      problems.push({ kind: 'twice', party });
      continue;
    }
    seen.add(party);
    if (share === undefined) shares.push({ party });
    else if (/^\d{1,3}$/.test(share) && Number(share) >= 1 && Number(share) <= 100)
      shares.push({ party, share: Number(share) });
    else {
      problems.push({ kind: 'share', party, written: share });
      shares.push({ party });
    }
  }
  if (problems.length > 0) return { shares, problems };
  const withShare = shares.filter((share) => share.share !== undefined);
  if (withShare.length > 0 && withShare.length < shares.length) problems.push({ kind: 'mixed' });
  else if (withShare.length > 0) {
    const sum = withShare.reduce((total, share) => total + (share.share ?? 0), 0);
    if (sum !== 100) problems.push({ kind: 'sum', sum });
  }
  return { shares, problems };
}

/** `kostnad` as written (`nav`, `nav ot`, `nav:60 ot:40`) → the shares, checked. */
export function parseCost(text: string): { shares: CostShare[]; problems: CostProblem[] } {
  return checkShares(
    text
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => {
        const colon = word.indexOf(':');
        return colon < 0 ? { party: word } : { party: word.slice(0, colon), written: word.slice(colon + 1) };
      }),
  );
}

/** The shares as an attribute value again, as they were written (`nav`, `nav ot`, `nav:60 ot:40`). */
export function costAttribute(shares: readonly CostShare[]): string {
  return shares.map(({ party, share }) => (share === undefined ? party : `${party}:${share}`)).join(' ');
}

/** The one party that pays it all, when one does (`kostnad=nav`); undefined for a shared cost or none. */
export function singleCostBearer(shares: readonly CostShare[] | undefined): string | undefined {
  return shares?.length === 1 ? shares[0]?.party : undefined;
}

/** Whether two or more parties share the cost. */
export function isSharedCost(shares: readonly CostShare[] | undefined): boolean {
  return (shares?.length ?? 0) > 1;
}

/** Each party's part in percent: as written, or equal parts when none is written. */
export function costPercentages(shares: readonly CostShare[]): { party: string; percent: number }[] {
  return shares.map(({ party, share }) => ({ party, percent: share ?? 100 / shares.length }));
}

/** Whether the party pays all or a share of the cost. */
export function paysCost(shares: readonly CostShare[] | undefined, party: string): boolean {
  return shares?.some((share) => share.party === party) ?? false;
}

/**
 * What the shares mean, independent of how they are written: `nav ot` and `ot:50 nav:50` are the same
 * split. Empty for no cost.
 */
export function costKey(shares: readonly CostShare[] | undefined): string {
  return costPercentages(shares ?? [])
    .map(({ party, percent }) => `${party}:${Math.round(percent * 100) / 100}`)
    .sort()
    .join(' ');
}
