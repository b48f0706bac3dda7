// Bench page: starts the folder-sync scan worker and hands its comlink proxy to bench/folder-sync.ts.
import * as Comlink from 'comlink';
import type { ScanBenchApi } from './scan.worker.js';

const worker = new Worker('/scan.worker.js', { type: 'module' });
(globalThis as unknown as { bench: Comlink.Remote<ScanBenchApi> }).bench = Comlink.wrap<ScanBenchApi>(worker);
