import { describe, expect, it } from '@jest/globals';
import { assertStorableJson, jsonShapeProblem, limitInBytes } from './body-guards.js';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('jsonShapeProblem', () => {
  it('accepts ordinary bodies, emoji, RTL and zero-width text included', () => {
    expect(
      jsonShapeProblem({ title: '🎉 \u202Eabc \u200B', tags: ['a', { b: [1, true, null] }] }),
    ).toBeUndefined();
    expect(jsonShapeProblem(undefined)).toBeUndefined();
    expect(jsonShapeProblem(nested(32))).toBeUndefined();
  });

  it('measures 10,000 levels without recursing', () => {
    expect(jsonShapeProblem(nested(10_000))).toBe('too_deep');
    expect(jsonShapeProblem(nested(33))).toBe('too_deep');
  });

  it.each([
    ['a NUL in a value', { a: 'x\u0000y' }],
    ['a NUL in a key', { ['k\u0000']: 1 }],
    ['a lone high surrogate', ['\ud800']],
    ['a lone low surrogate', { a: { b: 'x\udc00' } }],
    ['a reversed pair', '\udc00\ud800'],
  ])('finds %s', (_label, value) => {
    expect(jsonShapeProblem(value)).toBe('unstorable_text');
  });

  it('throws the 400 codes the API answers with', () => {
    expect(() => assertStorableJson(nested(40))).toThrow(
      expect.objectContaining({ code: 'HTTP.BODY_TOO_DEEP', category: 'validation' }),
    );
    expect(() => assertStorableJson({ a: '\u0000' })).toThrow(
      expect.objectContaining({ code: 'HTTP.INVALID_TEXT', category: 'validation' }),
    );
  });
});

describe('limitInBytes', () => {
  it('reads the HTTP_BODY_LIMIT forms', () => {
    expect(limitInBytes('64kb')).toBe(65_536);
    expect(limitInBytes('1mb')).toBe(1_048_576);
    expect(limitInBytes('512')).toBe(512);
    expect(limitInBytes('lots')).toBeUndefined();
  });
});
