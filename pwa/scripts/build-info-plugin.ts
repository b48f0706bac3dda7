// A Vite plugin that writes pwa/dist/build-info.json (the build hash, [Note: The build hash] in
// build-hash.ts) once everything else is written, the service worker included: it runs after
// vite-plugin-pwa's own closeBundle.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { BUILD_INFO_FILE, buildInfoOf } from './build-hash.js';

export function buildInfoPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'veilbox-build-info',
    apply: 'build',
    enforce: 'post',
    configResolved(config: ResolvedConfig) { outDir = resolve(config.root, config.build.outDir); },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const info = buildInfoOf(outDir);
        writeFileSync(join(outDir, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
      },
    },
  };
}
