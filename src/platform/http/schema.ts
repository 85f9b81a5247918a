import { Type, type TSchema } from '@sinclair/typebox';

/** Schema building blocks shared by every module's routes. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Id = Type.String({ format: 'uuid' });
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
/** Serialised as an ISO 8601 string; services may hand over a Date. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const StrEnum = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
export const IdParams = Type.Object({ id: Id });
export const NoContent = { 204: { type: 'null', description: 'No content' } } as const;
