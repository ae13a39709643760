export { projections, projectionNamed, migrations, migrationTimestamp } from './registry.js';
