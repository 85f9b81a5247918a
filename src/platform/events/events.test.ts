import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../context.js';
import { emit, on, withEventsMuted } from './events.js';

declare module './events.js' {
  interface DomainEvents {
    'test.events.ping': { n: number };
    'test.events.other': { n: number };
  }
}

describe('domain events', () => {
  const seen: string[] = [];
  on('test.events.ping', async (_ctx, { n }) => {
    seen.push(`ping ${n}`);
  });
  on('test.events.other', async (_ctx, { n }) => {
    seen.push(`other ${n}`);
  });
  const ctx = (tx: object) => ({ tx }) as unknown as Ctx;

  test('muted events skip their handlers in that transaction only, and nesting restores', async () => {
    seen.length = 0;
    const tx = {};
    const elsewhere = {};
    await withEventsMuted(ctx(tx), ['test.events.ping'], async () => {
      await emit(ctx(tx), 'test.events.ping', { n: 1 });
      await emit(ctx(tx), 'test.events.other', { n: 2 });
      await emit(ctx(elsewhere), 'test.events.ping', { n: 3 });
      await withEventsMuted(ctx(tx), ['test.events.other'], async () => {
        await emit(ctx(tx), 'test.events.other', { n: 4 });
        await emit(ctx(tx), 'test.events.ping', { n: 5 });
      });
      await emit(ctx(tx), 'test.events.other', { n: 6 });
      await emit(ctx(tx), 'test.events.ping', { n: 7 });
    });
    await emit(ctx(tx), 'test.events.ping', { n: 8 });
    assert.deepEqual(seen, ['other 2', 'ping 3', 'other 6', 'ping 8']);
  });

  test('the mute is lifted when the work fails', async () => {
    seen.length = 0;
    const tx = {};
    await assert.rejects(
      withEventsMuted(ctx(tx), ['test.events.ping'], async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    await emit(ctx(tx), 'test.events.ping', { n: 1 });
    assert.deepEqual(seen, ['ping 1']);
  });
});
