import { loadConfig } from './config.js';
import { openGjerde } from './gjerde.js';
import { log } from './log.js';
import { createApp } from './web/app.js';
import { loadViews } from './web/views.js';

const config = loadConfig();
const gjerde = await openGjerde(config);
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
