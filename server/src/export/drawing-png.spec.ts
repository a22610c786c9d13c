import { maxDrawingImageSide } from '@kinboard/shared';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawingPngProblem } from './drawing-png.ts';

const png = (width: number, height: number) => new Uint8Array(PNG.sync.write(new PNG({ width, height })));

describe('drawingPngProblem [DRAW4]', () => {
  it('accepts a whole PNG up to the largest side', () => {
    expect(drawingPngProblem(png(1, 1))).toBeUndefined();
    expect(drawingPngProblem(png(maxDrawingImageSide, 1))).toBeUndefined();
  });

  it('refuses what is not a PNG, or is one only in its first bytes', () => {
    const whole = png(20, 10);
    expect(drawingPngProblem(new TextEncoder().encode('GIF89a, not a png'))).toBe('not a PNG');
    expect(drawingPngProblem(whole.subarray(0, 12))).toBe('no PNG header');
    expect(drawingPngProblem(whole.subarray(0, whole.length - 20))).toBe('does not decode');
    const flipped = whole.slice();
    flipped[flipped.length - 20]! ^= 0xff; // a damaged byte fails the chunk's checksum
    expect(drawingPngProblem(flipped)).toBe('does not decode');
  });

  it('refuses a picture wider or taller than the bound, or with no pixels, before unpacking it', () => {
    expect(drawingPngProblem(png(maxDrawingImageSide + 1, 1))).toBe('too many pixels');
    expect(drawingPngProblem(png(1, maxDrawingImageSide + 1))).toBe('too many pixels');
    // Within the side bound each way, but more pixels than are worth decoding (header forged).
    const vast = png(1, 1);
    new DataView(vast.buffer).setUint32(16, 5000);
    new DataView(vast.buffer).setUint32(20, 4000);
    expect(drawingPngProblem(vast)).toBe('too many pixels');
    // A header claiming 0 pixels wide (its checksum no longer matters: the size is read first).
    const empty = png(1, 1);
    new DataView(empty.buffer).setUint32(16, 0);
    expect(drawingPngProblem(empty)).toBe('no pixels');
  });
});
