// The browser's own storage for this site: asking it to keep Veilbox's data under storage pressure
// (`navigator.storage.persist()`), and how much is used of what it allows (`estimate()`). Asked when the
// user makes files available offline or installs the app: those are the moments the data matters.

/** Resolves whether the browser will keep this site's storage; false where the API is missing. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted()) || await storage.persist();
  } catch {
    return false;
  }
}

export interface DeviceStorage {
  readonly usedBytes: number;
  readonly quotaBytes: number;
  readonly persisted: boolean;
}

/** Null where the browser can't tell (no StorageManager). */
export async function deviceStorage(): Promise<DeviceStorage | null> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.estimate) return null;
  try {
    const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted ? storage.persisted() : Promise.resolve(false)]);
    return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted };
  } catch {
    return null;
  }
}
