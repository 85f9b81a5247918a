import { defineConfig } from 'drizzle-kit';

/** Every module's Drizzle schema; migrations are generated from all of them together. */
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/modules/tenancy/db/schema.ts',
    './src/platform/audit/schema.ts',
    './src/modules/org/db/schema.ts',
    './src/modules/identity/db/schema.ts',
    './src/modules/catalog/db/schema.ts',
    './src/modules/compliance/db/schema.ts',
  ],
  out: './migrations',
  entities: { roles: { provider: '' } },
  strict: true,
  verbose: false,
});
