import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { noteRequest } from "@/lib/core/log";
import { may, type Permission } from "@/lib/core/policy";
import type { Actor } from "@/lib/core/actor";
import { runForRequest } from "@/lib/core/request";
import { requestInfo } from "@/lib/http/headers";
import { auth } from "./config";
import { getSignedInBySession, type SessionGate, type SignedIn } from "./sessions";

/** Where each gate is passed. */
export const GATE_PAGES: Record<SessionGate, string> = {
  second_factor_enrol: "/account/second-factor/enrol",
  second_factor: "/account/second-factor",
  password_expired: "/account/password",
  privacy_notice: "/account/privacy",
};

/** This request's session, checked against user_sessions, with the gate it must pass first; null when signed out. */
export const getSignedIn = cache(async (): Promise<SignedIn | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  const signedIn = await getSignedInBySession({ db: getDb(), sessionId: session.sid, now: new Date() });
  if (signedIn) noteRequest({ userId: signedIn.actor.userId });
  return signedIn;
});

/** The signed-in actor of this request; null when signed out or held at a gate (a gate blocks every page and action). */
export async function getActor(): Promise<Actor | null> {
  const signedIn = await getSignedIn();
  return signedIn && !signedIn.gate ? signedIn.actor : null;
}

/** For pages: the actor, or a redirect to the login page or to the gate the person must pass first. */
export async function requireActor(): Promise<Actor> {
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/login");
  if (signedIn.gate) redirect(GATE_PAGES[signedIn.gate]);
  return signedIn.actor;
}

/** For a gate's own page: the person held at that gate; anyone else is sent where they belong. */
export async function requireGate(gate: SessionGate): Promise<Actor> {
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/login");
  if (signedIn.gate !== gate) redirect(signedIn.gate ? GATE_PAGES[signedIn.gate] : "/");
  return signedIn.actor;
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
