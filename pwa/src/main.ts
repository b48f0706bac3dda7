// PWA entry: creates the VaultClient and ShareClient (state/connect.ts) and hands them to <vb-app>, which owns the rest;
// registers the service worker (sw/register-service-worker.ts) for the app shell and streamed transfers.
import './vb-app.js';
import { connectClients } from './state/connect.js';
import { registerServiceWorker } from './sw/register-service-worker.js';

const app = document.querySelector('vb-app');
if (app) {
  connectClients().then((clients) => { app.shareClient = clients.shares; app.dropClient = clients.drops; app.pairingClient = clients.pairing; app.client = clients.vault; }, (error: unknown) => { app.startError = error; });
}
registerServiceWorker();
