import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, DbOrTx } from "./index";

/**
 * Column types for raw SQL rows. The driver hands timestamps back as text and bigints as strings, so
 * each column says once what it holds and the row is parsed on the way out: a renamed or retyped column
 * fails loudly at the query instead of turning into `NaN` or `"undefined"` further on.
 */
export const col = {
  int: z.coerce.number().int(),
  text: z.string(),
  bool: z.boolean(),
  instant: z.coerce.date(),
  intOrNull: z.coerce.number().int().nullable(),
  textOrNull: z.string().nullable(),
  texts: z.array(z.string()),
  instantOrNull: z.coerce.date().nullable(),
  json: <T>() => z.custom<T>((value) => value !== undefined),
  /** A json object built in the query (json_build_object, row_to_json), its fields typed like columns. */
  object: <S extends z.ZodRawShape>(shape: S) => z.object(shape),
  /** A json array of such objects (json_agg). */
  objects: <S extends z.ZodRawShape>(shape: S) => z.array(z.object(shape)),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values),
};

/** Runs a raw query and parses every row with `row`. */
export async function queryRows<S extends z.ZodRawShape>(db: DbOrTx, row: S, query: SQL): Promise<z.output<z.ZodObject<S>>[]> {
  const schema = z.object(row);
  const rows = await db.execute(query);
  return rows.map((r) => schema.parse(r));
}

const dialect = new PgDialect();

/**
 * queryRows with the statement prepared on its pool connection: PostgreSQL parses and plans it once per connection and
 * reuses the plan, where drizzle's `execute` has it planned on every call. For hot reads on the pool (not in a
 * transaction) whose text does not vary with their input: each distinct text stays prepared on every connection.
 */
export async function queryPreparedRows<S extends z.ZodRawShape>(db: Db, row: S, query: SQL): Promise<z.output<z.ZodObject<S>>[]> {
  const schema = z.object(row);
  const { sql: text, params } = dialect.sqlToQuery(query);
  const rows = await db.$client.unsafe(text, params as never[], { prepare: true });
  return rows.map((r) => schema.parse(r));
}

/** The first row of a raw query, parsed, or undefined when there is none. */
export async function queryRow<S extends z.ZodRawShape>(db: DbOrTx, row: S, query: SQL): Promise<z.output<z.ZodObject<S>> | undefined> {
  return (await queryRows(db, row, query))[0];
}


/**
 * A value (rows for an INSERT … SELECT from jsonb_to_recordset, a list of ids) as one jsonb parameter, however large.
 * drizzle builds a multi-row VALUES or a long IN list a parameter at a time: about a second for 5,000 rows.
 */
export function jsonParam(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}

/** `… in ${idsIn(ids)}`, the ids passed as one parameter. */
export function idsIn(ids: number[]): SQL {
  return sql`(select value::int from jsonb_array_elements_text(${jsonParam(ids)}))`;
}

/** A parameter Postgres reads as int[]: `= any(…)` on it uses an index, where a join to a JSON recordset of unknown size scans the table. */
export function intArray(ids: number[]): SQL {
  return sql`${`{${ids.join(",")}}`}::int[]`;
}
