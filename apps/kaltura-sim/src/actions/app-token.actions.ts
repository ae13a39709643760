import {
  appTokenHash,
  appTokenHashTypes,
  generateKsV2,
  KsType,
  type AppTokenHashType,
} from '@kd/kaltura';
import { SimApiException } from '../api/kaltura-api-exception.js';
import {
  objectParam,
  stringParam,
  textParam,
  type Params,
  type SimAction,
} from '../api/sim-action.js';
import type { KalturaSimConfig } from '../kaltura-sim.config.js';
import {
  AppTokenStatus,
  type AppTokenStore,
  type SimAppToken,
} from '../state/app-token-store.service.js';
import { mergeSessionPrivileges } from './app-token-privileges.js';

/**
 * `appToken.add/get/delete/startSession` as kaltura/server's AppTokenService: startSession checks
 * the hash of the calling KS + token with the token's hashType, caps the expiry, lets the token
 * force type and user, and adds the caller's `sessionPrivileges` only where the token and the
 * server reserve nothing.
 */
export function appTokenActions(
  config: KalturaSimConfig,
  store: AppTokenStore,
): Record<string, SimAction> {
  return {
    add: {
      access: 'admin',
      run: (params) => toObject(store.add(tokenInput(objectParam(params, 'appToken'))), config),
    },
    get: {
      access: 'admin',
      run: (params) => toObject(found(store, stringParam(params, 'id')), config),
    },
    delete: {
      access: 'admin',
      run(params) {
        const id = stringParam(params, 'id');
        if (!store.delete(id)) throw new SimApiException('APP_TOKEN_ID_NOT_FOUND', { ID: id });
        return null;
      },
    },
    startsession: {
      access: 'session',
      run: (params) => startSession(params, config, store),
    },
  };
}

function startSession(params: Params, config: KalturaSimConfig, store: AppTokenStore) {
  const token = found(store, stringParam(params, 'id'));
  if (token.status !== AppTokenStatus.active)
    throw new SimApiException('APP_TOKEN_NOT_ACTIVE', { ID: token.id });
  const callerKs = textParam(params, 'ks') ?? '';
  if (appTokenHash(callerKs, token.token, token.hashType) !== textParam(params, 'tokenHash'))
    throw new SimApiException('INVALID_APP_TOKEN_HASH');
  const now = Math.floor(Date.now() / 1000);
  let tokenExpiry = token.sessionDuration;
  if (token.expiry !== null) {
    tokenExpiry = Math.min(tokenExpiry, token.expiry - now);
    if (tokenExpiry < 0) throw new SimApiException('APP_TOKEN_EXPIRED', { ID: token.id });
  }
  const asked = Number(textParam(params, 'expiry') ?? 0) || tokenExpiry;
  const expiry = Math.min(asked, tokenExpiry);
  const askedType = textParam(params, 'type');
  const type = token.sessionType ?? (askedType === undefined ? KsType.user : Number(askedType));
  const userId = token.sessionUserId ?? textParam(params, 'userId') ?? '';
  const privileges = mergeSessionPrivileges(
    token.id,
    token.sessionPrivileges,
    textParam(params, 'sessionPrivileges'),
  );
  const validUntil = now + expiry;
  const ks = generateKsV2({
    partnerId: config.KALTURA_PARTNER_ID,
    adminSecret: config.KALTURA_ADMIN_SECRET,
    type,
    userId,
    expiresAt: validUntil,
    privileges,
  });
  return {
    objectType: 'KalturaSessionInfo',
    ks,
    partnerId: config.KALTURA_PARTNER_ID,
    userId,
    expiry: validUntil,
    sessionType: type,
    privileges,
  };
}

function found(store: AppTokenStore, id: string): SimAppToken {
  const token = store.get(id);
  if (!token) throw new SimApiException('APP_TOKEN_ID_NOT_FOUND', { ID: id });
  return token;
}

function tokenInput(o: Params) {
  const hashType = textParam(o, 'hashType');
  if (hashType !== undefined && !appTokenHashTypes.includes(hashType as AppTokenHashType))
    throw new SimApiException('INVALID_ENUM_VALUE', {
      PARAM_NAME: 'hashType',
      ENUM: 'KalturaAppTokenHashType',
      VALUE: hashType,
    });
  const num = (name: string) => {
    const v = textParam(o, name);
    return v === undefined ? undefined : Number(v);
  };
  return {
    hashType: hashType as AppTokenHashType | undefined,
    sessionType: num('sessionType'),
    sessionUserId: textParam(o, 'sessionUserId'),
    sessionPrivileges: textParam(o, 'sessionPrivileges'),
    sessionDuration: num('sessionDuration'),
    expiry: num('expiry'),
    description: textParam(o, 'description'),
  };
}

function toObject(token: SimAppToken, config: KalturaSimConfig) {
  return {
    objectType: 'KalturaAppToken',
    id: token.id,
    token: token.token,
    partnerId: config.KALTURA_PARTNER_ID,
    createdAt: token.createdAt,
    updatedAt: token.createdAt,
    status: token.status,
    expiry: token.expiry,
    sessionType: token.sessionType,
    sessionUserId: token.sessionUserId,
    sessionDuration: token.sessionDuration,
    sessionPrivileges: token.sessionPrivileges,
    hashType: token.hashType,
    description: token.description,
  };
}
