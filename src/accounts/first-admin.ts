import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The first administrator's one-time password, said where only the person starting Gjerde sees it. On a
 * terminal it is printed there. When the output is not a terminal it is the log (a file, the journal, a
 * container's log) that others read, collect and keep, so the password goes into a file beside the
 * accounts file that only the service's user can read (mode 0600), and the output says where. The file
 * is removed when the administrator chooses their own password.
 */

export function firstAdminPasswordFile(accountsFile: string): string {
  return join(dirname(accountsFile), 'engangspassord-admin.txt');
}

/**
 * The lines that tell the person starting Gjerde how to sign in the first time; off a terminal, the
 * password is written to its file first.
 */
export async function firstAdminNotice(
  admin: { username: string; password: string },
  accountsFile: string,
  onTerminal = process.stdout.isTTY === true,
): Promise<string[]> {
  const lead = [
    '',
    '  Gjerde er startet for første gang. En administrator er opprettet:',
    `    brukernavn:     ${admin.username}`,
  ];
  const more = '  Flere brukere: npx gjerde users add --help';
  if (onTerminal)
    return [...lead, `    engangspassord: ${admin.password}`, '  Logg inn og velg et nytt passord.', more];
  const file = firstAdminPasswordFile(accountsFile);
  await rm(file, { force: true });
  await writeFile(file, `${admin.username}\n${admin.password}\n`, { mode: 0o600, flag: 'wx' });
  return [
    ...lead,
    `    engangspassord: i filen ${file}`,
    '    (utdataene er ikke en terminal, men en logg; filen kan bare leses av brukeren Gjerde kjører som)',
    '  Logg inn og velg et nytt passord; da slettes filen.',
    more,
  ];
}

/** After the administrator has chosen a password, the one-time password's file has done its job. */
export async function forgetFirstAdminPassword(accountsFile: string): Promise<void> {
  await rm(firstAdminPasswordFile(accountsFile), { force: true });
}
