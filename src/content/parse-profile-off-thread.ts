// Parses profile texts in a worker thread, so that a hostile or merely large text never blocks the
// server's event loop: under the limits of parse-profile-text.ts, parsing can still take hundreds
// of milliseconds (bench/PARSE.md). One worker parses one text at a time; a text that takes longer
// than the time limit gets a problem, and the worker is replaced.
import { Worker } from 'node:worker_threads';
import type { ParseOptions, ParseResult } from './parse-profile-text.ts';

export const PARSE_TIME_LIMIT_MS = 5_000;

interface Job {
  text: string;
  options: ParseOptions;
  resolve: (result: ParseResult) => void;
}

let worker: Worker | null = null;
let current: { id: number; job: Job; timer: NodeJS.Timeout } | null = null;
const queue: Job[] = [];
let nextId = 1;

function startWorker(): Worker {
  // By way of the parent folder, so a chunk of dist/bundle/ finds the compiled worker in dist/content/ too.
  const started = new Worker(new URL(import.meta.url.endsWith('.ts') ? './parse-profile-worker-source.mjs' : '../content/parse-profile-worker.js', import.meta.url));
  started.on('message', (message: { id?: number; result?: ParseResult }) => {
    if (current && message.id === current.id && message.result) finish(message.result);
  });
  started.on('error', () => replaceWorker(started));
  started.on('exit', () => replaceWorker(started));
  started.unref();
  return started;
}

function replaceWorker(gone: Worker): void {
  if (worker !== gone) return;
  worker = null;
  // Parsing the text again here could take the server down with it: it gets a problem instead.
  if (current) finish({ ok: false, code: 'invalid_profile', problems: [{ path: current.job.options.source ?? 'profile', message: 'could not be parsed; simplify the text' }] });
}

function finish(result: ParseResult): void {
  if (!current) return;
  clearTimeout(current.timer);
  current.job.resolve(result);
  current = null;
  pump();
}

function pump(): void {
  if (current) return;
  const job = queue.shift();
  if (!job) {
    worker?.unref();
    return;
  }
  worker ??= startWorker();
  worker.ref();
  const id = nextId++;
  const running = worker;
  const timer = setTimeout(() => {
    if (!current || current.id !== id) return;
    const source = job.options.source ?? 'profile';
    const { resolve } = current.job;
    current = null;
    worker = null;
    void running.terminate();
    resolve({ ok: false, code: 'invalid_profile', problems: [{ path: source, message: `took more than ${PARSE_TIME_LIMIT_MS} ms to parse; simplify the text` }] });
    pump();
  }, PARSE_TIME_LIMIT_MS);
  current = { id, job, timer };
  running.postMessage({ id, text: job.text, options: job.options });
}

export function parseProfileTextOffThread(text: string, options: ParseOptions = {}): Promise<ParseResult> {
  return new Promise((resolve) => {
    queue.push({ text, options: { source: options.source, valuePath: options.valuePath ? [...options.valuePath] : [] }, resolve });
    pump();
  });
}
