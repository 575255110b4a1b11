import type { Address, Communication } from '../common/channels.ts';

/** An account (company) as the API shows it (DESIGN §4). */
export interface Account {
  id: string;
  name: string;
  type: string | null;
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

export interface AccountInput {
  name?: string;
  type?: string | null;
  ownerId?: string;
  communications?: Communication[];
  addresses?: Address[];
  notes?: string | null;
}
