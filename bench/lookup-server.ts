/**
 * Gjerde under test, in a process of its own (a cold start): opens the corpus store, builds the lookup
 * index, reports build time and RSS, answers questions in-process for latencies, then serves HTTP to a
 * signed-in reader (the test persona «leser», added to the accounts beside the corpus), and runs the peer
 * engines (peers.ts) on the index's documents. Driven by
 * bench/lookup.ts over IPC.
 */
import { loadConfig } from '../src/config.js';
import { openGjerde } from '../src/gjerde.js';
import type { LookupRequest } from '../src/lookup/search.js';
import { createApp } from '../src/web/app.js';
import { loadViews } from '../src/web/views.js';
import { ensurePersona } from '../test/helpers/accounts.js';
import { miniSearch, peerDocuments, sqliteFts5 } from './peers.js';

const started = performance.now();
const dataDir = process.argv[2] as string;
const config = loadConfig({ ...process.env, GJERDE_DATA: dataDir, GJERDE_EXAMPLES: '/nonexistent' });
const gjerde = await openGjerde(config);
const opened = performance.now();
const app = createApp(gjerde, await loadViews(config.viewsDir));
await gjerde.lookup.ready();
const built = performance.now();
(globalThis as { gc?: () => void }).gc?.();
process.send?.({
  type: 'built',
  buildMs: built - opened,
  sinceStartMs: built - started,
  rss: process.memoryUsage().rss,
  heapUsed: process.memoryUsage().heapUsed,
  stats: gjerde.lookup.stats,
});
// The index kept beside the data repository for the next start (src/lookup/kept-index.ts).
await gjerde.lookup.kept;
process.send?.({ type: 'kept' });

process.on('message', async (message: { type: string; questions?: LookupRequest[] }) => {
  if (message.type === 'latency' && message.questions) {
    let answered = 0;
    let empty = 0;
    for (const question of message.questions.slice(0, 50))
      await gjerde.lookup.search(question).catch(() => undefined);
    // Each question timed, and the process's CPU over all of them: under load the wall time is mostly waiting
    // for a core. Then the same questions again: what a question asked before costs.
    const timed = async (questions: LookupRequest[]) => {
      const times: number[] = [];
      const cpu = process.cpuUsage();
      for (const question of questions) {
        const start = performance.now();
        try {
          const answer = await gjerde.lookup.search(question);
          answered += 1;
          if (answer.results.length === 0) empty += 1;
        } catch {
          // A refused question is timed too.
        }
        times.push(performance.now() - start);
      }
      const used = process.cpuUsage(cpu);
      return { times, cpuMs: (used.user + used.system) / 1000 };
    };
    const first = await timed(message.questions);
    const counted = { answered, empty };
    const again = await timed(message.questions);
    process.send?.({
      type: 'latency',
      times: first.times,
      cpuMs: first.cpuMs,
      again,
      ...counted,
      rss: process.memoryUsage().rss,
    });
  } else if (message.type === 'peers' && message.questions) {
    const documents = peerDocuments(await gjerde.lookup.ready());
    const questions = message.questions.map((question) => question.q ?? '');
    process.send?.({
      type: 'peers',
      figures: [sqliteFts5(documents, questions), miniSearch(documents, questions)],
    });
  } else if (message.type === 'listen') {
    await ensurePersona(gjerde.accounts, 'leser');
    // The HTTP figures are of a started service, not of its start: what it reads once the index is ready
    // (the party directory every signed-in request reads, the overlapping umbrella agreements) is read first.
    await Promise.all([gjerde.partyDirectory.read(), gjerde.agreements.umbrellaOverlaps()]);
    const server = app.listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
    });
  }
});
