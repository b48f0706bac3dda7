// Runs the shared format checks (test/vectors/format-checks.ts) inside a Web Worker, behind comlink:
// the same code path the PWA's crypto worker takes, with the WebCrypto backend. The VBX1 checks run a
// second time with the fflate codec, the path of browsers without a native deflate-raw.
import * as Comlink from 'comlink';
import { browserFormatChecks } from './browser-format-checks.js';

const checks = browserFormatChecks();

const api = {
  list(): { suite: string; name: string }[] {
    return checks.map(({ suite, name }) => ({ suite, name }));
  },
  async run(suite: string, name: string): Promise<{ ok: boolean; message?: string }> {
    const check = checks.find((c) => c.suite === suite && c.name === name);
    if (!check) return { ok: false, message: `no check ${suite} / ${name} in the browser bundle` };
    try {
      await check.run();
      return { ok: true };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  },
};

export type FormatChecksApi = typeof api;
Comlink.expose(api);
