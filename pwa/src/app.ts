// <vb-app>: the application shell. Pages are added by the PWA issue; for now it says what this is.
import { LitElement, html, css } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('vb-app')
export class VbApp extends LitElement {
  static override styles = css`
    :host { display: block; padding: 2rem; max-width: 40rem; margin: 0 auto; }
  `;

  override render() {
    return html`<h1>Veilbox</h1>
      <p>Your files, encrypted on this device before they leave it.</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-app': VbApp }
}
