// Zod schemas of a bulletin, shared by the province's form and the commands.
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD } from "@/lib/core/input";


export const bulletinTitleSchema = z
  .string({ error: "通报标题：请填写" })
  .transform((raw) => raw.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(4, "通报标题：请填写完整的标题").max(100, "通报标题：不能超过 100 个字，请精简"));

export const generateFormSchema = z.strictObject({ title: bulletinTitleSchema }, UNKNOWN_FIELD);
export const generateBulletinSchema = z.strictObject({ campaignId: id, title: bulletinTitleSchema }, UNKNOWN_FIELD);
export const publishBulletinSchema = z.strictObject({ bulletinId: id }, UNKNOWN_FIELD);

export type GenerateFormInput = z.input<typeof generateFormSchema>;
export type GenerateFormOutput = z.output<typeof generateFormSchema>;
