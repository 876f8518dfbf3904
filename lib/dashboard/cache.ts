import "server-only";
import type { DbOrTx } from "@/db";
import { type Clock, systemClock } from "@/lib/clock";
import type { Actor } from "@/lib/core/actor";
import { type Dashboard, getDashboardByActor } from "./queries";

/** How stale the page may be; it says so (「数据每 5 秒更新」). */
export const DASHBOARD_TTL_SECONDS = 5;

type Entry = { expires: number; dashboard: Promise<Dashboard | null> };

/**
 * The dashboard of a campaign, counted at most once every `ttlMs` per campaign and scope in this process: a
 * deadline rush opens it far more often than its figures change. An entry is the one read of its key, so
 * concurrent misses share it. The key holds everything the read depends on (the campaign, the actor's role and
 * unit), so one scope's figures are never handed to another.
 */
export function createDashboardCache({ ttlMs = DASHBOARD_TTL_SECONDS * 1000, clock = systemClock }: { ttlMs?: number; clock?: Clock } = {}) {
  const entries = new Map<string, Entry>();
  return {
    read({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<Dashboard | null> {
      const now = clock();
      const key = `${campaignId}:${actor.role}:${actor.unitId}`;
      const cached = entries.get(key);
      if (cached && cached.expires > now.getTime()) return cached.dashboard;
      for (const [k, e] of entries) if (e.expires <= now.getTime()) entries.delete(k);
      const entry: Entry = { expires: now.getTime() + ttlMs, dashboard: getDashboardByActor({ db, actor, campaignId, now }) };
      entries.set(key, entry);
      // A failed read is not kept: the next request tries again.
      entry.dashboard.catch(() => entries.get(key) === entry && entries.delete(key));
      return entry.dashboard;
    },
  };
}

/** The portal's own (the web tier keeps no other state). */
export const dashboardCache = createDashboardCache();
