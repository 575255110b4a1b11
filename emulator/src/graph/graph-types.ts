/**
 * Compile-time shapes from Microsoft's own typings (`@microsoft/microsoft-graph-types`, a dev dependency;
 * type-only imports vanish at run time). Mappers build their JSON as object literals of these types, so a
 * misspelt or mistyped property fails `tsc` through TypeScript's excess-property check.
 */
import type {
  Contact,
  ContactFolder,
  FileAttachment,
  MailFolder,
  Message,
  User,
} from '@microsoft/microsoft-graph-types';

export type { Contact, ContactFolder, FileAttachment, MailFolder, Message, User };

/** An entity as Graph serializes it: the resource plus its OData annotations. */
export type GraphJson<T> = T & { '@odata.etag'?: string; '@odata.type'?: string };
