// PWA entry: creates the VaultClient (state/connect.ts) and hands it to <vb-app>, which owns the rest;
// registers the service worker (sw/register-service-worker.ts) for the app shell and streamed transfers.
import './vb-app.js';
import { connectVaultClient } from './state/connect.js';
import { registerServiceWorker } from './sw/register-service-worker.js';

const app = document.querySelector('vb-app');
if (app) {
  connectVaultClient().then((client) => { app.client = client; }, (error: unknown) => { app.startError = error; });
}
registerServiceWorker();
