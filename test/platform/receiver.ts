import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: Record<string, string>;
  /** The status this request was answered with (null: never answered, or connection cut). */
  answered: number | null;
}

/**
 * A partner's endpoint on 127.0.0.1:<free port>: records every request and answers with
 * `status` (and `body`), or never answers (`hang`). `down()` stops listening (connections are
 * refused) and `up()` listens again on the same port, as a receiver back from an outage.
 */
export class Receiver {
  readonly received: Received[] = [];
  status = 200;
  body = 'ok';
  hang = false;
  delayMs = 0;
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async up(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  ids(): string[] {
    return this.received.map((r) => r.id);
  }

  delivered(): Received[] {
    return this.received.filter((r) => r.answered !== null && r.answered >= 200 && r.answered < 300);
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const entry: Received = {
      id: headers['webhook-id'],
      timestamp: headers['webhook-timestamp'],
      signature: headers['webhook-signature'],
      body: Buffer.concat(chunks).toString('utf8'),
      headers,
      answered: null,
    };
    this.received.push(entry);
    if (this.hang) return;
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    entry.answered = this.status;
    res.statusCode = this.status;
    res.end(this.body);
  }
}

export async function startReceiver(): Promise<Receiver> {
  return new Receiver().up();
}
