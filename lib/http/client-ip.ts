import { BlockList, isIP } from "node:net";

/** TRUSTED_PROXIES as a list to check addresses against. */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/**
 * The client's address. The socket's peer is the client unless it is a trusted proxy; then X-Forwarded-For is read
 * from the right, where each trusted proxy appended the address it saw, and the first hop that is not a trusted
 * proxy is the client. Whatever lies left of that hop was written by the client and proves nothing.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, trusted: BlockList): string | null {
  let client = normalize(peer);
  const hops = forwardedFor?.split(",") ?? [];
  while (client && isTrusted(client, trusted) && hops.length > 0) {
    const hop = normalize(hops.pop()!);
    if (!hop) break; // not an address: nothing further out can be believed
    client = hop;
  }
  return client;
}

/** A bare IPv4 or IPv6 address; an IPv4-mapped IPv6 address (::ffff:10.0.0.1) as IPv4. */
function normalize(value: string | null): string | null {
  const address = value?.trim() ?? "";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  return isIP(address) ? address : null;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}
