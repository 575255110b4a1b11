import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ContactFields, emptyContactFields } from '../contact-fields.ts';
import { birthdayDate, type GraphContact, readContact, writeContact } from './contact-mapper.ts';

const full: ContactFields = {
  givenName: 'Анна',
  middleName: 'Сергеевна',
  surname: 'Петрова',
  displayName: 'Анна Петрова 🌸',
  jobTitle: 'Директор',
  department: 'Продажи',
  companyName: 'ООО «Ромашка»',
  birthday: '1987-03-09',
  emails: ['anna@example.ru', 'a.petrova@example.com'],
  businessPhones: ['+7 495 123-45-67'],
  homePhones: ['+7 495 765-43-21', '+7 495 000-00-00'],
  mobilePhone: '+7 916 555-55-55',
  businessAddress: { street: 'ул. Ленина, 1', city: 'Москва', region: null, country: 'Россия', zip: '101000' },
  homeAddress: null,
  otherAddress: { street: null, city: 'Санкт-Петербург', region: null, country: null, zip: null },
  webPage: 'https://example.ru',
  notes: 'Любит чай ☕',
};

describe('Graph contact mapper (CT-2 mapping)', () => {
  it('reads every mapped Graph property', () => {
    const c: GraphContact = {
      id: 'x',
      givenName: ' Zoë ',
      middleName: null,
      surname: 'Ng',
      displayName: 'Zoë Ng',
      jobTitle: 'CTO',
      department: '',
      companyName: 'Fabrikam',
      birthday: '1990-05-15T00:00:00Z',
      emailAddresses: [{ name: 'Zoë', address: 'zoe@fabrikam.test' }],
      businessPhones: ['+1 555 0100', ''],
      homePhones: [],
      mobilePhone: '+1 555 0199',
      businessAddress: {
        street: '1 Main St',
        city: 'Redmond',
        state: 'WA',
        countryOrRegion: 'USA',
        postalCode: '98052',
      },
      homeAddress: {},
      otherAddress: { street: '', city: null },
      businessHomePage: 'https://fabrikam.test',
      personalNotes: '',
    };
    assert.deepEqual(readContact(c), {
      givenName: 'Zoë',
      middleName: null,
      surname: 'Ng',
      displayName: 'Zoë Ng',
      jobTitle: 'CTO',
      department: null,
      companyName: 'Fabrikam',
      birthday: '1990-05-15',
      emails: ['zoe@fabrikam.test'],
      businessPhones: ['+1 555 0100'],
      homePhones: [],
      mobilePhone: '+1 555 0199',
      businessAddress: { street: '1 Main St', city: 'Redmond', region: 'WA', country: 'USA', zip: '98052' },
      homeAddress: null,
      otherAddress: null,
      webPage: 'https://fabrikam.test',
      notes: null,
    });
  });

  it('reads a contact with nothing set (absent, null, empty string, {} and []) as the empty contact', () => {
    assert.deepEqual(readContact({ id: 'x' }), emptyContactFields());
    const blank: GraphContact = {
      id: 'x',
      givenName: '',
      displayName: '  ',
      birthday: null,
      emailAddresses: [],
      businessPhones: null,
      homePhones: [],
      businessAddress: {},
      homeAddress: null,
      otherAddress: { street: null, city: null, state: null, countryOrRegion: null, postalCode: null },
      personalNotes: '',
    };
    assert.deepEqual(readContact(blank), emptyContactFields());
  });

  it('keeps the first three email addresses of four, without repeats or blanks', () => {
    const c: GraphContact = {
      id: 'x',
      emailAddresses: [
        { address: 'one@x.test' },
        { address: '' },
        { address: 'one@x.test' },
        { address: 'two@x.test' },
        { address: 'three@x.test' },
        { address: 'four@x.test' },
      ],
    };
    assert.deepEqual(readContact(c).emails, ['one@x.test', 'two@x.test', 'three@x.test']);
    const out = writeContact({ ...emptyContactFields(), emails: ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test'] });
    assert.deepEqual(
      out.emailAddresses.map((e) => e.address),
      ['a@x.test', 'b@x.test', 'c@x.test'],
    );
  });

  it('writes every mapped property, emails with the address as the name', () => {
    const body = writeContact(full);
    assert.equal(body.birthday, '1987-03-09T00:00:00Z');
    assert.deepEqual(body.emailAddresses, [
      { name: 'anna@example.ru', address: 'anna@example.ru' },
      { name: 'a.petrova@example.com', address: 'a.petrova@example.com' },
    ]);
    assert.deepEqual(body.businessAddress, {
      street: 'ул. Ленина, 1',
      city: 'Москва',
      state: null,
      countryOrRegion: 'Россия',
      postalCode: '101000',
    });
    assert.equal(body.businessHomePage, 'https://example.ru');
    assert.equal(body.personalNotes, 'Любит чай ☕');
  });

  it('writes an empty contact as explicit clears: null, [] and addresses with every part null', () => {
    const body = writeContact(emptyContactFields());
    const nulledAddress = { street: null, city: null, state: null, countryOrRegion: null, postalCode: null };
    assert.deepEqual(body, {
      givenName: null,
      middleName: null,
      surname: null,
      displayName: null,
      jobTitle: null,
      department: null,
      companyName: null,
      birthday: null,
      emailAddresses: [],
      businessPhones: [],
      homePhones: [],
      mobilePhone: null,
      businessAddress: nulledAddress,
      homeAddress: nulledAddress,
      otherAddress: nulledAddress,
      businessHomePage: null,
      personalNotes: null,
    });
  });

  it('round-trips Cyrillic and emoji through write then read', () => {
    assert.deepEqual(readContact({ id: 'x', ...writeContact(full) }), full);
  });

  it('reads a birthday as the date meant, whatever time of day the writer stored', () => {
    assert.equal(birthdayDate('1990-05-15T00:00:00Z'), '1990-05-15');
    // Exchange ActiveSync's 11:59 convention (MS-ASCNTC Birthday).
    assert.equal(birthdayDate('1990-05-15T11:59:00Z'), '1990-05-15');
    // Local midnight in UTC+3 and UTC−5, stored as UTC by a desktop client.
    assert.equal(birthdayDate('1990-05-14T21:00:00Z'), '1990-05-15');
    assert.equal(birthdayDate('1990-05-15T05:00:00Z'), '1990-05-15');
    assert.equal(birthdayDate('1990-05-15T00:00:00.0000000Z'), '1990-05-15');
    assert.equal(birthdayDate('1604-02-29T00:00:00Z'), '1604-02-29');
    assert.equal(birthdayDate('1990-05-15'), '1990-05-15');
    assert.equal(birthdayDate('not a date'), null);
    assert.equal(birthdayDate(''), null);
    assert.equal(birthdayDate(null), null);
    assert.equal(
      birthdayDate(writeContact({ ...emptyContactFields(), birthday: '2000-02-29' }).birthday),
      '2000-02-29',
    );
  });
});
