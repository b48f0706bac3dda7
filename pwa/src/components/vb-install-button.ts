// <vb-install-button>: "Install Veilbox", shown only while the browser offers installation (Chromium's
// `beforeinstallprompt`, held by state/install-offer.ts) and the app does not already run installed.
// Pressing it opens the browser's own install dialog.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { InstallOffer } from '../state/install-offer.js';
import { sharedStyles } from './shared-styles.js';
import { announce, reportError } from './events.js';

@customElement('vb-install-button')
export class VbInstallButton extends LitElement {
  static override styles = [sharedStyles, css`:host { display: contents; }`];

  @property({ attribute: false }) offer: InstallOffer | null = null;
  @state() private available = false;
  private off: (() => void) | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('offer')) return;
    this.off?.();
    this.available = this.offer?.available ?? false;
    this.off = this.offer?.onChange(() => { this.available = this.offer?.available ?? false; }) ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    this.off = null;
  }

  private async install(): Promise<void> {
    try {
      const outcome = await this.offer?.install();
      if (outcome === 'accepted') announce(this, 'Veilbox is installed: open it from your apps like any other.');
    } catch (e) {
      reportError(this, 'Couldn\'t install Veilbox', e);
    }
  }

  override render() {
    return this.available ? html`<button class="primary" @click=${this.install}>Install Veilbox</button>` : html``;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-install-button': VbInstallButton } }
