// Test page: starts the FsaFolder contract worker and hands its comlink proxy to the test driver.
import * as Comlink from 'comlink';
import type { FsaContractApi } from './fsa-folder.worker.js';

const worker = new Worker('/fsa-folder.worker.js', { type: 'module' });
(globalThis as unknown as { contract: Comlink.Remote<FsaContractApi> }).contract = Comlink.wrap<FsaContractApi>(worker);
