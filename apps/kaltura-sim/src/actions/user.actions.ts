import { kalturaUserLimits } from '@kd/kaltura';
import { SimApiException } from '../api/kaltura-api-exception.js';
import {
  objectParam,
  stringParam,
  textParam,
  type Params,
  type SimAction,
} from '../api/sim-action.js';
import type { SimUser, UserStore } from '../state/user-store.service.js';

type Writable = 'screenName' | 'firstName' | 'lastName' | 'partnerData';
const writable: readonly Writable[] = ['screenName', 'firstName', 'lastName', 'partnerData'];

/**
 * `user.get`, `user.add`, `user.update`, `user.delete` as the real server answers them: an unknown
 * id is INVALID_USER_ID, an existing one on add DUPLICATE_USER_BY_ID, and a field longer than
 * Kaltura's limit (in characters) PROPERTY_VALIDATION_MAX_LENGTH.
 */
export function userActions(users: UserStore): Record<string, SimAction> {
  const find = (params: Params): SimUser => {
    const user = users.get(stringParam(params, 'userId'));
    if (!user) throw new SimApiException('INVALID_USER_ID');
    return user;
  };
  return {
    get: { access: 'session', run: (params) => users.toKaltura(find(params)) },
    add: {
      access: 'admin',
      run(params) {
        const user = kalturaUser(params);
        const id = typeof user.id === 'string' ? user.id.trim() : '';
        if (id === '')
          throw new SimApiException('PROPERTY_VALIDATION_CANNOT_BE_NULL', { PROP_NAME: 'id' });
        checkLength('id', id, kalturaUserLimits.id);
        if (users.get(id)) throw new SimApiException('DUPLICATE_USER_BY_ID', { USER_ID: id });
        const fields = writableFields(user);
        return users.toKaltura(
          users.add({
            id,
            screenName: fields.screenName ?? id,
            firstName: fields.firstName ?? '',
            lastName: fields.lastName ?? '',
            partnerData: fields.partnerData ?? '',
          }),
        );
      },
    },
    update: {
      access: 'admin',
      run(params) {
        const id = find(params).id;
        const updated = users.update(id, writableFields(kalturaUser(params)));
        if (!updated) throw new SimApiException('INVALID_USER_ID');
        return users.toKaltura(updated);
      },
    },
    delete: {
      access: 'admin',
      run(params) {
        const user = find(params);
        users.delete(user.id);
        return users.toKaltura(user);
      },
    },
  };
}

function kalturaUser(params: Params): Params {
  const user = objectParam(params, 'user');
  if (user.objectType !== undefined && user.objectType !== 'KalturaUser')
    throw new SimApiException('INVALID_OBJECT_TYPE', {
      INVALID_OBJ_TYPE: textParam(user, 'objectType') ?? '',
    });
  return user;
}

function writableFields(user: Params): Partial<Record<Writable, string>> {
  const fields: Partial<Record<Writable, string>> = {};
  for (const name of writable) {
    const value = user[name];
    if (typeof value !== 'string') continue;
    checkLength(name, value, kalturaUserLimits[name]);
    fields[name] = value;
  }
  return fields;
}

/** Characters as mb_strlen counts them: code points. */
function checkLength(name: string, value: string, max: number): void {
  if ([...value].length > max)
    throw new SimApiException('PROPERTY_VALIDATION_MAX_LENGTH', { PROP_NAME: name, MAX_LEN: max });
}
