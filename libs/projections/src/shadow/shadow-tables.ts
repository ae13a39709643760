import type { DataSource, EntityManager } from 'typeorm';
import type { Projection } from '../projection.js';
import { shadowTables, tableIn } from '../table-target.js';

/**
 * The shadow copies of a projection's tables, beside the live ones in schema `kd` (kd_app owns
 * that schema but may not create schemas): `kd.<table>_rebuild`, same columns, defaults, checks,
 * persistence, owner and grants; its primary key, unique constraints, foreign keys (pointing at
 * the other shadow tables) and indexes carry the live names plus `_rb`, renamed at the swap.
 */
export const shadowName = (name: string): string => `${name.slice(0, 60)}_rb`;

/** The checkpoint row (and dead-letter key) of a projection's shadow. */
export const shadowCheckpoint = (projection: Projection): string =>
  projection.name + shadowTables.suffix;

interface Constraint {
  table: string;
  name: string;
  type: string;
  def: string;
}

/**
 * Drops what an earlier, interrupted rebuild left, creates empty shadow tables and resets the
 * shadow's checkpoint and dead letters, in one transaction.
 */
export async function createShadowTables(ds: DataSource, projection: Projection): Promise<void> {
  await ds.transaction(async (tx) => {
    await tx.query(`SET LOCAL search_path = pg_catalog`);
    await dropShadowIn(tx, projection);
    for (const table of projection.tables) await createShadow(tx, table);
    for (const c of await constraintsOf(tx, projection.tables, ['p', 'u', 'x', 'f'])) {
      const def = c.type === 'f' ? pointAtShadows(c.def, projection.tables) : c.def;
      await tx.query(
        `ALTER TABLE ${tableIn(shadowTables, c.table)} ADD CONSTRAINT ${shadowName(c.name)} ${def}`,
      );
    }
    for (const index of await plainIndexesOf(tx, projection.tables)) {
      const def = index.def.replace(
        ` INDEX ${index.name} ON kd.${index.table} `,
        ` INDEX ${shadowName(index.name)} ON ${tableIn(shadowTables, index.table)} `,
      );
      if (def === index.def) throw new Error(`cannot rewrite index definition: ${index.def}`);
      await tx.query(def);
    }
    const name = shadowCheckpoint(projection);
    await tx.query(`DELETE FROM kd.projection_dead_letters WHERE projection = $1`, [name]);
    await tx.query(`DELETE FROM kd.projection_checkpoints WHERE projection = $1`, [name]);
  });
}

/** Drops the shadow tables, checkpoint and dead letters (a failed or abandoned rebuild). */
export async function dropShadowTables(ds: DataSource, projection: Projection): Promise<void> {
  await ds.transaction((tx) => dropShadowIn(tx, projection));
}

async function dropShadowIn(tx: EntityManager, projection: Projection): Promise<void> {
  const names = projection.tables.map((t) => tableIn(shadowTables, t));
  await tx.query(`DROP TABLE IF EXISTS ${names.join(', ')}`);
  const name = shadowCheckpoint(projection);
  await tx.query(`DELETE FROM kd.projection_dead_letters WHERE projection = $1`, [name]);
  await tx.query(`DELETE FROM kd.projection_checkpoints WHERE projection = $1`, [name]);
}

async function createShadow(tx: EntityManager, table: string): Promise<void> {
  const rows: { persistence: string; owner: string; acl: string[] | null }[] = await tx.query(
    `SELECT c.relpersistence AS persistence, pg_get_userbyid(c.relowner) AS owner,
            c.relacl::text[] AS acl
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'kd' AND c.relname = $1 AND c.relkind = 'r'`,
    [table],
  );
  const live = rows[0];
  if (!live) throw new Error(`projection table kd.${table} does not exist`);
  const shadow = tableIn(shadowTables, table);
  const unlogged = live.persistence === 'u' ? 'UNLOGGED ' : '';
  await tx.query(
    `CREATE ${unlogged}TABLE ${shadow} (LIKE kd.${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS
       INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS)`,
  );
  const [me] = await tx.query<{ name: string }[]>(`SELECT current_user AS name`);
  if (me?.name !== live.owner) await tx.query(`ALTER TABLE ${shadow} OWNER TO "${live.owner}"`);
  const grants: { grantee: string; privilege: string }[] = await tx.query(
    `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee,
            a.privilege_type AS privilege
       FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`,
    [`kd.${table}`],
  );
  for (const g of grants) await tx.query(`GRANT ${g.privilege} ON ${shadow} TO ${g.grantee}`);
}

/** Constraints of the given kinds on the live tables; definitions fully qualified. */
export async function constraintsOf(
  tx: EntityManager,
  tables: readonly string[],
  types: readonly string[],
): Promise<Constraint[]> {
  return tx.query(
    `SELECT t.relname AS table, k.conname AS name, k.contype::text AS type,
            pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'kd' AND t.relname = ANY($1) AND k.contype::text = ANY($2)
      ORDER BY array_position($1, t.relname::text), k.contype <> 'p', k.conname`,
    [tables, types],
  );
}

/** Indexes of the live tables that no constraint owns. */
export async function plainIndexesOf(
  tx: EntityManager,
  tables: readonly string[],
): Promise<{ table: string; name: string; def: string }[]> {
  return tx.query(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'kd' AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY i.relname`,
    [tables],
  );
}

/** A foreign key between tables of the projection points at the other shadow table. */
function pointAtShadows(def: string, tables: readonly string[]): string {
  return def.replace(/REFERENCES kd\.(\w+)\(/, (whole, table: string) =>
    tables.includes(table) ? `REFERENCES ${tableIn(shadowTables, table)}(` : whole,
  );
}
