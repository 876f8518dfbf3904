import { createDb, type Db } from "@/db/index";

/** A short-lived connection to the e2e database the server uses (the global setup sets DATABASE_URL). */
export async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    return await work(db);
  } finally {
    await client.end();
  }
}
