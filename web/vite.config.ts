import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { messagesPlugin } from './messages-plugin.ts';

export default defineConfig({
  plugins: [messagesPlugin(), sveltekit()],
});
