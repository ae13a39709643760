import type { Registry } from 'prom-client';
import { CommandDispatcher } from '@kd/discord';
import { authorizeFromGuildConfig } from './authorize.js';
import type { CommandServices } from './command-services.js';
import { configUpdateAutocomplete } from './handlers/config-autocomplete.js';
import {
  configResetHandler,
  resetCanceled,
  resetConfirmed,
} from './handlers/config-reset.handlers.js';
import {
  templateCanceled,
  templateSaved,
  templateSubmitted,
} from './handlers/config-template.handlers.js';
import { configUpdateHandler } from './handlers/config-update.handler.js';
import { configViewHandler } from './handlers/config-view.handler.js';
import { meetingAutocomplete } from './handlers/meeting-autocomplete.js';
import { endHandler, joinHandler, listHandler, startHandler } from './handlers/meeting.handlers.js';
import { forgetMeHandler } from './handlers/forget-me.handler.js';
import { statsHandler } from './handlers/stats.handler.js';
import { cancelHandler, scheduleHandler } from './handlers/schedule.handlers.js';
import { scheduledMeetingAutocomplete } from './handlers/meeting-autocomplete.js';
import { videoSearchHandler } from './handlers/video-search.handler.js';
import { recordCommandExecution } from './record-execution.js';

/** The one set of command handlers, used by the HTTP endpoint and the gateway alike. */
export function createCommandDispatcher(
  services: CommandServices,
  registry?: Registry,
): CommandDispatcher {
  return new CommandDispatcher({
    logger: services.logger,
    recordExecution: recordCommandExecution(services.store),
    authorize: authorizeFromGuildConfig(services.guildConfig),
    ...(registry ? { registry } : {}),
  })
    .register('kaltura-start', startHandler(services))
    .register('kaltura-join', joinHandler(services))
    .register('kaltura-end', endHandler(services))
    .register('kaltura-list', listHandler(services))
    .register('kaltura-video-search', videoSearchHandler(services))
    .register('kaltura-config-view', configViewHandler(services))
    .register('kaltura-config-update', configUpdateHandler(services))
    .register('kaltura-config-reset', configResetHandler(services))
    .register('kaltura-stats', statsHandler(services))
    .register('kaltura-forget-me', forgetMeHandler(services))
    .registerAutocomplete('kaltura-join', meetingAutocomplete(services))
    .registerAutocomplete('kaltura-end', meetingAutocomplete(services))
    .registerAutocomplete('kaltura-config-update', configUpdateAutocomplete)
    .registerComponent('reset-ok', resetConfirmed(services))
    .registerComponent('reset-no', resetCanceled(services))
    .registerComponent('template', templateSubmitted(services))
    .registerComponent('template-ok', templateSaved(services))
    .registerComponent('template-no', templateCanceled(services))
    .register('kaltura-schedule', scheduleHandler(services))
    .register('kaltura-cancel', cancelHandler(services))
    .registerAutocomplete('kaltura-cancel', scheduledMeetingAutocomplete(services));
}
