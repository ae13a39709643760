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
    const parsed = parseKalturaNotification(Buffer.from(JSON.stringify(notification)));
    expect(parsed.eventNotificationJobId).toBe('33578094492');
    expect(parsed.eventType).toBe('3');
    expect(parsed.eventObjectType).toBe('1');
    expect(parsed.object).toMatchObject({ id: '1_rec00001', rootEntryId: '1_room0001' });
  });

  it('reads the older data=<urlencoded JSON> form, from the bytes alone', () => {
    const body = new URLSearchParams({ data: JSON.stringify(notification) }).toString();
    const parsed = parseKalturaNotification(body);
    expect(parsed.templateSystemName).toBe('ENTRY_READY');
  });

  it('reads PHP json_encode output (escaped slashes) in either form', () => {
    const json = JSON.stringify({ ...notification, templateName: 'a/b' }).replace(/\//g, '\\/');
    expect(json).toContain('a\\/b');
    expect(parseKalturaNotification(json).templateName).toBe('a/b');
    const form = `data=${encodeURIComponent(json)}`;
    expect(parseKalturaNotification(form).templateName).toBe('a/b');
  });

  it('rejects bodies that are not notifications', () => {
    expect(() => parseKalturaNotification('{"hello":1}')).toThrow(KalturaNotificationError);
    expect(() => parseKalturaNotification('not json')).toThrow(KalturaNotificationError);
    expect(() => parseKalturaNotification('other=1')).toThrow(KalturaNotificationError);
  });
});
