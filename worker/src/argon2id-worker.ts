// A worker made for one Argon2id derivation and ended after it ([Note: Argon2id in a throwaway worker]):
// takes { password, salt, cost, outputBytes }, answers { key } or { message }.
import { argon2idInThisThread, type Argon2idCost } from './format/argon2id.js';

interface Argon2idJob { password: Uint8Array; salt: Uint8Array; cost: Argon2idCost; outputBytes: number }

self.onmessage = async (event: MessageEvent<Argon2idJob>) => {
  const { password, salt, cost, outputBytes } = event.data;
  try {
    const key = await argon2idInThisThread(password, salt, cost, outputBytes);
    password.fill(0);
    self.postMessage({ key }, { transfer: [key.buffer] });
  } catch (error) {
    self.postMessage({ message: error instanceof Error ? error.message : String(error) });
  }
};
