"use client";

import { createContext, useContext, useState } from "react";

type Latest = { version: number; saw(version: number): void };

const SubmissionVersion = createContext<Latest | null>(null);

/**
 * The newest version of the submission this page knows: what the server rendered, or what an action
 * on the page has answered since. The header, the scan and the submit bar each send it, so a person's
 * own save is never taken for someone else's change while the page is still refreshing.
 */
export function SubmissionVersionProvider({ version, children }: { version: number; children: React.ReactNode }) {
  const [answered, setAnswered] = useState(version);
  const latest = Math.max(version, answered);
  return <SubmissionVersion.Provider value={{ version: latest, saw: (v) => setAnswered((known) => Math.max(known, v)) }}>{children}</SubmissionVersion.Provider>;
}

export function useSubmissionVersion(): Latest {
  const latest = useContext(SubmissionVersion);
  if (!latest) throw new Error("useSubmissionVersion outside SubmissionVersionProvider");
  return latest;
}
