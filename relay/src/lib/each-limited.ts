// Runs an async step over a list with at most `limit` steps in flight: the blob stores' batch writes
// (putBlobs) use it so fsyncs and S3 requests overlap without opening hundreds of files or sockets.
// [Note: Nothing in flight after a failure] After the first failure no new step starts, and the
// promise rejects only once the steps already running have settled, so a caller that cleans up on
// failure (deletes what was stored) never races a write that is still landing.

export async function eachLimited<T>(items: readonly T[], limit: number, step: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++];
      try {
        await step(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}
