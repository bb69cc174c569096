import type { z } from 'zod';

/**
 * `fits<Generated>()(schema)`: the zod schema of what Voordeur reads from a source may only name
 * fields the type generated from the official spec has, with types that fit them; a typo or a
 * field the spec does not have fails the typecheck.
 */
export function fits<Generated>() {
  return <S extends z.ZodType<Partial<Generated>>>(
    schema: S & (Exclude<keyof z.output<S>, keyof Generated> extends never ? unknown : { notInSpec: Exclude<keyof z.output<S>, keyof Generated> }),
  ): S => schema;
}

/**
 * `namedIn<Generated>()(schema)`: only the field names are checked against the generated type,
 * for schemas that read nested parts more leniently than the spec promises them (a foreign key
 * without its url, a code as any string).
 */
export function namedIn<Generated>() {
  return <S extends z.ZodType<object>>(
    schema: S & (Exclude<keyof z.output<S>, keyof Generated> extends never ? unknown : { notInSpec: Exclude<keyof z.output<S>, keyof Generated> }),
  ): S => schema;
}
