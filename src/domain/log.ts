/**
 * Where code notes what happened: the one log type, a structural subset of the platform's pino
 * logger (a Fastify request's or app's `log` fits it), so that domain rules, sources and the
 * platform can log without depending on pino. `src/platform/logging.ts` re-exports it.
 */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
