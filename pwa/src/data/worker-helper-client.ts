// The main-thread HelperClient (pwa/src/state/helper-client.ts) over the crypto worker's helper-settings
// calls (worker/src/client/helper-settings-api.ts): translation only, worker failures to VaultErrors.
import type * as Comlink from 'comlink';
import type { helperSettingsApi } from '../../../worker/src/client/helper-settings-api.js';
import type { HelperClient, HelperSettingsPatch, HelperView } from '../state/helper-client.js';
import { call } from './worker-error.js';

type HelperWorkerApi = ReturnType<typeof helperSettingsApi>;

export class WorkerHelperClient implements HelperClient {
  constructor(private readonly worker: Comlink.Remote<HelperWorkerApi>) {}

  list(options?: { refresh?: boolean }): Promise<readonly HelperView[]> { return call(this.worker.helperStates(options)); }
  update(deviceId: string, patch: HelperSettingsPatch): Promise<HelperView> { return call(this.worker.setHelperSettings(deviceId, patch)); }
  forget(deviceId: string): Promise<void> { return call(this.worker.forgetHelper(deviceId)); }
}
