// Entry of the dev page (pwa/dev.html, never part of the shipped build): the app on the in-memory
// client. Query: ?files=10000 (bulk files), ?state=signed-out|locked|unlocked, ?unconfirmed, ?remembered.
import '../../vb-app.js';
import { MemoryVaultClient } from './memory-vault-client.js';

const q = new URLSearchParams(location.search);
const state = q.get('state');
const app = document.querySelector('vb-app');
if (app) {
  app.client = new MemoryVaultClient({
    bulkFiles: Number(q.get('files') ?? 0),
    startState: state === 'signed-out' || state === 'locked' ? state : 'unlocked',
    recoveryKeyConfirmed: !q.has('unconfirmed'),
    deviceRemembered: q.has('remembered'),
  });
}
