// [Note: Sticky failure] Every push/finish stage of the format (sealer, opener) fails for good: once
// a step throws, each later call throws the same error, so a reader that retries can never get past
// a damaged chunk or a broken stream.
export class StickyFailure {
  private failure: { error: unknown } | undefined;

  /** Runs `step` unless an earlier step failed; remembers a failure. */
  async run(step: () => Promise<void>): Promise<void> {
    if (this.failure) throw this.failure.error;
    try {
      await step();
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }
}
