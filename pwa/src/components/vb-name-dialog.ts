// <vb-name-dialog>: asks for a name (new folder, rename) and checks it as the user types, with the
// problem said in words. For a rename the extension is left out of the initial selection.
import { LitElement, html, css } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import { splitName } from '../state/conflict-names.js';
import { sharedStyles } from './shared-styles.js';

export interface NameRequest {
  readonly title: string;
  readonly label: string;
  readonly initial: string;
  readonly submitLabel: string;
  /** Returns what is wrong with the name, or null. */
  readonly check: (name: string) => string | null;
}

@customElement('vb-name-dialog')
export class VbNameDialog extends LitElement {
  static override styles = [sharedStyles, css`:host { display: contents; }`];

  @state() private request: NameRequest | null = null;
  @state() private value = '';
  @state() private touched = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input') private input!: HTMLInputElement;
  private resolve: ((v: string | null) => void) | null = null;

  async ask(r: NameRequest): Promise<string | null> {
    this.resolve?.(null);
    this.request = r;
    this.value = r.initial;
    this.touched = false;
    await this.updateComplete;
    this.dialog.showModal();
    this.input.focus();
    const { base } = splitName(r.initial);
    this.input.setSelectionRange(0, r.initial ? base.length : 0);
    return new Promise((res) => { this.resolve = res; });
  }

  private finish(v: string | null): void {
    this.resolve?.(v);
    this.resolve = null;
    if (this.dialog.open) this.dialog.close();
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    this.touched = true;
    if (!this.request || this.request.check(this.value)) return;
    this.finish(this.value.trim());
  }

  override render() {
    const r = this.request;
    const problem = r && this.touched ? r.check(this.value) : null;
    return html`<dialog aria-labelledby="t" @close=${() => this.finish(null)}>
      ${r ? html`<form @submit=${this.submit} novalidate>
        <h2 id="t">${r.title}</h2>
        <div class="field"><label for="name">${r.label}</label>
          <input id="name" type="text" autocomplete="off" spellcheck="false" .value=${this.value}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby="problem"
            @input=${(e: Event) => { this.value = (e.target as HTMLInputElement).value; this.touched = true; }} />
          <span id="problem" class="error-text" role="status">${problem ?? ''}</span></div>
        <div class="actions"><button type="button" @click=${() => this.finish(null)}>Cancel</button>
          <button class="primary" type="submit">${r.submitLabel}</button></div>
      </form>` : ''}
    </dialog>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-name-dialog': VbNameDialog } }
