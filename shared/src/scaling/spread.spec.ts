import { describe, expect, it } from 'vitest';
import { spreadOf } from './spread.ts';

describe('spreadOf', () => {
  it('has no spread without numbers', () => {
    expect(spreadOf([])).toBeUndefined();
  });

  it('gives the lowest, the highest and the middle number', () => {
    expect(spreadOf([7, 2, 5])).toEqual({ lowest: 2, highest: 7, middle: 5, count: 3 });
    expect(spreadOf([4])).toEqual({ lowest: 4, highest: 4, middle: 4, count: 1 });
  });

  it('takes halfway between the two middle numbers of an even count, and is not dragged by one outlier', () => {
    expect(spreadOf([2, 3, 4, 10])).toEqual({ lowest: 2, highest: 10, middle: 3.5, count: 4 });
    expect(spreadOf([0, 6, 6, 7, 6])?.middle).toBe(6);
  });
});
