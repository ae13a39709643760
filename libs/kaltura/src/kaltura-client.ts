import { KdError } from '@kd/events';
import { KalturaApiError } from './errors.js';
import { joinPrivileges, launchUrl, type JoinUrlInput } from './api/join-url.js';
import {
  esearchEntryResponseSchema,
  mediaEntrySchema,
  mediaListResponseSchema,
  scheduleResourceSchema,
  toVideoSummary,
  type VideoPage,
  type VideoSummary,
} from './api/kaltura-objects.js';
import {
  esearchEntryParams,
  locationResourceParams,
  mediaListParams,
  type SearchScope,
} from './api/kaltura-requests.js';
import {
  duplicateUserCode,
  kalturaUserSchema,
  unknownUserCodes,
  userObject,
  type KalturaUser,
  type KalturaUserInput,
} from './api/kaltura-user.js';
import { KalturaCaller, type KalturaCall } from './http/kaltura-caller.js';
import { AppTokenSessions } from './ks/app-token-sessions.js';
import { LocalSessions } from './ks/local-sessions.js';
import type { SessionSource } from './ks/session-source.js';
import {
  resolveKalturaOptions,
  type KalturaClientOptions,
  type ResolvedKalturaOptions,
} from './kaltura-options.js';

export interface MeetingRoom {
  resourceId: string;
}

/**
 * The handful of Kaltura API v3 calls this project needs, on fetch. Sessions come from an app
 * token (production: `appToken.startSession`) or are signed locally from the admin secret.
 */
export class KalturaClient {
  private readonly options: ResolvedKalturaOptions;
  private readonly sessions: SessionSource;
  private readonly caller: KalturaCaller;

  constructor(options: KalturaClientOptions) {
    this.options = resolveKalturaOptions(options);
    this.caller = new KalturaCaller(this.options);
    this.sessions = sessionSourceOf(this.options, this.caller);
  }

  /** `app_token` when sessions come from an application token, else `admin_secret`. */
  get credentials(): 'app_token' | 'admin_secret' {
    return this.options.appToken ? 'app_token' : 'admin_secret';
  }

  /** A Kaltura virtual-classroom room (`KalturaLocationScheduleResource` tagged `vcprovider:newrow`). */
  async createMeetingRoom(input: { name: string; description?: string }): Promise<MeetingRoom> {
    const params = locationResourceParams(input.name, input.description ?? '');
    const resource = await this.admin({
      service: 'schedule_scheduleresource',
      action: 'add',
      idempotent: false,
      params,
      response: scheduleResourceSchema,
    });
    return { resourceId: resource.id };
  }

  async endMeetingRoom(resourceId: string): Promise<void> {
    const params = { scheduleResourceId: resourceId };
    await this.admin({
      service: 'schedule_scheduleresource',
      action: 'delete',
      idempotent: false,
      params,
      response: scheduleResourceSchema,
    });
  }


  /** A launch URL carrying a user KS scoped to the room and role (from the app token, or signed locally). */
  async joinUrl(input: JoinUrlInput): Promise<string> {
    const ttl = input.ttlSeconds ?? this.options.joinSessionTtlSeconds;
    const ks = await this.sessions.userKs(input.userId, joinPrivileges(input), ttl);
    return launchUrl(this.options.launchBaseUrl, ks);
  }

  /**
   * Entries matching the text, restricted to `scope` by the query itself (Kaltura enforces it;
   * an admin session alone would see the whole partner). An empty scope is refused, never sent.
   */
  async searchVideos(input: {
    query: string;
    limit?: number;
    scope: SearchScope;
  }): Promise<VideoPage> {
    const query = input.query.trim();
    if (!query)
      throw new KdError('KALTURA.INVALID_QUERY', 'the search text is empty', 'validation');
    if (input.scope.entryIds.length === 0 && input.scope.categoryIds.length === 0)
      throw new KdError(
        'KALTURA.EMPTY_SCOPE',
        'a search must be limited to some entries or categories',
        'internal',
      );
    const params = esearchEntryParams(query, clampLimit(input.limit), input.scope);
    const found = await this.admin({
      service: 'elasticsearch_esearch',
      action: 'searchEntry',
      idempotent: true,
      params,
      response: esearchEntryResponseSchema,
    });
    return {
      totalCount: found.totalCount,
      videos: (found.objects ?? []).map((r) => toVideoSummary(r.object)),
    };
  }

  async getMedia(entryId: string): Promise<VideoSummary> {
    const entry = await this.admin({
      service: 'media',
      action: 'get',
      idempotent: true,
      params: { entryId },
      response: mediaEntrySchema,
    });
    return toVideoSummary(entry);
  }

  /** Newest first; `rootEntryId` narrows to the recordings of one room entry. */
  async listMedia(input: { limit?: number; rootEntryId?: string } = {}): Promise<VideoPage> {
    const params = mediaListParams(clampLimit(input.limit), input.rootEntryId);
    const list = await this.admin({
      service: 'media',
      action: 'list',
      idempotent: true,
      params,
      response: mediaListResponseSchema,
    });
    return { totalCount: list.totalCount, videos: (list.objects ?? []).map(toVideoSummary) };
  }

  /** `user.get`; undefined when Kaltura does not know the id (INVALID_USER_ID / USER_NOT_FOUND). */
  async getUser(userId: string): Promise<KalturaUser | undefined> {
    try {
      return await this.admin({
        service: 'user',
        action: 'get',
        idempotent: true,
        notFound: unknownUserCodes,
        params: { userId },
        response: kalturaUserSchema,
      });
    } catch (error) {
      if (isKalturaCode(error, unknownUserCodes)) return undefined;
      throw error;
    }
  }

  /** `user.add`; KalturaApiError DUPLICATE_USER_BY_ID when the id exists (see isDuplicateUser). */
  async addUser(userId: string, user: KalturaUserInput): Promise<KalturaUser> {
    return this.admin({
      service: 'user',
      action: 'add',
      idempotent: false,
      params: { user: userObject({ id: userId, ...user }) },
      response: kalturaUserSchema,
    });
  }

  /** `user.update` of the given fields; undefined when the user is unknown. */
  async updateUser(
    userId: string,
    user: Partial<KalturaUserInput>,
  ): Promise<KalturaUser | undefined> {
    try {
      return await this.admin({
        service: 'user',
        action: 'update',
        idempotent: false,
        notFound: unknownUserCodes,
        params: { userId, user: userObject(user) },
        response: kalturaUserSchema,
      });
    } catch (error) {
      if (isKalturaCode(error, unknownUserCodes)) return undefined;
      throw error;
    }
  }

  /** `user.delete`; false when Kaltura did not know the user (already deleted: nothing to do). */
  async deleteUser(userId: string): Promise<boolean> {
    try {
      await this.admin({
        service: 'user',
        action: 'delete',
        idempotent: false,
        notFound: unknownUserCodes,
        params: { userId },
        response: kalturaUserSchema,
      });
      return true;
    } catch (error) {
      if (isKalturaCode(error, unknownUserCodes)) return false;
      throw error;
    }
  }

  private async admin<T>(call: KalturaCall<T>): Promise<T> {
    try {
      return await this.caller.call(call, await this.sessions.adminKs());
    } catch (error) {
      // A refused session is not cached any longer: the next call signs a fresh one.
      if (error instanceof KalturaApiError && /KS/.test(error.kalturaCode))
        this.sessions.invalidateAdmin();
      throw error;
    }
  }
}

function sessionSourceOf(o: ResolvedKalturaOptions, caller: KalturaCaller): SessionSource {
  const timing = {
    partnerId: o.partnerId,
    adminSessionTtlSeconds: o.adminSessionTtlSeconds,
    maxSessionTtlSeconds: o.maxSessionTtlSeconds,
    refreshMarginSeconds: o.sessionRefreshMarginSeconds,
    now: o.now,
  };
  if (o.appToken) return new AppTokenSessions({ ...timing, appToken: o.appToken, caller });
  // The refine in kalturaClientOptionsSchema guarantees one of the two.
  const adminSecret = o.adminSecret ?? '';
  return new LocalSessions({ ...timing, adminSecret, adminPrivileges: 'disableentitlement' });
}

function isKalturaCode(error: unknown, codes: ReadonlySet<string>): boolean {
  return error instanceof KalturaApiError && codes.has(error.kalturaCode);
}

/** `user.add` refused because the id exists (a concurrent add, or a get that raced). */
export function isDuplicateUser(error: unknown): boolean {
  return error instanceof KalturaApiError && error.kalturaCode === duplicateUserCode;
}

function clampLimit(limit = 10): number {
  return Math.min(Math.max(Math.trunc(limit), 1), 100);
}
