// The few service-worker globals this service worker uses, typed here: the project has one tsconfig,
// with the DOM library, and TypeScript's WebWorker library can't be loaded beside it. sw.ts declares its
// module-scoped `self` as ServiceWorkerScope; the other service-worker files take what they need as
// arguments, so they stay plain modules.

export interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

export interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}

export interface ExtendableMessageEventLike extends ExtendableEventLike {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}

export interface ServiceWorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEventLike) => void): void;
  /** Replaced at build time by vite-plugin-pwa (injectManifest) with the list of files to precache. */
  readonly __WB_MANIFEST: (string | { url: string; revision: string | null })[];
}
