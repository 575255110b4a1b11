import { type ReactNode, useState } from 'react';
import type { GroupObject } from '../api/api-types.ts';
import type { MemberOption } from './choose-members-modal.tsx';
import { GroupPanel } from './group-panel.tsx';
import { GroupSelectionActions } from './group-selection-actions.tsx';
import { GroupedLayout } from './grouped-layout.tsx';
import { type GroupsState, useGroups } from './use-groups.hook.ts';

export interface GroupedListState {
  object: GroupObject;
  groups: GroupsState;
  selection: string[];
  /** Clears the selection and reloads the record list. */
  reload(): void;
  /** Selection and reload props for `RecordList`. */
  listProps: { selection: string[]; onSelectionChange(ids: string[]): void; reloadKey: number };
}

/** The groups, selected rows and reload key of a record list page with a group panel. */
export function useGroupedList(object: GroupObject): GroupedListState {
  const groups = useGroups(object);
  const [selection, setSelection] = useState<string[]>([]);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => {
    setSelection([]);
    setReloadKey((n) => n + 1);
  };
  return {
    object,
    groups,
    selection,
    reload,
    listProps: { selection, onSelectionChange: setSelection, reloadKey },
  };
}

interface LayoutProps {
  list: GroupedListState;
  searchRecords(q: string): Promise<MemberOption[]>;
  children: ReactNode;
}

/** The group panel beside a record list; choosing a group clears the selection. */
export function GroupedListLayout({ list, searchRecords, children }: LayoutProps) {
  const { groups } = list;
  return (
    <GroupedLayout
      panel={
        <GroupPanel
          object={list.object}
          groups={groups.groups}
          selectedId={groups.groupId}
          onSelect={(id) => {
            list.listProps.onSelectionChange([]);
            groups.select(id);
          }}
          onGroupsChanged={groups.reload}
          onMembersChanged={list.reload}
          searchRecords={searchRecords}
        />
      }
    >
      {children}
    </GroupedLayout>
  );
}

/** The list toolbar's actions on the selected rows (add to / remove from a group). */
export function ListGroupActions({ list }: { list: GroupedListState }) {
  return (
    <GroupSelectionActions
      groups={list.groups.groups}
      current={list.groups.current}
      selection={list.selection}
      onDone={list.reload}
    />
  );
}
