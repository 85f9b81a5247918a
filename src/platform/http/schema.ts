import { Type, type TNull, type TSchema, type TUnion } from '@sinclair/typebox';

/**
 * A value or null. For a scalar the schema is `type: [<type>, 'null']` rather than an anyOf:
 * the validator coerces types (query strings need it), and with an anyOf it would turn a `null`
 * body value into `""` or `false` by the first branch before the null branch is tried.
 */
export const Nullable = <T extends TSchema>(t: T): TUnion<[T, TNull]> => {
  const type: unknown = t.type;
  if (typeof type === 'string' && type !== 'object' && type !== 'array' && type !== 'null') {
    const schema: Record<string, unknown> = { ...t, type: [type, 'null'] };
    if (Array.isArray(t.enum)) schema.enum = [...(t.enum as unknown[]), null];
    return Type.Unsafe(schema) as unknown as TUnion<[T, TNull]>;
  }
  return Type.Union([t, Type.Null()]);
};
export const Id = Type.String({ format: 'uuid' });
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
/** Serialised as an ISO 8601 string; services may hand over a Date. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const StrEnum = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
export const IdParams = Type.Object({ id: Id });
export const NoContent = { 204: { type: 'null', description: 'No content' } } as const;
