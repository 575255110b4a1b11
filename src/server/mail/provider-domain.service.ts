import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { MailProviderDomainsTable } from '../db/schema.ts';
import { invalid, notFound, taken } from '../errors.ts';
import { isHostName } from './host-name.ts';
import { splitMailAddress } from './mail-address.ts';
import { assertMailService, mailServiceService } from './mail-service.service.ts';
import type { MailService, ServiceView } from './mail-service.types.ts';
import { providerDomainStore } from './provider-domain.store.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** A provider domain as the API shows it (DESIGN §4). */
export interface ProviderDomain {
  id: string;
  domain: string;
  mailServiceId: string;
}

export interface ProviderDomainInput {
  domain?: string;
  mailServiceId?: string;
}

const toApi = (r: MailProviderDomainsTable): ProviderDomain => ({
  id: r.id,
  domain: r.domain,
  mailServiceId: r.mail_service_id,
});

/** A domain as typed (`Example.COM`, `@example.com`) → `example.com`, or a validation error. */
function normaliseDomain(value: string): string {
  const domain = value.trim().replace(/^@/, '').replace(/\.$/, '').toLowerCase();
  if (!domain) throw invalid('domain', 'is required', 'required');
  if (!isHostName(domain) || !domain.includes('.')) {
    throw invalid('domain', 'is not a domain name (e.g. example.com)', 'host', { problem: 'host' });
  }
  return domain;
}

async function assertFree(db: Db, domain: string, exceptId?: string): Promise<void> {
  const other = await providerDomainStore.byDomain(db, domain);
  if (other && other.id !== exceptId) throw taken('domain', `The domain ${domain} already has a mail service`);
}

/** Mail provider domains: domain → mail service, so a typed address picks its provider (MS-9). */
export const providerDomainService = {
  async list(db: Db, mailServiceId?: string) {
    const items = (await providerDomainStore.list(db, mailServiceId)).map(toApi);
    return { items, total: items.length };
  },

  async get(db: Db, id: string): Promise<ProviderDomain> {
    const row = await providerDomainStore.byId(db, id);
    if (!row) throw notFound('Provider domain', id);
    return toApi(row);
  },

  async create(db: Db, input: Required<ProviderDomainInput>): Promise<ProviderDomain> {
    const domain = normaliseDomain(input.domain);
    await assertMailService(db, 'mailServiceId', input.mailServiceId);
    await assertFree(db, domain);
    const id = randomUUID();
    try {
      await providerDomainStore.insert(db, { id, domain, mail_service_id: input.mailServiceId });
    } catch (err) {
      if (isUniqueViolation(err)) throw taken('domain', `The domain ${domain} already has a mail service`);
      throw err;
    }
    return providerDomainService.get(db, id);
  },

  async update(db: Db, id: string, input: ProviderDomainInput): Promise<ProviderDomain> {
    await providerDomainService.get(db, id);
    const set: Partial<MailProviderDomainsTable> = {};
    if (input.domain !== undefined) {
      set.domain = normaliseDomain(input.domain);
      await assertFree(db, set.domain, id);
    }
    if (input.mailServiceId !== undefined) {
      await assertMailService(db, 'mailServiceId', input.mailServiceId);
      set.mail_service_id = input.mailServiceId;
    }
    if (Object.keys(set).length) await providerDomainStore.update(db, id, set);
    return providerDomainService.get(db, id);
  },

  async delete(db: Db, id: string): Promise<void> {
    await providerDomainService.get(db, id);
    await providerDomainStore.delete(db, id);
  },

  /** MS-9: the services listed for the address's domain, matched case-insensitively. */
  async detect(db: Db, email: string, view: ServiceView): Promise<{ items: MailService[] }> {
    const parts = splitMailAddress(email.trim());
    if (!parts) throw invalid('email', 'is not an email address', 'email');
    const row = await providerDomainStore.byDomain(db, parts.domain);
    return { items: row ? await mailServiceService.byIds(db, [row.mail_service_id], view) : [] };
  },
};
