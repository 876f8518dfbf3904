// The 培训回执 forms' inputs, shared by the react-hook-form client and the commands. A substitute is checked with the
// roster's rules (name, position, phone, email as an administrator's) and needs a reason, which the province sees.
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD, versionField as version } from "@/lib/core/input";
import { FIELD_LABELS, rosterRowSchema } from "@/lib/roster/schemas";

export const SUBSTITUTE_REASON_LABEL = "更换原因";
const REASON_MAX = 200;

const personSchema = rosterRowSchema.pick({ name: true, position: true, phone: true, email: true });

export const registerSchema = z
  .strictObject(
    {
      submissionId: id,
      unitId: id,
      sessionId: id,
      /** The version of the unit's registration in the session's phase as the form saw it; null when it had none. */
      expectedVersion: version.nullable(),
      /** Another person than the pre-filled administrator (更换参训人员). */
      substitute: z.boolean(),
      name: z.string().default(""),
      position: z.string().default(""),
      phone: z.string().default(""),
      email: z.string().default(""),
      substituteReason: z.string().default(""),
    },
    UNKNOWN_FIELD,
  )
  .transform((input, ctx) => {
    if (!input.substitute) return { ...input, person: null };
    const person = personSchema.safeParse(input);
    if (!person.success) for (const issue of person.error.issues) ctx.issues.push({ code: "custom", path: issue.path as PropertyKey[], message: issue.message, input });
    const reason = input.substituteReason.trim();
    if (!reason) ctx.issues.push({ code: "custom", path: ["substituteReason"], message: `${SUBSTITUTE_REASON_LABEL}：更换参训人员须说明原因`, input });
    else if (reason.length > REASON_MAX) ctx.issues.push({ code: "custom", path: ["substituteReason"], message: `${SUBSTITUTE_REASON_LABEL}：不能超过 ${REASON_MAX} 字`, input });
    return { ...input, substituteReason: reason, person: person.success ? person.data : null };
  });

export type RegisterInput = z.input<typeof registerSchema>;

export const PERSON_LABELS = { name: FIELD_LABELS.name, position: FIELD_LABELS.position, phone: FIELD_LABELS.phone, email: FIELD_LABELS.email } as const;

/** One registration, at the version the page showed. */
export const registrationSchema = z.strictObject({ submissionId: id, registrationId: id, expectedVersion: version }, UNKNOWN_FIELD);

/** 「审核通过」: one confirmed registration, or with none named every confirmed one (「全部审核通过」). */
export const approveSchema = z.strictObject({ submissionId: id, registrationId: id.optional(), expectedVersion: version.optional() }, UNKNOWN_FIELD);

export const returnRegistrationSchema = z.strictObject(
  {
    submissionId: id,
    registrationId: id,
    expectedVersion: version,
    reason: z.string({ error: "退回原因：请填写" }).trim().min(1, "退回原因：请填写").max(REASON_MAX, `退回原因：不能超过 ${REASON_MAX} 字`),
  },
  UNKNOWN_FIELD,
);

/** 「提交回执」 and 「撤回」: the submission at the version the page showed. */
export const receiptsTransitionSchema = z.strictObject({ submissionId: id, expectedVersion: version }, UNKNOWN_FIELD);
