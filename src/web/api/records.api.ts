import { api } from './api-client.ts';
import type { Account, Activity, Contact, Grant, ListQuery, ListResponse } from './api-types.ts';

/** CRUD over one record resource (`/api/contacts`, `/api/accounts`, `/api/activities`). */
export interface RecordsApi<T> {
  readonly resource: string;
  list(query: ListQuery): Promise<ListResponse<T>>;
  get(id: string): Promise<T>;
  create(input: Partial<T>): Promise<T>;
  update(id: string, patch: Partial<T>): Promise<T>;
  remove(id: string): Promise<void>;
  getGrants(id: string): Promise<{ items: Grant[] }>;
  putGrants(id: string, items: Grant[]): Promise<{ items: Grant[] }>;
}

function recordsApi<T>(resource: string): RecordsApi<T> {
  const base = `/api/${resource}`;
  const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
  return {
    resource,
    list: (query) => api.get<ListResponse<T>>(base, query),
    get: (id) => api.get<T>(one(id)),
    create: (input) => api.post<T>(base, input),
    update: (id, patch) => api.patch<T>(one(id), patch),
    remove: (id) => api.delete(one(id)),
    getGrants: (id) => api.get<{ items: Grant[] }>(`${one(id)}/grants`),
    putGrants: (id, items) => api.put<{ items: Grant[] }>(`${one(id)}/grants`, { items }),
  };
}

export const contactsApi = recordsApi<Contact>('contacts');
export const accountsApi = recordsApi<Account>('accounts');
export const activitiesApi = recordsApi<Activity>('activities');
