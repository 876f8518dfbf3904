import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { may, type Permission } from "@/lib/core/policy";
import type { Actor } from "@/lib/core/actor";
import { runForRequest } from "@/lib/core/request";
import { requestInfo } from "@/lib/http/headers";
import { auth } from "./config";
import { getActorBySession } from "./sessions";

/** The signed-in actor of this request, checked against user_sessions; null when signed out. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  return getActorBySession({ db: getDb(), sessionId: session.sid, now: new Date() });
});

/** For pages: the actor, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages behind a permission: anyone else gets the 404 page, as if the page did not exist. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!may(actor.role, permission)) notFound();
  return actor;
}

/**
 * Runs a server action's or route handler's work for this request: `ip` is the client's address as proxy.ts
 * worked it out, and every audit row written inside carries the request's id.
 */
export async function inRequest<T>(work: (ip: string | null) => Promise<T>): Promise<T> {
  const request = requestInfo(await headers());
  return runForRequest(request, () => work(request.ip));
}
