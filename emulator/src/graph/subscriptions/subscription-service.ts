import { randomUUID } from 'node:crypto';
import type { Counters, Directory, Principal } from '../../contracts.ts';
import type { ChangeNotice, IdStyle, ItemKind, MailboxStore } from '../../store/index.ts';
import { DEFAULT_PUMP_OPTIONS, NotificationPump, type PumpOptions } from './notification-pump.ts';
import { changeTypeOf, matches, notificationResource } from './subscription-resource.ts';

/**
 * Subscriptions and their notifications (`resources/subscription.md`, `concepts/webhooks.md`). The service
 * listens to the store's committed writes, matches them against live subscriptions and hands the
 * notifications to the pump, after the replication delay (a notification never announces a change that
 * reads cannot see yet). Expired subscriptions stop notifying and disappear, as Graph deletes them.
 * `fireLifecycle` sends a lifecycle notification on demand (`concepts/change-notifications-lifecycle-events.md`).
 */

export type LifecycleEvent = 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved';

export interface Subscription {
  id: string;
  resource: string;
  changeTypes: ('created' | 'updated' | 'deleted')[];
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  /** ms since epoch */
  expiresAt: number;
  applicationId: string;
  creatorId: string;
  tenantId: string;
  /** Directory id of the watched mailbox. */
  userId: string;
  kind: ItemKind;
  folderNum?: number;
  /** `Prefer: IdType` at creation decides the ids in notifications (protocols.md §3.2). */
  idStyle: IdStyle;
  needsReauthorization: boolean;
}

export interface SubscriptionServiceDeps {
  store: MailboxStore;
  directory: Directory;
  stats?: Counters;
  /** Replication delay Graph readers see. */
  delayMs(): number;
  pump?: Partial<Omit<PumpOptions, 'clock' | 'onDelivered'>>;
}

/** What the control API needs (`POST /_emulator/subscriptions/{id}/lifecycle`). */
export interface SubscriptionControl {
  fireLifecycle(subscriptionId: string, event: LifecycleEvent): Promise<boolean>;
  list(): Subscription[];
}

export class SubscriptionService implements SubscriptionControl {
  private readonly subs = new Map<string, Subscription>();
  private readonly pump: NotificationPump;
  private readonly detach: () => void;

  constructor(private readonly deps: SubscriptionServiceDeps) {
    this.pump = new NotificationPump({
      ...DEFAULT_PUMP_OPTIONS,
      ...deps.pump,
      clock: deps.store.clock,
      onDelivered: (count) => deps.stats?.increment('notificationsSent', count),
    });
    this.detach = deps.store.onChange((notice) => this.onChange(notice));
  }

  add(sub: Subscription): void {
    this.subs.set(sub.id, sub);
  }

  /** A live subscription the principal may see (its app; and its user, for delegated tokens). */
  find(principal: Principal, id: string): Subscription | undefined {
    const sub = this.live().find((s) => s.id === id);
    return sub && visibleTo(sub, principal) ? sub : undefined;
  }

  listFor(principal: Principal): Subscription[] {
    return this.live().filter((s) => visibleTo(s, principal));
  }

  list(): Subscription[] {
    return this.live();
  }

  remove(id: string): boolean {
    return this.subs.delete(id);
  }

  /** Sends a lifecycle notification to the subscription's lifecycleNotificationUrl; false when it has none. */
  async fireLifecycle(subscriptionId: string, event: LifecycleEvent): Promise<boolean> {
    const sub = this.subs.get(subscriptionId);
    if (!sub?.lifecycleNotificationUrl) return false;
    if (event === 'reauthorizationRequired') sub.needsReauthorization = true;
    // subscriptionRemoved: Graph has removed the subscription; the app must create a new one.
    if (event === 'subscriptionRemoved') this.subs.delete(sub.id);
    return this.pump.sendNow(sub.lifecycleNotificationUrl, [
      {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: graphTimestamp(sub.expiresAt),
        tenantId: sub.tenantId,
        clientState: sub.clientState ?? null,
        lifecycleEvent: event,
      },
    ]);
  }

  /** Resolves when no notification is queued or being sent. */
  idle(): Promise<void> {
    return this.pump.idle();
  }

  reset(): void {
    this.subs.clear();
    this.pump.clear();
  }

  close(): void {
    this.detach();
    this.pump.close();
  }

  save(): Subscription[] {
    return this.live().map((s) => ({ ...s }));
  }

  load(data: unknown): void {
    this.subs.clear();
    for (const s of Array.isArray(data) ? (data as Subscription[]) : []) this.subs.set(s.id, s);
  }

  private live(): Subscription[] {
    const now = this.deps.store.clock();
    for (const [id, s] of this.subs) if (s.expiresAt <= now) this.subs.delete(id);
    return [...this.subs.values()];
  }

  private onChange(notice: ChangeNotice): void {
    if (notice.kind === 'folder' || this.subs.size === 0) return;
    const changeType = changeTypeOf(notice);
    for (const sub of this.live()) {
      if (!sub.changeTypes.includes(changeType) || !matches(notice, sub.userId, sub.kind, sub.folderNum)) continue;
      const mailbox = this.deps.store.find(notice.mailboxUserId);
      if (!mailbox) continue;
      const id = sub.idStyle === 'immutable' ? notice.immutableId : notice.defaultId;
      const { resource, resourceData } = notificationResource(notice, id, mailbox);
      this.pump.enqueue(
        sub.notificationUrl,
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: graphTimestamp(sub.expiresAt),
          changeType,
          resource,
          resourceData,
          clientState: sub.clientState ?? null,
          tenantId: sub.tenantId,
        },
        this.deps.delayMs(),
      );
    }
  }
}

function visibleTo(sub: Subscription, p: Principal): boolean {
  return sub.applicationId === p.appId && (!p.userId || sub.creatorId === p.userId);
}

/** Graph writes subscription times with seven fractional digits (`2016-11-20T18:23:45.9356913Z`). */
export function graphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z');
}

export function newSubscriptionId(): string {
  return randomUUID();
}
