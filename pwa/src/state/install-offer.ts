// Whether the browser offers to install Veilbox as an app, caught from the start of the page: Chromium
// fires `beforeinstallprompt` once, often before any element exists, and the event's prompt() is the
// only way to show its install dialog. <vb-install-button> shows while an offer is held. Installing also
// asks for persistent storage (storage-persistence.ts), so the browser keeps offline copies.
import { requestPersistentStorage } from './storage-persistence.js';

/** The non-standard event Chromium fires when the app can be installed. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice: Promise<{ readonly outcome: 'accepted' | 'dismissed' }>;
}

export type InstallOutcome = 'accepted' | 'dismissed' | 'unavailable';

export class InstallOffer {
  private offer: BeforeInstallPromptEvent | null = null;
  private installed: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly win: Window = window) {
    this.installed = runsInstalled(win);
    win.addEventListener('beforeinstallprompt', (event) => {
      // Without preventDefault Chromium may show its own mini-bar; the app offers its button instead.
      event.preventDefault();
      this.offer = event as BeforeInstallPromptEvent;
      this.changed();
    });
    win.addEventListener('appinstalled', () => {
      this.installed = true;
      this.offer = null;
      this.changed();
      void requestPersistentStorage();
    });
  }

  /** True while the browser offers installation and the app does not already run installed. */
  get available(): boolean { return this.offer !== null && !this.installed; }
  /** The app runs as an installed app (standalone window, or from the home screen on iOS). */
  get isInstalled(): boolean { return this.installed; }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shows the browser's install dialog; an offer can be used once, so it is gone afterwards. */
  async install(): Promise<InstallOutcome> {
    const offer = this.offer;
    if (!offer) return 'unavailable';
    this.offer = null;
    this.changed();
    await offer.prompt();
    const { outcome } = await offer.userChoice;
    if (outcome === 'accepted') void requestPersistentStorage();
    return outcome;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function runsInstalled(win: Window): boolean {
  const iosStandalone = (win.navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || win.matchMedia('(display-mode: standalone)').matches || win.matchMedia('(display-mode: window-controls-overlay)').matches;
}
