// The sync engine's public surface for the browser worker and the helper; re-exports only. The node:fs
// adapter is not here (node-folder.ts): import it from Node code only, so no browser bundle pulls node:fs.
export { runSyncPass, exceedsGuard, DEFAULT_GUARD, type SyncPair, type SyncPassOptions, type MassDeletionGuard } from './sync-pass.js';
export { planSync, type PlanInput } from './planner.js';
export { SyncExecutor, UPLOAD_READ_ATTEMPTS, type ExecuteOptions, type ExecuteResult } from './executor.js';
export { MemorySyncBase, type SyncBase, type BaseEntry, type BaseChange } from './base-store.js';
export { LocalFolderError, isLocalFolderError, isEngineName, TEMP_PREFIX, CASE_TEMP_PREFIX, LOCAL_TRASH, type LocalFolder, type LocalEntry, type LocalScan, type WriteExpectation } from './local-folder.js';
export { MemoryFolder, type MemoryFolderOptions } from './memory-folder.js';
export type { RemoteVault, RemoteNode } from './remote-vault.js';
export { VaultRemote, vaultFolderId } from './vault-remote.js';
export { conflictName } from './conflict-name.js';
export { windowsNameProblem, windowsPathProblem } from './windows-names.js';
export type { SyncReport, SyncCounts, SyncError, SyncLogEntry } from './sync-report.js';
export type { SyncStep, SyncPlan, LocalState, PlanIssue } from './sync-step.js';
