// Page for the format benchmark: starts the worker and hands its comlink proxy to the driver.
import * as Comlink from 'comlink';
import type { FormatBenchApi } from './chromium.worker.js';

const worker = new Worker('/chromium.worker.js', { type: 'module' });
(globalThis as unknown as { bench: Comlink.Remote<FormatBenchApi> }).bench = Comlink.wrap<FormatBenchApi>(worker);
