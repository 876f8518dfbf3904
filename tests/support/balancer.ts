import { once } from "node:events";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP load balancer on 127.0.0.1, as a layer-4 balancer in front of the web processes works: each new connection
 * goes to the next backend in turn ("round-robin"), or to the first that accepts it ("failover": the others stand by),
 * and one that refuses the connection is skipped. A connection already open to a backend that dies is cut, and the
 * browser opens a new one.
 */
export class Balancer {
  private next = 0;
  private constructor(
    private readonly server: Server,
    private readonly ports: number[],
    private readonly mode: "round-robin" | "failover",
  ) {}

  static async start(ports: number[], mode: "round-robin" | "failover" = "round-robin"): Promise<Balancer> {
    const server = createServer();
    const balancer = new Balancer(server, ports, mode);
    server.on("connection", (client) => balancer.route(client, ports.length));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return balancer;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.close();
    await once(this.server, "close");
  }

  private route(client: Socket, triesLeft: number): void {
    if (triesLeft === 0) {
      client.destroy();
      return;
    }
    const port = this.mode === "failover" ? this.ports[this.ports.length - triesLeft] : this.ports[this.next++ % this.ports.length];
    const backend = createConnection({ host: "127.0.0.1", port });
    let connected = false;
    backend.once("connect", () => {
      connected = true;
      client.pipe(backend).pipe(client);
    });
    backend.on("error", () => {
      if (connected) client.destroy();
      else this.route(client, triesLeft - 1);
    });
    backend.on("close", () => connected && client.destroy());
    client.on("error", () => backend.destroy());
    client.on("close", () => backend.destroy());
  }
}
