// <vb-confirm-dialog>: a modal question with a few answers ("Delete forever?", "Empty the trash?"),
// on the native <dialog> so focus is trapped and Escape cancels. `ask()` resolves the chosen value or null.
import { LitElement, html, css } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import { sharedStyles } from './shared-styles.js';

export interface Choice { readonly value: string; readonly label: string; readonly tone?: 'primary' | 'danger' }
export interface Question { readonly title: string; readonly message: string; readonly choices: readonly Choice[] }

@customElement('vb-confirm-dialog')
export class VbConfirmDialog extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: contents; }p { margin: 0; color: var(--vb-text); }`];

  @state() private question: Question | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;
  private resolve: ((v: string | null) => void) | null = null;

  async ask(q: Question): Promise<string | null> {
    this.resolve?.(null);
    this.question = q;
    await this.updateComplete;
    this.dialog.showModal();
    // Focus the safe answer (the first, "Cancel"-like one is listed first by callers).
    this.renderRoot.querySelector<HTMLButtonElement>('.actions button')?.focus();
    return new Promise((r) => { this.resolve = r; });
  }

  private finish(v: string | null): void {
    this.resolve?.(v);
    this.resolve = null;
    if (this.dialog.open) this.dialog.close();
  }

  override render() {
    const q = this.question;
    return html`<dialog aria-labelledby="t" aria-describedby="m" @close=${() => this.finish(null)}>
      ${q ? html`<div class="body"><h2 id="t">${q.title}</h2><p id="m">${q.message}</p>
        <div class="actions">
          <button @click=${() => this.finish(null)}>Cancel</button>
          ${q.choices.map((c) => html`<button class=${c.tone === 'danger' ? 'danger solid' : c.tone ?? ''} @click=${() => this.finish(c.value)}>${c.label}</button>`)}
        </div></div>` : ''}
    </dialog>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-confirm-dialog': VbConfirmDialog } }
