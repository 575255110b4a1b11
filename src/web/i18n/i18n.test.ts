import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from './en.ts';
import { ru } from './ru.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a translation tree as "a.b.c" → value. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const english = flatten(en as unknown as Tree);
const russian = flatten(ru as unknown as Tree);

describe('UI translations', () => {
  it('English and Russian have the same keys', () => {
    const onlyEn = [...english.keys()].filter((k) => !russian.has(k));
    const onlyRu = [...russian.keys()].filter((k) => !english.has(k));
    assert.deepEqual({ onlyEn, onlyRu }, { onlyEn: [], onlyRu: [] });
  });

  it('no value is empty or not a string', () => {
    const bad = [...english, ...russian].filter(([, v]) => typeof v !== 'string' || v.trim() === '');
    assert.deepEqual(bad, []);
  });

  it('both languages use the same {{placeholders}} in each string', () => {
    const names = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const differing = [...english.keys()].filter(
      (k) => russian.has(k) && names(english.get(k)).join() !== names(russian.get(k)).join(),
    );
    assert.deepEqual(differing, []);
  });

  it('the Russian labels from the vendor guide are present', () => {
    const values = new Set(russian.values());
    for (const label of [
      'Контакты',
      'Контрагенты',
      'Активности',
      'Администрирование',
      'Действия',
      'Синхронизировать контакты',
      'Синхронизировать активности',
      'Учетные записи почты',
      'Отображать в расписании',
      'Ответственный',
    ]) {
      assert.ok(values.has(label), `missing Russian label «${label}»`);
    }
  });

  it('MS-1…MS-9, MB-2, OA-3: the Russian labels of mail services, mailboxes and sync settings are present', () => {
    const values = new Set(russian.values());
    for (const label of [
      'Новая учетная запись',
      'Далее',
      'Добавить провайдер',
      'Добавить',
      'Перейти к настройке почтовых ящиков',
      'Учетные записи почты',
      'Редактировать настройки',
      'Почта',
      'Встречи и задачи',
      'Контакты',
      'Почтовые провайдеры',
      'Домены почтовых провайдеров',
      'Тип почтового сервиса',
      'Адрес почтового сервиса',
      'Загружать электронные письма',
      'Отправлять электронные письма',
      'Формат логина',
      'Формировать имя вручную',
      'Использовать email',
      'Использовать имя почтового ящика',
      'Название сервиса',
      'Метод аутентификации',
      'Идентификатор приложения (клиент)',
      'Секрет клиента',
      'Применить',
      'Импортировать контакты',
      'Загружать все контакты',
      'Загружать контакты из выбранных папок MS Exchange',
      'Экспортировать контакты',
      'Переносить все контакты',
      'Переносить контакты из выбранных категорий и групп',
      'Сотрудники',
      'Клиенты',
      'Из групп',
      'Синхронизировать контакты автоматически',
      'Импортировать встречи',
      'Загружать все встречи',
      'Загружать встречи из выбранных календарей MS Exchange',
      'Импортировать задачи',
      'Импортировать активности начиная с',
      'Экспортировать активности',
      'Переносить встречи и задачи',
      'Переносить встречи и задачи из выбранных групп',
      'Синхронизировать активности автоматически',
      'Запустить синхронизацию',
      'Требуется вход',
      'Войти снова',
      'Войти через Microsoft',
    ]) {
      assert.ok(values.has(label), `missing Russian label «${label}»`);
    }
    // MB-2: the command names the account: «Настроить example@mail.com».
    assert.equal(russian.get('actions.configure'), 'Настроить {{email}}');
  });

  it('CT-5, MB-5: the Russian words of sync runs, the journal, conflicts and the deletion guard are present', () => {
    const values = new Set(russian.values());
    for (const label of [
      'Запустить синхронизацию',
      'Синхронизировать сейчас',
      'Журнал синхронизации',
      'Конфликты',
      'Создано',
      'Обновлено',
      'Удалено',
      'Пропущено',
      'Ошибок',
      'В CRM',
      'В почте',
      'Победила CRM',
      'Победил Exchange',
      'Объединено',
      'Удалить',
      'Отменить',
    ]) {
      assert.ok(values.has(label), `missing Russian label «${label}»`);
    }
    assert.equal(russian.get('sync.guard.wants.crm'), 'Синхронизация хочет удалить {{contacts}} в CRM.');
    assert.equal(russian.get('sync.contactsCount.many'), '{{count}} контактов');
  });
});
