import { api } from './api-client.ts';
import type { ListResponse, RecordRightsDefault, Role, SystemOperation, User, UserInput } from './api-types.ts';

const user = (id: string) => `/api/users/${encodeURIComponent(id)}`;
const role = (id: string) => `/api/roles/${encodeURIComponent(id)}`;

export const usersApi = {
  list: (q?: string) => api.get<ListResponse<User>>('/api/users', { q, limit: 500 }),
  create: (input: UserInput) => api.post<User>('/api/users', input),
  update: (id: string, patch: UserInput) => api.patch<User>(user(id), patch),
  remove: (id: string) => api.delete(user(id)),
};

export const rolesApi = {
  list: () => api.get<ListResponse<Role>>('/api/roles', { limit: 500 }),
  create: (input: { name: string; operations: string[] }) => api.post<Role>('/api/roles', input),
  update: (id: string, patch: { name?: string; operations?: string[] }) => api.patch<Role>(role(id), patch),
  remove: (id: string) => api.delete(role(id)),
};

export const systemOperationsApi = {
  list: () => api.get<{ items: SystemOperation[] }>('/api/system-operations'),
};

export const recordRightsApi = {
  defaults: () => api.get<{ items: RecordRightsDefault[] }>('/api/record-rights/defaults'),
  saveDefaults: (items: RecordRightsDefault[]) =>
    api.put<{ items: RecordRightsDefault[] }>('/api/record-rights/defaults', { items }),
};
