import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/** One row of the facts box at the top of a printed agreement. */
export interface PrintFact {
  label: string;
  value?: string;
  list?: string[];
  /** Shown in a monospace font (revision ids). */
  code?: boolean;
}

export interface AgreementPrintData {
  title: string;
  /** The agreement's own first heading (sanitized HTML, without the `<h1>` tags), if it starts with one. */
  headingHtml?: string;
  example: boolean;
  /** No approval is registered for this text: above everything else, in red. */
  warning?: { heading: string; lines: string[] };
  notice?: { heading: string; lines: string[] };
  facts: PrintFact[];
  /** The sanitized agreement HTML, without its first heading. */
  html: string;
}

const packageFile = createRequire(import.meta.url).resolve;

/**
 * A page printed on its own needs neither the site frame (the running header and footer say what it is)
 * nor the service's live status line; and Designsystemet's screen sizes (rem) are large on paper: a 12 px
 * root gives about 10 pt body text.
 */
const standaloneTweaks =
  '<style>@media print { html { font-size: 12px; } ' +
  '.site-header, .site-footer, .ds-skip-link, .sync-status { display: none !important; } ' +
  '.page { max-width: none; padding: 0; } }</style>';

/**
 * Self-contained HTML for printing: `views/print.hbs` for an agreement, and any page of the service with its
 * stylesheets read from disk and embedded, since Chromium prints it offline with no server to ask.
 * Loaded on first use, so start-up does not wait for it.
 */
export class PrintViews {
  private loaded: Promise<{ template: HandlebarsTemplateDelegate; styles: Map<string, string> }> | undefined;

  constructor(
    private readonly viewsDir: string,
    private readonly publicDir: string,
  ) {}

  async agreement(data: AgreementPrintData): Promise<string> {
    const { template, styles } = await this.load();
    return template({ ...data, styles: [...styles.values()].join('\n') });
  }

  /** A full page as the service renders it (layout and all), made printable without the network. */
  async standalone(html: string): Promise<string> {
    const { styles } = await this.load();
    const inlined = html.replace(/<link\b[^>]*>/gi, (tag) => {
      if (!/\brel=["']?stylesheet\b/i.test(tag)) return '';
      const href = /\bhref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
      const css = href === undefined ? undefined : styles.get(href);
      return css === undefined ? '' : `<style>${css}</style>`;
    });
    return inlined.replace(/<\/head>/i, () => `${standaloneTweaks}</head>`);
  }

  private load() {
    this.loaded ??= (async () => {
      const source = await readFile(join(this.viewsDir, 'print.hbs'), 'utf8');
      const template = Handlebars.create().compile(source, { strict: false });
      // The same stylesheets, in the same order, as views/layout.hbs links to.
      const files: Array<[string, string]> = [
        ['/assets/designsystemet-theme.css', packageFile('@digdir/designsystemet-css/theme.css')],
        ['/assets/designsystemet.css', packageFile('@digdir/designsystemet-css')],
        ['/assets/gjerde.css', join(this.publicDir, 'gjerde.css')],
      ];
      const styles = new Map<string, string>();
      for (const [href, path] of files) {
        if (existsSync(path))
          styles.set(href, (await readFile(path, 'utf8')).replaceAll('</style', '<\\/style'));
      }
      return { template, styles };
    })();
    this.loaded.catch(() => {
      this.loaded = undefined;
    });
    return this.loaded;
  }
}
