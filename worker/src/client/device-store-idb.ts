// The browser's DeviceStore: the remembered-device record in the local database (local-db.ts),
// CryptoKey included (structured clone keeps it non-extractable). See [Note: Remembered device keys].
import { localDb } from './local-db.js';
import type { DeviceRecord, DeviceStore } from './remembered-device.js';

const SLOT = 'current';

export class IndexedDbDeviceStore implements DeviceStore {
  async load(): Promise<DeviceRecord | null> {
    const stored = await localDb().device.get(SLOT);
    if (!stored) return null;
    const { slot: _slot, ...record } = stored;
    return record;
  }

  async save(record: DeviceRecord): Promise<void> {
    await localDb().device.put({ ...record, slot: SLOT });
  }

  async clear(): Promise<void> {
    await localDb().device.delete(SLOT);
  }
}
