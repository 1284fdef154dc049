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
const gjerde = await openGjerde(config).catch(cannotStart);
const app = createApp(gjerde, await loadViews(config.viewsDir));
const firstAdmin = await gjerde.accounts.createFirstAdmin();
if (firstAdmin) {
  // To the console only, never to the log: the one-time password must be changed at first sign-in.
  process.stdout.write(
    [
      '',
      '  Gjerde er startet for første gang. En administrator er opprettet:',
      `    brukernavn:     ${firstAdmin.username}`,
      `    engangspassord: ${firstAdmin.password}`,
      '  Logg inn og velg et nytt passord. Flere brukere: npx gjerde users add --help',
      '',
      '',
    ].join('\n'),
  );
}
const server = app.listen(config.port, config.host, () => {
  log.info(
    {
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`,
      dataDir: config.dataDir,
    },
    'Gjerde er klar',
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    gjerde.close();
  });
}
