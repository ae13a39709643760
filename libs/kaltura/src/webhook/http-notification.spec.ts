import { describe, expect, it } from '@jest/globals';
import { KalturaNotificationError } from '../errors.js';
import { parseKalturaNotification } from './http-notification.js';

const notification = {
  objectType: 'KalturaHttpNotification',
  object: {
    objectType: 'KalturaMediaEntry',
    id: '1_rec00001',
    status: 2,
    rootEntryId: '1_room0001',
  },
  eventObjectType: 1,
  eventNotificationJobId: 33578094492,
  templateId: 26970222,
  templateName: 'Entry Ready',
  templateSystemName: 'ENTRY_READY',
  eventType: 3,
};

describe('parseKalturaNotification', () => {
  it('reads the JSON form, ids and enum values as strings, keeping the object', () => {
    const parsed = parseKalturaNotification(
      Buffer.from(JSON.stringify(notification)),
      'application/json',
    );
    expect(parsed.eventNotificationJobId).toBe('33578094492');
    expect(parsed.eventType).toBe('3');
    expect(parsed.eventObjectType).toBe('1');
    expect(parsed.object).toMatchObject({ id: '1_rec00001', rootEntryId: '1_room0001' });
  });

  it('reads the older data=<urlencoded JSON> form', () => {
    const body = new URLSearchParams({ data: JSON.stringify(notification) }).toString();
    const parsed = parseKalturaNotification(body, 'application/x-www-form-urlencoded');
    expect(parsed.templateSystemName).toBe('ENTRY_READY');
  });

  it('rejects bodies that are not notifications', () => {
    expect(() => parseKalturaNotification('{"hello":1}', 'application/json')).toThrow(
      KalturaNotificationError,
    );
    expect(() => parseKalturaNotification('not json', 'application/json')).toThrow(
      KalturaNotificationError,
    );
    expect(() => parseKalturaNotification('other=1', 'application/x-www-form-urlencoded')).toThrow(
      KalturaNotificationError,
    );
  });
});
