import { randomBytes } from 'node:crypto';
import { makeJoinCode } from '@kinboard/shared/access/join-code';

/** A fresh join code from the operating system's random source. */
export function newJoinCode(): string {
  return makeJoinCode((count) => randomBytes(count));
}
