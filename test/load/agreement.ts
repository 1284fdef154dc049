/** The county of every test agreement: an editor for it may save them all. */
export const testCounty = 'Testfylke';

/**
 * A small valid agreement for save tests, with numbered "slots": paragraphs a test client owns and
 * rewrites. Slots are separated by unchanging paragraphs, so edits of two slots never touch the same or
 * adjacent lines and a three-way merge of them is always clean; two edits of one slot always conflict.
 */
export function testAgreement(id: string, slots: readonly string[]): string {
  const body = slots.map(
    (value, index) => `Punkt ${index + 1}: ${value}\n\nFast tekst etter punkt ${index + 1}.`,
  );
  return `---
id: ${id}
tittel: Testavtale ${id}
type: ramme
fylke: ${testCounty}
status: utkast
gyldig-fra: 2030-01-01
parter:
  - id: nav-test
    navn: NAV Test
  - id: test-fk
    navn: Test fylkeskommune
---

# Testavtale ${id}

## 1. Formål

Avtalen brukes i tester av lagring og synkronisering.

## 2. Ansvarsdeling

:::ansvar[Ungdom uten skoleplass]{#uten-skoleplass ansvarlig=test-fk stikkord="skoleplass, inntak"}
Fylkeskommunen følger opp ungdom uten skoleplass.
:::

## 3. Notater

${body.join('\n\n')}
`;
}

/** The value of slot `index` (0-based) in an agreement's Markdown, undefined when absent. */
export function slotValue(markdown: string, index: number): string | undefined {
  const match = new RegExp(`^Punkt ${index + 1}: (.*)$`, 'm').exec(markdown);
  return match?.[1];
}
