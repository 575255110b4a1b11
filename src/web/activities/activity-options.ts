import type { TFunction } from 'i18next';
import type {
  ActivityCategory,
  ActivityPriority,
  ActivityStatus,
  ParticipantResponse,
  ParticipantRole,
} from '../api/api-types.ts';

export const CATEGORIES: ActivityCategory[] = ['task', 'meeting', 'call', 'email'];
export const STATUSES: ActivityStatus[] = ['notStarted', 'inProgress', 'completed', 'cancelled'];
export const PRIORITIES: ActivityPriority[] = ['low', 'medium', 'high'];
export const ROLES: ParticipantRole[] = ['responsible', 'participant', 'optional', 'organizer'];
export const RESPONSES: ParticipantResponse[] = ['none', 'accepted', 'declined', 'tentative'];

/** Select options for an activity enum, labelled in the UI language. */
export function options(t: TFunction, group: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: t(`${group}.${value}`) }));
}
