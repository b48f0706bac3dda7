// What the page knows of service-worker updates ([Note: Updates are a prompt] in sw.ts): whether a new
// version waits, and the one way to take it (`apply`: SKIP_WAITING to the waiting worker, then a reload
// once it controls this page). Nothing here reloads on its own; <vb-update-prompt> calls `apply` when
// the user accepted and no transfer runs.
import { SKIP_WAITING, type SkipWaitingMessage } from './update-protocol.js';

/**
 * `none`: this page runs the installed version. `waiting`: a new version installed and waits for the
 * user. `taken-over`: another tab accepted it; this page still runs the old code until it reloads.
 */
export type UpdateState = 'none' | 'waiting' | 'taken-over';

/** How often an open tab asks the relay for a new version (browsers also check on each navigation). */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export class ServiceWorkerUpdates {
  private current: UpdateState = 'none';
  private readonly listeners = new Set<(state: UpdateState) => void>();
  private accepted = false;
  private reloading = false;

  constructor(
    private readonly registration: ServiceWorkerRegistration,
    container: ServiceWorkerContainer,
    private readonly reload: () => void,
    /** Null turns the periodic check off (tests). */
    checkIntervalMs: number | null = UPDATE_CHECK_INTERVAL_MS,
  ) {
    if (registration.waiting && registration.active) this.set('waiting');
    const watch = (installing: ServiceWorker | null) => installing?.addEventListener('statechange', () => {
      // The first install has no active worker to keep: it takes over by itself.
      if (installing.state === 'installed' && registration.waiting === installing && registration.active) this.set('waiting');
    });
    // One may already be installing when the page registers (the browser checks on every navigation).
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    let controller = container.controller;
    container.addEventListener('controllerchange', () => {
      const had = controller;
      controller = container.controller;
      if (this.accepted) { this.reloadOnce(); return; }
      // A first visit's claim gives this page its first controller: nothing changed for the user.
      if (had) this.set('taken-over');
    });
    if (checkIntervalMs !== null) setInterval(() => { void this.check(); }, checkIntervalMs);
  }

  get state(): UpdateState { return this.current; }

  onChange(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the relay whether a new version is there (the prompt shows once it installed). */
  async check(): Promise<void> {
    await this.registration.update().catch(() => undefined);
  }

  /** The user accepted: the waiting worker takes over and this page reloads once it controls it. */
  apply(): void {
    this.accepted = true;
    const waiting = this.registration.waiting;
    if (waiting) waiting.postMessage({ type: SKIP_WAITING } satisfies SkipWaitingMessage);
    else this.reloadOnce(); // taken over already (another tab accepted), or the waiting worker is gone
  }

  private reloadOnce(): void {
    if (this.reloading) return;
    this.reloading = true;
    this.reload();
  }

  private set(state: UpdateState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
