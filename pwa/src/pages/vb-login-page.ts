// <vb-login-page>: logging in with a password or with the recovery key (typed or as the key file),
// "remember this device", and unlocking a locked vault (password or this device's key).
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { VaultClient, VaultStatus } from '../state/vault-client.js';
import { describeError, isVaultError } from '../state/vault-error.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce } from '../components/events.js';
import { accountPageStyles } from './page-styles.js';

type Method = 'password' | 'recovery-key';

@customElement('vb-login-page')
export class VbLoginPage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) status: VaultStatus | null = null;
  @state() private method: Method = 'password';
  @state() private busy = false;
  @state() private error: { title: string; message: string } | null = null;
  @state() private keyFileName = '';
  private keyFileText = '';

  private get locked(): Extract<VaultStatus, { state: 'locked' }> | null {
    return this.status?.state === 'locked' ? this.status : null;
  }

  private async run(what: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await what();
      announce(this, 'Vault unlocked.');
    } catch (e) {
      this.error = describeError(e);
      announce(this, `${this.error.title}. ${this.error.message}`, true);
      // Put the cursor back where the user can fix it.
      const field = isVaultError(e) && e.kind === 'wrong-password' ? 'password' : isVaultError(e) && e.kind === 'wrong-recovery-key' ? 'key' : '';
      if (field) this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus();
    } finally {
      this.busy = false;
    }
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const login = this.locked?.login ?? String(data.get('login') ?? '').trim();
    const remember = data.get('remember') === 'on';
    if (this.method === 'password') {
      const password = String(data.get('password') ?? '');
      void this.run(() => this.client.logIn(login, password, { rememberDevice: remember }));
    } else {
      const keyText = this.keyFileText || String(data.get('key') ?? '');
      if (!keyText.trim()) { this.error = { title: 'No key given', message: 'Choose your key file or type the key.' }; return; }
      void this.run(() => this.client.logInWithRecoveryKey(login, keyText, { rememberDevice: remember }));
    }
  }

  private async pickKeyFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > 64 * 1024) { this.error = { title: 'Not a key file', message: 'That file is too large to be a Veilbox recovery key file.' }; return; }
    this.keyFileText = await file.text();
    this.keyFileName = file.name;
  }

  private tab(m: Method, label: string) {
    return html`<button type="button" aria-pressed=${this.method === m ? 'true' : 'false'}
      @click=${() => { this.method = m; this.error = null; }}>${label}</button>`;
  }

  override render() {
    const locked = this.locked;
    return html`<div class="column">
      <div class="brand"><span class="logo" aria-hidden="true">V</span> Veilbox</div>
      <div class="card">
        <h1>${locked ? 'Unlock your vault' : 'Log in'}</h1>
        <p class="lead">${locked ? html`The vault of <strong>${locked.login}</strong> is locked. Its keys were wiped from memory.` : 'Your files are decrypted only on this device.'}</p>
        ${locked?.deviceRemembered ? html`
          <button class="primary block" ?disabled=${this.busy} @click=${() => this.run(() => this.client.unlockWithDevice())}>Unlock on this device</button>
          <p class="hint">Or use your password:</p>` : ''}
        <div class="tabs" role="group" aria-label="How to unlock">
          ${this.tab('password', 'Password')}${this.tab('recovery-key', 'Recovery key')}
        </div>
        <form @submit=${this.submit} novalidate>
          ${locked ? '' : html`<div class="field"><label for="login">Login name</label>
            <input id="login" name="login" type="text" autocomplete="username" required autocapitalize="none" spellcheck="false" /></div>`}
          ${this.method === 'password' ? html`
            <div class="field"><label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required /></div>` : html`
            <div class="field"><label for="keyfile">Key file</label>
              <input id="keyfile" type="file" accept=".txt,text/plain" @change=${this.pickKeyFile} />
              ${this.keyFileName ? html`<span class="hint">Using ${this.keyFileName}</span>` : ''}</div>
            <div class="field"><label for="key">…or type the key <span class="hint">(spaces and dashes don't matter)</span></label>
              <textarea id="key" name="key" rows="3" autocomplete="off" spellcheck="false" ?disabled=${!!this.keyFileName}></textarea></div>`}
          ${locked ? '' : html`<label class="check"><input type="checkbox" name="remember" />
            <span>Remember this device<br /><span class="hint">The vault then opens here without a password. Only on a device nobody else uses.</span></span></label>`}
          ${this.error ? html`<div class="alert" role="alert"><strong>${this.error.title}.</strong> ${this.error.message}</div><p></p>` : ''}
          <button class="primary block" type="submit" ?disabled=${this.busy}>${this.busy ? 'Unlocking…' : locked ? 'Unlock' : 'Log in'}</button>
        </form>
      </div>
      ${locked ? html`<p class="switch">Not ${locked.login}? <a href="#" @click=${(e: Event) => { e.preventDefault(); void this.client.logOut(); }}>Log out</a></p>`
        : html`<p class="switch">New here? <a href="/signup">Create a vault</a></p>`}
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-login-page': VbLoginPage } }
