// http_ece (RFC 8188 Encrypted Content-Encoding, the aes128gcm of RFC 8291) has no types of its own;
// the tests decrypt Web Push messages with it the way a browser does.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  export interface DecryptParams {
    version: 'aes128gcm';
    /** The receiver's ECDH key pair (the browser's p256dh). */
    privateKey: ECDH;
    /** The subscription's 16-byte authentication secret (Buffer or base64url). */
    authSecret: Buffer | string;
  }

  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}
