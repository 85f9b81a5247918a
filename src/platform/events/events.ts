import type { Ctx } from '../context.js';

/**
 * Typed domain events, delivered inside the transaction that raised them.
 *
 * A module announces a change with `emit(ctx, name, payload)`; the handlers other modules
 * registered run at once, in the same transaction, before it commits. A reaction therefore
 * commits or rolls back with the change that caused it, and survives a crash exactly when the
 * change does: no outbox is needed for in-process reactions (ADR 0007).
 *
 * Modules declare their events by augmenting `DomainEvents`:
 *
 *   declare module '../../platform/events/events.js' {
 *     interface DomainEvents { 'catalog.record.changed': { kind: string; id: string } }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type EventName = keyof DomainEvents & string;
export type EventHandler<K extends EventName> = (
  ctx: Ctx,
  payload: DomainEvents[K],
) => Promise<void>;

const handlers = new Map<string, Array<EventHandler<never>>>();

/** Registers a reaction; module manifests call this once at load. */
export function on<K extends EventName>(name: K, handler: EventHandler<K>): void {
  const list = handlers.get(name) ?? [];
  list.push(handler as EventHandler<never>);
  handlers.set(name, list);
}

/** Events muted per transaction (withEventsMuted). */
const muted = new WeakMap<object, ReadonlySet<string>>();

/**
 * Runs fn with the named events muted in ctx's transaction: emit() skips their handlers. For bulk
 * writers (the demo seed, imports) that write thousands of records and then announce one summary
 * event (e.g. `catalog.records.bulk_changed`) instead of a reaction per record. Nests; the
 * previous set is restored when fn settles.
 */
export async function withEventsMuted<T>(
  ctx: Pick<Ctx, 'tx'>,
  names: readonly EventName[],
  fn: () => Promise<T>,
): Promise<T> {
  const previous = muted.get(ctx.tx);
  muted.set(ctx.tx, new Set([...(previous ?? []), ...names]));
  try {
    return await fn();
  } finally {
    if (previous) muted.set(ctx.tx, previous);
    else muted.delete(ctx.tx);
  }
}

/** Runs every handler of the event, in registration order, in the caller's transaction. */
export async function emit<K extends EventName>(
  ctx: Ctx,
  name: K,
  payload: DomainEvents[K],
): Promise<void> {
  const list = handlers.get(name);
  if (!list) return;
  if (muted.get(ctx.tx)?.has(name)) return;
  for (const handler of list) await (handler as EventHandler<K>)(ctx, payload);
}

/** Whether anything listens: callers may skip building an expensive payload. */
export function hasHandlers(name: EventName): boolean {
  return (handlers.get(name)?.length ?? 0) > 0;
}
