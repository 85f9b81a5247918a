import { loadConfig, ConfigError, type Config } from '../platform/config/config.js';
import { createLogger } from '../platform/logger.js';
import { openInfrastructure, type Infrastructure } from '../main.js';

export function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

export async function withInfra<T>(
  fn: (infra: Infrastructure, cfg: Config) => Promise<T>,
): Promise<T> {
  const cfg = config();
  const log = createLogger({ logLevel: cfg.logLevel === 'info' ? 'warn' : cfg.logLevel });
  const infra = await openInfrastructure(cfg, log);
  try {
    return await fn(infra, cfg);
  } finally {
    await infra.close();
  }
}
