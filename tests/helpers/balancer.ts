import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A load balancer in the small, as a TCP proxy without sticky sessions: each new connection goes
 * to the first backend port that accepts it, in the order given, so when a server dies its
 * clients' reconnections land on the next one. (Round robin would do as well; a fixed order lets
 * a test choose which server the phones start on.)
 */
export interface TestBalancer {
  url: string;
  wsUrl: string;
  /** Sends new connections to these ports from now on (open ones stay where they are). */
  sendNewConnectionsTo(ports: readonly number[]): void;
  close(): Promise<void>;
}

export async function startBalancer(ports: readonly number[]): Promise<TestBalancer> {
  let backendPorts = ports;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.pause();
    const tryBackend = (index: number) => {
      if (index >= backendPorts.length) return client.destroy();
      const backend = connect(backendPorts[index]!, '127.0.0.1');
      backend.once('error', () => {
        backend.destroy();
        if (!connected) tryBackend(index + 1);
        else client.destroy();
      });
      let connected = false;
      backend.once('connect', () => {
        connected = true;
        open.add(backend);
        backend.once('close', () => {
          open.delete(backend);
          client.destroy();
        });
        client.once('close', () => backend.destroy());
        client.on('error', () => backend.destroy());
        client.pipe(backend);
        backend.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    sendNewConnectionsTo(ports) {
      backendPorts = ports;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
