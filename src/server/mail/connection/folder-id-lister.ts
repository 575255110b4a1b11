import { ConnectorError } from '../../connectors/port.ts';
import type { FolderIdLister } from '../sync-settings-folders.ts';
import { type ConnectionDeps, mailboxConnections } from './mailbox-connections.ts';

/**
 * The folder ids of a mailbox, by kind, for checking the sync settings' folder choices; undefined when the
 * mailbox has no connector yet or its server cannot be reached (the choice is then kept as sent).
 */
export function createFolderIdLister(deps: ConnectionDeps): FolderIdLister {
  const connections = mailboxConnections(deps);
  return async (mailboxId, kind) => {
    const remote = await connections.open(mailboxId);
    if (!remote) return undefined;
    try {
      return (await remote.listFolders(kind)).map((f) => f.id);
    } catch (err) {
      if (err instanceof ConnectorError) return undefined;
      throw err;
    }
  };
}
