import { describe, expect, it } from 'vitest';
import {
  closeCodeName,
  closeCodes,
  refusedEditReasonSchema,
  shouldRetry,
  startsAfresh,
} from './close-codes.ts';

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

  it('retry a refused edit only with a fresh copy of the document', () => {
    expect(shouldRetry(closeCodes.refusedEdit)).toBe(true);
    expect(startsAfresh(closeCodes.refusedEdit)).toBe(true);
    for (const code of [closeCodes.forbidden, 1006, closeCodes.outOfSync])
      expect(startsAfresh(code)).toBe(false);
    expect(refusedEditReasonSchema.safeParse('planLocked').success).toBe(true);
    expect(refusedEditReasonSchema.safeParse('the plan is locked').success).toBe(false);
  });

  it('name a code', () => {
    expect(closeCodeName(4404)).toBe('unknownDocument');
    expect(closeCodeName(1000)).toBeUndefined();
  });
});
