// The worker thread of parse-profile-off-thread.ts. Plain JavaScript so that it starts without a
// loader already registered (the server, the CLI and the tests each load TypeScript differently);
// it registers tsx itself, then parses each profile text it is sent.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseProfileText } = await import('./parse-profile-text.ts');
parentPort.on('message', ({ id, text, options }) => {
  parentPort.postMessage({ id, result: parseProfileText(text, options) });
});
parentPort.postMessage({ ready: true });
