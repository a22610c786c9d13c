import { hasPngSignature, maxDrawingImagePixels, maxDrawingImageSide } from '@kinboard/shared';
import { PNG } from 'pngjs';
import { pngSize } from './png-size.ts';

export type DrawingPngProblem =
  'not a PNG' | 'no PNG header' | 'no pixels' | 'too many pixels' | 'does not decode';

/**
 * Why a drawing image cannot go into an export, or undefined when it can [DRAW4]. It is decoded
 * in full (every chunk's checksum, the compressed pixels), because the PDF and Word writers trust
 * what they embed: a PNG broken past its signature fails a whole export, or makes a file that
 * will not open. The size is read from the header first, so a small file that claims a huge
 * picture is refused before its pixels are unpacked into memory.
 */
export function drawingPngProblem(png: Uint8Array): DrawingPngProblem | undefined {
  if (!hasPngSignature(png)) return 'not a PNG';
  let size: { width: number; height: number };
  try {
    size = pngSize(png);
  } catch {
    return 'no PNG header';
  }
  if (size.width < 1 || size.height < 1) return 'no pixels';
  if (size.width > maxDrawingImageSide || size.height > maxDrawingImageSide) return 'too many pixels';
  if (size.width * size.height > maxDrawingImagePixels) return 'too many pixels';
  try {
    PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch {
    return 'does not decode';
  }
  return undefined;
}
