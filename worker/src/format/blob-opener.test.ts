// BlobOpener (behind openBlob / openStream): every tamper case of the shared checks gives the
// right error kind under both AEAD backends and releases nothing past the last intact chunk.
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import { tamperChecks } from '../../../test/vectors/tamper-checks.js';

runChecksWithUvu([...tamperChecks({ backend: 'node' }), ...tamperChecks({ backend: 'webcrypto' })]);
