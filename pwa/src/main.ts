// PWA entry: creates the VaultClient and ShareClient (state/connect.ts) and hands them to <vb-app>, which owns the rest;
// registers the service worker (sw/register-service-worker.ts) for the app shell and streamed transfers, and hands
// <vb-app> its updates, the transfers to wait for before one is taken (state/transfer-activity.ts, folder sync
// passes included: state/folder-sync-activity.ts), and the browser's install offer, caught from the first moment
// (state/install-offer.ts).
import './vb-app.js';
import { connectClients } from './state/connect.js';
import { registerServiceWorker } from './sw/register-service-worker.js';
import { TransferActivity, trackTransfers } from './state/transfer-activity.js';
import { trackFolderSync } from './state/folder-sync-activity.js';
import { InstallOffer } from './state/install-offer.js';

const app = document.querySelector('vb-app');
const transfers = new TransferActivity();
const install = new InstallOffer();
if (app) {
  app.transfers = transfers;
  app.installOffer = install;
  connectClients().then((raw) => {
    const clients = trackTransfers(raw, transfers);
    trackFolderSync(clients.folderSync, transfers);
    app.shareClient = clients.shares; app.dropClient = clients.drops; app.pairingClient = clients.pairing; app.helperClient = clients.helpers; app.folderSyncClient = clients.folderSync; app.client = clients.vault;
  }, (error: unknown) => { app.startError = error; });
}
void registerServiceWorker().then((updates) => { if (app) app.updates = updates; });
