/**
 * The browser's half of Web Push encryption, for the stand-in push service (./mock-push.ts): a subscription's
 * keys (P-256 key pair + 16-byte auth secret, what `PushManager.subscribe()` makes), and the decryption of an
 * `aes128gcm` body (RFC 8188 content coding, keyed as RFC 8291 says), so a test reads what the phone would show.
 * Also the check of a VAPID `Authorization: vapid t=<JWT>, k=<key>` header (RFC 8292). node:crypto only.
 */
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
  type ECDH,
} from 'node:crypto';
import { z } from 'zod';

/** What a browser keeps for one subscription: the private key never leaves it. */
export interface UserAgentKeys {
  ecdh: ECDH;
  /** Uncompressed P-256 point, 65 bytes. */
  publicKey: Buffer;
  /** 16 random bytes shared with the sender. */
  auth: Buffer;
}

export function newUserAgentKeys(): UserAgentKeys {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  return { ecdh, publicKey, auth: randomBytes(16) };
}

export class DecryptError extends Error {
  override name = 'DecryptError';
}

const TAG = 16;
const HEADER = 16 + 4 + 1;

function hkdf(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/**
 * Decrypts one `Content-Encoding: aes128gcm` push message body. Header: salt(16) ‖ rs(uint32) ‖ idlen ‖ keyid, where
 * keyid is the sender's ephemeral public key; then records of `rs` bytes, each AES-128-GCM with its 16-byte tag,
 * whose plaintext ends in a delimiter (2 = last record, 1 = another follows) and zero padding.
 */
export function decryptAes128gcm(body: Buffer, keys: UserAgentKeys): Buffer {
  if (body.length < HEADER) throw new DecryptError('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body.readUInt8(20);
  if (rs < 18) throw new DecryptError(`record size ${rs} below 18`);
  if (idlen !== 65) throw new DecryptError('keyid is not an uncompressed P-256 public key');
  const senderPublic = body.subarray(HEADER, HEADER + idlen);
  let shared: Buffer;
  try {
    shared = keys.ecdh.computeSecret(senderPublic);
  } catch {
    throw new DecryptError('keyid is not a point on P-256');
  }
  // RFC 8291 §3.4: the input keying material binds the auth secret and both public keys.
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.publicKey, senderPublic]);
  const ikm = hkdf(shared, keys.auth, keyInfo, 32);
  // RFC 8188 §2.2/2.3: content-encryption key and nonce from the salt.
  const cek = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonceBase = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12);

  const records = body.subarray(HEADER + idlen);
  if (records.length === 0) throw new DecryptError('no record');
  const parts: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < records.length; offset += rs, seq += 1) {
    const record = records.subarray(offset, offset + rs);
    const last = offset + rs >= records.length;
    if (record.length <= TAG) throw new DecryptError('record shorter than its tag');
    const nonce = Buffer.from(nonceBase);
    // The record's sequence number is XORed into the nonce's low bits (a count of records fits in 32 of them).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - TAG));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG)), decipher.final()]);
    } catch {
      throw new DecryptError(`record ${seq} failed authentication`);
    }
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end -= 1;
    const delimiter = plain[end];
    if (delimiter !== (last ? 2 : 1)) throw new DecryptError(`record ${seq} has a wrong delimiter`);
    parts.push(plain.subarray(0, end));
  }
  return Buffer.concat(parts);
}

const Claims = z.object({ aud: z.string(), exp: z.number(), sub: z.string().optional() });

export interface VapidClaims {
  aud: string;
  exp: number;
  sub?: string;
  /** The application server's public key (base64url), from `k=`. */
  publicKey: string;
}

/**
 * Checks `Authorization: vapid t=<JWT>, k=<base64url public key>` (RFC 8292): an ES256 JWT signed by that key,
 * whose `aud` is the push service's origin and whose `exp` is in the future and at most 24 h away.
 * Returns the claims, or a reason (never the token) for a 401/403.
 */
export function checkVapid(
  header: string | undefined,
  origin: string,
  nowSeconds: number,
): VapidClaims | { reason: string } {
  const match = header ? /^vapid\s+(.+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) return { reason: 'no vapid authorization' };
  const params = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return { reason: 'vapid needs t= and k=' };
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) return { reason: 'k is not an uncompressed P-256 key' };
  const [head, payload, signature] = token.split('.');
  if (!head || !payload || !signature) return { reason: 't is not a JWT' };
  let publicKey;
  try {
    publicKey = createPublicKey({
      format: 'jwk',
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
    });
  } catch {
    return { reason: 'k is not a point on P-256' };
  }
  const signed = Buffer.from(`${head}.${payload}`);
  const good = verify(
    'sha256',
    signed,
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!good) return { reason: 'bad JWT signature' };
  let claims: z.infer<typeof Claims>;
  try {
    const parsed = Claims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) return { reason: 'JWT claims are not aud, exp, sub' };
    claims = parsed.data;
  } catch {
    return { reason: 'JWT payload is not JSON' };
  }
  const { aud, exp, sub } = claims;
  if (aud !== origin) return { reason: 'aud is not this push service' };
  if (exp <= nowSeconds || exp > nowSeconds + 24 * 3600) {
    return { reason: 'exp is past or more than 24 h away' };
  }
  return { aud, exp, sub, publicKey: key };
}
