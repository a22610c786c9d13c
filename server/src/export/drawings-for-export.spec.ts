import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite.ts';
import { drawingsForExport } from './drawings-for-export.ts';

const png = (last: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, last]);

describe('drawingsForExport [DRAW4]', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('titles each kept drawing image in canvas order, for the PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kinboard-export-'));
    dirs.push(dir);
    const store = new SqliteStore(path.join(dir, 'kinboard.db'));
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
      expect(await drawingsForExport(store, 'm1')).toEqual([]);
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
      expect(await drawingsForExport(store, 'm1')).toEqual([
        { title: 'Three houses', png: png(2) },
        { title: 'Words and pictures', png: png(1) },
      ]);
    } finally {
      await store.close();
    }
  });
});
