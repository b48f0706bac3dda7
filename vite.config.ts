// Builds the PWA (pwa/) into pwa/dist, which the relay serves. The crypto worker is bundled from
// worker/ as a module Web Worker; node-only modules (the node:crypto AES backend) stay out of the bundle.
import { defineConfig } from 'vite';

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
});
