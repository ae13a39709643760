import type { DataSource } from 'typeorm';

/** The login of the apps (api, bot, projector): owns schemas kd and analytics, nothing else. */
export const appRole = 'kd_app';

/** The schemas the apps own; the migration table in `public` is only readable to them. */
const appSchemas = ['kd', 'analytics'];

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Makes `owner` the owner of schemas kd and analytics and of every table, view, sequence and
 * function in them, and lets it read the migration table. Migrations run as a superuser (they
 * create roles), so what they create belongs to the superuser until this runs: the migration that
 * introduced kd_app runs it, and `npm run migrations:run` runs it again after every migration.
 * Sequences owned by a table follow their table.
 */
export async function assignSchemasTo(q: Queryable, owner: string = appRole): Promise<void> {
  await q.query(
    `
    DO $$
    DECLARE
      o record;
      target text := ${quoteLiteral(owner)};
    BEGIN
      FOR o IN
        SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, target) AS sql
        FROM pg_namespace WHERE nspname = ANY (${schemaArray()})
        UNION ALL
        SELECT format('ALTER %s %I.%I OWNER TO %I',
                      CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                     WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                      n.nspname, c.relname, target)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY (${schemaArray()}) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND NOT EXISTS (SELECT FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                            AND d.deptype IN ('a', 'i'))
        UNION ALL
        SELECT format('ALTER ROUTINE %I.%I(%s) OWNER TO %I',
                      n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), target)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY (${schemaArray()})
        UNION ALL
        SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, target)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = ANY (${schemaArray()}) AND t.typtype IN ('e', 'd')
      LOOP
        EXECUTE o.sql;
      END LOOP;
      IF to_regclass('public.typeorm_migrations') IS NOT NULL THEN
        EXECUTE format('GRANT SELECT ON public.typeorm_migrations TO %I', target);
      END IF;
    END $$`,
  );
}

/**
 * Sets the password a role logs in with. The server stores a SCRAM verifier; the literal is
 * quoted by the server, since ALTER ROLE takes no bind parameters.
 */
export async function setRolePassword(dataSource: DataSource, role: string, password: string) {
  const [quoted] = await dataSource.query<{ literal: string; role: string }[]>(
    `SELECT quote_literal($1::text) AS literal, quote_ident($2::text) AS role`,
    [password, role],
  );
  if (!quoted) throw new Error(`could not quote the password of ${role}`);
  await dataSource.query(`ALTER ROLE ${quoted.role} PASSWORD ${quoted.literal}`);
}

function schemaArray(): string {
  return `ARRAY[${appSchemas.map(quoteLiteral).join(', ')}]::name[]`;
}

/** For identifiers we define (role and schema names), never for input. */
function quoteLiteral(value: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(value)) throw new Error(`not a plain identifier: ${value}`);
  return `'${value}'`;
}
