// [Note: Native modules in the Windows build]
// A Node single executable carries one script and nothing else, and its `require` reaches only Node's
// built-in modules. The helper's two native dependencies are therefore swapped, at bundle time, for
// small stand-ins that load the real binary from beside VeilboxHelper.exe through module.createRequire:
//  - @parcel/watcher: its JS wrapper is bundled; its Windows binary comes from the npm package
//    @parcel/watcher-win32-x64 (a prebuilt watcher.node inside the package itself) and is installed
//    as native\watcher.node. It is loaded on the first call, so commands that don't watch never touch it.
//  - better-sqlite3: its Windows binary is published only on GitHub releases, which the build can't
//    reach, and it can't be cross-compiled here. The stand-in is better-sqlite3-on-wasm.ts: the same
//    calls over node-sqlite3-wasm (SQLite in WebAssembly, with file access), whose npm package is
//    installed beside the exe. Loaded on the first `new Database()`, so a missing one fails only there.
//  - @primno/dpapi (the device key, loaded by name at run time) has its Windows binary inside its npm
//    package: it is installed, with node-gyp-build, as node_modules\ beside the exe, where the
//    script's `require` finds it: seaRequireBanner routes every non-built-in id there, so optional
//    add-ons (ws's bufferutil) fail quietly as "not found", as they do outside the executable.
// windows-helper/README.md says the same for users; build-windows.ts copies the files named here.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/**
 * Replaces the single executable's built-ins-only `require` (a parameter of the script's wrapper, so
 * `var` may shadow it) by one that resolves everything else from the exe's folder (node_modules\).
 */
export const seaRequireBanner = `var require = (function (seaRequire) {
  var nodeModule = seaRequire("node:module");
  var besideExe = nodeModule.createRequire(seaRequire("node:path").join(seaRequire("node:path").dirname(process.execPath), "loader.cjs"));
  return function (id) { return nodeModule.isBuiltin(id) ? seaRequire(id) : besideExe(id); };
})(require);`;

/** The packages installed in node_modules\ beside the exe, their npm versions, and what of each to keep. */
export const shippedPackages = [
  { name: '@primno/dpapi', version: '2.0.1', keep: ['package.json', 'LICENSE', 'dist', 'prebuilds/win32-x64'] },
  { name: 'node-gyp-build', version: '4.8.4', keep: ['package.json', 'LICENSE', 'index.js', 'node-gyp-build.js'] },
  { name: 'node-sqlite3-wasm', version: '0.8.60', keep: ['package.json', 'LICENSE', 'dist'] },
] as const;

/** Folder, under the install folder, that holds the native binaries. */
export const nativeDir = 'native';
export const watcherBinary = 'watcher.node';

const namespace = 'veilbox-native';

// Each runs inside the SEA, where `require` is the built-ins-only one.
const loaderPrelude = `
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const besideExe = (...parts) => createRequire(join(dirname(process.execPath), ...parts, 'loader.cjs'));
`;

function watcherStandIn(wrapperPath: string): string {
  return `${loaderPrelude}
const { createWrapper } = require(${JSON.stringify(wrapperPath)});
let wrapper;
function load() {
  if (!wrapper) {
    try {
      wrapper = createWrapper(besideExe(${JSON.stringify(nativeDir)})('./${watcherBinary}'));
    } catch (cause) {
      throw new Error('The folder watcher (${nativeDir}\\\\${watcherBinary}) could not be loaded: reinstall the Veilbox helper.', { cause });
    }
  }
  return wrapper;
}
exports.writeSnapshot = (...a) => load().writeSnapshot(...a);
exports.getEventsSince = (...a) => load().getEventsSince(...a);
exports.subscribe = (...a) => load().subscribe(...a);
exports.unsubscribe = (...a) => load().unsubscribe(...a);
`;
}

function sqliteStandIn(shimPath: string): string {
  return `${loaderPrelude}
const { betterSqliteOnWasm } = require(${JSON.stringify(shimPath)});
let Real;
function load() {
  if (!Real) {
    try {
      Real = betterSqliteOnWasm(besideExe('node_modules')('node-sqlite3-wasm'));
    } catch (cause) {
      const error = new Error('SQLite (node_modules\\\\node-sqlite3-wasm) could not be loaded, so the helper cannot keep sync state: reinstall the Veilbox helper.', { cause });
      error.name = 'SqliteMissing';
      throw error;
    }
  }
  return Real;
}
function Database(...args) { const D = load(); return new D(...args); }
module.exports = Database;
module.exports.default = Database;
`;
}

/** The esbuild plugin that puts the stand-ins in place of the two native packages. */
export function nativeModulesPlugin(resolveFrom: string): Plugin {
  return {
    name: 'veilbox-native-modules',
    setup(build) {
      build.onResolve({ filter: /^(@parcel\/watcher|better-sqlite3)$/ }, (args) => ({ path: args.path, namespace }));
      build.onLoad({ filter: /.*/, namespace }, async (args) => {
        if (args.path === 'better-sqlite3') {
          const shim = fileURLToPath(new URL('./better-sqlite3-on-wasm.ts', import.meta.url));
          return { contents: sqliteStandIn(shim), loader: 'js', resolveDir: dirname(shim) };
        }
        // The wrapper's own dependencies (picomatch, is-glob) resolve from its folder and are bundled.
        const resolved = await build.resolve('@parcel/watcher/wrapper.js', { kind: 'require-call', resolveDir: resolveFrom });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { contents: watcherStandIn(resolved.path), loader: 'js', resolveDir: dirname(resolved.path) };
      });
    },
  };
}

/** Where the watcher's binary goes inside the install tree. */
export function watcherTarget(installTree: string): string {
  return join(installTree, nativeDir, watcherBinary);
}
