/**
 * Concurrent save load over HTTP, shared by the load test (correctness) and `bench/saves.ts` (figures).
 *
 * Clients are people of their own (an account each, signed in), spread over a few agreements. Each client
 * owns one slot of its agreement (testAgreement) and now and then also writes the agreement's shared,
 * contested slot. A save is based either on the latest version (fetched right before) or, on purpose, on a
 * stale one: the client's own last saved version, which lacks what others saved since. The server must
 * merge a stale edit or refuse it with 409; it must never overwrite.
 */

import type { AccountInput } from '../../src/accounts/accounts.js';
import { http, type Latest, latest, type Session, saveEdit, signIn } from '../crash/service.js';
import { slotValue, testAgreement, testCounty } from './agreement.js';

export interface LoadPlan {
  url: string;
  agreements: string[];
  clients: number;
  /** Saves in all (PUT requests), shared evenly between the clients. */
  saves: number;
  /** Every n-th save of a client is based on a stale version. */
  staleEvery: number;
  /** Every n-th save of a client also writes the contested slot. */
  contestedEvery: number;
}

/** Slots: one per client of an agreement, then the contested one. */
export function slotsPerAgreement(plan: LoadPlan): number {
  return Math.ceil(plan.clients / plan.agreements.length) + 1;
}

export interface SaveRecord {
  client: number;
  id: string;
  /** Slot index → the value this save wrote. */
  wrote: Record<number, string>;
  baseRev: string;
  stale: boolean;
  outcome: 'saved' | 'conflict' | 'error';
  rev?: string;
  merged?: boolean;
  ms: number;
  error?: string;
}

export interface LoadResult {
  records: SaveRecord[];
  seconds: number;
}

/**
 * Each client is a person of its own: an editor for the test agreements' county, whose name and address
 * every commit it saves carries. Add the accounts before the service starts (`addAccounts`).
 */
export function clientAccounts(count: number): AccountInput[] {
  return Array.from({ length: count }, (_, client) => ({
    username: `klient-${client}`,
    name: `Klient ${client}`,
    email: `klient-${client}@last.example`,
    roles: ['redaktor'],
    counties: [testCounty],
  }));
}

function slotsOf(markdown: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => slotValue(markdown, index) ?? '');
}

async function versionAt(session: Session, id: string, rev: string): Promise<Latest> {
  const answer = await http('GET', `${session.url}/api/agreements/${id}?rev=${rev}`, undefined, session);
  if (answer.status !== 200) throw new Error(`GET ${id}@${rev}: ${answer.status}`);
  const body = JSON.parse(answer.text) as { revision: { rev: string }; markdown: string };
  return { rev: body.revision.rev, markdown: body.markdown };
}

export async function runSaveLoad(plan: LoadPlan): Promise<LoadResult> {
  const slotCount = slotsPerAgreement(plan);
  const contested = slotCount - 1;
  const perClient = Math.ceil(plan.saves / plan.clients);
  const records: SaveRecord[] = [];
  // Every client signs in before the clock starts: the figures are of saving, not of signing in.
  const sessions = await Promise.all(
    clientAccounts(plan.clients).map((account) => signIn(plan.url, account.username)),
  );
  const started = performance.now();

  const client = async (index: number) => {
    const session = sessions[index] as Session;
    const id = plan.agreements[index % plan.agreements.length] as string;
    const ownSlot = Math.floor(index / plan.agreements.length);
    let own: Latest | undefined; // the client's own last saved version
    for (let n = 0; n < perClient && records.length < plan.saves; n += 1) {
      const stale = own !== undefined && n % plan.staleEvery === plan.staleEvery - 1;
      const base = stale && own ? own : await latest(session, id);
      const slots = slotsOf(base.markdown, slotCount);
      const value = `k${index}-n${n}`;
      const wrote: Record<number, string> = { [ownSlot]: value };
      if (n % plan.contestedEvery === plan.contestedEvery - 1) wrote[contested] = value;
      for (const [slot, text] of Object.entries(wrote)) slots[Number(slot)] = text;
      const answer = await saveEdit(session, id, {
        markdown: testAgreement(id, slots),
        baseRev: base.rev,
        reason: `Lasttest: klient ${index}, lagring ${n}`,
      });
      const record: SaveRecord = {
        client: index,
        id,
        wrote,
        baseRev: base.rev,
        stale,
        outcome: 'error',
        ms: answer.ms,
      };
      if (answer.status === 'saved') {
        Object.assign(record, { outcome: 'saved', rev: answer.rev, merged: answer.merged });
        own = await versionAt(session, id, answer.rev);
      } else if (answer.status === 'conflict') {
        record.outcome = 'conflict';
      } else {
        record.error = `${answer.code}: ${answer.message}`;
      }
      records.push(record);
    }
  };

  await Promise.all(Array.from({ length: plan.clients }, (_, index) => client(index)));
  return { records, seconds: (performance.now() - started) / 1000 };
}
