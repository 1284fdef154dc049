import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { log } from '../log.js';

/** Flags that keep a headless Chromium quiet: no GPU, no sandbox (containers), and no traffic of its own. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Exports that print at the same time; more wait their turn (Chromium is heavy on a small machine). */
const maxPages = 2;

/** Chromium is missing or would not start: PDF export is unavailable, everything else works. */
export class BrowserUnavailableError extends Error {
  override readonly name = 'BrowserUnavailableError';
}

export interface BrowserOptions {
  executablePath: string;
}

/**
 * One long-lived headless Chromium, started on first use (so start-up stays fast and a server that never
 * exports never starts it), restarted if it dies, closed by `close()`. Each use gets a fresh context with
 * JavaScript off and every request refused: what is printed is exactly the HTML given, never the network.
 */
export class PdfBrowser {
  private launching: Promise<Browser> | undefined;
  private closed = false;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: BrowserOptions) {}

  /** Runs `work` with an isolated, offline browser context, closed afterwards. */
  async withContext<T>(work: (context: BrowserContext) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      const browser = await this.browser();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        await context.route('**/*', (route) => route.abort('blockedbyclient'));
        return await work(context);
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const launching = this.launching;
    this.launching = undefined;
    const browser = await launching?.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }

  private browser(): Promise<Browser> {
    if (this.closed) return Promise.reject(new BrowserUnavailableError('Gjerde is shutting down.'));
    if (!this.launching) {
      const launching = this.launch();
      this.launching = launching;
      // A failed start is not kept: the next export tries again (Chromium may have been installed since).
      launching.catch(() => {
        if (this.launching === launching) this.launching = undefined;
      });
    }
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const { executablePath } = this.options;
    try {
      if (!existsSync(executablePath)) throw new Error(`${executablePath} does not exist`);
      const started = Date.now();
      // Loaded on the first export, not at start: playwright-core alone is ~50–65 MB of RSS.
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath,
        args: chromiumArgs,
        timeout: 30_000,
        // The service's own shutdown closes the browser (Gjerde's close hook); Playwright's SIGINT handler
        // would exit the process before the server and the store are closed.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      browser.on('disconnected', () => {
        if (this.launching && !this.closed)
          log.warn('Chromium stopped; it is started again on the next export');
        this.launching = undefined;
      });
      log.info({ executablePath, version: browser.version(), ms: Date.now() - started }, 'Chromium started');
      if (this.closed) {
        await browser.close();
        throw new BrowserUnavailableError('Gjerde is shutting down.');
      }
      return browser;
    } catch (error) {
      if (error instanceof BrowserUnavailableError) throw error;
      log.error({ err: error, executablePath }, 'Chromium could not be started');
      throw new BrowserUnavailableError(`Chromium could not be started from ${executablePath}`, {
        cause: error,
      });
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < maxPages) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
