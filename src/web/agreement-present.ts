import type { Successor } from '../domain/county-splits.js';
import { urls } from './urls.js';

/**
 * What an agreement's page offers a successor county's editor for a dissolved county's agreement, in Norwegian
 * beside the succession note (`successionNote`): «Viderefør for Kystfold», or, once another successor has
 * continued the file, the dissolved county's text as the start of their county's own agreement.
 */
export function presentSuccessorActions(
  id: string,
  facts: {
    /** The dissolved county, and the county whose version the file now is. */
    dissolved: string;
    continuedBy: string;
    /** The successors this editor may continue the file for, and those they may write their own for. */
    continuing: readonly Successor[];
    replacing: readonly Successor[];
  },
) {
  return {
    continueFor: facts.continuing.map((successor) => ({
      county: successor.county,
      href: urls.edit(id, { continueFor: successor.county }),
    })),
    ownAgreementFor: facts.replacing.map((successor) => ({
      text: `${facts.continuedBy} har tatt denne avtalen videre som sin egen. For ${successor.county} gjelder ${facts.dissolved}s tekst til ${successor.county} har en egen avtale som erstatter den («erstatter: ${id}»).`,
      link: {
        text: `Lag egen avtale for ${successor.county} ut fra denne teksten`,
        href: urls.ownAgreement(id, successor.county),
      },
    })),
  };
}
