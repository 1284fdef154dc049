import { firstAdminNotice } from './accounts/first-admin.js';
import { loadConfig } from './config.js';
import { openGjerde } from './gjerde.js';
import { log } from './log.js';
import { createApp } from './web/app.js';
import { loadViews } from './web/views.js';

/** What the operator must do is in the message: say it plainly instead of a stack trace. */
function cannotStart(error: unknown): never {
  process.stderr.write(`Gjerde kan ikke starte: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    return cannotStart(error);
  }
})();
log.level = config.logLevel;
const gjerde = await openGjerde(config).catch(cannotStart);
const app = createApp(gjerde, await loadViews(config.viewsDir));
const firstAdmin = await gjerde.accounts.createFirstAdmin();
const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
const url = `http://${host}:${config.port}/`;
const rule = '─'.repeat(64);
// At the first start, how to sign in: the one-time password on a terminal, or where its file is.
const firstAdminLines = firstAdmin ? await firstAdminNotice(firstAdmin, config.accountsFile) : [];
/** Why the port could not be listened on, in words the operator can act on. */
function listenFailure(error: NodeJS.ErrnoException): string {
  const where = `port ${config.port} på ${config.host}`;
  if (error.code === 'EADDRINUSE')
    return `${where} er allerede i bruk (et annet program, eller en Gjerde som kjører fra før). Stopp det, eller start med en annen PORT.`;
  if (error.code === 'EACCES') return `har ikke lov til å lytte på ${where}. Velg en PORT over 1023.`;
  return `kan ikke lytte på ${where}: ${error.message}`;
}

// Express 5 calls this back with the error when listening fails; without a server the process would end
// with exit code 0 after saying it was ready.
const server = app.listen(config.port, config.host, (error?: NodeJS.ErrnoException) => {
  if (error) cannotStart(listenFailure(error));
  log.info({ url, dataDir: config.dataDir }, 'Gjerde er klar');
  // To the console, for the person who started it: where to go, and at the first start how to sign in.
  process.stdout.write(
    [
      '',
      `  ${rule}`,
      `  Gjerde er klar. Åpne ${url} i nettleseren.`,
      `  Data: ${config.dataDir}`,
      ...firstAdminLines,
      '  Stopp med Ctrl+C.',
      `  ${rule}`,
      '',
    ].join('\n'),
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    gjerde.close();
  });
}
