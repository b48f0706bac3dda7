// Builds the PWA (pwa/) into pwa/dist, which the relay serves. The crypto worker is bundled from
// worker/ as a module Web Worker; node-only modules (the node:crypto AES backend) stay out of the bundle.
// The service worker (pwa/src/sw/sw.ts) is built by vite-plugin-pwa with the injectManifest strategy
// into pwa/dist/sw.js, a classic script (Firefox runs no module service workers), with the list of
// built files to precache; the page registers it itself (pwa/src/sw/register-service-worker.ts), so no
// registration script is injected (the CSP allows no inline script); the web app manifest is generated
// from the options below and linked from index.html.
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
      // The web app manifest (linked from index.html by the plugin). `share_target`: an installed app
      // shows in a phone's share sheet; the service worker takes the POST (pwa/src/sw/share-target-route.ts).
      manifest: {
        name: 'Veilbox',
        short_name: 'Veilbox',
        description: 'Zero-knowledge file vault.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#1f2a44',
        background_color: '#1f2a44',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
        share_target: {
          action: '/share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files', accept: ['image/*', 'video/*', 'audio/*', 'application/pdf', 'text/*', '*/*'] }] },
        },
      },
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,wasm}'],
      },
    }),
  ],
});
