/** Forms of our pages as a browser submits them, for tests over HTTP without a browser. */

/** Text as the browser reads it from our HTML: Handlebars escapes `& < > " ' \` =` as entities. */
export function decodeEntities(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return html.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (entity, hex, decimal, name) => {
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    if (decimal) return String.fromCodePoint(Number(decimal));
    return named[name.toLowerCase()] ?? entity;
  });
}

/** The fields a browser submits for one form of a page of ours: inputs, checked boxes, selected options, text. */
export function submitted(formHtml: string): [string, string][] {
  const fields: [string, string][] = [];
  const attribute = (tag: string, name: string) => {
    const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    return value === undefined ? undefined : decodeEntities(value);
  };
  const control = /<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>/g;
  for (const match of formHtml.matchAll(control)) {
    const tag = match[0];
    const name = attribute(tag, 'name');
    if (!name) continue;
    if (tag.startsWith('<input')) {
      const type = attribute(tag, 'type') ?? 'text';
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
      fields.push([name, attribute(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (tag.startsWith('<select')) {
      const options = [...tag.matchAll(/<option\b[^>]*>/g)].map((option) => option[0]);
      const chosen = options.find((option) => /\sselected\b/.test(option)) ?? options[0];
      fields.push([name, (chosen && attribute(chosen, 'value')) ?? '']);
    } else {
      fields.push([name, decodeEntities(match[1] ?? '')]);
    }
  }
  return fields;
}

/** The first form of a page that has a control named `name`. */
export function formWith(pageHtml: string, name: string): string {
  const form = [...pageHtml.matchAll(/<form\b[\s\S]*?<\/form>/g)].find((match) =>
    match[0].includes(` name="${name}"`),
  );
  if (!form) throw new Error(`The page has no form with a control named ${name}.`);
  return form[0];
}
