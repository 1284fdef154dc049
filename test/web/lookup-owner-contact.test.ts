/**
 * The first answer card names whom to call on the owner's side (issue 11's contacts). For a NAV worker, the
 * contacts of their own offices were OT's only, so a clause NAV owns named nobody: it names the contact at
 * the worker's own NAV office now, and a clause OT owns still names OT's contact for that office. The list
 * below the answer stays OT's contacts for the office. Someone on the county's side, told nobody to call
 * before, gets the NAV offices' contacts in their county. Real HTTP on the seeded examples (Fjordvik's register).
 */
import { describe, expect, it } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';

const server = testGjerdeWithPeople(['kari', 'ola']);
const { kari, ola } = server.people;

/** The first card's «Kontakt:» line as text, or undefined when the card names nobody. */
function contactLine(html: string): string | undefined {
  const match = /<p class="ds-paragraph lookup-result__contact">([\s\S]*?)<\/p>/.exec(html);
  return match?.[1]
    ?.replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first card's owner line as text. */
function ownerLine(html: string): string {
  const best = html.slice(html.indexOf('lookup-result--best'));
  const match = /class="[^"]*lookup-result__owner[^"]*"[^>]*>([\s\S]*?)<\/p>/.exec(best);
  return (match?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the first card’s contact on the owner’s side', () => {
  it('names the contact at a NAV worker’s own office when NAV owns the answer', async () => {
    // Kari works at NAV Fjordvik and NAV Strandby; the apprentice without a place is NAV's in Fjordvik. NAV
    // Fjordvik serves Dalheim too, whose agreement has its own clause on it: she chose Fjordvik.
    const page = await kari
      .get(`/oppslag?q=${encodeURIComponent('lærling uten læreplass')}&county=Fjordvik`)
      .expect(200);
    expect(ownerLine(page.text)).toContain('NAV Fjordvik');
    // Per Fiktiv, NAV Strandby's youth contact, has a phone number to call from the card.
    expect(contactLine(page.text)).toBe(
      'Kontakt: Per Fiktiv, Ungdomskontakt, NAV Strandby · +47 000 00 201 Eksempel',
    );
    // The list below the answer is still OT's contacts for her offices.
    const list = page.text.slice(page.text.indexOf('id="kontakter-tittel"'));
    expect(list).toContain('OT-kontakter for ditt NAV-kontor');
    expect(list).not.toContain('Per Fiktiv');
  });

  it('names OT’s contact for her office when OT owns the answer', async () => {
    const page = await kari
      .get(`/oppslag?q=${encodeURIComponent('elev som har sluttet på skolen')}`)
      .expect(200);
    expect(contactLine(page.text)).toContain('Sara Demo');
  });

  // The register's county side is OT's people. Named under a clause the county authority or a school owns,
  // an OT adviser read as the person to call for career guidance or an pupil's living costs; the clause's own
  // contact role (Karrieresenteret, the school's pupil services) is who to ask.
  it.each([
    ['karriereveiledning for voksen', 'Fjordvik fylkeskommune', 'Karrieresenteret i Fjordvik'],
    ['elev som spør om penger til livsopphold', 'De videregående skolene i Fjordvik', 'Elevtjenesten'],
  ])('names no OT adviser when OT does not own the answer («%s»)', async (question, owner, role) => {
    const page = await kari.get(`/oppslag?q=${encodeURIComponent(question)}&county=Fjordvik`).expect(200);
    expect(ownerLine(page.text)).toContain(owner);
    expect(contactLine(page.text)).toBeUndefined();
    const best = page.text.slice(page.text.indexOf('lookup-result--best'));
    expect(best.slice(0, best.indexOf('</article>'))).toContain(role);
  });
});

describe('the contacts for someone on the county’s side', () => {
  // Ola works for Fjordvik fylkeskommune (and so for OT): no NAV office is his, and he was told nobody to call.
  it('lists the NAV offices’ contacts in his county, each with the offices it serves', async () => {
    const page = await ola.get(`/oppslag?q=${encodeURIComponent('lærling uten læreplass')}`).expect(200);
    expect(ownerLine(page.text)).toContain('NAV Fjordvik');
    const list = page.text.slice(page.text.indexOf('id="kontakter-tittel"'));
    expect(list).toMatch(/^id="kontakter-tittel">NAV-kontakter i Fjordvik</);
    expect(list).toContain('Maria Testesen');
    expect(list).toContain('Per Fiktiv');
    expect(list).toContain('Kontakt for NAV Strandby');
    expect(list).not.toContain('Sara Demo');
    // No one NAV office is his: the card names no one from the register, the clause's contact role says who.
    expect(contactLine(page.text)).toBeUndefined();
    const answer = await ola.get('/api/lookup').query({ q: 'lærling uten læreplass' }).expect(200);
    expect(
      answer.body.contacts.map((contact: { name: string; side: string }) => [contact.name, contact.side]),
    ).toEqual([
      ['Maria Testesen', 'nav'],
      ['Per Fiktiv', 'nav'],
    ]);
  });
});
