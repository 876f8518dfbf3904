import type { z } from "zod";
import type { Db, Tx } from "@/db";
import type { Actor } from "./actor";
import { type AuditEntry, recordAudit } from "./audit";
import type { AuditAction } from "./audit-actions";
import { type ActionResult, DENIED_MESSAGE, DomainError, toFieldErrors } from "./errors";
import { log } from "./log";
import { may, type Permission } from "./policy";
import { failureRefusal, postgresFailureOf, RETRYABLE_SQLSTATES } from "./database-errors";
import { currentRequest, runForRequest } from "./request";

export type CommandContext = {
  tx: Tx;
  actor: Actor;
  now: Date;
  /** Names what the command acted on, for its audit row. */
  target(type: string, id: string | number, detail?: Record<string, unknown>): void;
};

/** A write the portal allows: who may run it, what input it takes, and the domain call inside one transaction. */
export type Command<S extends z.ZodType, R> = {
  name: AuditAction;
  permission: Permission;
  input: S;
  run(ctx: CommandContext, input: z.output<S>): Promise<R>;
};

export function defineCommand<S extends z.ZodType, R>(command: Command<S, R>): Command<S, R> {
  return command;
}

export type ExecuteOptions = { db: Db; actor: Actor; ip: string | null; now: Date };

/**
 * Role check → zod parse → one transaction (domain call + audit row). Refusals are audited
 * too, after the rollback, so nothing of the refused write remains (unless the refusal keeps
 * its writes: then its audit row commits with them). Every outcome is a result:
 * a database conflict or an unexpected error is refused with a sentence, never thrown.
 */
export async function executeCommand<S extends z.ZodType, R>(
  command: Command<S, R>,
  rawInput: unknown,
  { db, actor, ip, now }: ExecuteOptions,
): Promise<ActionResult<R>> {
  const base = { action: command.name, userId: actor.userId, role: actor.role, unitId: actor.unitId, ip, at: now };
  const refuse = async (outcome: "denied" | "rejected", detail: Record<string, unknown>, target?: Target) => {
    await recordAudit(db, { ...base, outcome, ...target, detail });
  };

  if (!may(actor.role, command.permission)) {
    await refuse("denied", { reason: "role" });
    return { ok: false, formError: DENIED_MESSAGE };
  }
  const parsed = command.input.safeParse(rawInput);
  if (!parsed.success) {
    await refuse("rejected", { reason: "invalid_input", fields: parsed.error.issues.map((i) => i.path.join(".")) });
    return { ok: false, ...toFieldErrors(parsed.error) };
  }

  // Every audit row the command's domain writes (an approval's account.issue rows) carries the address the command was given.
  const request = currentRequest();
  return runForRequest({ requestId: request?.requestId ?? null, ip: ip ?? request?.ip ?? null }, () => runInTransaction(command, parsed.data, { db, actor, now, base, refuse }));
}

/** The command's run and its audit row in one transaction, retried once after a serialization failure or deadlock. */
async function runInTransaction<S extends z.ZodType, R>(
  command: Command<S, R>,
  input: z.output<S>,
  { db, actor, now, base, refuse }: { db: Db; actor: Actor; now: Date; base: Omit<AuditEntry, "outcome">; refuse: (outcome: "denied" | "rejected", detail: Record<string, unknown>, target?: Target) => Promise<void> },
): Promise<ActionResult<R>> {
  // A serialization failure or deadlock is another transaction's timing, not the person's doing: run it once more.
  for (let attempt = 1; ; attempt++) {
    let target: Target | undefined;
    try {
      return await db.transaction(async (tx): Promise<ActionResult<R>> => {
        try {
          const result = await command.run(
            {
              tx,
              actor,
              now,
              target: (targetType, targetId, detail) => {
                target = { targetType, targetId: String(targetId), detail };
              },
            },
            input,
          );
          await recordAudit(tx, { ...base, outcome: "success", ...target, detail: target?.detail });
          return { ok: true, data: result };
        } catch (error) {
          if (!(error instanceof DomainError && error.options.keepWrites)) throw error;
          const { outcome, detail } = refusalAudit(error);
          await recordAudit(tx, { ...base, outcome, ...target, detail });
          return refusalResult(error);
        }
      });
    } catch (error) {
      if (error instanceof DomainError) {
        const { outcome, detail } = refusalAudit(error);
        await refuse(outcome, detail, target);
        return refusalResult(error);
      }
      const failure = postgresFailureOf(error);
      if (failure && RETRYABLE_SQLSTATES.includes(failure.sqlstate) && attempt === 1) continue;
      const { reason, message, expected } = failureRefusal(failure);
      if (!expected) log.error({ err: error, command: command.name, attempt }, "command failed");
      // The database itself may be what failed: then the refusal cannot be audited, and the log has to do.
      await refuse("rejected", { reason, ...failure, attempts: attempt }, target).catch((auditError) =>
        log.error({ err: auditError, command: command.name }, "refusal not audited"),
      );
      return { ok: false, formError: message };
    }
  }
}

type Target = { targetType: string; targetId: string; detail?: Record<string, unknown> };

function refusalAudit(error: DomainError): { outcome: "denied" | "rejected"; detail: Record<string, unknown> } {
  const { kind = "rejected", detail, fieldErrors } = error.options;
  // A refusal told beside its fields has no message of its own: the log keeps what the person was told.
  const message = error.message || Object.values(fieldErrors ?? {}).join("；");
  return { outcome: kind === "rejected" ? "rejected" : "denied", detail: { reason: kind, message, ...detail } };
}

function refusalResult(error: DomainError): ActionResult<never> {
  const { kind, fieldErrors } = error.options;
  return kind === "not_found" ? { ok: false, notFound: true, formError: error.message } : { ok: false, formError: fieldErrors ? undefined : error.message, fieldErrors };
}
