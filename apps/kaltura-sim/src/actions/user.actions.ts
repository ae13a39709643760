import { SimApiException } from '../api/kaltura-api-exception.js';
import { objectParam, stringParam, textParam, type SimAction } from '../api/sim-action.js';
import type { UserStore } from '../state/user-store.service.js';

/** `user`: add, get and delete `KalturaUser`s; an unknown id is `INVALID_USER_ID`, as on the server. */
export function userActions(users: UserStore): Record<string, SimAction> {
  const find = (id: string) => {
    const user = users.get(id);
    if (!user) throw new SimApiException('INVALID_USER_ID', {});
    return user;
  };
  return {
    add: {
      access: 'admin',
      run(params) {
        const user = objectParam(params, 'user');
        const id = stringParam(user, 'id');
        const added = users.add({
          id,
          screenName: textParam(user, 'screenName') ?? id,
          firstName: textParam(user, 'firstName') ?? '',
          partnerData: textParam(user, 'partnerData') ?? '',
        });
        if (!added) throw new SimApiException('DUPLICATE_USER_BY_ID', { USER_ID: id });
        return users.toKaltura(added);
      },
    },
    get: {
      access: 'admin',
      run: (params) => users.toKaltura(find(stringParam(params, 'userId'))),
    },
    delete: {
      access: 'admin',
      run(params) {
        const user = find(stringParam(params, 'userId'));
        users.delete(user.id);
        return users.toKaltura(user);
      },
    },
  };
}
