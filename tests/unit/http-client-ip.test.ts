import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "@/lib/http/client-ip";

const none = trustedProxies([]);
const proxies = trustedProxies(["10.0.0.0/8", "192.168.1.10", "fd00::/8"]);

describe("trustedProxies", () => {
  it("matches addresses inside IPv4 and IPv6 ranges and single addresses, IPv4-mapped IPv6 included", () => {
    expect(proxies.check("10.255.1.2", "ipv4")).toBe(true);
    expect(proxies.check("11.0.0.1", "ipv4")).toBe(false);
    expect(proxies.check("192.168.1.10", "ipv4")).toBe(true);
    expect(proxies.check("192.168.1.11", "ipv4")).toBe(false);
    expect(proxies.check("fd12:3456::1", "ipv6")).toBe(true);
    expect(proxies.check("fe80::1", "ipv6")).toBe(false);
    expect(proxies.check("::ffff:10.0.0.7", "ipv6")).toBe(true);
  });
});

describe("clientAddress", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("203.0.113.9", "6.6.6.6", none)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "6.6.6.6", proxies)).toBe("203.0.113.9");
  });

  it("takes the address a trusted proxy appended, not what the client put before it", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", proxies)).toBe("203.0.113.9");
  });

  it("walks back through a chain of trusted proxies to the first hop that is not one", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 192.168.1.10, 10.1.1.1", proxies)).toBe("203.0.113.9");
    expect(clientAddress("fd00::2", "2001:db8::7", proxies)).toBe("2001:db8::7");
  });

  it("stops at a hop that is not an address and keeps the last proxy it could believe", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9, unknown", proxies)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "203.0.113.9, garbage, 10.0.0.3", proxies)).toBe("10.0.0.3");
  });

  it("answers the trusted peer itself when it forwarded nothing", () => {
    expect(clientAddress("10.0.0.2", null, proxies)).toBe("10.0.0.2");
  });

  it("writes IPv4-mapped IPv6 addresses as IPv4 and knows no address without a peer", () => {
    expect(clientAddress("::ffff:127.0.0.1", "6.6.6.6", none)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:10.0.0.2", "203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress(null, "6.6.6.6", proxies)).toBeNull();
  });
});
