import { describe, expect, it } from '@jest/globals';
import { KalturaApiError } from '../errors.js';
import { categoryOfKalturaCode } from '../error-categories.js';
import { toKalturaApiError } from './api-exception.js';

const call = { service: 'media', action: 'get' };

describe('KalturaAPIException mapping', () => {
  it('turns the error object into a typed error carrying the Kaltura code and args', () => {
    const error = toKalturaApiError(
      {
        objectType: 'KalturaAPIException',
        code: 'ENTRY_ID_NOT_FOUND',
        message: 'Entry id "0_x" not found',
        args: { ENTRY_ID: '0_x' },
      },
      call,
    );
    expect(error).toBeInstanceOf(KalturaApiError);
    expect(error?.code).toBe('KALTURA.API_ERROR');
    expect(error?.kalturaCode).toBe('ENTRY_ID_NOT_FOUND');
    expect(error?.category).toBe('not_found');
    expect(error?.args).toEqual({ ENTRY_ID: '0_x' });
    expect(error?.message).toContain('media.get');
  });

  it("accepts PHP's empty-array args and typed name/value args, stringifying values", () => {
    const empty = toKalturaApiError(
      { objectType: 'KalturaAPIException', code: 'MISSING_KS', message: 'Missing KS', args: [] },
      call,
    );
    expect(empty?.args).toEqual({});
    const typed = toKalturaApiError(
      {
        objectType: 'KalturaAPIException',
        code: 'INVALID_KS',
        message: 'x',
        args: [{ objectType: 'KalturaApiExceptionArg', name: 'ERR_CODE', value: -5 }],
      },
      call,
    );
    expect(typed?.args).toEqual({ ERR_CODE: '-5' });
  });

  it('blanks our own KS out of the message and args', () => {
    const ks = 'djJ8MTAwfsecretish';
    const error = toKalturaApiError(
      {
        objectType: 'KalturaAPIException',
        code: 'INVALID_KS',
        message: `Invalid KS "${ks}", Error "-1,INVALID_STR"`,
        args: { KSID: ks, ERR_CODE: -1 },
      },
      call,
      ks,
    );
    expect(error?.message).not.toContain(ks);
    expect(JSON.stringify(error?.details)).not.toContain(ks);
    expect(error?.args).toEqual({ KSID: '[redacted]', ERR_CODE: '-1' });
  });

  it('ignores ordinary response objects', () => {
    expect(toKalturaApiError({ objectType: 'KalturaMediaEntry', id: '0_x' }, call)).toBeUndefined();
  });

  it.each([
    ['INVALID_KS', 'unavailable'],
    ['MISSING_KS', 'unavailable'],
    ['SERVICE_FORBIDDEN', 'permission'],
    ['ACTION_BLOCKED', 'rate_limited'],
    ['ENTRY_ID_NOT_FOUND', 'not_found'],
    ['SCHEDULE_RESOURCE_ID_NOT_FOUND', 'not_found'],
    ['MISSING_MANDATORY_PARAMETER', 'validation'],
    ['PROPERTY_VALIDATION_CANNOT_BE_NULL', 'validation'],
    ['SERVICE_DOES_NOT_EXISTS', 'internal'],
    ['SOMETHING_NEW', 'internal'],
  ])('maps %s to category %s', (code, category) => {
    expect(categoryOfKalturaCode(code)).toBe(category);
  });
});
