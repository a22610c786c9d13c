export { readConfig, type Config } from './config.ts';
export { createLogger } from './log.ts';
export { startServer, type RunningServer } from './server.ts';
export { openPostgresStore, openSqliteStore, openStore } from './store/open-store.ts';
export type { Store } from './store/store.ts';
