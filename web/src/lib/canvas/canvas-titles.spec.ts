import { drawingCanvases } from '@kinboard/shared';
import { exportWords } from '@kinboard/shared/export/index';
import { describe, expect, it } from 'vitest';
import { drawingWords } from '../words.ts';

describe('drawing titles', () => {
  it.each(drawingCanvases)('the English catalogue names %s as exports do', (canvas) => {
    expect(drawingWords.canvas[canvas]).toBe(exportWords.drawings.titles[canvas]);
  });
});
