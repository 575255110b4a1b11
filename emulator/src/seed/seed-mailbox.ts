import type { DirectoryUser } from '../contracts.ts';
import {
  type Address,
  type ContactData,
  conversationIdFor,
  type Folder,
  type FolderKind,
  type Mailbox,
  type MailboxStore,
  type MessageData,
} from '../store/index.ts';
import { createRng, type Rng } from './prng.ts';
import { attachmentFor, bodyFor, subjectFor } from './sample-content.ts';
import { makePerson, type Person } from './sample-people.ts';
import { makeEvent, makeTask } from './seed-calendar.ts';

export interface SeedOptions {
  /** PRNG seed: the same seed and counts produce the same data. */
  seed?: number;
  contacts?: number;
  events?: number;
  tasks?: number;
  messages?: number;
}

export interface SeedSummary {
  mailbox: string;
  seed: number;
  contacts: number;
  events: number;
  tasks: number;
  messages: number;
  /** Folders the seed created or reused, as `displayName` paths. */
  folders: string[];
}

/** Upper bound per kind and call, so one control request cannot exhaust the emulator's memory. */
const MAX_PER_KIND = 200_000;

/** Folder tree the seed fills (created when missing, reused when present). */
const CONTACT_TREE = { Клиенты: ['Москва', 'Санкт-Петербург'], Suppliers: ['EU'], 供应商: [] as string[] };
const MAIL_TREE = { Проекты: ['Альфа'], Receipts: [] as string[] };
/** Dates spread over the two years before this fixed instant, so a seed is the same on every day. */
const BASE = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;

/**
 * Fills a mailbox with realistic, deterministic data: nested contact and mail folders, contacts in many
 * scripts with several emails and phones, messages with senders, recipients, HTML bodies, small attachments
 * and Internet Message-IDs, calendar events (time zones, all-day, recurrences with exceptions, attendees) and
 * tasks. Items are written through the store, so every protocol and every change log sees them.
 */
export function seedMailbox(store: MailboxStore, user: DirectoryUser, options: SeedOptions = {}): SeedSummary {
  const seed = Number.isInteger(options.seed) ? (options.seed as number) : 1;
  const counts = {
    contacts: count(options.contacts, 'contacts'),
    events: count(options.events, 'events'),
    tasks: count(options.tasks, 'tasks'),
    messages: count(options.messages, 'messages'),
  };
  const rng = createRng(seed);
  const mb = store.mailbox(user.id);
  const folders: string[] = [];
  const contactFolders = [
    mb.wellKnownFolder('contacts'),
    ...ensureTree(mb, mb.wellKnownFolder('contacts'), CONTACT_TREE, 'contacts', folders),
  ];
  const inbox = mb.wellKnownFolder('inbox');
  const inboxTree = [inbox, ...ensureTree(mb, inbox, MAIL_TREE, 'mail', folders)];

  const people: Person[] = [];
  for (let i = 0; i < counts.contacts; i++) {
    const person = makePerson(rng);
    people.push(person);
    const folder = rng.chance(0.6) ? (contactFolders[0] as Folder) : rng.pick(contactFolders);
    mb.createItem(folder, 'contact', contactData(rng, person));
  }
  const correspondents =
    people.length >= 20 ? people : [...people, ...Array.from({ length: 20 }, () => makePerson(rng))];
  const me: Address = { name: user.displayName, address: user.email };

  for (let i = 0; i < counts.messages; i++) {
    const { folder, data } = messageFor(rng, mb, inboxTree, correspondents, me);
    mb.createItem(folder, 'message', data);
  }
  const calendar = mb.wellKnownFolder('calendar');
  for (let i = 0; i < counts.events; i++) {
    mb.createItem(calendar, 'event', makeEvent(rng, user, correspondents, BASE));
  }
  const tasks = mb.wellKnownFolder('tasks');
  for (let i = 0; i < counts.tasks; i++) {
    mb.createItem(tasks, 'task', makeTask(rng, user, BASE));
  }
  return { mailbox: user.email, seed, ...counts, folders };
}

function count(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_PER_KIND) {
    throw new RangeError(`${name} must be an integer between 0 and ${MAX_PER_KIND}`);
  }
  return n;
}

function ensureTree(
  mb: Mailbox,
  parent: Folder,
  tree: Record<string, string[]>,
  kind: FolderKind,
  out: string[],
): Folder[] {
  const made: Folder[] = [];
  for (const [name, children] of Object.entries(tree)) {
    const folder = ensureFolder(mb, parent, name, kind);
    made.push(folder);
    out.push(`${parent.displayName}/${name}`);
    for (const child of children) {
      made.push(ensureFolder(mb, folder, child, kind));
      out.push(`${parent.displayName}/${name}/${child}`);
    }
  }
  return made;
}

function ensureFolder(mb: Mailbox, parent: Folder, name: string, kind: FolderKind): Folder {
  return mb.childFolders(parent.num).find((f) => f.displayName === name) ?? mb.createFolder(parent.num, name, kind);
}

function contactData(rng: Rng, p: Person): ContactData {
  const d: ContactData = {
    givenName: p.givenName,
    surname: p.surname,
    displayName: p.displayName,
    emailAddresses: p.emails.slice(0, 3),
    businessPhones: p.businessPhones,
    companyName: p.companyName,
    jobTitle: p.jobTitle,
    businessAddress: p.address,
  };
  if (p.middleName) d.middleName = p.middleName;
  if (p.mobilePhone) d.mobilePhone = p.mobilePhone;
  if (p.department) d.department = p.department;
  if (rng.chance(0.3)) d.birthday = `${rng.int(1955, 2002)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}T00:00:00Z`;
  if (rng.chance(0.2))
    d.personalNotes = rng.pick([
      'Предпочитает звонки после 11:00',
      'Met at the Hannover fair',
      '喜欢喝茶',
      'Ne pas appeler le vendredi',
    ]);
  if (rng.chance(0.15)) d.categories = [rng.pick(['VIP', 'Партнёры', 'Blue category'])];
  if (rng.chance(0.1)) d.homePhones = [p.businessPhones[0] as string];
  if (rng.chance(0.05)) d.imAddresses = [`sip:${p.emails[0]?.address}`];
  return d;
}

function messageFor(
  rng: Rng,
  mb: Mailbox,
  inboxTree: Folder[],
  people: Person[],
  me: Address,
): { folder: Folder; data: MessageData } {
  const other = rng.pick(people);
  const them: Address = other.emails[0] as Address;
  const r = rng.next();
  const outgoing = r >= 0.65 && r < 0.9;
  const folder =
    r < 0.65
      ? rng.chance(0.7)
        ? (inboxTree[0] as Folder)
        : rng.pick(inboxTree)
      : r < 0.85
        ? mb.wellKnownFolder('sentitems')
        : r < 0.9
          ? mb.wellKnownFolder('drafts')
          : r < 0.96
            ? mb.wellKnownFolder('archive')
            : mb.wellKnownFolder('deleteditems');
  const draft = folder.wellKnownName === 'drafts';
  const when = new Date(BASE - Math.floor(rng.next() * 730 * DAY)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const subject = subjectFor(rng, other.locale);
  const from = outgoing ? me : them;
  const data: MessageData = {
    subject,
    body: bodyFor(rng, other.locale, outgoing ? (me.name ?? '') : other.displayName),
    from,
    sender: from,
    toRecipients: [outgoing ? them : me],
    isRead: outgoing || draft || rng.chance(0.75),
    isDraft: draft,
    importance: rng.chance(0.08) ? 'high' : rng.chance(0.03) ? 'low' : 'normal',
    receivedDateTime: when,
    sentDateTime: when,
    conversationId: conversationIdFor(subject),
  };
  if (!draft)
    data.internetMessageId = `<${rng.hex(12).toUpperCase()}@${(from.address.split('@')[1] as string) || 'example.com'}>`;
  if (rng.chance(0.2)) data.ccRecipients = rng.sample(people, rng.int(1, 3)).map((p) => p.emails[0] as Address);
  if (rng.chance(0.1)) data.categories = [rng.pick(['Red category', 'Важно', 'Follow up'])];
  if (rng.chance(0.05)) data.flag = { flagStatus: 'flagged' };
  if (rng.chance(0.1))
    data.attachments = Array.from({ length: rng.int(1, 2) }, (_, i) => attachmentFor(rng, `att${i + 1}`));
  return { folder, data };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
