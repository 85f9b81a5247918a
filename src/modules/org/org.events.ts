/** The events the org module raises, delivered in the writer's transaction (platform/events). */
declare module '../../platform/events/events.js' {
  interface DomainEvents {
    /**
     * Something compliance reads of an agency's organisation changed: an agency was created,
     * changed or removed, a unit's e-government flag changed, or an ICT manager appointment was
     * made, changed or ended. `agencyId` is null when the change is tenant-wide.
     */
    'org.structure.changed': { agencyId: string | null };
  }
}

export {};
