#!/usr/bin/env node
// Launcher for the veilbox-format CLI (worker/src/cli/veilbox-format.ts): registers tsx so the
// TypeScript sources run as they are, from any working directory, e.g. `npx veilbox-format`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/veilbox-format.ts');
process.exitCode = await main(process.argv.slice(2));
