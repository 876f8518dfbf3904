import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake answers one request; once the queue is empty it answers 200. */
export type FakeAnswer =
  | { status: 200; hold?: boolean }
  | { status: 429; retryAfter?: number }
  | { status: 500 }
  | { status: 422 };

export type FakeEmail = { from: string; to: string[]; subject: string; text: string; html: string };

export type FakeRequest = {
  idempotencyKey: string | null;
  authorization: string | null;
  emails: FakeEmail[];
  status: number;
  /** Answered from an earlier request with the same key: nothing was sent again. */
  replayed: boolean;
};

/**
 * A real HTTP server on 127.0.0.1 speaking the part of Resend's API the worker uses (POST /emails/batch),
 * which the `resend` SDK talks to through its baseUrl. Like Resend it remembers Idempotency-Keys: the same
 * key with the same body is answered with the first response and sends nothing.
 */
export class FakeResend {
  readonly requests: FakeRequest[] = [];
  /** Every email the provider accepted for delivery, in order; a replay adds none. */
  readonly delivered: FakeEmail[] = [];
  private readonly answers: FakeAnswer[] = [];
  private readonly remembered = new Map<string, { body: string; response: unknown }>();
  private readonly held: { res: ServerResponse; body: unknown }[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));

  static async start(): Promise<FakeResend> {
    const fake = new FakeResend();
    fake.server.listen(0, "127.0.0.1");
    await once(fake.server, "listening");
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues how the next requests are answered. */
  answer(...answers: FakeAnswer[]): void {
    this.answers.push(...answers);
  }

  /** Resolves once `count` requests have arrived. */
  async waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return;
    await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
  }

  /** How often each address was really sent to. */
  deliveriesTo(address: string): number {
    return this.delivered.filter((e) => e.to.includes(address)).length;
  }

  /** Sends the answers that `hold` kept back. */
  release(): void {
    for (const { res, body } of this.held.splice(0)) this.reply(res, 200, body);
  }

  async close(): Promise<void> {
    for (const { res } of this.held.splice(0)) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close");
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    if (req.method !== "POST" || req.url !== "/emails/batch") return this.reply(res, 404, { statusCode: 404, name: "not_found", message: "Not found" });

    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const emails = JSON.parse(body) as FakeEmail[];
    const request: FakeRequest = { idempotencyKey, authorization: req.headers.authorization ?? null, emails, status: 0, replayed: false };
    const previous = idempotencyKey ? this.remembered.get(idempotencyKey) : undefined;
    const answer = previous ? undefined : this.answers.shift();
    this.record(request);

    if (previous) {
      if (previous.body !== body) {
        request.status = 409;
        return this.reply(res, 409, { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different payload" });
      }
      request.status = 200;
      request.replayed = true;
      return this.reply(res, 200, previous.response);
    }
    if (!answer || answer.status === 200) {
      const response = { data: emails.map(() => ({ id: randomUUID() })) };
      this.delivered.push(...emails);
      if (idempotencyKey) this.remembered.set(idempotencyKey, { body, response });
      request.status = 200;
      // Accepted and sent, but the answer is kept back until release() (or never comes: the worker is killed).
      if (answer?.hold) return void this.held.push({ res, body: response });
      return this.reply(res, 200, response);
    }
    request.status = answer.status;
    if (answer.status === 429) {
      res.setHeader("retry-after", String(answer.retryAfter ?? 1));
      return this.reply(res, 429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" });
    }
    if (answer.status === 422) return this.reply(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field" });
    return this.reply(res, 500, { statusCode: 500, name: "internal_server_error", message: "Unexpected error" });
  }

  private record(request: FakeRequest): void {
    this.requests.push(request);
    for (const waiter of this.waiters.filter((w) => this.requests.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}
