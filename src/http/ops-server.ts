import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { limitServer, SERVER_OPTIONS } from './limits';

export type OpsRoute = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Health, readiness and metrics on a port of their own (Socket Mode, or METRICS_PORT in HTTP mode):
 * GET only, no body read, the same timeouts and connection cap as the Slack endpoint.
 */
export async function startOpsServer(
  routes: ReadonlyMap<string, OpsRoute>,
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer(SERVER_OPTIONS, (req, res) => {
    const route = routes.get((req.url ?? '/').split('?', 1)[0] ?? '/');
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!route || req.method !== 'GET' || hasBody) {
      res.writeHead(route ? 405 : 404, { connection: 'close' });
      res.end();
      return;
    }
    route(req, res);
  });
  limitServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Stops taking connections and ends idle ones; resolves when every connection has closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
