// Test page: starts the format-checks worker and hands its comlink proxy to the test driver.
import * as Comlink from 'comlink';
import type { FormatChecksApi } from './format-checks.worker.js';

const worker = new Worker('/format-checks.worker.js', { type: 'module' });
(globalThis as unknown as { checks: Comlink.Remote<FormatChecksApi> }).checks = Comlink.wrap<FormatChecksApi>(worker);
