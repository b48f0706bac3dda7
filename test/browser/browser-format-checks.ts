// The list of format checks the browser runs: everything with WebCrypto and the native codec, plus
// the VBX1 vectors and round trips again with fflate. Imported by the worker and by the Node driver
// (which needs the same names to register one uvu test per check).
import { formatChecks, roundTripChecks, vbx1Checks, type Check } from '../vectors/format-checks.js';

export function browserFormatChecks(): Check[] {
  const withFflate = [...vbx1Checks({ backend: 'webcrypto', codec: 'fflate' }), ...roundTripChecks({ backend: 'webcrypto', codec: 'fflate' })]
    .map((c) => ({ ...c, suite: `${c.suite} (fflate)` }));
  return [...formatChecks({ backend: 'webcrypto' }), ...withFflate];
}
