import { api } from './api-client.ts';
import type { FilterField, FilterGroup, Group, GroupObject, ListResponse } from './api-types.ts';

export interface GroupInput {
  name?: string;
  object?: GroupObject;
  kind?: Group['kind'];
  filter?: FilterGroup | null;
}

const one = (id: string) => `/api/groups/${encodeURIComponent(id)}`;

export const groupsApi = {
  list: (object: GroupObject) => api.get<ListResponse<Group>>('/api/groups', { object, limit: 500 }),
  create: (input: GroupInput) => api.post<Group>('/api/groups', input),
  update: (id: string, patch: GroupInput) => api.patch<Group>(one(id), patch),
  remove: (id: string) => api.delete(one(id)),
  addMembers: (id: string, recordIds: string[]) => api.post<unknown>(`${one(id)}/members`, { recordIds }),
  removeMember: (id: string, recordId: string) => api.delete(`${one(id)}/members/${encodeURIComponent(recordId)}`),
  filterFields: (object: GroupObject) => api.get<{ fields: FilterField[] }>('/api/groups/filter-fields', { object }),
};
