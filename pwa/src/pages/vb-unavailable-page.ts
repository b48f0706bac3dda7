// <vb-unavailable-page>: what /s/<id> (share), /d/<id> (drop) and /pair show until those flows are
// built (their issues follow this one), and the not-found page. Never reads the URL fragment.
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from '../components/shared-styles.js';
import { accountPageStyles } from './page-styles.js';

@customElement('vb-unavailable-page')
export class VbUnavailablePage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles];

  @property() heading = 'Page not found';
  @property() message = 'There is nothing at this address.';

  override render() {
    return html`<div class="column"><div class="brand"><span class="logo" aria-hidden="true">V</span> Veilbox</div>
      <div class="card"><h1>${this.heading}</h1><p>${this.message}</p><a class="btn primary" href="/">Go to your vault</a></div></div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-unavailable-page': VbUnavailablePage } }
