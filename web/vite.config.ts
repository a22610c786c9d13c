import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { messagesPlugin } from './messages-plugin.ts';

/**
 * The browser's libraries in three chunks rather than dozens of pieces: Rollup otherwise cuts
 * Svelte, Yjs and socket.io into a chunk per set of routes that share each piece, and a phone
 * on a slow link paid for each of some fifty requests (about half a kilobyte of headers each,
 * and a round trip) [LANG11]. Every screen needs Svelte; every board needs Yjs and socket.io.
 */
const libraryChunk = (id: string): string | undefined => {
  if (/node_modules\/(svelte|esm-env|@sveltejs\/kit)\//.test(id) || id.includes('vite/preload-helper'))
    return 'framework';
  if (/node_modules\/(yjs|lib0|y-protocols|y-websocket)\//.test(id)) return 'yjs';
  if (
    /node_modules\/(socket\.io-client|engine\.io-client|socket\.io-parser|engine\.io-parser|@socket\.io)\//.test(
      id,
    )
  )
    return 'socket';
  return undefined;
};

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [messagesPlugin(), sveltekit()],
  build: {
    rollupOptions: isSsrBuild ? {} : { output: { manualChunks: libraryChunk } },
    // tldraw fetches its translations with fetch(): a small one inlined as a data: URL would be
    // refused by connect-src 'self'. Its fonts, icons and translations stay files Kinboard serves.
    assetsInlineLimit: (file) => (file.includes('@tldraw/assets') ? false : undefined),
  },
}));
