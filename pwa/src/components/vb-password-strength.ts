// <vb-password-strength>: the meter under a new-password field: five segments, a label and one hint,
// announced politely as the estimate changes. The estimate itself is state/password-strength.ts.
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { estimateStrength, minimumScore } from '../state/password-strength.js';
import { sharedStyles } from './shared-styles.js';

@customElement('vb-password-strength')
export class VbPasswordStrength extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; margin-top: -6px; margin-bottom: 14px; }
    .bar { display: grid; grid-template-columns: repeat(5, 1fr); gap: 4px; margin-bottom: 4px; }
    .seg { height: 6px; border-radius: 3px; background: var(--vb-surface-2); }
    .s0 .on { background: var(--vb-danger); }
    .s1 .on { background: var(--vb-danger); }
    .s2 .on { background: var(--vb-warn); }
    .s3 .on, .s4 .on { background: var(--vb-ok); }
    .text { font-size: 0.9em; color: var(--vb-muted); }
    .label { font-weight: 600; color: var(--vb-text); }
  `];

  @property() password = '';
  /** Strings the password should not contain (the login name). */
  @property({ attribute: false }) context: readonly string[] = [];

  override render() {
    const s = estimateStrength(this.password, this.context);
    const filled = this.password ? s.score + 1 : 0;
    return html`
      <div class="bar s${s.score}" aria-hidden="true">
        ${[0, 1, 2, 3, 4].map((i) => html`<div class="seg ${i < filled ? 'on' : ''}"></div>`)}
      </div>
      <div class="text" role="status" aria-live="polite">
        ${this.password ? html`<span class="label">Strength: ${s.label}.</span> ${s.score >= minimumScore ? (s.hint || 'Good.') : s.hint}` : 'Use a long passphrase: four or more unrelated words work well.'}
      </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-password-strength': VbPasswordStrength } }
