import type { Address, Communication } from '../common/channels.ts';

/** A contact as the API shows it (DESIGN §4). */
export interface Contact {
  id: string;
  givenName: string | null;
  middleName: string | null;
  surname: string | null;
  fullName: string;
  jobTitle: string | null;
  department: string | null;
  birthday: string | null;
  type: string | null;
  accountId: string | null;
  accountName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  communications: Communication[];
  addresses: Address[];
  notes: string | null;
  changeSeq: number;
  createdAt: string;
  createdById: string | null;
  modifiedAt: string;
  modifiedById: string | null;
  permissions?: { edit: boolean; delete: boolean };
}

/** Fields a client may send when creating or updating a contact. */
export interface ContactInput {
  givenName?: string | null;
  middleName?: string | null;
  surname?: string | null;
  fullName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  birthday?: string | null;
  type?: string | null;
  accountId?: string | null;
  ownerId?: string | null;
  communications?: Communication[];
  addresses?: Address[];
  notes?: string | null;
}
