/** A county split in two, as the tests write it: the registry and umbrella agreements, committed by hand. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { authorEnv, git, gitWithEnv, registerApprovalAtHead } from '../helpers/git.js';

/** Who commits the facts by hand, as a county's migration would. */
const migrator = { name: 'Mona Migrering', email: 'mona@kystfold.example' };

/** felles/fylker.yaml: Kystfold og Heiane split into Kystfold and Heiane on `split`. */
export function registryText(split: string): string {
  return `# Fylker som er delt: etterfølgerne overtar avtalene fra delingen.
fylker:
  - fylke: Kystfold og Heiane
    fylkeskommune: kh-fk
    delt: ${split}
    etterfolgere: [Kystfold, Heiane]
  - fylke: Kystfold
    fylkeskommune: kystfold-fk
    fra: ${split}
  - fylke: Heiane
    fylkeskommune: heiane-fk
    fra: ${split}
`;
}

/** An umbrella agreement of NAV Kystfold og Heiane (one NAV unit serving both) and a county authority. */
export function agreement(options: {
  id: string;
  title: string;
  county: string;
  countyParty: { id: string; name: string };
  status: string;
  from: string;
  replaces?: string;
  signed?: string;
}): string {
  const { countyParty } = options;
  const signatories = options.signed
    ? `signatarer:
  - navn: Nils Nav
    rolle: Direktør, NAV Kystfold og Heiane
    part: nav-kh
    dato: ${options.signed}
  - navn: Frida Fylke
    rolle: Fylkesdirektør
    part: ${countyParty.id}
    dato: ${options.signed}
`
    : '';
  return `---
id: ${options.id}
tittel: ${options.title}
type: ramme
fylke: ${options.county}
status: ${options.status}
gyldig-fra: ${options.from}
${options.replaces ? `erstatter: ${options.replaces}\n` : ''}parter:
  - id: nav-kh
    navn: NAV Kystfold og Heiane
  - id: ${countyParty.id}
    navn: ${countyParty.name}
  - id: ot
    navn: Oppfølgingstjenesten (OT)
    del-av: ${countyParty.id}
${signatories}---

# ${options.title}

## 1. Ansvarsdeling

:::ansvar[Lærling uten læreplass]{#uten-laereplass ansvarlig=nav-kh bistand=ot alder=19-24 situasjon=uten-laereplass stikkord="læreplass, lærling"}
Søkere over 19 år som ikke har fått læreplass, følges opp av NAV-kontoret. OT bistår.
:::
`;
}

/** Writes and commits one file in the data repository with plain git, by the migrator. */
export async function commitFileByHand(
  dir: string,
  path: string,
  text: string,
  message: string,
): Promise<void> {
  await writeFile(join(dir, path), text);
  git(dir, 'add', path);
  gitWithEnv(dir, ['commit', '-q', '-m', message], authorEnv(migrator));
  // Approvals in these histories stand for approvals made in Gjerde before the test.
  if (/^(Godkjent-av|Godkjenning):/m.test(message)) registerApprovalAtHead(dir);
}

/** The merged county's umbrella, approved from 2020: the text both successors inherit at the split. */
export const mergedAgreement = agreement({
  id: 'kh-ramme',
  title: 'Samarbeidsavtale mellom NAV og Kystfold og Heiane fylkeskommune',
  county: 'Kystfold og Heiane',
  countyParty: { id: 'kh-fk', name: 'Kystfold og Heiane fylkeskommune' },
  status: 'godkjent',
  from: '2020-01-01',
  signed: '2019-12-10',
});
