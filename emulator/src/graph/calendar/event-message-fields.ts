import type { MessageData } from '../../store/index.ts';
import { renderRecurrence } from './event-mapper.ts';

/**
 * The eventMessage part of a meeting message (`resources/eventmessage.md`, `eventmessagerequest.md`,
 * `eventmessageresponse.md`): what the message-mapper adds to a message that carries `meeting`. Requests
 * are `#microsoft.graph.eventMessageRequest`, responses `#microsoft.graph.eventMessageResponse`,
 * cancellations plain `#microsoft.graph.eventMessage`.
 */
export function meetingMessageFields(d: MessageData): Record<string, unknown> {
  const m = d.meeting;
  if (!m) return {};
  const base: Record<string, unknown> = {
    meetingMessageType: m.meetingMessageType,
    startDateTime: m.startDateTime,
    endDateTime: m.endDateTime,
    location: {
      displayName: m.location ?? '',
      locationType: 'default',
      uniqueIdType: 'unknown',
      address: {},
      coordinates: {},
    },
    type: m.type ?? 'singleInstance',
    recurrence: m.recurrence ? renderRecurrence(m.recurrence, { start: m.startDateTime }) : null,
    isOutOfDate: false,
    isAllDay: m.isAllDay ?? false,
    isDelegated: false,
  };
  switch (m.meetingMessageType) {
    case 'meetingRequest':
      return {
        '@odata.type': '#microsoft.graph.eventMessageRequest',
        ...base,
        meetingRequestType: 'newMeetingRequest',
        responseRequested: true,
        allowNewTimeProposals: true,
        previousLocation: null,
        previousStartDateTime: null,
        previousEndDateTime: null,
      };
    case 'meetingAccepted':
    case 'meetingTenativelyAccepted':
    case 'meetingDeclined':
      return {
        '@odata.type': '#microsoft.graph.eventMessageResponse',
        ...base,
        responseType:
          m.meetingMessageType === 'meetingAccepted'
            ? 'accepted'
            : m.meetingMessageType === 'meetingDeclined'
              ? 'declined'
              : 'tentativelyAccepted',
        proposedNewTime: null,
      };
    default:
      return { '@odata.type': '#microsoft.graph.eventMessage', ...base };
  }
}
