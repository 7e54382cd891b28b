/**
 * Group commit: callers that ask for a flush while one is on its way share the next one, so a burst
 * of requests costs two flushes (the one running and the one after it), not one each. A caller's
 * promise resolves once a flush that began after its call has ended — what it changed before
 * asking is then durable — and rejects with that flush's error.
 */
export class GroupCommit {
  private inFlight?: Promise<void>;
  private queued?: Promise<void>;

  constructor(private readonly flush: () => Promise<void>) {}

  /** Resolves once a flush begun after this call has ended. */
  request(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = (async () => {
      // Whoever asks while the flush before is on its way joins this one.
      await this.inFlight?.catch(() => {});
      this.queued = undefined;
      const run = this.flush();
      this.inFlight = run;
      try {
        await run;
      } finally {
        if (this.inFlight === run) this.inFlight = undefined;
      }
    })();
    this.queued = queued;
    return queued;
  }

  /** Resolves once every flush asked for so far has ended (at once when none is). */
  settled(): Promise<void> {
    return this.queued ?? this.inFlight ?? Promise.resolve();
  }
}
