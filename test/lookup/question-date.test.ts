/** The date a question names is read, however it is written; an amount of money is not a year. */
import { describe, expect, it } from '@jest/globals';
import { readPreviousAgreement, readQuestionDate } from '../../src/lookup/question.js';

const now = '2026-12-01';

describe('a date in the question', () => {
  it.each([
    ['19 år og fikk ikke læreplass i 2022', '2022-07-01', 'i 2022'],
    ['24 år, slutta på vidaregåande, 2023', '2023-07-01', '2023'],
    ['2021: hvem fulgte opp lærlinger som mistet plassen', '2021-07-01', '2021'],
    ['høsten 2019, 17 år', '2019-10-01', 'høsten 2019'],
    // Before a month or a day is the day before it began; after a month, the day after it ended.
    ['23 år, før august 2024', '2024-07-31', 'før august 2024'],
    ['kven hadde 22-åringane fram til august 2024', '2024-07-31', 'fram til august 2024'],
    ['før 1. august 2024, 23 år', '2024-07-31', 'før 1. august 2024'],
    ['etter februar 2024, lærling uten plass', '2024-03-01', 'etter februar 2024'],
    ['etter desember 2023', '2024-01-01', 'etter desember 2023'],
    ['i mars 2022', '2022-03-01', 'i mars 2022'],
    // Before a season is the day before it began, after it the day after it ended.
    ['21 år, sluttet på vgs før sommeren 2024', '2024-05-31', 'før sommeren 2024'],
    ['etter høsten 2023, lærling uten plass', '2023-12-01', 'etter høsten 2023'],
    // A month or a day ahead: the answer is as the agreements approved for then say.
    ['fra januar 2027, hvem gir aktivitet', '2027-01-01', 'fra januar 2027'],
    ['hvem har ansvaret 01.08.2027', '2027-08-01', '01.08.2027'],
    // As the date fields show a date: the day itself, not the middle of its year.
    ['lærling uten læreplass 1.3.2018', '2018-03-01', '1.3.2018'],
    ['hvem fulgte opp 23-åringer før 01.08.2024', '2024-07-31', 'før 01.08.2024'],
    // Dates written as events: the day before, or the day of, the new education act (1 August 2024).
    ['23 år uten jobb før den nye opplæringsloven kom', '2024-07-31', 'før den nye opplæringsloven kom'],
    ['22 år, før opplæringslova vart endra', '2024-07-31', 'før opplæringslova vart endra'],
    ['kven hadde saka før reforma', '2024-07-31', 'før reforma'],
    ['etter at den nye loven kom, hvem følger opp 23-åringer', '2024-08-01', 'etter at den nye loven kom'],
    ['med ny opplæringslov, hvem har 22-åringer', '2024-08-01', 'med ny opplæringslov'],
    // A two-digit year is in this century, as case workers write it; the chip says the date back in full.
    ['lærling uten læreplass 1.3.24', '2024-03-01', '1.3.24'],
    ['fikk ikke læreplass høsten 24', '2024-10-01', 'høsten 24'],
    ['17 år, sluttet i mars 23', '2023-03-01', 'i mars 23'],
    ['før 1. august 24, 23 år', '2024-07-31', 'før 1. august 24'],
    // Last year's season is that season, not the middle of last year (a school year begins in August).
    ['gut på 19 som ikkje fekk læreplass i fjor haust', '2025-10-01', 'i fjor haust'],
    ['hvem fulgte opp henne i fjor høst', '2025-10-01', 'i fjor høst'],
    ['sluttet på skolen høsten i fjor', '2025-10-01', 'høsten i fjor'],
    ['lærling som mista plassen våren i fjor', '2025-04-01', 'våren i fjor'],
    ['sluttet i fjor', '2025-07-01', 'i fjor'],
    ['slutta på skolen i haust, 17 år', '2026-10-01', 'i haust'],
    // A month with no year is the latest such month not after today (this month too), or last year's.
    ['17 år, slutta på skulen i oktober. Kven tek over?', '2026-10-01', 'i oktober'],
    ['sluttet i desember', '2026-12-01', 'i desember'],
    ['fikk ikke læreplass i mai i fjor', '2025-05-01', 'i mai i fjor'],
    ['23 år, før mars', '2026-02-28', 'før mars'],
    // The age after the month stays an age, not the year 2019.
    ['lærling i mars 19 år gammel', '2026-03-01', 'i mars'],
    // A month's short form, with or without its dot, and a day in it.
    ['tilrettelegging lærekandidat sept 2021', '2021-09-01', 'sept 2021'],
    ['lærling uten plass okt. 2023', '2023-10-01', 'okt. 2023'],
    ['hevet kontrakt i des 22', '2022-12-01', 'i des 22'],
    ['etter feb 2024', '2024-03-01', 'etter feb 2024'],
    ['kontrakt hevet 1. sep. 2021', '2021-09-01', '1. sep. 2021'],
    ['slutta jul. 2024', '2024-07-01', 'jul. 2024'],
    ['sluttet fra okt', '2026-10-01', 'fra okt'],
    // A season or a month with its year after a dash, and a season after its year.
    ['fikk ikkje læreplass hausten -24', '2024-10-01', 'hausten -24'],
    ['mista plassen mars-22', '2022-03-01', 'mars-22'],
    ['CV-kurs læreplass 2024 høst', '2024-10-01', '2024 høst'],
    ['lærling 2023 haust', '2023-10-01', '2023 haust'],
    ['søkte læreplass 2025 våren', '2025-04-01', '2025 våren'],
    // A school year is its autumn: it begins in August, after what changed that summer.
    ['23 år uten læreplass skoleåret 2024/25', '2024-10-01', 'skoleåret 2024/25'],
    ['kven hadde 22-åringane i skuleåret 2023–2024', '2023-10-01', 'i skuleåret 2023–2024'],
    // Nynorsk «innan», and the year before last.
    ['innan mars 2022', '2022-02-28', 'innan mars 2022'],
    ['slutta i forfjor', '2024-07-01', 'i forfjor'],
    // Asked from a deadline on: the day after «innen» a day, the day itself after «før» it.
    ['Hadde ikke møtt innen 1. mars 2023. Hvem hadde saken fra da?', '2023-03-02', 'innen 1. mars 2023'],
    ['Sluttet før 1. mars 2023. Hvem hadde ham etter det?', '2023-03-01', 'før 1. mars 2023'],
    // A later month the question asks about, after a dated event: that month after the event.
    ['Mars 2024: hun sier hun vil slutte. Hvem hadde henne i mai?', '2024-05-01', 'i mai'],
    ['November 2023: han vil slutte etter jul. Kven har han i januar?', '2024-01-01', 'i januar'],
    ['I oktober 2023 slutta han, i mars kom han tilbake. Kven har han?', '2023-10-01', 'I oktober 2023'],
    // New Year of a year: its first days, or the day before it.
    ['etter nyttår 2025, lærling uten plass', '2025-01-02', 'etter nyttår 2025'],
    ['før nyttår 2025, 22 år', '2024-12-31', 'før nyttår 2025'],
  ])('«%s» is about %s (from «%s»)', (question, date, text) => {
    expect(readQuestionDate(question, now).date).toEqual({ date, text });
  });

  it('a month not yet come this year is last year’s', () => {
    expect(readQuestionDate('sluttet i oktober', '2026-09-15').date).toEqual({
      date: '2025-10-01',
      text: 'i oktober',
    });
    // The month stays a word to search for: «i juli» may be the summer itself.
    expect(readQuestionDate('står utan skuleplass i juli', now).text).toBe('står utan skuleplass juli');
  });

  it('a month with its year dates the question, and may name a clause’s case', () => {
    const read = readQuestionDate('tok kontakt med NAV i juli 2022 etter å ha avbrutt', now);
    expect(read.date).toEqual({ date: '2022-07-01', text: 'i juli 2022' });
    expect(read.text).toBe('tok kontakt med NAV etter å ha avbrutt');
    expect(read.names).toBe('juli');
  });

  it.each([
    ['hvem betaler 2000 kroner til arbeidsklær'],
    ['hvem dekker kr 2000 til busskort'],
    ['tilskudd på 2025,- i måneden'],
    ['hvem følger opp en 19-åring som har sluttet'],
    ['søkt læreplass i 2030'],
    // The law as what it says, not as an event.
    ['hvem har ansvaret etter opplæringsloven § 9-4'],
    ['har rett etter opplæringslova'],
    // An age after a month or a season is an age, and a bare two-digit number is no year.
    ['elev høsten 17 år'],
    // A month is no date without a word that dates by it («i», «før», «fra» …).
    ['mars eller april, hvem følger opp'],
    ['hvem har ansvaret i 24'],
    // «vår» is as often «our».
    ['hvem følger opp ungdom i vår kommune'],
    ['elev i høstferien'],
    // «jul» without its dot is Christmas, not July.
    ['hvem følger opp i jul'],
  ])('«%s» names no date before today', (question) => {
    expect(readQuestionDate(question, now).date).toBeUndefined();
  });

  it.each([
    ['lærling uten læreplass 31.02.2024', '«31.02.2024» finnes ikke: februar 2024 har 29 dager.'],
    ['før 29.02.2023, 23 år', '«29.02.2023» finnes ikke: februar 2023 har 28 dager.'],
    ['elev 31. april 2022', '«31. april 2022» finnes ikke: april 2022 har 30 dager.'],
    ['lærling 12.13.2024', '«12.13.2024» finnes ikke: et år har bare 12 måneder.'],
    ['lærling 2024-02-30', '«2024-02-30» finnes ikke: februar 2024 har 29 dager.'],
  ])('«%s» names a day that does not exist: refused, not read as its year', (question, message) => {
    expect(() => readQuestionDate(question, now)).toThrow(
      `${message} Skriv datoen på nytt, eller ta den bort for å få svar for i dag.`,
    );
  });
});

describe('a date told in a story, its month apart from its year', () => {
  it.each([
    // The month after the year, or before it, in the same sentence: that month of that year.
    [
      'Jenta flyttet hit i 2024, i oktober, og slapp skolen. Hvem fulgte henne opp?',
      '2024-10-01',
      'i 2024, i oktober',
    ],
    [
      'Han mistet plassen i mars – dette var i 2023 – og er 19 nå.',
      '2023-03-01',
      'i mars – dette var i 2023',
    ],
    ['Det skjedde våren 2022, i april, da bedriften la ned.', '2022-04-01', 'våren 2022, i april'],
    ['Saken kom opp etter jul i 2024, i februar. Hvem hadde den?', '2024-02-01', 'i 2024, i februar'],
    ['Vi meldte det i fjor høst, november. Hvem skulle ta det?', '2025-11-01', 'i fjor høst, november'],
    ['hun var hjemme hele i fjor, fra september. Hvem hadde henne?', '2025-09-01', 'i fjor, fra september'],
    // A season said apart from its year.
    ['Elev på 17 i 2022, høsten, med mye fravær.', '2022-10-01', 'i 2022, høsten'],
    // Before a season of last year is the day before it began.
    ['Han sluttet før sommeren i fjor og har ikke søkt igjen.', '2025-05-31', 'før sommeren i fjor'],
  ])('«%s» is about %s (from «%s»)', (question, date, text) => {
    expect(readQuestionDate(question, now).date).toEqual({ date, text });
  });

  it('takes the month out of the words to search, and keeps it as a case a clause may be named by', () => {
    const read = readQuestionDate('Lærlingen ble sagt opp i mai – det var i 2023. Hvem tok over?', now);
    expect(read.text).toBe('Lærlingen ble sagt opp – det var . Hvem tok over?');
    expect(read.names).toBe('mai');
  });

  it('does not reach into another sentence, nor take a month short form said alone', () => {
    expect(readQuestionDate('Han kom hit i 2021. Nå vil han tilbake i mars.', now).date).toEqual({
      date: '2021-07-01',
      text: 'i 2021',
    });
    expect(readQuestionDate('Det var i 2022, des var han borte.', now).date).toEqual({
      date: '2022-07-01',
      text: 'i 2022',
    });
  });
});

describe('the agreement before the one in force', () => {
  it.each([
    ['hvem hadde realkompetanse etter den gamle avtalen', 'etter den gamle avtalen'],
    ['i forrige avtale, hvem betalte', 'i forrige avtale'],
    ['før avtalen ble fornyet, hvem fulgte opp', 'før avtalen ble fornyet'],
    ['kven hadde saka i den førre avtalen', 'i den førre avtalen'],
  ])('«%s» names it (from «%s»)', (question, text) => {
    expect(readPreviousAgreement(question)?.text).toBe(text);
  });

  it('is not read from an agreement named otherwise', () => {
    expect(readPreviousAgreement('hva sier avtalen om 19-åringer')).toBeUndefined();
  });
});
