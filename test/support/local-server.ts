import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake's HTTP server on a free port of 127.0.0.1: `url` once started; `stop()` drops every connection. */
export abstract class LocalServer {
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse): void;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
