/** A PNG's size in pixels from its header (IHDR), so a picture can be fitted to a page before it is drawn. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.byteLength < 24 || view.getUint32(12) !== 0x49484452) throw new Error('a drawing is not a PNG');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
