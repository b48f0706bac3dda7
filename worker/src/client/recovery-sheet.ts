// The recovery key as handed to the user once: typed text, QR payload and a key file. The key file is
// comment lines (starting with "#") around the key, so `keyFromText` accepts the whole file as it is.
import { decodeRecoveryKey, encodeRecoveryKey } from '../keys/recovery-key-text.js';

export interface RecoverySheet { text: string; qrPayload: string; keyFileText: string; keyFileName: string }

export function recoverySheet(recoveryKey: Uint8Array, login: string): RecoverySheet {
  const grouped = encodeRecoveryKey(recoveryKey);
  const text = grouped.replace(/-/g, '');
  const keyFileText = [
    `# Veilbox recovery key for the account "${login}".`,
    '# It opens your vault instead of your password. Keep it somewhere safe and offline;',
    '# anyone who has it and your login name can read your files. If you lose both this key',
    '# and your password, your files can\'t be recovered by anyone.',
    grouped,
    '',
  ].join('\n');
  const safeLogin = login.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'account';
  return { text, qrPayload: text, keyFileText, keyFileName: `veilbox-recovery-key-${safeLogin}.txt` };
}

/** The typed key or a whole key file: comment lines go, separators and whitespace are ignored. */
export function keyFromText(text: string): Uint8Array {
  const body = text.split(/\r?\n/).filter((line) => !line.trimStart().startsWith('#')).join('');
  return decodeRecoveryKey(body);
}
