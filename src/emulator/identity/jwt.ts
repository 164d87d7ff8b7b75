// Compact JWS with RS256, by node:crypto alone: what the emulated identity platform signs and checks.
import { constants, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';

export type Claims = Record<string, unknown>;

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function signJwt(claims: Claims, privateKey: KeyObject, header: Claims = {}): string {
  const head = encode({ typ: 'JWT', alg: 'RS256', ...header });
  const body = encode(claims);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

export interface Decoded {
  readonly header: Claims;
  readonly claims: Claims;
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** The parts of a compact JWS, or null when it is not one. Nothing is verified here. */
export function decodeJwt(token: string): Decoded | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!isRecord(header) || !isRecord(claims)) return null;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return null;
  }
}

/** RS256 (the platform's own tokens) or PS256 (MSAL's client assertions with a SHA-256 thumbprint). */
export function verifySignature(decoded: Decoded, publicKey: KeyObject | string): boolean {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const verify = createVerify('RSA-SHA256').update(decoded.signingInput);
  if (decoded.header.alg === 'RS256') return verify.verify(key, decoded.signature);
  if (decoded.header.alg === 'PS256') return verify.verify({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, decoded.signature);
  return false;
}

function isRecord(value: unknown): value is Claims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
