import "server-only";
import type { Db, DbOrTx } from "@/db";
import { type Clock, systemClock } from "@/lib/clock";
import type { Actor } from "@/lib/core/actor";
import { type Dashboard, type DashboardCampaign, getDashboardByActor, getDashboardCampaignsByActor, getProvinceProgressByActor, type ProvinceProgress } from "./queries";

/** How stale the page may be; it says so (「数据每 5 秒更新」). */
export const DASHBOARD_TTL_SECONDS = 5;

type Entry = { expires: number; value: Promise<unknown> };

/**
 * The dashboard's counts, made at most once every `ttlMs` per campaign and scope in this process: a deadline rush
 * opens the page far more often than its figures change. An entry is the one read of its key, so concurrent misses
 * share it. Each key holds everything its read depends on (what is read, the actor's role and unit), so one scope's
 * figures are never handed to another.
 */
export function createDashboardCache({ ttlMs = DASHBOARD_TTL_SECONDS * 1000, clock = systemClock }: { ttlMs?: number; clock?: Clock } = {}) {
  const entries = new Map<string, Entry>();
  function remember<T>(key: string, read: (now: Date) => Promise<T>): Promise<T> {
    const now = clock().getTime();
    const cached = entries.get(key);
    if (cached && cached.expires > now) return cached.value as Promise<T>;
    for (const [k, e] of entries) if (e.expires <= now) entries.delete(k);
    const entry: Entry = { expires: now + ttlMs, value: read(new Date(now)) };
    entries.set(key, entry);
    // A failed read is not kept: the next request tries again.
    entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
    return entry.value as Promise<T>;
  }
  const scope = (actor: Actor) => `${actor.role}:${actor.unitId}`;
  return {
    /** The campaigns the picker offers: they change only when one is published or closed. */
    campaigns({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<DashboardCampaign[]> {
      return remember(`campaigns:${scope(actor)}`, () => getDashboardCampaignsByActor({ db, actor }));
    },
    read({ db, actor, campaignId }: { db: Db; actor: Actor; campaignId: number }): Promise<Dashboard | null> {
      return remember(`campaign:${campaignId}:${scope(actor)}`, (now) => getDashboardByActor({ db, actor, campaignId, now }));
    },
    /** 各省完成情况, for those who oversee other publishers' campaigns. */
    provinces({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<ProvinceProgress[]> {
      return remember(`provinces:${scope(actor)}`, () => getProvinceProgressByActor({ db, actor }));
    },
  };
}

/** The portal's own (the web tier keeps no other state). */
export const dashboardCache = createDashboardCache();
