import { ProjectionInfrastructure1763884800000 } from './1763884800000-projection-infrastructure.js';
import { AppRole1763884800900 } from './1763884800900-app-role.js';

/**
 * The migrations of the projection infrastructure itself (checkpoints, dead letters) and of the
 * apps' role. Each read model ships its own; @kd/read-models puts them all in one order.
 */
export const projectionMigrations = [ProjectionInfrastructure1763884800000, AppRole1763884800900];
