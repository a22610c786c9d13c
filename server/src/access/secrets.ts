import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A fresh secret for a cookie or a setup link: 32 random bytes, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Ids for staff, families, meetings and guests: random, so they say nothing about order or count. */
export function newId(): string {
  return randomUUID();
}

/** What the store keeps instead of a secret: a copy of the table lets nobody in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
