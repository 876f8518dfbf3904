import { z } from "zod";
import { questionCategory } from "@/db/schema";
import { idField, UNKNOWN_FIELD, versionField } from "@/lib/core/input";
import { ANSWER_MAX, BODY_MAX, NOTE_MAX, SCREENSHOT_MAX_BYTES } from "./rules";

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}：请填写` })
    .trim()
    .min(1, `${label}：请填写`)
    .max(max, `${label}：不能超过 ${max} 个字，请精简后再提交`);

/** A file input left empty arrives as a nameless empty File: that is no screenshot, not an empty one. */
const noFile = (value: unknown) => (value instanceof File && value.size === 0 && !value.name) || value === "" ? undefined : value;

/** 提出问题: on the training submission of the unit's reporting unit (its own, or its city's for a county or school). */
export const askSchema = z.strictObject(
  {
    submissionId: idField,
    category: z.enum(questionCategory.enumValues, { error: "问题分类：请选择" }),
    body: text("问题描述", BODY_MAX),
    screenshot: z.preprocess(
      noFile,
      z
        .instanceof(File, { error: "截图：请选择图片文件" })
        .refine((f) => f.size > 0, "截图：文件是空的，请重新选择")
        .refine((f) => f.size <= SCREENSHOT_MAX_BYTES, "截图：不能超过 5 MB，请裁剪或压缩后重新选择")
        .optional(),
    ),
  },
  UNKNOWN_FIELD,
);

const onQuestion = { questionId: idField, expectedVersion: versionField };

export const triageSchema = z.strictObject({ ...onQuestion, note: text("转交意见", NOTE_MAX) }, UNKNOWN_FIELD);
export const answerSchema = z.strictObject({ ...onQuestion, answer: text("答复内容", ANSWER_MAX) }, UNKNOWN_FIELD);
export const faqSchema = z.strictObject(onQuestion, UNKNOWN_FIELD);

export type TriageValues = Pick<z.input<typeof triageSchema>, "note">;
export type AnswerValues = Pick<z.input<typeof answerSchema>, "answer">;
