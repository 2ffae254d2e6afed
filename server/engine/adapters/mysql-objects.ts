// The parts of a MariaDB/MySQL schema that are not tables: views, triggers, routines and events. RENAME TABLE
// cannot move them to another schema (a view cannot change schema; a table with triggers cannot either), so
// the swap records their definitions in the journal and makes the live schema's set equal to the wanted one
// ("converge"), which is safe to repeat after a kill at any instant.
import { unqualifyTrigger } from './mysql-dump-filter.ts';
import { ident, type MySession } from './mysql-client.ts';

export type ObjectKind = 'view' | 'trigger' | 'procedure' | 'function' | 'event';

export interface SchemaObject {
  kind: ObjectKind;
  name: string;
  /** The CREATE statement, without the schema's name: it runs with the target schema as the default one. */
  sql: string;
  sql_mode: string | null;
  time_zone: string | null;
}

type Row = Record<string, string | null>;

async function show(db: MySession, schema: string, sql: string, doing: string): Promise<Row> {
  await db.query(`USE ${ident(schema)}`, [], `use the schema "${schema}"`);
  const [row] = await db.query<Row>(sql, [], doing);
  return row ?? {};
}

/** Every view, trigger, routine and event of `schema`, in an order they can be created in (mostly). */
export async function readObjects(db: MySession, schema: string): Promise<SchemaObject[]> {
  const objects: SchemaObject[] = [];
  const names = async (sql: string) =>
    (await db.query<{ name: string; type?: string }>(sql, [schema], `list the objects of "${schema}"`)).map(
      (row) => row,
    );
  const read = async (kind: ObjectKind, name: string, statement: string, column: string) => {
    const row = await show(
      db,
      schema,
      `SHOW CREATE ${statement} ${ident(name)}`,
      `read the ${kind} "${name}"`,
    );
    const sql = row[column];
    if (!sql) {
      throw new Error(
        `the definition of the ${kind} "${name}" in "${schema}" cannot be read (a privilege is missing)`,
      );
    }
    objects.push({ kind, name, sql, sql_mode: row.sql_mode ?? null, time_zone: row.time_zone ?? null });
  };

  const views = await names(
    'SELECT TABLE_NAME AS name FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
  );
  for (const { name } of views) await read('view', name, 'VIEW', 'Create View');
  const routines = await names(
    'SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ' +
      "AND ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION') ORDER BY ROUTINE_TYPE, ROUTINE_NAME",
  );
  for (const { name, type } of routines) {
    if (type === 'FUNCTION') await read('function', name, 'FUNCTION', 'Create Function');
    else await read('procedure', name, 'PROCEDURE', 'Create Procedure');
  }
  const triggers = await names(
    'SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ' +
      'ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER',
  );
  for (const { name } of triggers) await read('trigger', name, 'TRIGGER', 'SQL Original Statement');
  const events = await names(
    'SELECT EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME',
  );
  for (const { name } of events) await read('event', name, 'EVENT', 'Create Event');
  return objects.map((o) => (o.kind === 'trigger' ? { ...o, sql: unqualifyTrigger(o.sql) } : o));
}

const dropStatement: Record<ObjectKind, string> = {
  view: 'DROP VIEW IF EXISTS',
  trigger: 'DROP TRIGGER IF EXISTS',
  procedure: 'DROP PROCEDURE IF EXISTS',
  function: 'DROP FUNCTION IF EXISTS',
  event: 'DROP EVENT IF EXISTS',
};

async function dropObject(db: MySession, schema: string, object: Pick<SchemaObject, 'kind' | 'name'>) {
  await db.query(
    `${dropStatement[object.kind]} ${ident(schema)}.${ident(object.name)}`,
    [],
    `drop the ${object.kind} "${object.name}" of "${schema}"`,
  );
}

/** Tables with triggers cannot move to another schema: their triggers go first (recorded in the journal). */
export async function dropTriggers(db: MySession, schema: string): Promise<void> {
  const rows = await db.query<{ name: string }>(
    'SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?',
    [schema],
    `list the triggers of "${schema}"`,
  );
  for (const { name } of rows) await dropObject(db, schema, { kind: 'trigger', name });
}

async function create(db: MySession, schema: string, object: SchemaObject): Promise<void> {
  await db.query(`USE ${ident(schema)}`, [], `use the schema "${schema}"`);
  if (object.sql_mode !== null) await db.query('SET SESSION sql_mode = ?', [object.sql_mode], 'set sql_mode');
  if (object.time_zone !== null)
    await db.query('SET SESSION time_zone = ?', [object.time_zone], 'set time_zone');
  const sql = object.kind === 'view' ? object.sql.replace(/^CREATE\s+/i, 'CREATE OR REPLACE ') : object.sql;
  await db.query(sql, [], `create the ${object.kind} "${object.name}" in "${schema}"`);
}

/** Makes the views, triggers, routines and events of `schema` exactly `wanted`. */
export async function convergeObjects(db: MySession, schema: string, wanted: SchemaObject[]): Promise<void> {
  const key = (o: Pick<SchemaObject, 'kind' | 'name'>) => `${o.kind} ${o.name}`;
  const want = new Map(wanted.map((o) => [key(o), o]));
  const current = new Map((await readObjects(db, schema)).map((o) => [key(o), o]));
  for (const [name, object] of current) {
    const target = want.get(name);
    // Views are replaced in place (CREATE OR REPLACE), so a query on one never finds it missing.
    if (!target || (target.sql !== object.sql && object.kind !== 'view')) {
      await dropObject(db, schema, object);
      current.delete(name);
    }
  }
  // Views can use views: create what can be created, and go round again until everything is there.
  let pending = wanted.filter((o) => current.get(key(o))?.sql !== o.sql);
  while (pending.length > 0) {
    const failed: SchemaObject[] = [];
    let lastError: unknown = null;
    for (const object of pending) {
      try {
        await create(db, schema, object);
      } catch (error) {
        failed.push(object);
        lastError = error;
      }
    }
    if (failed.length === pending.length) throw lastError;
    pending = failed;
  }
}
