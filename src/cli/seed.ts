import type { Command } from 'commander';

export function seedDemoCommand(_program: Command): void {}
