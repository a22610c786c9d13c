import { test } from '@playwright/test';
import { startServer, type StartOptions, type TestServer } from '../helpers/server.ts';

/**
 * One real server for the spec file: started before its first test, disposed after its last.
 * The returned object is filled in when the server is up, so tests read `server.url` as usual.
 */
export function useTestServer(options?: StartOptions): TestServer {
  const server = {} as TestServer;
  test.beforeAll(async () => {
    Object.assign(server, await startServer(options));
  });
  test.afterAll(async () => {
    await server.dispose();
  });
  return server;
}
