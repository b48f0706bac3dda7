// @veilbox/worker's public API for every environment (browser worker, Node): the VBX1 format and
// the key hierarchy. worker.ts exposes these through comlink; node.ts adds Node stream helpers.
export * from './format/index.js';
export * from './keys/index.js';
