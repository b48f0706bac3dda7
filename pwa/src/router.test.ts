// Unit tests for router.ts: every route round-trips; unknown paths are not-found.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRoute, routeHref, needsVault, type Route } from './router.js';

test('every route parses and formats back', () => {
  const routes: Route[] = [
    { page: 'home' }, { page: 'login' }, { page: 'signup' }, { page: 'files', folderId: null },
    { page: 'files', folderId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' }, { page: 'trash' }, { page: 'settings' },
    { page: 'devices' }, { page: 'share', shareId: 'abc_DEF-1' }, { page: 'drop', dropId: 'x1' }, { page: 'pair' }, { page: 'sync' },
  ];
  for (const r of routes) assert.equal(parseRoute(routeHref(r)), r);
});

test('trailing slashes are tolerated; unknown paths are not-found', () => {
  assert.equal(parseRoute('/settings/'), { page: 'settings' });
  assert.equal(parseRoute('/files/a/b'), { page: 'not-found', path: '/files/a/b' });
  assert.equal(parseRoute('/s/'), { page: 'not-found', path: '/s/' });
  assert.equal(parseRoute('/files/<script>'), { page: 'not-found', path: '/files/<script>' });
});

test('needsVault', () => {
  assert.ok(needsVault({ page: 'files', folderId: null }));
  assert.ok(needsVault({ page: 'sync' }));
  assert.not.ok(needsVault({ page: 'login' }));
  assert.not.ok(needsVault({ page: 'share', shareId: 'x' }));
});

test.run();
