import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { log, withRequestNotes } from "@/lib/core/log";
import { PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/http/headers";
import { projectDir } from "./processes";

/**
 * The portal's HTTP server: `next start` (or `next dev` with --dev), plus the one fact Next.js does not pass on to
 * proxy.ts, the socket's peer address. Next keeps a client's own X-Forwarded-For, so without this a forged header
 * could not be told from a proxy's; proxy.ts decides which addresses to believe.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: "3000" },
    hostname: { type: "string", short: "H" },
    dev: { type: "boolean", default: false },
  },
});
const port = Number(values.port);
const app = next({ dev: values.dev, dir: projectDir, hostname: values.hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const started = performance.now();
  const peer = request.socket.remoteAddress;
  if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
  else delete request.headers[PEER_ADDRESS_HEADER];
  const notes = { requestId: randomUUID() };
  request.headers[REQUEST_ID_HEADER] = notes.requestId;
  // The path without its query, which may hold a link token; Next.js's own assets are not worth a line each.
  const route = new URL(request.url ?? "/", "http://portal").pathname;
  if (!route.startsWith("/_next/")) {
    response.once("close", () => {
      const durationMs = Math.round(performance.now() - started);
      log.info({ ...notes, method: request.method, route, status: response.statusCode, durationMs, ...(!response.writableFinished && { aborted: true }) }, "request");
    });
  }
  withRequestNotes(notes, () => void handle(request, response));
});
server.listen(port, values.hostname, () => log.info({ port, hostname: values.hostname ?? "every interface" }, "listening"));
