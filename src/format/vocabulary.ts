import type { AgreementKind, AgreementStatus } from './types.js';

/** Norwegian labels for the values the format allows; the keys are what files contain. */

export const agreementKinds: Record<AgreementKind, string> = {
  ramme: 'Rammeavtale',
  del: 'Delavtale',
  lokal: 'Lokal avtale',
};

export const agreementStatuses: Record<AgreementStatus, string> = {
  utkast: 'Utkast',
  'til-godkjenning': 'Til godkjenning',
  godkjent: 'Godkjent',
  erstattet: 'Erstattet',
  utlopt: 'Utløpt',
};

/** Situation facets a clause can apply to (`situasjon=`). */
export const situationFacets: Record<string, string> = {
  elev: 'Elev i videregående opplæring',
  'rett-vgo': 'Har rett til videregående opplæring',
  'uten-laereplass': 'Søkt læreplass, fikk ikke',
  laerling: 'Lærling eller lærekandidat med kontrakt',
  sluttet: 'Har avbrutt opplæringen',
  utenfor: 'Utenfor opplæring og arbeid',
  'nav-bruker': 'Registrert hos NAV',
  fullfort: 'Har fullført videregående',
  voksen: 'Voksen (25 år eller eldre)',
  introduksjon: 'I introduksjonsprogrammet',
};

export function isAgreementKind(value: unknown): value is AgreementKind {
  return typeof value === 'string' && Object.hasOwn(agreementKinds, value);
}

export function isAgreementStatus(value: unknown): value is AgreementStatus {
  return typeof value === 'string' && Object.hasOwn(agreementStatuses, value);
}

export function isSituationFacet(value: string): boolean {
  return Object.hasOwn(situationFacets, value);
}
