/**
 * Microsoft To Do as a Graph client sees it: the default list, list and task CRUD with etags, status and
 * completedDateTime, dateTimeTimeZone fields, linkedResources (inline and as their own resource), open
 * extensions, and lists/tasks delta rounds.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp, type GraphTestApp } from '../src/graph/testing/graph-test-app.ts';

describe('Graph To Do', () => {
  let t: GraphTestApp;
  let me: ReturnType<typeof graphClient>;
  let defaultList: string;

  beforeEach(async () => {
    t = await buildGraphTestApp();
    me = graphClient(t.app, t.delegated(t.directory.users[0] as never, ['Tasks.ReadWrite']));
    const lists = await me.get('/v1.0/me/todo/lists');
    defaultList = lists.json.value.find((l: { wellknownListName: string }) => l.wellknownListName === 'defaultList').id;
  });

  it('has a default list; lists can be created, renamed and deleted, the default one cannot', async () => {
    const lists = await me.get('/v1.0/me/todo/lists');
    assert.equal(lists.status, 200);
    assert.deepEqual(
      lists.json.value.map((l: { displayName: string }) => l.displayName),
      ['Tasks'],
    );
    assert.equal(lists.json.value[0].isOwner, true);
    const created = await me.post('/v1.0/me/todo/lists', { displayName: 'CRM follow-ups' });
    assert.equal(created.status, 201);
    assert.equal(created.json.wellknownListName, 'none');
    const renamed = await me.patch(`/v1.0/me/todo/lists/${created.json.id}`, { displayName: 'CRM' });
    assert.equal(renamed.json.displayName, 'CRM');
    assert.notEqual(renamed.json['@odata.etag'], created.json['@odata.etag']);
    assert.equal((await me.delete(`/v1.0/me/todo/lists/${created.json.id}`)).status, 204);
    assert.equal((await me.get(`/v1.0/me/todo/lists/${created.json.id}`)).status, 404);
    assert.equal((await me.delete(`/v1.0/me/todo/lists/${defaultList}`)).status, 403);
    const denied = await graphClient(t.app, t.delegated(t.directory.users[0] as never, ['Mail.Read'])).get(
      '/v1.0/me/todo/lists',
    );
    assert.equal(denied.status, 403);
  });

  it('creates a task with an inline linkedResource, updates status and fields, deletes it', async () => {
    const created = await me.post(`/v1.0/me/todo/lists/${defaultList}/tasks`, {
      title: 'Позвонить клиенту',
      importance: 'high',
      dueDateTime: { dateTime: '2026-04-20T00:00:00', timeZone: 'Russian Standard Time' },
      categories: ['CRM'],
      linkedResources: [
        {
          webUrl: 'https://crm.example/activities/42',
          applicationName: 'Tandem',
          displayName: 'Activity 42',
          externalId: 'act-42',
        },
      ],
    });
    assert.equal(created.status, 201);
    const task = created.json;
    assert.equal(task.status, 'notStarted');
    assert.equal(task.importance, 'high');
    assert.deepEqual(task.dueDateTime, { dateTime: '2026-04-19T21:00:00.0000000', timeZone: 'UTC' });
    assert.equal(task.linkedResources.length, 1);
    assert.equal(task.linkedResources[0].externalId, 'act-42');
    assert.match(task.linkedResources[0].id, /^[0-9a-f-]{36}$/);
    assert.equal(task.completedDateTime, undefined, 'unset properties are left out');

    const done = await me.patch(
      `/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}`,
      { status: 'completed' },
      { 'if-match': task['@odata.etag'] },
    );
    assert.equal(done.status, 200);
    assert.equal(done.json.status, 'completed');
    assert.equal(done.json.completedDateTime.timeZone, 'UTC');
    const stale = await me.patch(
      `/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}`,
      { title: 'x' },
      { 'if-match': task['@odata.etag'] },
    );
    assert.equal(stale.status, 412);
    const reopened = await me.patch(`/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}`, { status: 'inProgress' });
    assert.equal(reopened.json.completedDateTime, undefined);
    const bad = await me.patch(`/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}`, { status: 'finished' });
    assert.equal(bad.status, 400);

    const expanded = await me.get(`/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}?$expand=linkedResources`);
    assert.equal(expanded.json.linkedResources[0].applicationName, 'Tandem');
    const plain = await me.get(`/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}`);
    assert.equal(plain.json.linkedResources, undefined);

    assert.equal((await me.delete(`/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}`)).status, 204);
    assert.equal((await me.get(`/v1.0/me/todo/lists/${defaultList}/tasks`)).json.value.length, 0);
  });

  it('linkedResources and open extensions have their own CRUD under the task', async () => {
    const task = (await me.post(`/v1.0/me/todo/lists/${defaultList}/tasks`, { title: 'Follow up' })).json;
    const base = `/v1.0/me/todo/lists/${defaultList}/tasks/${task.id}`;
    const link = await me.post(`${base}/linkedResources`, {
      webUrl: 'https://crm.example/x/1',
      applicationName: 'Tandem',
      externalId: 'x-1',
    });
    assert.equal(link.status, 201);
    assert.equal((await me.get(`${base}/linkedResources`)).json.value.length, 1);
    const patched = await me.patch(`${base}/linkedResources/${link.json.id}`, { displayName: 'Deal X' });
    assert.equal(patched.json.displayName, 'Deal X');
    assert.equal(patched.json.externalId, 'x-1');
    assert.equal((await me.delete(`${base}/linkedResources/${link.json.id}`)).status, 204);
    assert.equal((await me.get(`${base}/linkedResources/${link.json.id}`)).status, 404);

    const ext = await me.post(`${base}/extensions`, {
      '@odata.type': 'microsoft.graph.openTypeExtension',
      extensionName: 'com.tandem.sync',
      crmId: 'a-1',
    });
    assert.equal(ext.status, 201);
    const read = await me.get(`${base}/extensions/com.tandem.sync`);
    assert.equal(read.json.crmId, 'a-1');
    const withExt = await me.get(`${base}?$expand=extensions`);
    assert.equal(withExt.json.extensions[0].crmId, 'a-1');
  });

  it('lists delta and tasks delta return a first round, then only changes with @removed', async () => {
    const lists1 = await me.deltaRound('/v1.0/me/todo/lists/delta');
    assert.deepEqual(
      lists1.items.map((l) => l.displayName),
      ['Tasks'],
    );
    assert.equal(lists1.items[0]['@odata.type'], '#microsoft.graph.todoTaskList');
    const extra = (await me.post('/v1.0/me/todo/lists', { displayName: 'Extra' })).json;
    const lists2 = await me.deltaRound(lists1.deltaLink);
    assert.deepEqual(
      lists2.items.map((l) => l.displayName),
      ['Extra'],
    );
    await me.delete(`/v1.0/me/todo/lists/${extra.id}`);
    const lists3 = await me.deltaRound(lists2.deltaLink);
    assert.deepEqual(
      lists3.items.map((l) => [l.id, l['@removed']?.reason]),
      [[extra.id, 'deleted']],
    );

    const a = (await me.post(`/v1.0/me/todo/lists/${defaultList}/tasks`, { title: 'a' })).json;
    const b = (await me.post(`/v1.0/me/todo/lists/${defaultList}/tasks`, { title: 'b' })).json;
    const round1 = await me.deltaRound(`/v1.0/me/todo/lists/${defaultList}/tasks/delta?$select=title,status`, {
      prefer: 'odata.maxpagesize=1',
    });
    assert.deepEqual(
      round1.pages.map((p) => p.length),
      [1, 1],
    );
    assert.deepEqual(Object.keys(round1.items[0]).sort(), ['@odata.etag', '@odata.type', 'id', 'status', 'title']);
    await me.patch(`/v1.0/me/todo/lists/${defaultList}/tasks/${a.id}`, { title: 'a2' });
    await me.delete(`/v1.0/me/todo/lists/${defaultList}/tasks/${b.id}`);
    const round2 = await me.deltaRound(round1.deltaLink);
    const byId = new Map(round2.items.map((i) => [i.id, i]));
    assert.equal(byId.get(a.id)?.title, 'a2');
    assert.deepEqual(byId.get(b.id)?.['@removed'], { reason: 'deleted' });
  });
});
