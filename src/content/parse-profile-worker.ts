// The worker thread of parse-profile-off-thread.ts: parses each profile text it is sent.
import { parentPort } from 'node:worker_threads';
import { parseProfileText, type ParseOptions } from './parse-profile-text.ts';

const port = parentPort!;
port.on('message', ({ id, text, options }: { id: number; text: string; options: ParseOptions }) => {
  port.postMessage({ id, result: parseProfileText(text, options) });
});
