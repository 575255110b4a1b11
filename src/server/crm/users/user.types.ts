/** A user as the API shows it (DESIGN §4); the password is write-only. */
export interface User {
  id: string;
  login: string;
  displayName: string;
  language: 'en' | 'ru';
  timeZone: string;
  roleIds: string[];
  contactId: string | null;
  active: boolean;
  createdAt: string;
  modifiedAt: string;
}

export interface UserInput {
  login?: string;
  password?: string;
  displayName?: string;
  language?: 'en' | 'ru';
  timeZone?: string;
  roleIds?: string[];
  contactId?: string | null;
  active?: boolean;
}

export interface ProfileInput {
  displayName?: string;
  language?: 'en' | 'ru';
  timeZone?: string;
  password?: string;
  currentPassword?: string;
}
