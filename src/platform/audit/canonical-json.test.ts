import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

test('keys are sorted, undefined dropped, dates as ISO strings', () => {
  assert.equal(
    canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: new Date(0) }),
    '{"a":[true,null,"x"],"b":1,"d":"1970-01-01T00:00:00.000Z"}',
  );
});

test('the same value in any key order gives the same text, and it parses back', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const text = canonicalJson(v);
      const reordered = JSON.parse(
        JSON.stringify(v, (_k, x: unknown) =>
          x && typeof x === 'object' && !Array.isArray(x)
            ? Object.fromEntries(Object.entries(x).reverse())
            : x,
        ),
      );
      return canonicalJson(reordered) === text && canonicalJson(JSON.parse(text)) === text;
    }),
  );
});
