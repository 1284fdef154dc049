import { createRequire } from 'node:module';
import { pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import { redactNationalIds } from './domain/personal-data.js';

/**
 * Logs: JSON lines for machines (a log collector, `journalctl`, a file), and readable lines when a person
 * watches the terminal (stdout is a TTY). Query strings and request bodies are never logged: they may hold
 * what people typed.
 *
 * Readable lines come from pino-pretty used as a stream in this process, not as pino's worker-thread
 * transport: a terminal gets a few lines a minute, a worker thread would cost memory for nothing, and in
 * one thread the lines stay in order with what the service prints itself (the start box).
 */

type Output = { write(line: string): unknown };

function readable(stream: NodeJS.WriteStream): Output {
  // Loaded only for a terminal: a service whose output goes to a collector never reads it.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pretty({
    destination: stream,
    sync: true,
    colorize: stream.hasColors?.() ?? false,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'pid,hostname,service,method,path,status,ms',
    // A request is one short line: «GET /avtaler/fjordvik-ramme 200 (12.3 ms)».
    messageFormat: (line, messageKey) =>
      typeof line.method === 'string'
        ? `${line.method} ${String(line.path)} ${String(line.status)} (${String(line.ms)} ms)`
        : String(line[messageKey] ?? ''),
  });
}

function outputFor(stream: NodeJS.WriteStream): Output {
  return stream.isTTY ? readable(stream) : stream;
}

let output = outputFor(process.stdout);

export const log = pino(
  {
    // The process's entry (src/server.ts, src/cli.ts) sets Config's `logLevel` (LOG_LEVEL); a test or a
    // script that opens Gjerde itself stays quiet unless it asks.
    level: 'silent',
    base: { service: 'gjerde' },
    redact: ['req.headers.cookie', 'req.headers.authorization'],
  },
  { write: (line: string) => output.write(line) },
);

/** The command line logs to stderr, so that what it prints on stdout stays data a script can read. */
export function logToStderr(): void {
  output = outputFor(process.stderr);
}

/**
 * A request path as the log may hold it: a national identity number in it (`/avtaler/150704%2012397`,
 * in any of the ways people write one) is replaced, so that no number reaches the log.
 */
export function loggedPath(path: string): string {
  const decoded = decodedPath(path);
  const redacted = redactNationalIds(decoded);
  return redacted === decoded ? path : redacted;
}

/**
 * A path as a person reads it: every run of percent-encoding that is valid UTF-8 decoded, anything else left
 * as it is (one malformed escape does not hide a number written elsewhere in the path).
 */
export function decodedPath(path: string): string {
  if (!path.includes('%')) return path;
  return path.replace(/(?:%[0-9a-f]{2})+/gi, (escaped) => {
    try {
      return decodeURIComponent(escaped);
    } catch {
      return escaped;
    }
  });
}
