import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/open-store.ts';
import { drawingsForExport } from './drawings-for-export.ts';

/** A real PNG, `width` pixels wide and one high. */
const png = (width: number) => new Uint8Array(PNG.sync.write(new PNG({ width, height: 1 })));
/** The log lines written, as objects. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ base: undefined }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('drawingsForExport [DRAW4]', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('titles each kept drawing image in canvas order, for the PDF; one that cannot be read comes without its PNG', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-export-'));
    dirs.push(dir);
    const store = await openSqliteStore(path.join(dir, 'kinboard.db'));
    try {
      await store.createMeeting({
        family: { id: 'fam', name: 'Hollis', createdAt: 1 },
        meeting: {
          id: 'm1',
          familyId: 'fam',
          type: 'family-network-meeting',
          title: 'Review',
          date: '2026-12-01',
          state: 'open',
          createdAt: 1,
        },
        documents: [],
      });
      const { log, lines } = capturedLog();
      expect(await drawingsForExport(store, 'm1', log)).toEqual([]);
      await store.saveDrawingImage({
        meetingId: 'm1',
        canvas: 'story',
        png: png(1),
        updatedAt: 2,
        updatedBy: 'staff:s',
      });
      await store.saveDrawingImage({
        meetingId: 'm1',
        canvas: 'houses',
        png: png(2),
        updatedAt: 3,
        updatedBy: 'staff:s',
      });
      expect(await drawingsForExport(store, 'm1', log)).toEqual([
        { title: 'Three houses', png: png(2) },
        { title: 'Words and pictures', png: png(1) },
      ]);
      expect(lines).toEqual([]);

      // Only the signature of a PNG, kept past the upload's checks: it comes without its picture, and is logged.
      await store.saveDrawingImage({
        meetingId: 'm1',
        canvas: 'genogram',
        png: png(3).subarray(0, 12),
        updatedAt: 4,
        updatedBy: 'staff:s',
      });
      expect(await drawingsForExport(store, 'm1', log)).toEqual([
        { title: 'Genogram and safety circles', png: null },
        { title: 'Three houses', png: png(2) },
        { title: 'Words and pictures', png: png(1) },
      ]);
      expect(lines).toMatchObject([
        { level: 40, meetingId: 'm1', canvas: 'genogram', problem: 'no PNG header' },
      ]);
    } finally {
      await store.close();
    }
  });
});
