import { describe, expect, it } from 'vitest';
import { closeCodeName, closeCodes, shouldRetry } from './close-codes.ts';

describe('close codes', () => {
  it('are unique and in the application range', () => {
    const values = Object.values(closeCodes);
    expect(new Set(values).size).toBe(values.length);
    for (const code of values) expect(code).toBeGreaterThanOrEqual(4000);
  });

  it('stop retrying after a refusal and retry after a restart or a drop', () => {
    for (const code of [
      closeCodes.notAdmitted,
      closeCodes.forbidden,
      closeCodes.unknownDocument,
      closeCodes.tooOld,
      1009,
    ])
      expect(shouldRetry(code)).toBe(false);
    for (const code of [1006, 1012, closeCodes.unavailable, closeCodes.serverError, closeCodes.timedOut])
      expect(shouldRetry(code)).toBe(true);
  });

  it('name a code', () => {
    expect(closeCodeName(4404)).toBe('unknownDocument');
    expect(closeCodeName(1000)).toBeUndefined();
  });
});
