import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { Access } from './access/access.ts';
import { prepareFirstAdministrator } from './access/first-administrator.ts';
import { isSameOrigin } from './access/request-origin.ts';
import { AuditLog } from './audit/audit-log.ts';
import { RetentionJob } from './retention/retention-job.ts';
import type { ClusterParts } from './cluster/join-cluster.ts';
import { MovableClock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createMailer } from './mail/mailer.ts';
import { createRenderPool } from './export/render-pool.ts';
import { OidcSignIn } from './access/oidc-sign-in.ts';
import { handleApi, sendJson, type ApiDeps } from './http/api.ts';
import { connectionBounds } from './http/connection-bounds.ts';
import { OidcEndpoints, oidcPathPrefix } from './http/oidc-endpoints.ts';
import {
  immutableAssetPrefix,
  setImmutableAssetHeaders,
  setSecurityHeaders,
} from './http/security-headers.ts';
import { loadWebApp, type RequestHandler } from './http/web-app.ts';
import type { Logger } from './log.ts';
import { metricsPath, serveMetricsWithToken, startMetricsServer } from './ops/metrics-endpoint.ts';
import { Metrics } from './ops/metrics.ts';
import { MeetingLiveStates } from './realtime/meeting-live-states.ts';
import { PlanStages } from './realtime/plan-stages.ts';
import { RealtimeServer, socketIoPath } from './realtime/realtime-server.ts';
import { seedDemoMeeting } from './seed/demo-meeting.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { SyncServer } from './sync/sync-server.ts';

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  /** Who gets in: the sync and socket.io layers call access.resolveConnectionIdentity. */
  access: Access;
  close(): Promise<void>;
}

/**
 * Assembles Kinboard's one process: store, sync, socket.io, API and web app on one port.
 * Upgrades are routed by path; any other upgrade is left alone in dev (Vite's HMR) and refused
 * otherwise.
 */
export async function startServer(
  config: Config,
  log: Logger,
  progress: (step: string) => void = () => {},
): Promise<RunningServer> {
  const store = await openStore(config, progress);
  // One clock for the process; with TEST_CLOCK tests may move it on [CLOCK1].
  const movableClock = config.testClock ? new MovableClock() : undefined;
  const clock = movableClock ?? systemClock;
  if (movableClock) log.warn('TEST_CLOCK is on: the clock can be moved on through the API (tests only)');
  if (config.seedDemo) await seedDemoMeeting(store, log);
  // Several servers (REDIS_URL): what each decides and stores reaches the others through Redis.
  // Loaded only then: the Redis client is a good part of start-up, and a restarted server's
  // clients come back sooner the sooner it listens [SYNC31].
  const cluster: ClusterParts | undefined = config.redisUrl
    ? await (await import('./cluster/join-cluster.ts')).joinCluster(config.redisUrl, log, progress)
    : undefined;
  const news = cluster?.news;
  const audit = new AuditLog(store, {
    coalesceMs: config.auditCoalesceMs,
    onError: (error, action) => log.error({ err: error, action }, 'could not write an audit entry'),
  });
  const access = new Access({
    store,
    audit,
    sessionTimes: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
    ...(cluster ? { limits: cluster.limits } : {}),
  });
  cluster?.relayAccessEvents(access.events);
  // Ends decided elsewhere while Redis was away never arrived: each connection asks the store.
  news?.onGap(() => access.ends.recheckAll());
  const renders = createRenderPool();
  // Copies by email, only where the service has a mail server [COPY3].
  const mailer = config.mail && createMailer(config.mail);
  // The operator's figures exist only when something may read them [OPS1].
  const metricsOn = config.metrics.token !== undefined || config.metrics.port !== undefined;
  // Read at scrape time: the sync and socket.io servers are made below.
  const counted: { sync?: SyncServer; realtime?: RealtimeServer } = {};
  const metrics = metricsOn
    ? new Metrics({
        openMeetings: function* () {
          for (const { meetingId } of [
            ...(counted.sync?.counted() ?? []),
            ...(counted.realtime?.counted() ?? []),
          ])
            if (meetingId) yield meetingId;
        },
        connections: function* () {
          for (const { role } of counted.sync?.counted() ?? []) yield { transport: 'sync', role };
          for (const { role } of counted.realtime?.counted() ?? []) yield { transport: 'socketio', role };
        },
        redisConnected: cluster && (() => cluster.cluster.connected),
      })
    : undefined;
  // With passwords off there is no setup link: the first administrator signs in through the
  // provider with the verified email ADMIN_EMAIL names [IDENT9].
  const firstAdministrator = config.passwordSignIn
    ? await prepareFirstAdministrator(store, audit, config.firstAdministrator)
    : { state: (await store.countStaff()) > 0 ? ('exists' as const) : ('awaiting-provider' as const) };
  const api: ApiDeps = {
    store,
    clock,
    movableClock,
    access,
    audit,
    log,
    renders,
    trustProxy: config.trustProxy,
    requireSignIn: config.requireSignIn,
    tldrawLicenseKey: config.tldrawLicenseKey,
    familyRecordYears: config.retention.familyRecordYears,
    metrics,
    signInChoices: { passwords: config.passwordSignIn, provider: config.oidc?.providerName },
    mailer,
  };
  // Staff sign-in through the authority's identity provider, when configured [IDENT1].
  const oidc =
    config.oidc &&
    new OidcEndpoints({ signIn: new OidcSignIn(config.oidc), access, log, trustProxy: config.trustProxy });

  // The chair's live state, kept in the store [LIVE6] and read by the sync layer to enforce
  // column locks [ACCESS20].
  const live = new MeetingLiveStates(store, Date.now, news, log);
  // Each meeting's plan stage, read by the sync layer to lock the plan while it is agreed [PLAN3].
  const planStages = new PlanStages(store, news);
  const sync = new SyncServer({
    store,
    log,
    maxMessageBytes: config.maxMessageBytes,
    unloadDelayMs: config.documentUnloadDelayMs,
    compactAfterUpdates: config.compactAfterUpdates,
    maxDocumentBytes: config.maxDocumentBytes,
    // REQUIRE_SIGN_IN=false (loopback only [ACCESS18]) serves the board to anyone [ACCESS13].
    access: config.requireSignIn ? access : undefined,
    lockedColumns: (meetingId) => live.lockedColumns(meetingId),
    loadMeeting: (meetingId) => live.load(meetingId),
    planStages,
    relay: cluster?.documents,
    storeRetryMs: config.storeRetryMs,
    metrics,
  });
  // Erasure drops the family's documents on every server, unsaved, before and after the store
  // deletes them, so no server stores or folds an edit of them afterwards [ERASE5] [ERASE8].
  api.discardMeetings = async (meetingIds) => {
    news?.publish({ kind: 'meetings-discarded', meetingIds: [...meetingIds] });
    await sync.discardMeetings(meetingIds);
  };
  news?.on('meetings-discarded', ({ meetingIds }) => {
    sync.discardMeetings(meetingIds).catch((error: unknown) => {
      log.error({ err: error }, "could not drop an erased family's documents");
    });
  });
  api.documents = sync;
  const realtime = new RealtimeServer({
    log,
    store,
    access,
    requireSignIn: config.requireSignIn,
    live,
    plan: { stages: planStages, documents: sync, now: () => clock.now() },
    adapter: cluster?.socketIoAdapter,
    news,
    metrics,
  });
  // No connection is held long before it says who it is [ACCESS26].
  const httpServer = createServer({
    headersTimeout: connectionBounds.headersMs,
    requestTimeout: connectionBounds.requestMs,
    connectionsCheckingInterval: connectionBounds.checkEveryMs,
    maxHeaderSize: connectionBounds.maxHeaderBytes,
  });
  counted.sync = sync;
  counted.realtime = realtime;

  let webApp: RequestHandler;
  let closeDev = async () => {};
  if (config.dev) {
    const { createServer: createVite } = await import('vite');
    const webRoot = path.resolve(import.meta.dirname, '../../web');
    // SvelteKit finds svelte.config.js from the working directory; every path in config is absolute.
    process.chdir(webRoot);
    const vite = await createVite({
      root: webRoot,
      configFile: path.join(webRoot, 'vite.config.ts'),
      server: { middlewareMode: true, hmr: { server: httpServer } },
      appType: 'custom',
    });
    webApp = (request, response, next) => vite.middlewares(request, response, next);
    closeDev = () => vite.close();
  } else {
    webApp = await loadWebApp(config.webBuildDir);
  }

  const onRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      setSecurityHeaders(response, { api: true });
      const storeOk = !sync.storeFailing && (await store.healthy());
      // Without Redis the server still serves its own clients, so it stays in the balancer's
      // pool (200) and says it is degraded.
      const redis = cluster && (cluster.cluster.connected ? 'ok' : 'unavailable');
      sendJson(response, storeOk ? 200 : 503, {
        status: !storeOk ? 'unavailable' : redis === 'unavailable' ? 'degraded' : 'ok',
        store: storeOk ? 'ok' : 'unavailable',
        // Only with REDIS_URL: a single server has no Redis to report.
        ...(redis ? { redis } : {}),
      });
      return;
    }
    if (url.pathname === metricsPath) {
      setSecurityHeaders(response, { api: true });
      await serveMetricsWithToken(request, response, metrics, config.metrics.token);
      return;
    }
    if (url.pathname.startsWith(socketIoPath)) {
      realtime.handleRequest(request, response);
      return;
    }
    if (oidc && url.pathname.startsWith(oidcPathPrefix)) {
      setSecurityHeaders(response, { api: true });
      await oidc.handle(request, response, url);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      setSecurityHeaders(response, { api: true });
      await handleApi(request, response, url, api);
      return;
    }
    if (url.pathname.startsWith(immutableAssetPrefix)) setImmutableAssetHeaders(response);
    else setSecurityHeaders(response, { api: false });
    webApp(request, response, () => {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found\n');
    });
  };

  httpServer.on('request', (request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      log.error({ err: error, path: request.url }, 'request failed');
      if (!response.headersSent)
        sendJson(response, 500, { error: 'server-error', message: 'Something went wrong on the server.' });
      else response.destroy();
    });
  });

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const owned = url.pathname.startsWith('/yjs/') || url.pathname.startsWith(socketIoPath);
    if (!owned) {
      if (!config.dev) socket.destroy();
      return;
    }
    // Cross-site WebSocket hijacking: a browser always sends Origin, and it must be ours [SYNC10].
    if (!isSameOrigin(request, config.trustProxy)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (url.pathname.startsWith('/yjs/')) sync.handleUpgrade(request, socket, head, url);
    else realtime.handleUpgrade(request, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const metricsServer =
    metrics && config.metrics.port !== undefined
      ? await startMetricsServer(metrics, config.metrics.port)
      : undefined;
  // Tests read this line to find the port when METRICS_PORT=0.
  if (metricsServer)
    progress(`serving the operator's figures at http://127.0.0.1:${metricsServer.port}/metrics`);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  // The one-time way in when nobody can sign in yet [ACCESS2]; tests read this line.
  if (firstAdministrator.state === 'awaiting-setup')
    progress(`create the first administrator at ${url}/setup?token=${firstAdministrator.token}`);
  if (firstAdministrator.state === 'awaiting-provider')
    progress(
      config.oidc?.adminEmail
        ? `the first administrator is whoever first signs in through ${config.oidc.providerName} as ${config.oidc.adminEmail}`
        : 'nobody can become administrator: passwords are off and ADMIN_EMAIL is not set',
    );
  if (firstAdministrator.state === 'created-from-environment')
    progress(`created the first administrator (${firstAdministrator.email}) from ADMIN_EMAIL`);

  // Runs by itself on every server; the store lets one purge at a time [RETAIN4].
  const retention = new RetentionJob(store, audit, log, config.retention, () => clock.now());
  retention.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    access,
    close() {
      closing ??= (async () => {
        httpServer.close();
        await retention.stop();
        await metricsServer?.close();
        await realtime.close();
        await sync.close();
        await audit.flush();
        await closeDev();
        httpServer.closeAllConnections();
        await cluster?.close();
        await renders.close();
        mailer?.close();
        await store.close();
      })();
      return closing;
    },
  };
}
