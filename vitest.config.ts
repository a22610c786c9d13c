import { defineConfig } from 'vitest/config';
import { messagesPlugin } from './web/messages-plugin.ts';

// Unit specs live beside the code; integration and fault tests talk to a real server process.
export default defineConfig({
  test: {
    projects: [
      {
        // The web specs read words from the compiled catalogue: compile it first, as the build does.
        plugins: [messagesPlugin()],
        test: {
          name: 'unit',
          // PDF renders and PostgreSQL schemas take seconds on a loaded 2-core machine.
          testTimeout: 20_000,
          hookTimeout: 20_000,
          include: [
            'shared/src/**/*.spec.ts',
            'server/src/**/*.spec.ts',
            'web/src/**/*.spec.ts',
            'tests/advisories/**/*.spec.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/multi-client/**/*.test.ts', 'tests/fault/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Two cores: one file at a time keeps timing-sensitive tests honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
