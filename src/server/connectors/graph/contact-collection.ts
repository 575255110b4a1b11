import type { ContactFields } from '../contact-fields.ts';
import { ConnectorError, type RemoteCollection, type RemoteItem, type RemoteMailbox } from '../port.ts';
import { CONTACT_SELECT, type GraphContact, readContact, writeContact } from './contact-mapper.ts';
import { CORRELATION_EXPAND, correlationFilter, correlationStamp, readCorrelation } from './correlation-property.ts';
import { type DeltaPageJson, readDeltaPage, versionOf } from './delta-page.ts';
import type { GraphClient } from './graph-client.ts';

/**
 * The mailbox's contacts through Graph v1.0 (CT-*): per-folder delta (`api/contact-delta.md`), create in a folder
 * (`api/contactfolder-post-contacts.md`), update and delete by id (`api/contact-update.md`, `api/contact-delete.md`).
 * Ids are immutable ids (the client asks for them on every request), so a contact moved between folders keeps its
 * id and its link. Errors arrive already translated by the client (errors.ts).
 */

export interface GraphContactsOptions {
  /** `Prefer: odata.maxpagesize` of delta pages; Graph caps it server-side. */
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 500;

/** `$select` of every read: the mapped fields plus what the port needs (version, folder). */
const SELECT = ['id', 'changeKey', 'parentFolderId', 'lastModifiedDateTime', ...CONTACT_SELECT].join(',');
const READ_QUERY = { $select: SELECT, $expand: CORRELATION_EXPAND };

const segment = (id: string) => encodeURIComponent(id);

/** A Graph contact as the port's RemoteItem; `folderId` is where it was asked for, when Graph does not say. */
function toItem(c: GraphContact, folderId: string): RemoteItem<ContactFields> {
  return {
    id: c.id,
    version: versionOf(c),
    folderId: c.parentFolderId || folderId,
    correlationId: readCorrelation(c.singleValueExtendedProperties),
    fields: readContact(c),
    // For last-writer-wins between the two sides (DESIGN §3 conflicts).
    modifiedAt: c.lastModifiedDateTime ?? null,
  };
}

/** The written contact's id and changeKey, which the sync stores to recognise its own echo (DESIGN §3). */
function writeResult(c: GraphContact | undefined, what: string): { id: string; version: string } {
  if (!c?.id) throw new ConnectorError('INVALID', `${what} returned no contact`);
  return { id: c.id, version: versionOf(c) };
}

/** The contacts collection of one Graph mailbox; `listFolders` is the mailbox's own folder listing. */
export function createGraphContacts(
  client: GraphClient,
  listFolders: RemoteMailbox['listFolders'],
  opts: GraphContactsOptions = {},
): RemoteCollection<ContactFields> {
  const prefer = [`odata.maxpagesize=${opts.pageSize ?? DEFAULT_PAGE_SIZE}`];
  let defaultFolder: Promise<string> | undefined;

  const findDefaultFolder = async (): Promise<string> => {
    const root = (await listFolders('contacts')).find((f) => f.wellKnown === 'contacts');
    if (!root) throw new ConnectorError('NOT_FOUND', 'the default Contacts folder could not be identified');
    return root.id;
  };

  /** The first contact in a listing that matches the filter, or undefined; a folder gone meanwhile has none. */
  const firstMatch = async (listPath: string, filter: string): Promise<GraphContact | undefined> => {
    try {
      const page = await client.request<{ value?: GraphContact[] }>(listPath, {
        query: { ...READ_QUERY, $filter: filter, $top: '1' },
      });
      return page?.value?.[0];
    } catch (err) {
      if (err instanceof ConnectorError && err.kind === 'NOT_FOUND') return undefined;
      throw err;
    }
  };

  return {
    async changes(folderId, cursor) {
      // The query options go on the round's first request only; the links carry them from then on, and only the
      // Prefer header has to be repeated (protocols.md §3.1).
      const page =
        cursor === null
          ? await client.request<DeltaPageJson<GraphContact>>(`me/contactFolders/${segment(folderId)}/contacts/delta`, {
              query: READ_QUERY,
              prefer,
            })
          : await client.request<DeltaPageJson<GraphContact>>(cursor, { prefer });
      return readDeltaPage(page, (c) => toItem(c, folderId));
    },

    async create(folderId, fields, correlationId) {
      const created = await client.request<GraphContact>(`me/contactFolders/${segment(folderId)}/contacts`, {
        method: 'POST',
        body: { ...writeContact(fields), singleValueExtendedProperties: [correlationStamp(correlationId)] },
      });
      return writeResult(created, 'contact create');
    },

    async update(id, fields) {
      const updated = await client.request<GraphContact>(`me/contacts/${segment(id)}`, {
        method: 'PATCH',
        body: writeContact(fields),
      });
      return writeResult(updated, 'contact update');
    },

    async delete(id) {
      try {
        await client.request(`me/contacts/${segment(id)}`, { method: 'DELETE' });
      } catch (err) {
        // Already gone (deleted in Outlook, or an earlier attempt whose answer was lost): the goal is reached.
        if (err instanceof ConnectorError && err.kind === 'NOT_FOUND') return;
        throw err;
      }
    },

    async findByCorrelation(correlationId) {
      // Extended properties can only be searched per folder (`me/contacts` is the default folder alone), so every
      // contact folder is asked in turn, nested ones included (CT-1); the first hit wins.
      const folders = await listFolders('contacts');
      const scopes = folders.map((f) => ({ path: `me/contactFolders/${segment(f.id)}/contacts`, folderId: f.id }));
      if (!folders.some((f) => f.wellKnown === 'contacts')) {
        // The listing could not identify the default folder (folder-reader.ts); search it by its own path.
        scopes.unshift({ path: 'me/contacts', folderId: '' });
      }
      const filter = correlationFilter(correlationId);
      for (const scope of scopes) {
        const hit = await firstMatch(scope.path, filter);
        if (hit) return toItem(hit, scope.folderId);
      }
      return undefined;
    },

    defaultFolderId() {
      defaultFolder ??= findDefaultFolder().catch((err: unknown) => {
        // A failed lookup is not remembered: the next call asks again.
        defaultFolder = undefined;
        throw err;
      });
      return defaultFolder;
    },
  };
}
