// <vb-about-dialog>: which build of Veilbox runs here: the build hash of the installed version
// ([Note: The build hash] in pwa/scripts/build-hash.ts), read from /build-info.json, which the service
// worker answers from the copy it kept at install. The README says how to compare it with a local build.
import { LitElement, html, css } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import { sharedStyles } from './shared-styles.js';

type Loaded = { readonly hash: string; readonly files: number } | { readonly problem: string };

@customElement('vb-about-dialog')
export class VbAboutDialog extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: contents; }
    p { margin: 0 0 10px; }
    .hash { font-family: var(--vb-mono); word-break: break-all; background: var(--vb-surface-2); border-radius: var(--vb-radius); padding: 8px 10px; user-select: all; }
  `];

  @state() private loaded: Loaded | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;

  async open(): Promise<void> {
    this.loaded = null;
    await this.updateComplete;
    this.dialog.showModal();
    this.loaded = await readBuildInfo();
  }

  override render() {
    const l = this.loaded;
    return html`<dialog aria-labelledby="about-t">
      <div class="body">
        <h2 id="about-t">About Veilbox</h2>
        <p>Veilbox encrypts your files in this browser; the server stores only what it can't read. Because the server also
          delivers this app, you can check that it serves the published code: compare the build hash below with one you build
          yourself (the README's "Verify the served build" says how).</p>
        ${l === null ? html`<p role="status">Reading the build hash…</p>`
          : 'hash' in l ? html`<p>Build hash (SHA-256 over the ${l.files} files of this version):</p><p class="hash" data-build-hash>${l.hash}</p>`
          : html`<p role="alert">${l.problem}</p>`}
        <div class="actions"><button class="primary" @click=${() => this.dialog.close()}>Close</button></div>
      </div>
    </dialog>`;
  }
}

async function readBuildInfo(): Promise<Loaded> {
  try {
    const response = await fetch('/build-info.json', { cache: 'no-store' });
    if (!response.ok) return { problem: 'This copy of Veilbox has no build information it can vouch for (a development server, or the server changed versions while this one installed). Reload to install the current version.' };
    const info = await response.json() as { buildHash?: unknown; files?: unknown };
    if (typeof info.buildHash !== 'string' || typeof info.files !== 'object' || info.files === null) return { problem: 'The build information of this copy is unreadable.' };
    return { hash: info.buildHash, files: Object.keys(info.files).length };
  } catch {
    return { problem: 'The build information can\'t be read right now. Try again when connected.' };
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-about-dialog': VbAboutDialog } }
