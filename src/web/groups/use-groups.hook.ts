import { useSearchParams } from 'react-router-dom';
import type { Group, GroupObject } from '../api/api-types.ts';
import { groupsApi } from '../api/groups.api.ts';
import { useAsync } from '../common/use-async.hook.ts';

export interface GroupsState {
  groups: Group[];
  /** The group the list shows (URL `?group=`), or null for all records. */
  groupId: string | null;
  current: Group | null;
  select(id: string | null): void;
  reload(): void;
}

/** Groups of one object and the chosen one, kept in the URL. */
export function useGroups(object: GroupObject): GroupsState {
  const [params, setParams] = useSearchParams();
  const list = useAsync(() => groupsApi.list(object), [object]);
  const groups = list.data?.items ?? [];
  const groupId = params.get('group');
  return {
    groups,
    groupId,
    current: groups.find((g) => g.id === groupId) ?? null,
    select: (id) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('group', id);
        else next.delete('group');
        next.delete('page');
        return next;
      }),
    reload: list.reload,
  };
}
