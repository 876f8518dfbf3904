import type { RequestInfo } from "@/lib/core/request";

// Request headers the portal sets for itself. Each is overwritten on the way in, so a value a client sent is never read.

/** The socket's peer address, set by lib/launcher/server.ts: Next.js itself does not pass it on. */
export const PEER_ADDRESS_HEADER = "x-baosong-peer-address";
/** The client's address as proxy.ts worked it out from the peer, TRUSTED_PROXIES and X-Forwarded-For. */
export const CLIENT_IP_HEADER = "x-baosong-client-ip";
/** The id proxy.ts gave the request; it is in the request's log line, its audit rows and the response. */
export const REQUEST_ID_HEADER = "x-request-id";

/** What proxy.ts found out about the request these headers came with. */
export function requestInfo(headers: Headers): RequestInfo {
  return { requestId: headers.get(REQUEST_ID_HEADER), ip: headers.get(CLIENT_IP_HEADER) };
}
