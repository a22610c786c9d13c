import { drawingCanvases } from '@kinboard/shared';
import { exportWords } from '@kinboard/shared/export/index';
import { describe, expect, it } from 'vitest';
import { canvasNames } from '../i18n/board-names.ts';

describe('drawing titles', () => {
  it.each(drawingCanvases)('the English catalogue names %s as exports do', (canvas) => {
    expect(canvasNames[canvas]).toBe(exportWords.drawings.titles[canvas]);
  });
});
