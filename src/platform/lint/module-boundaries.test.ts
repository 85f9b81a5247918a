import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import simpul from '../../../eslint/module-boundaries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const file = (rel: string) => path.join(root, rel);

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
});

tester.run('simpul/module-boundaries', simpul.rules['module-boundaries'], {
  valid: [
    {
      filename: file('src/modules/org/x.ts'),
      code: "import { findUser } from '../identity/identity.service.js';",
    },
    // A module's own data layer is its own business.
    {
      filename: file('src/modules/org/org.service.ts'),
      code: "import * as repo from './db/org.repository.js';",
    },
    {
      filename: file('src/modules/org/http/org.routes.ts'),
      code: "import { agencies } from '../db/schema.js';",
    },
    // A table schema may name another module's table in a foreign key.
    {
      filename: file('src/modules/catalog/db/schema.ts'),
      code: "import { agencies } from '../../org/db/schema.js';",
    },
    // Packages and the platform are always fine.
    { filename: file('src/modules/org/x.ts'), code: "import { Type } from '@sinclair/typebox';" },
    {
      filename: file('src/modules/org/x.ts'),
      code: "import { AppError } from '../../platform/http/errors.js';",
    },
    // The composition root and test support may reach into modules.
    {
      filename: file('src/modules/index.ts'),
      code: "import { orgModule } from './org/module.js';",
    },
    {
      filename: file('test/support/factories.ts'),
      code: "import type { TenantRow } from '../../src/modules/tenancy/db/schema.js';",
    },
    { filename: file('src/platform/http/app.ts'), code: "import { AppError } from './errors.js';" },
    // Computed specifiers cannot be checked statically.
    { filename: file('src/modules/org/x.ts'), code: 'const m = await import(name);' },
  ],
  invalid: [
    {
      // ...but nothing else in db/ may.
      filename: file('src/modules/catalog/db/catalog.repository.ts'),
      code: "import { agencies } from '../../org/db/schema.js';",
      errors: [{ messageId: 'dataLayer' }],
    },
    {
      filename: file('src/modules/org/x.ts'),
      code: "import { users } from '../identity/db/schema.js';",
      errors: [
        {
          messageId: 'dataLayer',
          data: { from: 'org', to: 'identity', spec: '../identity/db/schema.js' },
        },
      ],
    },
    {
      filename: file('src/modules/org/http/org.routes.ts'),
      code: "import type { UserRow } from '../../identity/db/schema.js';",
      errors: [{ messageId: 'dataLayer' }],
    },
    {
      // A repository outside db/ is still the data layer.
      filename: file('src/modules/org/x.ts'),
      code: "import { findUser } from '../identity/user.repository.js';",
      errors: [{ messageId: 'dataLayer' }],
    },
    {
      filename: file('src/modules/org/x.ts'),
      code: "export { users } from '../identity/db/schema.js';",
      errors: [{ messageId: 'dataLayer' }],
    },
    {
      filename: file('src/modules/org/x.ts'),
      code: "export * from '../identity/db/identity.repository.js';",
      errors: [{ messageId: 'dataLayer' }],
    },
    {
      filename: file('src/modules/org/x.ts'),
      code: "const repo = await import('../identity/db/identity.repository.js');",
      errors: [{ messageId: 'dataLayer' }],
    },
    {
      filename: file('src/modules/org/x.ts'),
      code: "type U = import('../identity/db/schema.js').UserRow;",
      errors: [{ messageId: 'dataLayer' }],
    },
    {
      filename: file('src/platform/http/app.ts'),
      code: "import { orgModule } from '../../modules/org/module.js';",
      errors: [{ messageId: 'platformImportsModule' }],
    },
  ],
});

describe('eslint.config.js', () => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: file('eslint.config.js') });
  const lint = async (rel: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: file(rel) });
    assert.ok(result);
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  };

  it("rejects an import of another module's db/ from src/modules/org", async () => {
    const messages = await lint(
      'src/modules/org/x.ts',
      "import { users } from '../identity/db/schema.js';\nexport const t = users;\n",
    );
    assert.deepEqual(messages, [
      "simpul/module-boundaries: module org must use identity's service, not its database layer (../identity/db/schema.js).",
    ]);
  });

  it("accepts an import of another module's service", async () => {
    const messages = await lint(
      'src/modules/org/x.ts',
      "import { findUser } from '../identity/identity.service.js';\nexport const f = findUser;\n",
    );
    assert.deepEqual(messages, []);
  });

  it('allows process.env only in config, the CLI, scripts, bench and tests', async () => {
    const code = 'export const url = process.env.DATABASE_URL;\n';
    const [denied] = await lint('src/modules/org/x.ts', code);
    assert.match(denied ?? '', /^no-restricted-properties: 'process\.env'/);
    assert.deepEqual(await lint('src/platform/config/x.ts', code), []);
    assert.deepEqual(await lint('src/cli/x.ts', code), []);
    assert.deepEqual(await lint('test/support/x.ts', code), []);
  });
});
