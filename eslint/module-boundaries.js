// Local ESLint plugin `simpul`: keeps the module boundaries of ARCHITECTURE.md ("a module owns its
// tables; other modules reach it only through its service") and keeps src/platform free of
// business modules.
import path from 'node:path';

/** Path of `file` relative to the project root, with forward slashes; null when outside it. */
function projectPath(file, cwd) {
  const abs = path.resolve(cwd, file).split(path.sep).join('/');
  const root = path.resolve(cwd).split(path.sep).join('/');
  if (abs.startsWith(`${root}/`)) return abs.slice(root.length + 1);
  // Fallback for files linted from another working directory: anchor on the last `/src/`.
  const at = abs.lastIndexOf('/src/');
  return at >= 0 ? abs.slice(at + 1) : null;
}

/** `src/modules/<name>/...` -> name; anything else -> null. */
function moduleOf(rel) {
  const m = /^src\/modules\/([^/]+)\/./.exec(rel);
  return m ? m[1] : null;
}

function isDataLayer(rel) {
  if (/^src\/modules\/[^/]+\/db\//.test(rel)) return true;
  return /\.repository(\.[cm]?[jt]s)?$/.test(rel) && rel.startsWith('src/modules/');
}

function isTestFile(rel) {
  return /\.test\.[cm]?[jt]sx?$/.test(rel);
}

/** The string a module specifier node holds, or null when it is computed. */
function specifierOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  if (node.type === 'TSLiteralType') return specifierOf(node.literal);
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'A module uses other modules only through their services, never their db/ or repositories; src/platform never imports src/modules.',
    },
    schema: [],
    messages: {
      dataLayer: "module {{from}} must use {{to}}'s service, not its database layer ({{spec}}).",
      platformImportsModule:
        'src/platform must not depend on business modules ({{spec}}); pass what it needs in from the composition root.',
    },
  },
  create(context) {
    const cwd = context.cwd ?? process.cwd();
    const self = projectPath(context.filename, cwd);
    if (!self) return {};
    const fromModule = moduleOf(self);
    const inPlatform = self.startsWith('src/platform/') && !isTestFile(self);
    if (!fromModule && !inPlatform) return {};
    const dir = path.posix.dirname(self);

    function check(sourceNode) {
      const spec = specifierOf(sourceNode);
      // Only relative specifiers can reach our own files (no path aliases in tsconfig).
      if (!spec || !spec.startsWith('.')) return;
      const target = path.posix.normalize(path.posix.join(dir, spec));
      if (inPlatform && target.startsWith('src/modules/')) {
        context.report({ node: sourceNode, messageId: 'platformImportsModule', data: { spec } });
        return;
      }
      const toModule = moduleOf(target);
      // One table schema may name another module's table in a foreign key: the database keeps
      // references whole, but no query crosses the boundary.
      const schemaToSchema =
        /\/db\/schema\.ts$/.test(self) && /\/db\/schema(\.[jt]s)?$/.test(target);
      if (
        fromModule &&
        toModule &&
        toModule !== fromModule &&
        isDataLayer(target) &&
        !schemaToSchema
      ) {
        context.report({
          node: sourceNode,
          messageId: 'dataLayer',
          data: { from: fromModule, to: toModule, spec },
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument),
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

const plugin = {
  meta: { name: 'simpul' },
  rules: { 'module-boundaries': moduleBoundaries },
};

export default plugin;
