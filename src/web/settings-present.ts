import type { Config } from '../config.js';
import { sessionHours } from './auth/session.js';

/**
 * What the administrators' settings page shows: each setting as it is in effect, and the environment
 * variable that changes it. Settings are read at start-up (the README's table); secrets never appear,
 * and a remote's address loses any user name or password in it.
 */

export interface SettingRow {
  name: string;
  value: string;
  variable: string;
}

export function presentSettings(config: Config): SettingRow[] {
  const onOff = (value: boolean) => (value ? 'på' : 'av');
  return [
    {
      name: 'Lesing uten innlogging',
      value: config.anonymousRead
        ? 'på: alle som når tjenesten, kan lese og slå opp'
        : 'av: alle må logge inn',
      variable: 'GJERDE_ANONYMOUS_READ',
    },
    {
      name: 'Innlogging med OpenID Connect',
      value: config.oidc ? `på: «${config.oidc.label}» (${config.oidc.issuer})` : 'av: bare lokale brukere',
      variable: 'GJERDE_OIDC_ISSUER m.fl.',
    },
    {
      name: 'Godkjenne egen tekst',
      value: config.selfApproval
        ? 'på: den som har skrevet eller endret teksten, kan også godkjenne den for sin part'
        : 'av: den som har skrevet eller endret teksten siden forrige godkjenning, kan ikke godkjenne den (fire øyne)',
      variable: 'GJERDE_SELF_APPROVAL',
    },
    {
      name: 'Godkjenninger signeres',
      value: config.approvalKey
        ? 'ja: godkjenninger fra andre instanser med samme nøkkel regnes som godkjent'
        : 'nei: bare godkjenninger gjort på denne instansen regnes som godkjent',
      variable: 'GJERDE_APPROVAL_KEY',
    },
    {
      name: 'Bak en proxy med TLS',
      value: config.trustProxy ? `ja (${config.trustProxy}): informasjonskapsler merkes Secure` : 'nei',
      variable: 'GJERDE_TRUST_PROXY',
    },
    {
      name: 'Innloggingen varer',
      value: `${sessionHours} timer etter siste bruk`,
      variable: '—',
    },
    {
      name: 'Eksempelavtaler i oppslag',
      value: config.lookupExamples
        ? 'på: eksemplene svarer også når det finnes ekte avtaler (demonstrasjon)'
        : 'av når det finnes ekte avtaler: da svarer bare de',
      variable: 'GJERDE_LOOKUP_EXAMPLES',
    },
    {
      name: 'Innlogginger lagres',
      value:
        config.sessionStore.kind === 'sqlite'
          ? `i ${config.sessionStore.file} (SQLite): en omstart logger ingen ut`
          : `i Redis/Valkey (${withoutCredentials(config.sessionStore.url)}), delt av alle instanser som bruker det`,
      variable: 'GJERDE_SESSION_STORE',
    },
    { name: 'Datalager (git)', value: config.dataDir, variable: 'GJERDE_DATA' },
    {
      name: 'Innstillingsfil',
      value: config.settingsFile ?? 'ingen: ingen .gjerde i mappen tjenesten startet fra eller over den',
      variable: '.gjerde',
    },
    { name: 'Brukerfil', value: config.accountsFile, variable: 'GJERDE_ACCOUNTS' },
    {
      name: 'Synkronisering',
      value: config.sync
        ? `med ${withoutCredentials(config.sync.remote)}, hvert ${config.sync.intervalSeconds}. sekund`
        : 'av',
      variable: 'GJERDE_REMOTE, GJERDE_SYNC_INTERVAL',
    },
    {
      name: 'Webhook for synkronisering',
      value: onOff(config.webhookSecret !== undefined),
      variable: 'GJERDE_WEBHOOK_SECRET',
    },
    { name: 'Lesekopi', value: onOff(config.readOnly), variable: 'GJERDE_READONLY' },
    { name: 'Nettleser for PDF-eksport', value: config.chromium, variable: 'GJERDE_CHROMIUM' },
    { name: 'Loggnivå', value: config.logLevel, variable: 'LOG_LEVEL' },
  ];
}

function withoutCredentials(remote: string): string {
  try {
    const url = new URL(remote);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    // A path or an scp-like address (git@host:repo): nothing secret in a path; drop a user before «@».
    return remote.replace(/^[^@/]+@/, '');
  }
}
