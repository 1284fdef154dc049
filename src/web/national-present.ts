import { today } from '../format/dates.js';
import { describeAges, formatDate, list, validOn } from '../format/wording.js';
import type { CountyClause, CountyRow, NationalOverview, NationalRequest } from '../lookup/national.js';
import { describeCostShares } from '../lookup/search.js';
import { lastApprovedWording } from './lookup-approved-text.js';
import { urls } from './urls.js';

/** What a row's comparison key says, in a sentence's words. */
function keyLabel(key: string): string {
  if (key === 'uavklart') return 'uavklart (gråsone)';
  if (key === 'ikke omtalt') return 'ikke omtalt i avtalene';
  if (key === 'ingen avtale') return 'ingen avtale i kraft';
  return key;
}

/** The overview as the API gives it: each clause with the link to it as in force on the date. */
export function nationalJson(overview: NationalOverview) {
  const linked = (clause: CountyClause) => ({
    ...clause,
    permalink: urls.clauseOn(clause.agreementId, clause.clauseId, overview),
  });
  return {
    ...overview,
    rows: overview.rows.map((row) => ({
      ...row,
      answer: row.answer && linked(row.answer),
      local: row.local.map(linked),
    })),
  };
}

function presentClause(clause: CountyClause, overview: NationalOverview) {
  return {
    href: urls.clauseOn(clause.agreementId, clause.clauseId, overview),
    title: clause.clauseTitle,
    agreementTitle: clause.agreementTitle,
    area: clause.area,
    grey: clause.status === 'grey',
    owner: clause.owner?.name ?? null,
    ownerRole: clause.ownerRole,
    supporting: clause.supporting.map((party) => party.name).join(', '),
    cost: describeCostShares(clause.costShares) ?? null,
    escalation: clause.escalation,
    ages: describeAges(clause.ages ?? undefined) ?? null,
    since: formatDate(clause.since),
    unrecorded: clause.approvalWarning?.message,
    lastApproved: lastApprovedWording(clause.approvalWarning),
  };
}

function presentRow(row: CountyRow, overview: NationalOverview) {
  const { common } = overview;
  const answer = row.answer && presentClause(row.answer, overview);
  return {
    county: row.county,
    answer,
    statusText:
      row.status === 'settled'
        ? (answer?.owner ?? '')
        : row.status === 'grey'
          ? 'Uavklart (gråsone)'
          : row.status === 'not-covered'
            ? 'Ikke omtalt i avtalene'
            : 'Ingen avtale i kraft',
    statusColor: row.status === 'grey' ? 'warning' : row.status === 'settled' ? 'success' : 'neutral',
    local: row.local.map((clause) => ({
      ...presentClause(clause, overview),
      answerText: clause.owner?.name ?? 'uavklart',
    })),
    differs: row.differs,
    differsText: row.differs && common ? `Ulikt de fleste (${keyLabel(common.key)})` : null,
  };
}

/** In words: what most counties do, and who does otherwise — so a difference is read, not only seen. */
function summary(overview: NationalOverview): string[] {
  const compared = overview.rows.filter((row) => row.status !== 'no-agreement');
  if (compared.length === 0) return ['Ingen fylker hadde avtaler i kraft på datoen.'];
  const { common } = overview;
  const sentences: string[] = [];
  if (common && common.counties.length === compared.length) {
    sentences.push(`Alle fylkene med avtale i kraft gjør det likt: ${keyLabel(common.key)}.`);
  } else if (common) {
    sentences.push(`De fleste fylkene: ${keyLabel(common.key)} (${list(common.counties)}).`);
    const others = compared
      .filter((row) => row.differs)
      .map((row) => `${row.county} (${row.answer?.owner?.name ?? keyLabel(row.key)})`);
    sentences.push(`Ulikt: ${list(others)}.`);
  } else {
    sentences.push(
      `Fylkene gjør det ulikt: ${list(compared.map((row) => `${row.county} (${row.answer?.owner?.name ?? keyLabel(row.key)})`))}.`,
    );
  }
  const withLocal = compared.filter((row) => row.local.length > 0).map((row) => row.county);
  if (withLocal.length > 0) sentences.push(`Lokale avtaler gjør det annerledes i ${list(withLocal)}.`);
  const without = overview.rows.filter((row) => row.status === 'no-agreement').map((row) => row.county);
  if (without.length > 0) sentences.push(`Uten avtale i kraft på datoen: ${list(without)}.`);
  return sentences;
}

/** The same comparison for another date, with the other parameters kept. */
export function nationalHref(request: NationalRequest, at?: string): string {
  return urls.national({ ...request, at });
}

export function presentNational(overview: NationalOverview, request: NationalRequest) {
  const { topic } = overview;
  const about =
    topic.kind === 'clause' && topic.clause
      ? `punktet «${topic.label}» i ${topic.clause.county}`
      : topic.kind === 'situation'
        ? `situasjonen «${topic.label}»`
        : `«${topic.label}»`;
  return {
    heading: `Slik gjør fylkene det: ${topic.label}`,
    about,
    when: overview.isToday ? 'i dag' : formatDate(overview.date),
    verb: validOn(overview.date, today()),
    ages: describeAges(topic.age ?? undefined) ?? null,
    summary: summary(overview),
    rows: overview.rows.map((row) => presentRow(row, overview)),
    todayHref: overview.isToday ? null : nationalHref(request, undefined),
  };
}
