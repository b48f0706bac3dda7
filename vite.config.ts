// Builds the PWA (pwa/) into pwa/dist, which the relay serves. The crypto worker is bundled from
// worker/ as a module Web Worker; node-only modules (the node:crypto AES backend) stay out of the bundle.
// The service worker (pwa/src/sw/sw.ts) is built by vite-plugin-pwa with the injectManifest strategy
// into pwa/dist/sw.js, a classic script (Firefox runs no module service workers), with the list of
// built files to precache; the page registers it itself (pwa/src/sw/register-service-worker.ts), so no
// registration script is injected (the CSP allows no inline script) and no web manifest is generated.
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: 'pwa',
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0, // CSP: no data: scripts/styles; every asset is a hashed file
    rollupOptions: { external: [/^node:/] },
  },
  worker: { format: 'es', rollupOptions: { external: [/^node:/] } },
  server: { host: '127.0.0.1' },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,wasm}'],
      },
    }),
  ],
});
