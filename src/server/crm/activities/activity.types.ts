/** An activity (task, meeting, email, call) as the API shows it (DESIGN §4). */
export type Category = 'task' | 'meeting' | 'email' | 'call';
export type Status = 'notStarted' | 'inProgress' | 'completed' | 'cancelled';
export type Priority = 'low' | 'medium' | 'high';
export type ParticipantRole = 'responsible' | 'participant' | 'optional' | 'organizer';
export type ParticipantResponse = 'none' | 'accepted' | 'declined' | 'tentative';

export interface Participant {
  contactId: string;
  contactName?: string;
  role: ParticipantRole;
  response: ParticipantResponse;
}

export interface Activity {
  id: string;
  category: Category;
  title: string;
  start: string | null;
  due: string | null;
  allDay: boolean;
  status: Status;
  priority: Priority;
  showInCalendar: boolean;
  ownerId: string | null;
  ownerName: string | null;
  authorId: string | null;
  location: string | null;
  notes: string | null;
  reminderAt: string | null;
  participants: Participant[];
  changeSeq: number;
  createdAt: string;
  createdById: string | null;
  modifiedAt: string;
  modifiedById: string | null;
  permissions?: { edit: boolean; delete: boolean };
}

export interface ActivityInput {
  category?: Category;
  title?: string;
  start?: string | null;
  due?: string | null;
  allDay?: boolean;
  status?: Status;
  priority?: Priority;
  showInCalendar?: boolean;
  ownerId?: string;
  location?: string | null;
  notes?: string | null;
  reminderAt?: string | null;
  participants?: Participant[];
}
