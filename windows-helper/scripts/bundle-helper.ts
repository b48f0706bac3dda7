// Step 1 of the Windows build: the helper's TypeScript, with worker/ and its npm dependencies, as one
// CommonJS file for Node 20 (a single executable runs one CommonJS script). The native packages are
// swapped for stand-ins ([Note: Native modules in the Windows build], native-modules.ts).
import { join } from 'node:path';
import { build } from 'esbuild';
import { nativeModulesPlugin, seaRequireBanner } from './native-modules.js';

/** The helper's command line, the executable's one entry. */
export function helperEntry(helperDir: string): string {
  return join(helperDir, 'src', 'cli.ts');
}

/** Bundles `entry` (the CLI unless given: the tests bundle a probe the same way) into `outfile`. */
export async function bundleHelper(helperDir: string, outfile: string, entry = helperEntry(helperDir)): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: false,
    sourcemap: false,
    legalComments: 'inline',
    // Node 20 runs no import() inside a single executable: esbuild turns each into a require().
    supported: { 'dynamic-import': false },
    // ESM code reads import.meta.url; in the single executable the script's own file is the exe.
    define: { 'import.meta.url': '__veilboxImportMetaUrl' },
    banner: { js: `${seaRequireBanner}\nvar __veilboxImportMetaUrl = require("node:url").pathToFileURL(process.execPath).href;` },
    plugins: [nativeModulesPlugin(helperDir)],
    logLevel: 'warning',
  });
  if (result.errors.length > 0) throw new Error(`esbuild could not bundle ${entry}.`);
  return entry;
}
