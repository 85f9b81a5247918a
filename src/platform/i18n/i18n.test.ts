import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolate, negotiateLocale } from './i18n.js';

test('Accept-Language picks id or en with q-values, Indonesian by default', () => {
  assert.equal(negotiateLocale(undefined), 'id');
  assert.equal(negotiateLocale('en-US,en;q=0.9'), 'en');
  assert.equal(negotiateLocale('fr, en;q=0.5, id;q=0.8'), 'id');
  assert.equal(negotiateLocale('de'), 'id');
  assert.equal(negotiateLocale('id;q=0, en'), 'en');
});

test('placeholders are filled and unknown ones left visible', () => {
  assert.equal(interpolate('NIP {nip} {x}', { nip: 1 }), 'NIP 1 {x}');
});
