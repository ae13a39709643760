import type { DataSource } from 'typeorm';
import { setRolePassword } from '@kd/projections';

/** The read-only role of analysts and Grafana (migration 1763884800304-analytics-role). */
export const analyticsRole = 'kd_analytics';

/**
 * Sets the password kd_analytics logs in with (`npm run migrations:run` does it when
 * KD_ANALYTICS_PASSWORD is set).
 */
export async function setAnalyticsPassword(dataSource: DataSource, password: string) {
  await setRolePassword(dataSource, analyticsRole, password);
}
