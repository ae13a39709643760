import type { DataSource, EntityManager } from 'typeorm';
import type { Projection } from '../projection.js';
import { lockCheckpoint } from '../runner/checkpoints.js';
import { shadowTables, tableIn } from '../table-target.js';
import { constraintsOf, plainIndexesOf, shadowCheckpoint, shadowName } from './shadow-tables.js';

export type SwapOutcome =
  | { swapped: true; checkpoint: number }
  /** The live projector applied more than the shadow has: catch the shadow up and try again. */
  | { swapped: false; live: number; shadow: number };

/**
 * Puts the shadow tables in place of the live ones, in one transaction: holds the live
 * checkpoint row (the projector applies every batch under that row lock, so it waits), locks
 * the views that read the tables and then the tables themselves (ACCESS EXCLUSIVE: readers wait
 * for the commit, then see the new rows), renames the live tables away and the shadow ones in,
 * recreates those views (a view binds to a table's OID; CREATE OR REPLACE keeps the view's OID,
 * owner, grants and comments, so views on views follow), drops the old tables, gives indexes and
 * constraints the live names, and moves the shadow's checkpoint and dead letters to the
 * projection. Does nothing when the live checkpoint is ahead of the shadow's.
 *
 * Lock order: a reader locks a view before the relations it reads, so the swap locks the views
 * first, each before the views it reads, and the tables last. A reader that got a view first
 * makes the swap wait before it holds anything that reader still needs. (A query that locks
 * relations in another order, say a direct read of a table joined to a view, can still deadlock
 * with the swap: PostgreSQL aborts one of the two, and the swap is retried, see rebuild.ts.)
 */
export async function swapShadowTables(
  ds: DataSource,
  projection: Projection,
): Promise<SwapOutcome> {
  return ds.transaction(async (tx) => {
    // Fully qualified definitions (views, constraints) whatever the role's search_path.
    await tx.query(`SET LOCAL search_path = pg_catalog`);
    const live = await lockCheckpoint(tx, projection.name, projection.version);
    const shadow = await lockCheckpoint(tx, shadowCheckpoint(projection), projection.version);
    if (shadow.lastSeq < live.lastSeq)
      return { swapped: false, live: live.lastSeq, shadow: shadow.lastSeq };
    const { tables } = projection;
    const views = await viewsReading(tx, tables);
    // A non-recursive ACCESS EXCLUSIVE lock on a view (LOCK TABLE would also lock, in its own
    // order, everything the view reads): giving it the owner it has changes nothing else.
    for (const v of views) await tx.query(`ALTER VIEW ${v.name} OWNER TO ${v.owner}`);
    await tx.query(
      `LOCK TABLE ${tables.map((t) => `kd.${t}`).join(', ')} IN ACCESS EXCLUSIVE MODE`,
    );
    const constraints = await constraintsOf(tx, tables, ['p', 'u', 'x', 'f']);
    const indexes = await plainIndexesOf(tx, tables);
    for (const t of tables) await tx.query(`ALTER TABLE kd.${t} RENAME TO ${retired(t)}`);
    for (const t of tables)
      await tx.query(`ALTER TABLE ${tableIn(shadowTables, t)} RENAME TO ${t}`);
    for (const v of views) await tx.query(`CREATE OR REPLACE VIEW ${v.name} AS ${v.def}`);
    await tx.query(`DROP TABLE ${tables.map((t) => `kd.${retired(t)}`).join(', ')}`);
    // Index-backed constraints first: renaming the index renames the constraint.
    for (const c of constraints) {
      if (c.type === 'f')
        await tx.query(
          `ALTER TABLE kd.${c.table} RENAME CONSTRAINT ${shadowName(c.name)} TO ${c.name}`,
        );
      else await tx.query(`ALTER INDEX kd.${shadowName(c.name)} RENAME TO ${c.name}`);
    }
    for (const i of indexes)
      await tx.query(`ALTER INDEX kd.${shadowName(i.name)} RENAME TO ${i.name}`);
    await moveCheckpoint(tx, projection);
    return { swapped: true, checkpoint: shadow.lastSeq };
  });
}

const retired = (table: string): string => `${table.slice(0, 55)}_retired`;

/**
 * Views that read any of the tables directly (views on those views follow by OID), each before
 * every view it reads, directly or through other views: its height (the longest chain of views
 * below it) first, then by OID. (Read before the locks: only a migration changes a definition.)
 */
async function viewsReading(
  tx: EntityManager,
  tables: readonly string[],
): Promise<{ name: string; owner: string; def: string }[]> {
  return tx.query(
    `WITH RECURSIVE reads AS (
       SELECT DISTINCT r.ev_class AS reader, d.refobjid AS read
         FROM pg_depend d
         JOIN pg_rewrite r ON r.oid = d.objid
         JOIN pg_class c ON c.oid = d.refobjid
        WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
          AND r.ev_class <> d.refobjid),
     direct AS (
       SELECT DISTINCT x.reader AS oid
         FROM reads x
         JOIN pg_class v ON v.oid = x.reader AND v.relkind = 'v'
         JOIN pg_class t ON t.oid = x.read
         JOIN pg_namespace tn ON tn.oid = t.relnamespace
        WHERE tn.nspname = 'kd' AND t.relname = ANY($1)),
     chain (start, below, depth) AS (
       SELECT oid, oid, 0 FROM direct
       UNION ALL
       SELECT c.start, x.read, c.depth + 1
         FROM chain c
         JOIN reads x ON x.reader = c.below
         JOIN pg_class v ON v.oid = x.read AND v.relkind = 'v')
     SELECT format('%I.%I', n.nspname, v.relname) AS name,
            quote_ident(pg_get_userbyid(v.relowner)) AS owner, pg_get_viewdef(v.oid) AS def
       FROM (SELECT start, max(depth) AS height FROM chain GROUP BY start) h
       JOIN pg_class v ON v.oid = h.start
       JOIN pg_namespace n ON n.oid = v.relnamespace
      ORDER BY h.height DESC, v.oid`,
    [tables],
  );
}

async function moveCheckpoint(tx: EntityManager, projection: Projection): Promise<void> {
  const shadow = shadowCheckpoint(projection);
  await tx.query(
    `UPDATE kd.projection_checkpoints AS live
        SET last_seq = s.last_seq, last_occurred_at = s.last_occurred_at,
            projection_version = s.projection_version, updated_at = now()
       FROM kd.projection_checkpoints AS s
      WHERE live.projection = $1 AND s.projection = $2`,
    [projection.name, shadow],
  );
  await tx.query(`DELETE FROM kd.projection_checkpoints WHERE projection = $1`, [shadow]);
  await tx.query(`DELETE FROM kd.projection_dead_letters WHERE projection = $1`, [projection.name]);
  await tx.query(`UPDATE kd.projection_dead_letters SET projection = $1 WHERE projection = $2`, [
    projection.name,
    shadow,
  ]);
}
