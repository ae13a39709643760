export type { CommandRuntime } from '@kd/commands';
