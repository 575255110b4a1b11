import type { Calendar } from '@microsoft/microsoft-graph-types';
import type { Folder, Mailbox } from '../../store/index.ts';
import { contextUrl } from '../collection.ts';
import { graphErrors } from '../errors.ts';
import { assertUniqueName } from '../folder-mapper.ts';
import { guard } from '../ids.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import { applySelect, nextLinkWithSkip, parseQuery, shapeCollection } from '../odata-query.ts';
import { readBody } from '../outlook-item-mapper.ts';
import type { MailboxContext } from '../request-context.ts';
import { calendarOf, defaultCalendar } from './calendar-context.ts';

/**
 * Calendars (`resources/calendar.md`): `/calendar` is the default one, `/calendars` lists it and the others
 * (`api/user-list-calendars.md`), which can be created, renamed, recoloured and deleted. Calendars are
 * calendar folders below the mailbox root; the colour rides on the folder as a private named property.
 */

const COLORS = [
  'auto',
  'lightBlue',
  'lightGreen',
  'lightOrange',
  'lightGray',
  'lightYellow',
  'lightTeal',
  'lightPink',
  'lightBrown',
  'lightRed',
  'maxColor',
];
const COLOR_KEY = {
  type: 'String',
  propertySetGuid: '9a2f8a45-5c1e-4bf0-9d2b-3f2c1e0a7b61',
  name: 'EmulatorCalendarColor',
};

export function calendarRoutes(r: MailboxRouter): void {
  r.get('/calendar', 'calendars.read', (req, _reply, ctx) =>
    entity(ctx, defaultCalendar(ctx), parseQuery(req).select, '/calendar'),
  );
  r.get('/calendars', 'calendars.read', (req, _reply, ctx) => {
    const query = parseQuery(req);
    const folders = [...ctx.mailbox.folders.values()]
      .filter((f) => f.kind === 'calendar' && !f.hidden)
      .sort((a, b) => (a.wellKnownName ? -1 : b.wellKnownName ? 1 : a.num - b.num));
    const shaped = shapeCollection(
      folders.map((f) => ({ entity: renderCalendar(f, ctx), source: f })),
      query,
      10,
    );
    return {
      '@odata.context': contextUrl(ctx, '/calendars', query.select),
      value: shaped.page.map((row) => applySelect(row.entity, query.select)),
      ...(shaped.nextSkip !== undefined
        ? { '@odata.nextLink': nextLinkWithSkip(ctx.baseUrl, req, shaped.nextSkip) }
        : {}),
    };
  });
  r.post('/calendars', 'calendars.write', (req, reply, ctx) => {
    const { name, color } = readCalendarBody(req.body, true);
    const root = ctx.mailbox.root;
    assertUniqueName(ctx.mailbox, root.num, name as string);
    const folder = ctx.mailbox.createFolder(root.num, name as string, 'calendar');
    if (color) setColor(ctx.mailbox, folder, color);
    reply.code(201);
    return entity(ctx, folder, undefined, '/calendars');
  });
  r.get('/calendars/:calendarId', 'calendars.read', (req, _reply, ctx) =>
    entity(ctx, calendarOf(ctx, param(req)), parseQuery(req).select, '/calendars'),
  );
  r.patch('/calendars/:calendarId', 'calendars.write', (req, _reply, ctx) => {
    const folder = calendarOf(ctx, param(req));
    const { name, color } = readCalendarBody(req.body, false);
    if (name !== undefined && folder.parentNum !== null)
      assertUniqueName(ctx.mailbox, folder.parentNum, name, folder.num);
    guard(() => ctx.mailbox.updateFolder(folder, name !== undefined ? { displayName: name } : {}));
    if (color) setColor(ctx.mailbox, folder, color);
    return entity(ctx, folder, undefined, '/calendars');
  });
  r.delete('/calendars/:calendarId', 'calendars.write', (req, reply, ctx) => {
    const folder = calendarOf(ctx, param(req));
    // The default calendar cannot be removed (calendar resource: isRemovable is false for it).
    if (folder.wellKnownName) throw graphErrors.accessDenied();
    guard(() => ctx.mailbox.deleteFolder(folder));
    return reply.code(204).send();
  });
}

function param(req: { params: unknown }): string {
  return (req.params as { calendarId: string }).calendarId;
}

function entity(ctx: MailboxContext, folder: Folder, select: string[] | undefined, path: string) {
  return {
    '@odata.context': `${contextUrl(ctx, path === '/calendar' ? '/calendar' : '/calendars')}/$entity`,
    ...applySelect(renderCalendar(folder, ctx), select),
  };
}

export function renderCalendar(folder: Folder, ctx: MailboxContext): Record<string, unknown> {
  const isDefault = folder.wellKnownName === 'calendar';
  const color = [...folder.extendedProperties.values()].find((p) => p.key.name === COLOR_KEY.name)?.value ?? 'auto';
  const out: Calendar = {
    id: folder.id,
    name: folder.displayName,
    color: color as Calendar['color'],
    hexColor: '',
    isDefaultCalendar: isDefault,
    changeKey: folder.changeKey,
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: !isDefault,
    owner: { name: ctx.owner.displayName, address: ctx.owner.email },
  };
  return out as Record<string, unknown>;
}

function readCalendarBody(body: unknown, create: boolean): { name?: string; color?: string } {
  const writable = new Set(['name', 'color']);
  const readOnly = new Set([
    'id',
    'changeKey',
    'isDefaultCalendar',
    'canShare',
    'canEdit',
    'canViewPrivateItems',
    'owner',
    'hexColor',
    'isRemovable',
    'isTallyingResponses',
    'allowedOnlineMeetingProviders',
    'defaultOnlineMeetingProvider',
  ]);
  const { fields } = readBody(body, writable, readOnly, 'Microsoft.OutlookServices.Calendar');
  if (fields.name !== undefined && (typeof fields.name !== 'string' || !fields.name.trim())) {
    throw graphErrors.badRequest("Invalid value for property 'name'.");
  }
  if (create && fields.name === undefined) throw graphErrors.badRequest("The property 'name' is required.");
  const color =
    fields.color === undefined ? undefined : COLORS.find((c) => c.toLowerCase() === String(fields.color).toLowerCase());
  if (fields.color !== undefined && !color)
    throw graphErrors.badRequest(`Requested value '${String(fields.color)}' was not found.`);
  return { ...(typeof fields.name === 'string' ? { name: fields.name } : {}), ...(color ? { color } : {}) };
}

function setColor(mailbox: Mailbox, folder: Folder, color: string): void {
  mailbox.setFolderExtendedProperties(folder, [{ key: COLOR_KEY, value: color }]);
}
