// The key hierarchy's public surface (DESIGN.md §3, docs/FORMAT.md "Keys"); re-exports only.
export * from './labels.js';
export { KEY_BYTES, RECOVERY_KEY_BYTES } from './key-sizes.js';
export { encodeContext, type ContextField } from './context.js';
export {
  DEFAULT_PASSWORD_KDF, PASSWORD_KDF_FLOOR, PASSWORD_KDF_CEILING, PASSWORD_SALT_BYTES, PASSWORD_MASTER_BYTES,
  ARGON2_VERSION, checkPasswordKdfParams, type PasswordKdfParams,
} from './password-kdf-params.js';
export { derivePasswordKeys, passwordBytes, type PasswordKeys } from './password-keys.js';
export { generateVaultKey, generateFileKey, deriveNodeKey } from './vault-key.js';
export { generateRecoveryKey, deriveRecoveryKeys, type RecoveryKeys } from './recovery-key.js';
export { encodeRecoveryKey, decodeRecoveryKey, RECOVERY_KEY_GROUPS } from './recovery-key-text.js';
export { wrapKey, unwrapKey, wrapContext } from './wrap.js';
export {
  sealNodeRecord, openNodeRecord, sealShareManifest, openShareManifest, nodeContext, shareContext, type NodePlace,
} from './records.js';
export { generateShareSecret, deriveShareKeys, SHARE_SECRET_BYTES, type ShareKeys } from './share-keys.js';
