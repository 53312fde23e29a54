// MX's verifiable credentials are JWTs signed with EdDSA (Ed25519) by a did:dht issuer. The simulator's
// issuer key is derived from the world's seed, so one seed gives the same issuer and the same signatures,
// and a verifier can check them against the public key in the issuer's did (its z-base-32 suffix).
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';

/** The DER prefix of a PKCS #8 Ed25519 private key, before its 32-byte seed (RFC 8410). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const Z_BASE32 = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** z-base-32, as did:dht writes a public key. */
export function zBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += Z_BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += Z_BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

export interface Issuer {
  did: string;
  /** The key id JWT headers name (`<did>#0`). */
  kid: string;
  publicKey: Uint8Array;
  privateKey: KeyObject;
}

const issuers = new Map<string, Issuer>();

/** The world's issuer: an Ed25519 key from the seed, and the did:dht of its public key. */
export function issuerOf(seed: string): Issuer {
  let issuer = issuers.get(seed);
  if (!issuer) {
    const secret = createHash('sha256').update(`mx-sim verifiable credential issuer\u0000${seed}`).digest();
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, secret]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
    const did = `did:dht:${zBase32(publicKey)}`;
    issuer = { did, kid: `${did}#0`, publicKey, privateKey };
    issuers.set(seed, issuer);
  }
  return issuer;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS of `payload`, signed by the issuer (EdDSA). */
export function signJwt(issuer: Issuer, payload: object): string {
  const input = `${part({ alg: 'EdDSA', kid: issuer.kid, typ: 'JWT' })}.${part(payload)}`;
  const signature = sign(null, Buffer.from(input), issuer.privateKey).toString('base64url');
  return `${input}.${signature}`;
}
