// The typed failure of a blob store, mapped to HTTP by the routes: `full` → 507 storage_full,
// `size_mismatch` → 400 (the body was not exactly the declared length), `missing` → 404,
// `unavailable` → 503 blob_store_unavailable (S3 can't be reached; see [Note: Store unavailable] in
// postgres/connection.ts).

export type StorageErrorKind = 'full' | 'size_mismatch' | 'missing' | 'aborted' | 'unavailable';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(readonly kind: StorageErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** ENOSPC / EDQUOT from the OS (SQLITE_FULL from the pack index) become `full`; anything else passes through unchanged. */
export function asStorageError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return new StorageError('full', 'the blob store is out of space', { cause: error });
  return error;
}
