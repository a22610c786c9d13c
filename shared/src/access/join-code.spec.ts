import { describe, expect, it } from 'vitest';
import {
  formatJoinCodeForReading,
  isJoinCode,
  joinCodeAlphabet,
  joinCodeLength,
  joinCodeSchema,
  makeJoinCode,
} from './join-code.ts';

const cryptoBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count));

describe('join codes', () => {
  it('have no look-alike characters', () => {
    for (const lookAlike of ['0', 'O', '1', 'I', 'L']) expect(joinCodeAlphabet).not.toContain(lookAlike);
    expect(new Set(joinCodeAlphabet).size).toBe(joinCodeAlphabet.length);
    expect(joinCodeAlphabet).toBe(joinCodeAlphabet.toUpperCase());
  });

  it('are made only of the alphabet, at the fixed length', () => {
    for (let i = 0; i < 200; i++) {
      const code = makeJoinCode(cryptoBytes);
      expect(code).toHaveLength(joinCodeLength);
      expect(isJoinCode(code)).toBe(true);
    }
  });

  it('throw away bytes that would make some characters likelier', () => {
    // 248 and above are rejected (248 = 8 * 31); 0 and 31 both map to the first character.
    const bytes = [255, 248, 0, 31, 1, 30, 62, 250, 5, 6, 7, 8, 0, 0, 0, 0];
    const code = makeJoinCode((count) => Uint8Array.from(bytes.splice(0, count)));
    expect(code).toBe('223Z2789');
  });

  it('[ACCESS6] accept what people type: any case, with or without the dash, spaces', () => {
    for (const typed of ['K7M4-QXR9', 'k7m4qxr9', ' k7m4-qxR9 ', 'K7M4 QXR9', 'k7-m4-qx-r9'])
      expect(joinCodeSchema.parse(typed)).toBe('K7M4QXR9');
  });

  it('refuse anything that cannot be a code', () => {
    // Six characters was the old length: too few to be safe, so no longer a code.
    for (const bad of [
      '',
      'K7M4QX',
      'K7M4QXR',
      'K7M4QXR9A',
      'K0M4QXR9',
      'K1M4QXR9',
      'KIM4QXR9',
      'KLM4QXR9',
      'KOM4QXR9',
    ])
      expect(joinCodeSchema.safeParse(bad).success).toBe(false);
  });

  it('[ACCESS6] are shown in two groups of four, which reads back to the same code', () => {
    expect(formatJoinCodeForReading('K7M4QXR9')).toBe('K7M4-QXR9');
    expect(joinCodeSchema.parse(formatJoinCodeForReading('K7M4QXR9'))).toBe('K7M4QXR9');
  });
});
