// PWA entry: creates the VaultClient (state/connect.ts) and hands it to <vb-app>, which owns the rest.
import './vb-app.js';
import { connectVaultClient } from './state/connect.js';

const app = document.querySelector('vb-app');
if (app) {
  connectVaultClient().then((client) => { app.client = client; }, (error: unknown) => { app.startError = error; });
}
