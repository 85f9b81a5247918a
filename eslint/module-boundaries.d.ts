import type { ESLint, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & { rules: { 'module-boundaries': Rule.RuleModule } };
export default plugin;
