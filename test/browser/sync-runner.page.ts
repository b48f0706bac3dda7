// Test page: starts the sync runner checks' worker and hands its comlink proxy to the test driver.
import * as Comlink from 'comlink';
import type { RunnerChecksApi } from './sync-runner.worker.js';

const worker = new Worker('/sync-runner.worker.js', { type: 'module' });
(globalThis as unknown as { runner: Comlink.Remote<RunnerChecksApi> }).runner = Comlink.wrap<RunnerChecksApi>(worker);
