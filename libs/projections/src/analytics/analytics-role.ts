import type { DataSource } from 'typeorm';

/** The read-only role of analysts and Grafana (migration 1763884800304-analytics-role). */
export const analyticsRole = 'kd_analytics';

/**
 * Sets the password kd_analytics logs in with (`npm run migrations:run` does it when
 * KD_ANALYTICS_PASSWORD is set). The server stores a SCRAM verifier; the literal is quoted by
 * the server, since ALTER ROLE takes no bind parameters.
 */
export async function setAnalyticsPassword(dataSource: DataSource, password: string) {
  const [quoted] = await dataSource.query<{ literal: string }[]>(
    `SELECT quote_literal($1::text) AS literal`,
    [password],
  );
  if (!quoted) throw new Error('could not quote the analytics password');
  await dataSource.query(`ALTER ROLE ${analyticsRole} PASSWORD ${quoted.literal}`);
}
