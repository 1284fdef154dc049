/**
 * The lookup index built in a process of its own, which writes the kept index (kept-index.ts) and exits:
 * the service then reads the kept file, so its heap never holds what a build of 20 years of versions
 * grows to (measured on the benchmark corpus: a service that built the index itself held 444 MB of RSS,
 * one that read the kept file 288 MB) and its event loop keeps answering while the build parses.
 *
 * The child opens the store for reading only: the service may be saving meanwhile. It is started with the
 * same Node and, when this code runs as TypeScript (development, tests), through tsx as the service is.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Store } from '../store/store.js';
import { type BuildProgress, type BuildStats, buildIndex } from './build.js';
import { writeKeptIndex } from './kept-index.js';
import { keptReadingsBeside, readKeptReadings, writeKeptReadings } from './kept-readings.js';

type ChildMessage =
  | { type: 'progress'; progress: BuildProgress }
  | { type: 'built'; stats: BuildStats; head: string | null };

export interface ApartBuild {
  /** What the build read; the index itself is in the kept file. */
  stats: BuildStats;
  /** The commit the kept index is up to date with; null for a store without commits (nothing kept). */
  head: string | null;
}

export interface RunningBuild {
  /** Settles once the index is kept. */
  done: Promise<ApartBuild>;
  /** Settles when the process has exited (after keeping its readings too). */
  exited: Promise<void>;
  /** Stops the build (the service is closing). */
  stop(): void;
}

const here = fileURLToPath(import.meta.url);

/** Builds the index of the store in `dataDir` in a child process that writes it to `keptIndex`. */
export function buildApart(
  dataDir: string,
  keptIndex: string,
  onProgress?: (progress: BuildProgress) => void,
): RunningBuild {
  const child = fork(here, [dataDir, keptIndex], {
    execArgv: here.endsWith('.ts') ? ['--import', 'tsx'] : [],
    // The parent's NODE_OPTIONS (Jest's --experimental-vm-modules, say) are not the build's.
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-2000);
  });
  const done = new Promise<ApartBuild>((resolve, reject) => {
    let built = false;
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'built') {
        // The index is kept; the child goes on to keep its readings (kept-readings.ts) and exits.
        built = true;
        resolve({ stats: message.stats, head: message.head });
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!built)
        reject(
          new Error(
            `the build process stopped (${signal ?? `exit code ${code}`}) before the index was kept${errors ? `: ${errors.trim()}` : ''}`,
          ),
        );
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    done,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

/** In the child: build, keep, report, exit (non-zero, with the reason on standard error, on failure). */
async function runChild(dataDir: string, keptIndex: string): Promise<void> {
  const store = await Store.openForReading(dataDir);
  const keptReadings = keptReadingsBeside(keptIndex);
  try {
    const { index, stats, head, readings } = await buildIndex(store, {
      onProgress: (progress) => process.send?.({ type: 'progress', progress } satisfies ChildMessage),
      readings: await readKeptReadings(keptReadings),
    });
    if (head) await writeKeptIndex(keptIndex, index, head);
    const cpu = process.cpuUsage();
    const built = { ...stats, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
    await new Promise<void>((resolve) =>
      process.send?.({ type: 'built', stats: built, head: head ?? null } satisfies ChildMessage, () =>
        resolve(),
      ),
    );
    // After the service has what it waits for: the readings only speed up the next build.
    if (readings && stats.reused < readings.size) await writeKeptReadings(keptReadings, readings);
  } finally {
    await store.close();
  }
}

if (process.argv[1] === here && process.send) {
  const [dataDir, keptIndex] = process.argv.slice(2) as [string, string];
  runChild(dataDir, keptIndex).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
