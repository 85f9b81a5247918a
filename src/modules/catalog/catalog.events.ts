import type { RecordKind } from './db/schema.js';

/** The events the registry raises, delivered in the writer's transaction (platform/events). */
declare module '../../platform/events/events.js' {
  interface DomainEvents {
    /** An approved record, or something hanging off it (a document, an API, a relation), changed. */
    'catalog.record.changed': { kind: RecordKind; id: string };
    /** A record left the approved registry (deleted). */
    'catalog.record.removed': { kind: RecordKind; id: string };
    /** Many records changed at once (an import, the demo seed): re-evaluate everything. */
    'catalog.records.bulk_changed': Record<string, never>;
  }
}

export {};
