import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { messagesPlugin } from './messages-plugin.ts';

export default defineConfig({
  plugins: [messagesPlugin(), sveltekit()],
  build: {
    // tldraw fetches its translations with fetch(): a small one inlined as a data: URL would be
    // refused by connect-src 'self'. Its fonts, icons and translations stay files Kinboard serves.
    assetsInlineLimit: (file) => (file.includes('@tldraw/assets') ? false : undefined),
  },
});
