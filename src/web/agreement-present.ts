import type { Successor } from '../domain/county-splits.js';
import { isApproved } from '../domain/validity.js';
import type { AgreementMeta } from '../format/types.js';
import { urls } from './urls.js';

/**
 * What an agreement's page offers a successor county's editor for a dissolved county's agreement, in Norwegian
 * beside the succession note (`successionNote`): «Viderefør for Kystfold», or, once another successor has
 * continued the file, the dissolved county's text as the start of their county's own agreement, or the draft of
 * it they have begun. Once that agreement is approved it governs the county, and there is nothing to offer.
 */
export function presentSuccessorActions(
  id: string,
  facts: {
    /** The dissolved county, and the county whose version the file now is. */
    dissolved: string;
    continuedBy: string;
    /** The successors this editor may continue the file for, and those they may write their own for. */
    continuing: readonly Successor[];
    replacing: readonly { successor: Successor; own?: AgreementMeta }[];
  },
) {
  return {
    continueFor: facts.continuing.map((successor) => ({
      county: successor.county,
      href: urls.edit(id, { continueFor: successor.county }),
    })),
    ownAgreementFor: facts.replacing
      .filter(({ own }) => own === undefined || !isApproved(own))
      .map(({ successor, own }) => ({
        text: `${facts.continuedBy} har tatt denne avtalen videre som sin egen. For ${successor.county} gjelder ${facts.dissolved}s tekst til ${successor.county} har en egen avtale som erstatter den («erstatter: ${id}»).`,
        link: own
          ? { text: `Fortsett utkastet «${own.title}» (${own.id})`, href: urls.edit(own.id) }
          : {
              text: `Lag egen avtale for ${successor.county} ut fra denne teksten`,
              href: urls.ownAgreement(id, successor.county),
            },
      })),
  };
}

const either = new Intl.ListFormat('nb', { type: 'disjunction' });

/** Why nobody but a successor's editor, after another successor continued it, starts an own agreement from it. */
export function ownAgreementRefusal(successors: readonly string[]): string {
  if (successors.length === 0)
    return 'Avtalen gjelder ikke et fylke som er delt, så ingen kan lage en egen avtale for et nytt fylke ut fra den.';
  const other = successors.length === 2 ? 'det andre fylket' : 'et av de andre fylkene';
  return `Bare redaktører for ${either.format(successors)} kan lage en egen avtale ut fra denne teksten, og bare etter at ${other} har videreført den.`;
}

/**
 * Where a successor's editor goes for their county's own agreement when it exists: a draft to its editor, an
 * approved one to its page; and, refusing a second, the sentence that links there.
 */
export function presentExistingOwnAgreement(sourceId: string, county: string, own: AgreementMeta) {
  const approved = isApproved(own);
  return {
    href: approved ? urls.agreement(own.id) : urls.edit(own.id),
    message: approved
      ? `${county} har allerede en egen avtale som erstatter ${sourceId}: «${own.title}» (${own.id}).`
      : `${county} har allerede et utkast til egen avtale som erstatter ${sourceId}: «${own.title}» (${own.id}). Fortsett utkastet.`,
  };
}
