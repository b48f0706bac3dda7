// The seam between the UI and the paired helpers' sync settings ([Note: Helper settings through device
// records] in worker/src/client/device-records.ts): what the Devices page shows of each helper (its
// state, last pass and counts, the vault folder it syncs) and what it can change (folder, pause, the
// answer to a paused mass deletion). Types only, like vault-client.ts; every method rejects with a
// VaultError. The shapes are the worker's own (helper-records.ts), re-exported so components never
// import the worker.
export type { HelperSettings, HelperStatusRecord, HelperSyncState, DeletionDecision } from '../../../worker/src/client/helper-records.js';
export type { HelperView, HelperSettingsPatch } from '../../../worker/src/client/helper-settings-api.js';
import type { HelperSettingsPatch, HelperView } from '../../../worker/src/client/helper-settings-api.js';

export interface HelperClient {
  /** Every paired helper that has reported or been set up; `refresh` asks the relay first. */
  list(options?: { refresh?: boolean }): Promise<readonly HelperView[]>;
  /** Changes a helper's settings; it picks them up within seconds while it runs. */
  update(deviceId: string, patch: HelperSettingsPatch): Promise<HelperView>;
  /** Deletes a removed helper's settings and status. */
  forget(deviceId: string): Promise<void>;
}
