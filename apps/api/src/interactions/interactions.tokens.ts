export const COMMAND_RUNTIME = Symbol('COMMAND_RUNTIME');
