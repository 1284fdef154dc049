import type { YAMLError } from 'yaml';

/**
 * What a YAML parse error means, in Norwegian. The parser's own messages are English («Nested mappings are
 * not allowed in compact mappings» for a title with a colon), and a person who edits an agreement's metadata,
 * a case file or a register by hand gets them as the error: its code says which mistake it is, and a few
 * codes cover two mistakes that the message tells apart.
 */
export function yamlErrorText(error: YAMLError): string {
  const { code, message } = error;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'samme nøkkel står to ganger. Hver nøkkel kan bare stå én gang.';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'en verdi med kolon og mellomrom («: ») må stå i anførselstegn, for eksempel tittel: "Avtale: ny".';
    case 'TAB_AS_INDENT':
      return 'innrykk med tabulator. Bruk mellomrom.';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'linjen mangler kolon etter nøkkelen (nøkkel: verdi), eller en verdi fortsetter uten innrykk.';
    case 'BAD_SCALAR_START':
      return 'verdien begynner med et tegn YAML har til annet bruk (som @, ` eller %). Sett verdien i anførselstegn.';
    case 'MULTIPLE_DOCS':
      return '«---» kan bare stå før og etter metadataene, ikke inni dem.';
    case 'BAD_INDENT':
      if (message.includes('end with a ]')) return 'en liste i hakeparentes er ikke lukket med «]».';
      if (message.includes('end with a }')) return 'en oppslagsliste i krøllparentes er ikke lukket med «}».';
      return 'feil innrykk: linjer på samme nivå må begynne i samme kolonne.';
    case 'MISSING_CHAR':
      if (message.includes('quote')) return 'et anførselstegn er ikke lukket.';
      if (message.includes('- indicator')) return 'et punkt i en liste mangler «-» foran seg.';
      return 'et tegn mangler (et anførselstegn, en parentes eller et kolon).';
    default:
      return 'teksten kan ikke leses som YAML her. Sjekk innrykk, kolon og anførselstegn.';
  }
}
