// The client core's public surface (relay API client, account, tree, transfers, live events); re-exports only.
export { RelayApi, API_PREFIX, type RelayApiOptions, type FetchLike } from './relay-api.js';
export { RelayError, isRelayError } from './relay-error.js';
export { ClientError, isClientError, serializeClientError, toClientError, type ClientErrorKind, type SerializedClientError } from './client-error.js';
export { VaultCore, type VaultCoreOptions, type ClientStatus, type ClientEvent, type ClientUsage, type ClientDevice, type LogInOptions } from './vault-core.js';
export type { ClientNode } from './vault-tree.js';
export type { FileSource } from './file-upload.js';
export type { UploadItemProgress, UploadItemsOptions, UploadItemsResult, ConflictPolicy } from './tree-uploads.js';
export type { FileVersionInfo } from './tree-ops.js';
export type { RecoverySheet } from './recovery-sheet.js';
export { MemoryDeviceStore, type DeviceStore, type DeviceRecord } from './remembered-device.js';
export { IndexedDbDeviceStore } from './device-store-idb.js';
export { MemoryPendingUploadStore, type PendingUploadStore, type StoredPendingUpload } from './pending-upload-store.js';
export { IndexedDbPendingUploadStore } from './pending-upload-store-idb.js';
export { MemoryRevisionStore, type RevisionStore } from './revision-store.js';
export { IndexedDbRevisionStore } from './revision-store-idb.js';
export type { PendingUploadSummary } from './pending-uploads.js';
export { browserWebSocket, type WebSocketFactory, type WebSocketLike } from './live-events.js';
