import type { Command } from 'commander';

// Placeholder registration; implemented in this issue by the backup work.
export function backupCommand(_program: Command): void {}
export function restoreCommand(_program: Command): void {}
