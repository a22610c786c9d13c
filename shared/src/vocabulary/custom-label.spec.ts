import { describe, expect, it } from 'vitest';
import { capitalise, parseCustomLabel } from './custom-label.ts';

describe('custom labels', () => {
  it.each([
    'Stability',
    'Belonging',
    'Independence',
    '  belonging ',
    "Children's Voice",
    'Well-being at home',
  ])('accepts %j', (raw) =>
    expect(parseCustomLabel(raw)).toEqual({ ok: true, label: capitalise(raw.trim()) }),
  );

  it.each([
    ['', 'too short'],
    ['S', 'too short'],
    ['Stability and Independence and more', 'too long'],
    ['Signs of Stability', 'repeats "Signs of"'],
    ['Safety', 'is a vocabulary'],
    ['success', 'is a vocabulary'],
    ['<b>Safe</b>', 'markup'],
    ['Level 3', 'digits'],
    [42, 'not text'],
  ])('refuses %j (%s) with a plain sentence', (raw, _why) => {
    const result = parseCustomLabel(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
  });
});
