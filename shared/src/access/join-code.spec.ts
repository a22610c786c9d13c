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
    const bytes = [255, 248, 0, 31, 1, 30, 62, 250, 5, 6];
    const code = makeJoinCode((count) => Uint8Array.from(bytes.splice(0, count)));
    expect(code).toBe('223Z27');
  });

  it('accept what people type: lower case, spaces and dashes', () => {
    expect(joinCodeSchema.parse(' k7m-4qx ')).toBe('K7M4QX');
    expect(joinCodeSchema.parse('K7M 4QX')).toBe('K7M4QX');
  });

  it('refuse anything that cannot be a code', () => {
    for (const bad of ['', 'K7M4Q', 'K7M4QXX', 'K0M4QX', 'K1M4QX', 'KIM4QX', 'KLM4QX', 'KOM4QX'])
      expect(joinCodeSchema.safeParse(bad).success).toBe(false);
  });

  it('are shown in two groups of three', () => {
    expect(formatJoinCodeForReading('K7M4QX')).toBe('K7M 4QX');
  });
});
