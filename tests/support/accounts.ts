import { randomUUID } from "node:crypto";
import type { Db } from "@/db/index";
import { type Role, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/core/actor";
import { hasProvinceScope } from "@/lib/core/roles";
import { actorFor, unitByCode } from "./actors";

/** A fresh active account with `password`, at the province's bureau (province roles) or at 石家庄 (fillers); its actor. */
export async function addActiveUser(
  db: Db,
  { role, password, passwordChangedAt, createdAt, prefix }: { role: Role; password: string; passwordChangedAt: Date; createdAt?: Date; prefix: string },
): Promise<Actor> {
  const email = `${prefix}-${randomUUID().slice(0, 8)}@test.baosong.cn`;
  const unit = await unitByCode(db, hasProvinceScope(role) ? "13" : "1301");
  await db.insert(users).values({ email, name: "赵敏", role, unitId: unit.id, status: "active", passwordHash: await hashPassword(password), passwordChangedAt, createdAt });
  return actorFor(db, email);
}
