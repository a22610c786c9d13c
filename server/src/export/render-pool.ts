import os from 'node:os';
import type { ExportDocument } from '@kinboard/shared/export/index';
import type { Piscina } from 'piscina';
import type { DrawingPngProblem } from './drawing-png.ts';
import type { PdfOptions } from './pdf-export.ts';

/**
 * PDF and Word rendering and PNG decoding, in worker threads [EXPORT4]: a 50-rule plan's PDF is
 * 100-800 ms of layout and shaping, and decoding a drawing's pixels tens of ms; on the event loop
 * either would hold up every meeting's edits and presence meanwhile.
 */
export interface RenderPool {
  pdf(document: ExportDocument, options?: PdfOptions): Promise<Uint8Array>;
  docx(document: ExportDocument): Promise<Uint8Array>;
  /** Why a drawing's PNG cannot go into an export, or undefined when it can (`drawingPngProblem`). */
  pngProblem(png: Uint8Array): Promise<DrawingPngProblem | undefined>;
  close(): Promise<void>;
}

/**
 * One worker per core but one, at most four: the main thread keeps a core for the meetings. The
 * first thread starts with the first task (each reads the fonts once, about 3 MB); threads past
 * the first stop after a minute idle. Tasks beyond the threads wait in the pool's queue.
 */
export function createRenderPool(
  threads = Math.min(4, Math.max(1, os.availableParallelism() - 1)),
): RenderPool {
  // Loaded with the first task, so a server's start (and its clients' return) does not wait for it.
  let pool: Promise<Piscina> | undefined;
  const run = async <T>(name: string, task: unknown): Promise<T> => {
    pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: new URL('./render-worker.ts', import.meta.url).href,
          minThreads: 1,
          maxThreads: threads,
          idleTimeout: 60_000,
        }),
    );
    return (await pool).run(task, { name }) as Promise<T>;
  };
  return {
    pdf: (document, options = {}) => run('pdf', { document, options }),
    docx: (document) => run('docx', { document }),
    pngProblem: (png) => run('pngProblem', { png }),
    close: async () => {
      const running = pool;
      pool = undefined;
      await (await running)?.destroy();
    },
  };
}
