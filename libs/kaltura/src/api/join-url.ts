import { buildPrivileges } from '../ks/ks-privileges.js';

export type MeetingRole = 'moderator' | 'attendee';

export interface JoinUrlInput {
  resourceId: string;
  userId: string;
  firstName: string;
  role: MeetingRole;
  /** Capped by the client's maxSessionTtlSeconds; default joinSessionTtlSeconds. */
  ttlSeconds?: number;
}

/** `role` and `userContextualRole` (0 = moderator/host, 3 = attendee) that Kaltura rooms read from the KS. */
const roles = {
  moderator: { role: 'adminRole', userContextualRole: 0 },
  attendee: { role: 'viewerRole', userContextualRole: 3 },
} as const satisfies Record<MeetingRole, unknown>;

export function joinPrivileges(
  input: Pick<JoinUrlInput, 'resourceId' | 'firstName' | 'role'>,
): string {
  const { role, userContextualRole } = roles[input.role];
  return buildPrivileges({
    resourceId: input.resourceId,
    role,
    userContextualRole,
    firstName: input.firstName,
  });
}

export function launchUrl(launchBaseUrl: string, ks: string): string {
  const url = new URL(launchBaseUrl);
  url.searchParams.set('ks', ks);
  return url.toString();
}
