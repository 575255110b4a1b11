import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyContactFields } from '../../connectors/contact-fields.ts';
import { type CrmContactView, isNameless, patchFor, projectContact } from './contact-projection.ts';

const contact: CrmContactView = {
  givenName: 'Иван',
  middleName: null,
  surname: 'Петров',
  fullName: 'Иван Петров',
  jobTitle: 'CTO',
  department: null,
  birthday: '1980-02-03',
  accountName: 'ООО Ромашка',
  communications: [
    { kind: 'email', type: 'work', value: 'a@x.ru' },
    { kind: 'email', type: 'home', value: 'b@x.ru' },
    { kind: 'email', type: 'work', value: 'c@x.ru' },
    { kind: 'email', type: 'other', value: 'd@x.ru' },
    { kind: 'phone', type: 'work', value: '+7 1' },
    { kind: 'phone', type: 'mobile', value: '+7 2' },
    { kind: 'phone', type: 'other', value: '+7 3' },
    { kind: 'web', type: 'work', value: 'https://x.ru' },
  ],
  addresses: [{ type: 'work', street: 'Тверская 1', city: 'Москва', region: null, country: 'Россия', zip: null }],
  notes: 'заметка',
};

describe('contact projection (CT-2, CT-6)', () => {
  it('shows the mailbox the first three emails, phones by type, the first web page and addresses by type', () => {
    const f = projectContact(contact);
    assert.deepEqual(f.emails, ['a@x.ru', 'b@x.ru', 'c@x.ru']);
    assert.deepEqual(f.businessPhones, ['+7 1']);
    assert.equal(f.mobilePhone, '+7 2');
    assert.equal(f.webPage, 'https://x.ru');
    assert.equal(f.companyName, 'ООО Ромашка');
    assert.equal(f.businessAddress?.city, 'Москва');
    assert.equal(f.homeAddress, null);
  });

  it('a patch from the mailbox keeps what the mailbox cannot hold (4th email, other phones)', () => {
    const f = { ...projectContact(contact), emails: ['new@x.ru'], mobilePhone: null };
    const patch = patchFor(f, ['emails', 'mobilePhone'], contact);
    assert.deepEqual(
      patch.communications?.map((c) => c.value),
      ['new@x.ru', 'd@x.ru', '+7 1', '+7 3', 'https://x.ru'],
    );
    assert.equal(patch.givenName, undefined, 'untouched fields are not in the patch');
  });

  it('a round trip of the projection changes nothing', () => {
    const f = projectContact(contact);
    const patch = patchFor(f, Object.keys(f), contact);
    const after = projectContact({
      ...contact,
      ...patch,
      fullName: patch.fullName ?? contact.fullName,
      communications: patch.communications ?? contact.communications,
      addresses: patch.addresses ?? contact.addresses,
    });
    assert.deepEqual(after, f);
  });

  it('CT-7: nameless means no given, middle, surname or display name', () => {
    assert.equal(isNameless({ ...emptyContactFields(), emails: ['x@y.z'], companyName: 'ACME' }), true);
    assert.equal(isNameless({ ...emptyContactFields(), displayName: 'ACME support' }), false);
  });
});
