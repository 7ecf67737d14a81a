import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  created_at: string;
  data: Record<string, any>;
  /** The `webhook-id` header: the event's id, the same on every attempt. */
  webhookId: string;
  at: number;
}

/**
 * A webhook receiver on 127.0.0.1, as a team would write one: it verifies every request with the
 * `standardwebhooks` package and the subscription's secret, answers 401 to anything unsigned or
 * tampered with, and can be told to fail its next requests.
 */
export class Receiver {
  readonly received: Received[] = [];
  /** Requests whose signature did not verify. */
  rejected = 0;
  private failures = 0;
  private held: (() => void)[] = [];
  /** While true, requests are not answered (a receiver that hangs) until `release()`. */
  holding = false;
  private server: Server | undefined;
  private port = 0;
  secret = '';

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** The next `count` requests get a 500, even when signed right. */
  failNext(count: number): void {
    this.failures = count;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let event: { id: string; type: string; created_at: string; data: Record<string, any> };
        try {
          event = new Webhook(this.secret).verify(body, request.headers as Record<string, string>) as typeof event;
        } catch {
          this.rejected++;
          response.writeHead(401).end();
          return;
        }
        if (this.holding) {
          this.held.push(() => this.answer(event, request.headers, response));
          return;
        }
        if (this.failures > 0) {
          this.failures--;
          response.writeHead(500).end();
          return;
        }
        this.answer(event, request.headers, response);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  private answer(event: Omit<Received, 'webhookId' | 'at'>, headers: IncomingHttpHeaders, response: ServerResponse): void {
    this.received.push({ ...event, webhookId: String(headers['webhook-id']), at: Date.now() });
    response.writeHead(204).end();
  }

  /** Requests waiting for an answer while holding. */
  get waiting(): number {
    return this.held.length;
  }

  /** Answers every held request, and stops holding. */
  release(): void {
    this.holding = false;
    for (const answer of this.held.splice(0)) answer();
  }

  /** Stops listening: from now on the receiver cannot be reached, until `start()` again on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    await this.start(this.port);
  }

  /** Events of one contact, in the order they arrived. */
  ofContact(contactId: number): Received[] {
    return this.received.filter((event) => event.data.contact?.id === contactId);
  }
}
