export { readConfig, type Config } from './config.ts';
export { createLogger } from './log.ts';
export { startServer, type RunningServer } from './server.ts';
export { PostgresStore } from './store/postgres.ts';
export { SqliteStore } from './store/sqlite.ts';
export type { Store } from './store/store.ts';
