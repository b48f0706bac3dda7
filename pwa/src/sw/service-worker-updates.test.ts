// Unit tests for ServiceWorkerUpdates over fake registration and container objects: the first install is
// no update; a worker that installs beside an active one is `waiting`; apply() posts SKIP_WAITING to it and
// reloads only once it controls the page; a takeover nobody here accepted is `taken-over`, no reload.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceWorkerUpdates, type UpdateState } from './service-worker-updates.js';

class FakeWorker extends EventTarget {
  state = 'installing';
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void { this.posted.push(message); }
  become(state: string): void { this.state = state; this.dispatchEvent(new Event('statechange')); }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
  updates = 0;
  update(): Promise<void> { this.updates++; return Promise.resolve(); }
  /** A new worker appears and installs; it waits when another one is active. */
  install(worker: FakeWorker): void {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
    this.installing = null;
    if (this.active) this.waiting = worker;
    worker.become('installed');
  }
}

class FakeContainer extends EventTarget {
  controller: FakeWorker | null = null;
  control(worker: FakeWorker): void { this.controller = worker; this.dispatchEvent(new Event('controllerchange')); }
}

function setUp(options: { active?: boolean } = {}) {
  const registration = new FakeRegistration();
  const container = new FakeContainer();
  if (options.active) { registration.active = new FakeWorker(); container.controller = registration.active; }
  let reloads = 0;
  const updates = new ServiceWorkerUpdates(registration as unknown as ServiceWorkerRegistration, container as unknown as ServiceWorkerContainer, () => { reloads++; }, null);
  const states: UpdateState[] = [];
  updates.onChange((s) => states.push(s));
  return { registration, container, updates, states, reloads: () => reloads };
}

test('the first install is not an update, and its claim reloads nothing', () => {
  const f = setUp();
  const first = new FakeWorker();
  f.registration.install(first);
  f.registration.active = first;
  f.container.control(first);
  assert.is(f.updates.state, 'none');
  assert.equal(f.states, []);
  assert.is(f.reloads(), 0);
});

test('a new version waits; apply() asks it to take over and reloads once, when it controls the page', () => {
  const f = setUp({ active: true });
  const next = new FakeWorker();
  f.registration.install(next);
  assert.is(f.updates.state, 'waiting');
  assert.is(f.reloads(), 0, 'never a reload on its own');
  f.updates.apply();
  assert.equal(next.posted, [{ type: 'SKIP_WAITING' }]);
  assert.is(f.reloads(), 0, 'not before the new worker controls the page');
  f.container.control(next);
  f.container.control(next);
  assert.is(f.reloads(), 1);
});

test('a version already waiting at registration is offered at once', () => {
  const registration = new FakeRegistration();
  registration.active = new FakeWorker();
  registration.waiting = new FakeWorker();
  const updates = new ServiceWorkerUpdates(registration as unknown as ServiceWorkerRegistration, new FakeContainer() as unknown as ServiceWorkerContainer, () => undefined, null);
  assert.is(updates.state, 'waiting');
});

test('a version that was installing at registration is offered once it has installed', () => {
  const registration = new FakeRegistration();
  registration.active = new FakeWorker();
  const next = new FakeWorker();
  registration.installing = next;
  const updates = new ServiceWorkerUpdates(registration as unknown as ServiceWorkerRegistration, new FakeContainer() as unknown as ServiceWorkerContainer, () => undefined, null);
  assert.is(updates.state, 'none');
  registration.installing = null;
  registration.waiting = next;
  next.become('installed');
  assert.is(updates.state, 'waiting');
});

test('another tab took the update: taken-over, and no reload until the user asks', () => {
  const f = setUp({ active: true });
  const next = new FakeWorker();
  f.registration.install(next);
  f.registration.waiting = null;
  f.container.control(next);
  assert.is(f.updates.state, 'taken-over');
  assert.is(f.reloads(), 0);
  f.updates.apply();
  assert.is(f.reloads(), 1);
});

test('check() asks the registration for an update', async () => {
  const f = setUp({ active: true });
  await f.updates.check();
  assert.is(f.registration.updates, 1);
});

test.run();
