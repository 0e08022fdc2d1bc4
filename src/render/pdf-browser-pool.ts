// One Chromium for every PDF export. Starting a browser costs more than printing the annex, and
// a process per export lets a burst of downloads start as many browsers as there are requests,
// which exhausts memory on a small server. So one browser is launched on first use and kept; an
// export prints in a page of its own browser context (scripts off, every request refused) and,
// when it succeeds, leaves the page for the next export: opening a page costs as much as loading
// the annex into it, and a page that can run no script and fetch nothing carries nothing from one
// document to the next (setContent replaces the whole document). A page whose export failed or
// timed out is closed. Exports queue behind a bounded concurrency, and once the queue is full new
// exports are refused at once (the API answers 503 with Retry-After) instead of piling up.
import pLimit, { type LimitFunction } from 'p-limit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LandfallError } from '../core/errors.ts';

/** The flags a headless Chromium needs on a server without a display, a GPU or a user profile. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface PdfPoolOptions {
  executablePath: string;
  /** Exports printing at once, each in its own page. */
  concurrency: number;
  /** Exports allowed to wait for a page; more are refused with a PdfExportError of code busy. */
  queueLimit: number;
  /** One export (loading the HTML and printing it) is abandoned, and its page closed, after this long. */
  timeoutMs: number;
}

export type PdfExportFailure = 'busy' | 'timeout' | 'unavailable' | 'closed';

/** Why an export did not run (503 with the code); `retryAfterSeconds` is a hint for the client, sent as Retry-After. */
export class PdfExportError extends LandfallError {
  override readonly name = 'PdfExportError';
  constructor(override readonly code: PdfExportFailure, message: string, readonly retryAfterSeconds: number) {
    super(code, message, { headers: { 'retry-after': String(retryAfterSeconds) } });
  }
}

export interface PdfPoolStats {
  /** Browser processes started over the pool's life (more than one only after a crash). */
  launches: number;
  /** Pages printing an export now, and the most ever printing at once. */
  openPages: number;
  peakPages: number;
  /** Pages kept open between exports, ready for the next one (at most the concurrency). */
  idlePages: number;
  /** Exports printed in a page kept from an earlier export. */
  reusedPages: number;
  /** Exports waiting for a page now, and the most ever waiting at once. */
  waiting: number;
  peakWaiting: number;
  printed: number;
  refused: number;
}

export interface PrintOptions {
  footerTemplate: string;
  /** A running header (Chromium's template HTML); none when unset. */
  headerTemplate?: string;
}

const CLOSE_GRACE_MS = 5_000;

export class PdfPool {
  private readonly limit: LimitFunction;
  private browser: Promise<Browser> | null = null;
  private isClosed = false;
  private averageExportMs = 1_000;
  private readonly counters = { launches: 0, openPages: 0, peakPages: 0, peakWaiting: 0, printed: 0, refused: 0, reusedPages: 0 };
  /** Pages whose last export succeeded, with the browser and context they belong to. */
  private idle: Array<{ browser: Browser; context: BrowserContext; page: Page }> = [];

  constructor(readonly options: PdfPoolOptions) {
    if (!(options.concurrency >= 1) || !(options.queueLimit >= 0) || !(options.timeoutMs > 0)) throw new Error('PdfPool needs concurrency >= 1, queueLimit >= 0 and timeoutMs > 0');
    this.limit = pLimit({ concurrency: options.concurrency, rejectOnClear: true });
  }

  get stats(): PdfPoolStats {
    return { ...this.counters, idlePages: this.idle.length, waiting: this.limit.pendingCount };
  }

  /** Prints self-contained HTML to an A4 PDF, or refuses at once when the queue is full. */
  print(html: string, options: PrintOptions): Promise<Uint8Array> {
    if (this.isClosed) return Promise.reject(new PdfExportError('closed', 'The PDF printer has shut down.', 5));
    // activeCount + pendingCount counts every export admitted and not finished, whether or not
    // p-limit has started it yet, so a burst arriving within one tick is bounded too.
    if (this.limit.activeCount + this.limit.pendingCount >= this.options.concurrency + this.options.queueLimit) {
      this.counters.refused += 1;
      return Promise.reject(new PdfExportError('busy', `Every PDF printer is busy and ${this.options.queueLimit} exports are already waiting; try again shortly.`, this.retryAfterSeconds()));
    }
    const printed = this.limit(() => this.printNow(html, options));
    this.counters.peakWaiting = Math.max(this.counters.peakWaiting, this.limit.activeCount + this.limit.pendingCount - this.options.concurrency);
    return printed;
  }

  /** Closes the browser; waiting exports are rejected, later ones refused. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.limit.clearQueue();
    this.idle = [];
    const browser = this.browser;
    this.browser = null;
    if (browser) await browser.then((opened) => opened.close(), () => undefined);
  }

  /** Seconds until the queue has likely drained, from the recent export time. */
  private retryAfterSeconds(): number {
    const ahead = this.limit.activeCount + this.limit.pendingCount;
    return Math.max(1, Math.ceil((this.averageExportMs * Math.ceil(ahead / this.options.concurrency)) / 1000));
  }

  private openBrowser(): Promise<Browser> {
    if (this.browser) return this.browser;
    const launching = this.launch();
    this.browser = launching;
    const forget = () => {
      if (this.browser === launching) this.browser = null;
    };
    // A failed launch is not cached, and a browser that crashed or was killed is forgotten: the
    // next export launches a new one.
    launching.then((browser) => browser.on('disconnected', forget), forget);
    return launching;
  }

  private async launch(): Promise<Browser> {
    // playwright-core is loaded on the first export, so commands that never print stay quick.
    const { chromium } = await import('playwright-core');
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath: this.options.executablePath, args: CHROMIUM_FLAGS, timeout: 30_000 });
    } catch (error) {
      throw new PdfExportError('unavailable', `Chromium (${this.options.executablePath}) could not be started: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 30);
    }
    this.counters.launches += 1;
    return browser;
  }

  private async printNow(html: string, options: PrintOptions): Promise<Uint8Array> {
    const started = performance.now();
    const browser = await this.openBrowser();
    const slot = await this.takePage(browser);
    this.counters.openPages += 1;
    this.counters.peakPages = Math.max(this.counters.peakPages, this.counters.openPages);
    let timer: NodeJS.Timeout | undefined;
    let printed = false;
    try {
      const work = this.render(slot.page, html, options);
      // Once the race is lost the page is closed under the work; its rejection is expected.
      work.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PdfExportError('timeout', `The PDF export took longer than ${this.options.timeoutMs} ms and was stopped.`, 5)), this.options.timeoutMs);
      });
      const pdf = await Promise.race([work, timeout]).catch((error: unknown) => {
        throw this.explain(browser, error);
      });
      printed = true;
      this.counters.printed += 1;
      this.averageExportMs = 0.8 * this.averageExportMs + 0.2 * (performance.now() - started);
      return pdf;
    } finally {
      clearTimeout(timer);
      this.counters.openPages -= 1;
      if (printed && !this.isClosed && browser.isConnected() && this.idle.length < this.options.concurrency) this.idle.push({ browser, ...slot });
      else await this.closeContext(browser, slot.context);
    }
  }

  /** A page kept from an earlier export of this browser, or a new one in a context of its own. */
  private async takePage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
    while (this.idle.length > 0) {
      const kept = this.idle.pop()!;
      if (kept.browser === browser && browser.isConnected() && !kept.page.isClosed()) {
        this.counters.reusedPages += 1;
        return kept;
      }
    }
    const context = await browser.newContext({ javaScriptEnabled: false }).catch((error: unknown) => {
      throw this.explain(browser, error);
    });
    try {
      const page = await context.newPage();
      // The document is self-contained: no request may leave the page.
      await page.route('**/*', (route) => route.abort());
      return { context, page };
    } catch (error) {
      await this.closeContext(browser, context);
      throw this.explain(browser, error);
    }
  }

  /** A browser that went away mid-export is the printer's fault, not the request's: say so. */
  private explain(browser: Browser, error: unknown): unknown {
    if (error instanceof PdfExportError || browser.isConnected()) return error;
    return new PdfExportError('unavailable', 'The PDF printer stopped during the export; try again.', 1);
  }

  private async render(page: Page, html: string, options: PrintOptions): Promise<Uint8Array> {
    await page.setContent(html, { waitUntil: 'load', timeout: this.options.timeoutMs });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' }, displayHeaderFooter: true, headerTemplate: options.headerTemplate ?? '<span></span>', footerTemplate: options.footerTemplate, tagged: true, outline: true });
    return new Uint8Array(pdf);
  }

  /** Closes an export's page; a browser that cannot even do that is discarded and relaunched later. */
  private async closeContext(browser: Browser, context: BrowserContext): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'stuck'>((resolve) => {
      timer = setTimeout(() => resolve('stuck'), CLOSE_GRACE_MS);
    });
    const outcome = await Promise.race([context.close().then(() => 'closed' as const, () => 'closed' as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'stuck') {
      if (this.browser && (await this.browser.catch(() => null)) === browser) this.browser = null;
      await browser.close().catch(() => undefined);
    }
  }
}

function positiveInteger(name: string, fallback: number, minimum: number): number {
  const raw = process.env[name];
  if (raw == null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} must be an integer of at least ${minimum}; it is "${raw}"`);
  return value;
}

/**
 * The pool's settings from the environment: LANDFALL_CHROMIUM, LANDFALL_PDF_CONCURRENCY
 * (default 2, one export per core of a small server), LANDFALL_PDF_QUEUE (default 8) and
 * LANDFALL_PDF_TIMEOUT_MS (default 60 s).
 */
export function pdfPoolOptionsFromEnvironment(): PdfPoolOptions {
  return {
    executablePath: process.env.LANDFALL_CHROMIUM ?? '/usr/bin/chromium',
    concurrency: positiveInteger('LANDFALL_PDF_CONCURRENCY', 2, 1),
    queueLimit: positiveInteger('LANDFALL_PDF_QUEUE', 8, 0),
    timeoutMs: positiveInteger('LANDFALL_PDF_TIMEOUT_MS', 60_000, 1),
  };
}
