// Builds the PWA (pwa/) into pwa/dist, which the relay serves. The crypto worker is bundled from
// worker/ as a module Web Worker; node-only modules (the node:crypto AES backend) stay out of the bundle.
// The service worker (pwa/src/sw/sw.ts) is built by vite-plugin-pwa with the injectManifest strategy
// into pwa/dist/sw.js, a classic script (Firefox runs no module service workers), with the list of
// built files to precache; the page registers it itself (pwa/src/sw/register-service-worker.ts), so no
// registration script is injected (the CSP allows no inline script); the web app manifest is generated
// from the options below and linked from index.html. Icons and screenshots are committed PNGs under
// pwa/public (pwa/scripts/make-icons.ts, make-screenshots.ts). Last, build-info.json gets the build hash
// over every built file ([Note: The build hash] in pwa/scripts/build-hash.ts).
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { buildInfoPlugin } from './pwa/scripts/build-info-plugin.js';

/** Safari takes its home-screen icon from this link rather than from the manifest's icons. */
const appleTouchIcon: Plugin = {
  name: 'veilbox-apple-touch-icon',
  transformIndexHtml: () => [{ tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon.png' }, injectTo: 'head' }],
};

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
      // The icons are precached by the glob below already; listed twice they would be fetched twice.
      includeManifestIcons: false,
      // The web app manifest (linked from index.html by the plugin): what an installed Veilbox is called
      // and looks like. `id` pins the app's identity to "/" whatever start_url becomes. `share_target`: an
      // installed app shows in a phone's share sheet; the service worker takes the POST
      // (pwa/src/sw/share-target-route.ts).
      manifest: {
        id: '/',
        name: 'Veilbox',
        short_name: 'Veilbox',
        description: 'Zero-knowledge file vault: your files are encrypted on this device before they reach the server.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#1f2a44',
        background_color: '#1f2a44',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        screenshots: [
          { src: '/screenshots/wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'Your files in Veilbox on a computer' },
          { src: '/screenshots/narrow.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: 'Your files in Veilbox on a phone' },
        ],
        share_target: {
          action: '/share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files', accept: ['image/*', 'video/*', 'audio/*', 'application/pdf', 'text/*', '*/*'] }] },
        },
      },
      injectManifest: {
        rollupFormat: 'iife',
        // Icons are kept for an offline start; screenshots only matter to the install dialog, online.
        globPatterns: ['**/*.{js,css,html,svg,wasm,png}'],
        globIgnores: ['screenshots/**'],
      },
    }),
    appleTouchIcon,
    buildInfoPlugin(),
  ],
});
