import { api } from './api-client.ts';
import type { Health, Lookups, ProfileInput, SessionResponse, SessionUser } from './api-types.ts';

export const sessionApi = {
  /** Current session, or ApiError 401 when nobody is signed in. */
  current: () => api.get<SessionResponse>('/api/session', undefined, { quiet401: true }),
  signIn: (login: string, password: string) =>
    api.post<SessionResponse>('/api/session', { login, password }, { quiet401: true }),
  signOut: () => api.delete('/api/session'),
  updateProfile: (input: ProfileInput) => api.patch<SessionUser>('/api/profile', input),
  lookups: () => api.get<Lookups>('/api/lookups'),
  health: () => api.get<Health>('/api/health'),
};
