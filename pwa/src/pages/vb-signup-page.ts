// <vb-signup-page>: creating an account (login name, password with the strength meter), then showing
// the recovery key once; the vault opens only after the user confirms they saved it.
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RecoveryKeySheet, VaultClient } from '../state/vault-client.js';
import { describeError } from '../state/vault-error.js';
import { estimateStrength, minimumScore } from '../state/password-strength.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce, navigate, reportError } from '../components/events.js';
import '../components/vb-password-strength.js';
import '../components/vb-recovery-key.js';
import { accountPageStyles } from './page-styles.js';

@customElement('vb-signup-page')
export class VbSignupPage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles];

  @property({ attribute: false }) client!: VaultClient;
  @state() private login = '';
  @state() private password = '';
  @state() private repeat = '';
  @state() private invite = '';
  @state() private showInvite = false;
  @state() private busy = false;
  @state() private problem = '';
  @state() private sheet: RecoveryKeySheet | null = null;

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const login = this.login.trim();
    this.problem = !login ? 'Choose a login name.'
      : estimateStrength(this.password, [login]).score < minimumScore ? 'Choose a stronger password: the meter must show at least "Strong".'
      : this.password !== this.repeat ? 'The two passwords are different.' : '';
    if (this.problem) { announce(this, this.problem, true); return; }
    this.busy = true;
    try {
      const { recoveryKey } = await this.client.signUp(login, this.password, this.invite ? { inviteCode: this.invite } : undefined);
      this.password = this.repeat = '';
      this.sheet = recoveryKey;
      announce(this, 'Vault created. Save your recovery key now.');
    } catch (err) {
      const t = describeError(err);
      this.problem = `${t.title}. ${t.message}`;
      if (t.title.startsWith('Invitation')) this.showInvite = true;
      announce(this, this.problem, true);
    } finally {
      this.busy = false;
    }
  }

  private async confirmed(): Promise<void> {
    this.busy = true;
    try {
      await this.client.confirmRecoverySaved();
      this.sheet = null;
      navigate(this, { page: 'files', folderId: null }, true);
    } catch (err) {
      reportError(this, 'Couldn\'t record that the key is saved', err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.sheet) {
      return html`<div class="column wide"><div class="card">
        <h1>Your recovery key</h1>
        <vb-recovery-key .sheet=${this.sheet} ?busy=${this.busy} @vb-recovery-confirmed=${this.confirmed}></vb-recovery-key>
      </div></div>`;
    }
    const bind = (k: 'login' | 'password' | 'repeat' | 'invite') => (e: Event) => { this[k] = (e.target as HTMLInputElement).value; };
    return html`<div class="column">
      <div class="brand"><span class="logo" aria-hidden="true">V</span> Veilbox</div>
      <div class="card">
        <h1>Create your vault</h1>
        <p class="lead">Everything is encrypted on this device. The server never sees your password, your files or their names.</p>
        <form @submit=${this.submit} novalidate>
          <div class="field"><label for="login">Login name</label>
            <input id="login" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" .value=${this.login} @input=${bind('login')} />
            <span class="hint">The server sees this name; pick one that doesn't reveal more than you want.</span></div>
          <div class="field"><label for="password">Password</label>
            <input id="password" type="password" autocomplete="new-password" aria-describedby="strength" .value=${this.password} @input=${bind('password')} /></div>
          <vb-password-strength id="strength" .password=${this.password} .context=${[this.login]}></vb-password-strength>
          <div class="field"><label for="repeat">Password again</label>
            <input id="repeat" type="password" autocomplete="new-password" .value=${this.repeat} @input=${bind('repeat')} /></div>
          ${this.showInvite ? html`<div class="field"><label for="invite">Invitation code</label>
            <input id="invite" type="text" autocomplete="off" .value=${this.invite} @input=${bind('invite')} /></div>` : ''}
          ${this.problem ? html`<div class="alert" role="alert">${this.problem}</div><p></p>` : ''}
          <button class="primary block" type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating the vault… (this takes a few seconds)' : 'Create vault'}</button>
        </form>
      </div>
      <p class="switch">Already have a vault? <a href="/login">Log in</a></p>
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-signup-page': VbSignupPage } }
