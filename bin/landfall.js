#!/usr/bin/env node
// Entry point of the `landfall` command. The sources are TypeScript, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
await run();
