import { generateKsV2, KsType } from '@kd/kaltura';
import { SimApiException } from '../api/kaltura-api-exception.js';
import { stringParam, textParam, type SimAction } from '../api/sim-action.js';
import type { KalturaSimConfig } from '../kaltura-sim.config.js';

const MAX_EXPIRY_SECONDS = 86_400;

/**
 * `session.start`: a KS for curl and demos, as the real action makes one from the partner's secret.
 * `session.startWidgetSession`: the unprivileged session (`view:*,widget:1`, user "0") anyone can
 * get for the partner's default widget `_<partnerId>`; app tokens start from it.
 */
export function sessionActions(config: KalturaSimConfig): Record<string, SimAction> {
  return {
    start: {
      access: 'public',
      run(params) {
        const partnerId = Number(textParam(params, 'partnerId'));
        const secret = stringParam(params, 'secret');
        if (partnerId !== config.KALTURA_PARTNER_ID || secret !== config.KALTURA_ADMIN_SECRET) {
          throw new SimApiException('START_SESSION_ERROR', {
            PARTNER_ID: textParam(params, 'partnerId') ?? '',
          });
        }
        const type =
          Number(textParam(params, 'type') ?? KsType.user) === KsType.admin
            ? KsType.admin
            : KsType.user;
        const expiry = Math.min(
          Number(textParam(params, 'expiry') ?? MAX_EXPIRY_SECONDS) || MAX_EXPIRY_SECONDS,
          MAX_EXPIRY_SECONDS,
        );
        return generateKsV2({
          partnerId,
          adminSecret: config.KALTURA_ADMIN_SECRET,
          type,
          userId: textParam(params, 'userId') ?? '',
          expiresAt: Math.floor(Date.now() / 1000) + expiry,
          privileges: textParam(params, 'privileges') ?? '',
        });
      },
    },
    startwidgetsession: {
      access: 'public',
      run(params) {
        const widgetId = stringParam(params, 'widgetId');
        if (widgetId !== `_${config.KALTURA_PARTNER_ID}`)
          throw new SimApiException('INVALID_WIDGET_ID', { WIDGET_ID: widgetId });
        const expiry =
          Number(textParam(params, 'expiry') ?? MAX_EXPIRY_SECONDS) || MAX_EXPIRY_SECONDS;
        const ks = generateKsV2({
          partnerId: config.KALTURA_PARTNER_ID,
          adminSecret: config.KALTURA_ADMIN_SECRET,
          type: KsType.user,
          userId: '0',
          expiresAt: Math.floor(Date.now() / 1000) + expiry,
          privileges: 'view:*,widget:1',
        });
        return {
          objectType: 'KalturaStartWidgetSessionResponse',
          partnerId: config.KALTURA_PARTNER_ID,
          ks,
          userId: '0',
        };
      },
    },
  };
}
