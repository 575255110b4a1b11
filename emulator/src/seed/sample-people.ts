import type { Address, PhysicalAddress } from '../store/index.ts';
import type { Rng } from './prng.ts';

/**
 * Invented people and companies in several scripts (Cyrillic, Chinese, Arabic, accented Latin, plain
 * Latin), so sync code meets real-world Unicode: names with patronymics, surname-first CJK names,
 * right-to-left text, diacritics, several emails and phones. Every name here is made up.
 */

export type Locale = 'ru' | 'zh' | 'ar' | 'fr' | 'de' | 'es' | 'pl' | 'cs' | 'tr' | 'en';

export interface Person {
  locale: Locale;
  givenName: string;
  surname: string;
  middleName?: string;
  displayName: string;
  emails: Address[];
  businessPhones: string[];
  mobilePhone?: string;
  companyName: string;
  jobTitle: string;
  department?: string;
  address: PhysicalAddress;
}

interface LocaleData {
  /** [native, latin] pairs; latin is used for email local parts. */
  male: [string, string][];
  female: [string, string][];
  surnames: [string, string][];
  /** Female surname form where the language inflects it (Russian, Polish, Czech). */
  feminize?: (surname: string) => string;
  patronymics?: { male: string[]; female: string[] };
  surnameFirst?: boolean;
  companies: string[];
  titles: string[];
  departments: string[];
  cities: { city: string; country: string; zip: () => string; street: string[] }[];
  phone: (rng: Rng) => string;
  domains: string[];
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');

const DATA: Record<Locale, LocaleData> = {
  ru: {
    male: [
      ['Александр', 'aleksandr'],
      ['Дмитрий', 'dmitry'],
      ['Сергей', 'sergey'],
      ['Андрей', 'andrey'],
      ['Михаил', 'mikhail'],
      ['Илья', 'ilya'],
      ['Никита', 'nikita'],
      ['Юрий', 'yuri'],
    ],
    female: [
      ['Елена', 'elena'],
      ['Ольга', 'olga'],
      ['Наталья', 'natalia'],
      ['Анастасия', 'anastasia'],
      ['Татьяна', 'tatiana'],
      ['Юлия', 'yulia'],
      ['Ксения', 'ksenia'],
      ['Мария', 'maria'],
    ],
    surnames: [
      ['Иванов', 'ivanov'],
      ['Смирнов', 'smirnov'],
      ['Кузнецов', 'kuznetsov'],
      ['Попов', 'popov'],
      ['Соколов', 'sokolov'],
      ['Лебедев', 'lebedev'],
      ['Новиков', 'novikov'],
      ['Фёдоров', 'fedorov'],
      ['Морозов', 'morozov'],
      ['Волков', 'volkov'],
    ],
    feminize: (s) => `${s}а`,
    patronymics: {
      male: ['Александрович', 'Игоревич', 'Петрович', 'Олегович'],
      female: ['Сергеевна', 'Викторовна', 'Андреевна', 'Павловна'],
    },
    companies: [
      'ООО «Ромашка»',
      'АО «СеверСтальМонтаж»',
      'ООО «Вектор Плюс»',
      'ПАО «ТехноЛайн»',
      'ООО «Зелёный берег»',
      'ИП Громов',
    ],
    titles: [
      'Генеральный директор',
      'Менеджер по продажам',
      'Главный бухгалтер',
      'Руководитель отдела закупок',
      'Инженер-проектировщик',
      'Юрисконсульт',
    ],
    departments: ['Отдел продаж', 'Бухгалтерия', 'Закупки', 'Юридический отдел'],
    cities: [
      {
        city: 'Москва',
        country: 'Россия',
        zip: () => '1250',
        street: ['ул. Тверская', 'Ленинский проспект', 'ул. Арбат'],
      },
      { city: 'Санкт-Петербург', country: 'Россия', zip: () => '1910', street: ['Невский проспект', 'ул. Садовая'] },
      { city: 'Казань', country: 'Россия', zip: () => '4200', street: ['ул. Баумана', 'ул. Пушкина'] },
    ],
    phone: (rng) =>
      `+7 ${rng.pick(['495', '812', '843', '916', '903'])} ${digits(rng, 3)}-${digits(rng, 2)}-${digits(rng, 2)}`,
    domains: ['romashka.ru', 'severstal-m.ru', 'vector-plus.ru', 'yandex.ru', 'mail.ru'],
  },
  zh: {
    male: [
      ['伟', 'wei'],
      ['强', 'qiang'],
      ['磊', 'lei'],
      ['军', 'jun'],
      ['洋', 'yang'],
      ['志明', 'zhiming'],
    ],
    female: [
      ['芳', 'fang'],
      ['娜', 'na'],
      ['静', 'jing'],
      ['丽', 'li'],
      ['秀英', 'xiuying'],
      ['婷', 'ting'],
    ],
    surnames: [
      ['王', 'wang'],
      ['李', 'li'],
      ['张', 'zhang'],
      ['刘', 'liu'],
      ['陈', 'chen'],
      ['杨', 'yang'],
      ['赵', 'zhao'],
      ['黄', 'huang'],
    ],
    surnameFirst: true,
    companies: ['北京华信科技有限公司', '上海东方贸易有限公司', '深圳创新电子有限公司', '广州南方物流集团'],
    titles: ['销售经理', '总经理', '采购主管', '财务总监', '项目经理'],
    departments: ['销售部', '采购部', '财务部'],
    cities: [
      { city: '北京', country: '中国', zip: () => '1000', street: ['朝阳区建国路', '海淀区中关村大街'] },
      { city: '上海', country: '中国', zip: () => '2000', street: ['浦东新区世纪大道', '黄浦区南京东路'] },
    ],
    phone: (rng) => `+86 ${rng.pick(['10', '21', '755'])} ${digits(rng, 4)} ${digits(rng, 4)}`,
    domains: ['huaxin-tech.cn', 'dongfang-trade.com.cn', 'qq.com', '163.com'],
  },
  ar: {
    male: [
      ['محمد', 'mohammed'],
      ['أحمد', 'ahmed'],
      ['خالد', 'khalid'],
      ['عمر', 'omar'],
      ['يوسف', 'youssef'],
    ],
    female: [
      ['فاطمة', 'fatima'],
      ['مريم', 'maryam'],
      ['نور', 'noor'],
      ['ليلى', 'layla'],
      ['سارة', 'sara'],
    ],
    surnames: [
      ['الحسن', 'alhassan'],
      ['المنصور', 'almansour'],
      ['العتيبي', 'alotaibi'],
      ['حداد', 'haddad'],
      ['الشامي', 'alshami'],
    ],
    companies: ['شركة النخيل للتجارة', 'مجموعة الخليج القابضة', 'مؤسسة الفجر للمقاولات'],
    titles: ['مدير المبيعات', 'المدير التنفيذي', 'محاسب أول', 'مدير المشتريات'],
    departments: ['المبيعات', 'المالية', 'المشتريات'],
    cities: [
      {
        city: 'دبي',
        country: 'الإمارات العربية المتحدة',
        zip: () => '0000',
        street: ['شارع الشيخ زايد', 'شارع الوصل'],
      },
      {
        city: 'الرياض',
        country: 'المملكة العربية السعودية',
        zip: () => '1141',
        street: ['طريق الملك فهد', 'شارع العليا'],
      },
    ],
    phone: (rng) => `${rng.pick(['+971 4', '+966 11', '+20 2'])} ${digits(rng, 3)} ${digits(rng, 4)}`,
    domains: ['nakheel-trading.ae', 'gulf-holding.sa', 'alfajr.com.eg'],
  },
  fr: {
    male: [
      ['François', 'francois'],
      ['Jérôme', 'jerome'],
      ['Loïc', 'loic'],
      ['Théo', 'theo'],
    ],
    female: [
      ['Hélène', 'helene'],
      ['Zoé', 'zoe'],
      ['Chloé', 'chloe'],
      ['Anaïs', 'anais'],
    ],
    surnames: [
      ['Lefèvre', 'lefevre'],
      ['Gauthier', 'gauthier'],
      ['Bérard', 'berard'],
      ['Côté', 'cote'],
    ],
    companies: ['Société Générale d’Équipement', 'Léa & Fils SARL', 'Boulangerie Côté'],
    titles: ['Directrice commerciale', 'Responsable des achats', 'Chargé d’affaires'],
    departments: ['Ventes', 'Achats'],
    cities: [
      { city: 'Lyon', country: 'France', zip: () => '6900', street: ['rue de la République', 'quai Saint-Antoine'] },
    ],
    phone: (rng) => `+33 ${rng.int(1, 7)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`,
    domains: ['orange.fr', 'lea-fils.fr'],
  },
  de: {
    male: [
      ['Jürgen', 'juergen'],
      ['Björn', 'bjoern'],
      ['Lukas', 'lukas'],
    ],
    female: [
      ['Jördis', 'joerdis'],
      ['Käthe', 'kaethe'],
      ['Anja', 'anja'],
    ],
    surnames: [
      ['Müller', 'mueller'],
      ['Schäfer', 'schaefer'],
      ['Groß', 'gross'],
      ['Weiß', 'weiss'],
    ],
    companies: ['Müller & Söhne GmbH', 'Bäckerei Groß KG', 'Nordlicht Logistik AG'],
    titles: ['Geschäftsführer', 'Einkaufsleiterin', 'Vertriebsmitarbeiter'],
    departments: ['Einkauf', 'Vertrieb'],
    cities: [
      { city: 'München', country: 'Deutschland', zip: () => '8033', street: ['Leopoldstraße', 'Maximilianstraße'] },
    ],
    phone: (rng) => `+49 ${rng.pick(['89', '30', '40'])} ${digits(rng, 7)}`,
    domains: ['mueller-soehne.de', 'nordlicht.de'],
  },
  es: {
    male: [
      ['José', 'jose'],
      ['Íñigo', 'inigo'],
      ['Martín', 'martin'],
    ],
    female: [
      ['María José', 'mariajose'],
      ['Begoña', 'begona'],
      ['Lucía', 'lucia'],
    ],
    surnames: [
      ['Núñez', 'nunez'],
      ['Peña', 'pena'],
      ['García Márquez', 'garciamarquez'],
    ],
    companies: ['Construcciones Peña S.L.', 'Año Nuevo Distribución S.A.'],
    titles: ['Directora de compras', 'Jefe de ventas'],
    departments: ['Compras', 'Ventas'],
    cities: [
      { city: 'Málaga', country: 'España', zip: () => '2900', street: ['calle Larios', 'avenida de Andalucía'] },
    ],
    phone: (rng) => `+34 ${rng.int(6, 9)}${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`,
    domains: ['pena-construcciones.es', 'telefonica.net'],
  },
  pl: {
    male: [
      ['Łukasz', 'lukasz'],
      ['Paweł', 'pawel'],
      ['Michał', 'michal'],
    ],
    female: [
      ['Małgorzata', 'malgorzata'],
      ['Zofia', 'zofia'],
      ['Agnieszka', 'agnieszka'],
    ],
    surnames: [
      ['Wójcik', 'wojcik'],
      ['Kowalski', 'kowalski'],
      ['Zieliński', 'zielinski'],
    ],
    feminize: (s) => s.replace(/ski$/, 'ska').replace(/cki$/, 'cka'),
    companies: ['Przedsiębiorstwo Żuraw Sp. z o.o.', 'Łódzkie Młyny S.A.'],
    titles: ['Kierownik zakupów', 'Przedstawiciel handlowy'],
    departments: ['Zakupy', 'Sprzedaż'],
    cities: [{ city: 'Łódź', country: 'Polska', zip: () => '90-0', street: ['ul. Piotrkowska', 'al. Kościuszki'] }],
    phone: (rng) => `+48 ${digits(rng, 3)} ${digits(rng, 3)} ${digits(rng, 3)}`,
    domains: ['zuraw.pl', 'wp.pl'],
  },
  cs: {
    male: [
      ['Tomáš', 'tomas'],
      ['Jiří', 'jiri'],
    ],
    female: [
      ['Kateřina', 'katerina'],
      ['Zuzana', 'zuzana'],
    ],
    surnames: [
      ['Dvořák', 'dvorak'],
      ['Černý', 'cerny'],
      ['Procházka', 'prochazka'],
    ],
    companies: ['Pivovar Říčany s.r.o.', 'Stavby Černý a.s.'],
    titles: ['Obchodní ředitel', 'Nákupčí'],
    departments: ['Obchod'],
    cities: [{ city: 'Brno', country: 'Česko', zip: () => '602 ', street: ['Náměstí Svobody', 'Masarykova'] }],
    phone: (rng) => `+420 ${digits(rng, 3)} ${digits(rng, 3)} ${digits(rng, 3)}`,
    domains: ['seznam.cz', 'pivovar-ricany.cz'],
  },
  tr: {
    male: [
      ['Çağrı', 'cagri'],
      ['Oğuz', 'oguz'],
      ['İsmail', 'ismail'],
    ],
    female: [
      ['Çağla', 'cagla'],
      ['Gülşen', 'gulsen'],
      ['Şule', 'sule'],
    ],
    surnames: [
      ['Öztürk', 'ozturk'],
      ['Yılmaz', 'yilmaz'],
      ['Şahin', 'sahin'],
    ],
    companies: ['Öztürk Tekstil A.Ş.', 'Boğaziçi Lojistik Ltd. Şti.'],
    titles: ['Satış Müdürü', 'Satın Alma Uzmanı'],
    departments: ['Satış'],
    cities: [
      { city: 'İstanbul', country: 'Türkiye', zip: () => '3437', street: ['İstiklal Caddesi', 'Bağdat Caddesi'] },
    ],
    phone: (rng) => `+90 ${rng.pick(['212', '216', '532'])} ${digits(rng, 3)} ${digits(rng, 2)} ${digits(rng, 2)}`,
    domains: ['ozturk-tekstil.com.tr', 'bogazici.com.tr'],
  },
  en: {
    male: [
      ['James', 'james'],
      ['Oliver', 'oliver'],
      ['Daniel', 'daniel'],
      ["Liam O'Brien", 'liam'],
    ],
    female: [
      ['Emily', 'emily'],
      ['Grace', 'grace'],
      ['Sophie', 'sophie'],
      ['Amelia', 'amelia'],
    ],
    surnames: [
      ['Smith', 'smith'],
      ['Taylor', 'taylor'],
      ['Brown', 'brown'],
      ['Wilson-Clarke', 'wilsonclarke'],
    ],
    companies: [
      'Northwind Traders',
      'Fabrikam Inc.',
      'Tailspin Toys',
      'Contoso Pharmaceuticals',
      'Adventure Works Cycles',
    ],
    titles: ['Account Manager', 'Chief Financial Officer', 'Procurement Lead', 'Sales Director', 'Office Manager'],
    departments: ['Sales', 'Finance', 'Procurement'],
    cities: [
      { city: 'Seattle', country: 'United States', zip: () => '9810', street: ['Pine Street', '1st Avenue'] },
      { city: 'London', country: 'United Kingdom', zip: () => 'EC1A ', street: ['Baker Street', 'King’s Road'] },
    ],
    phone: (rng) => `+1 (${rng.int(201, 989)}) ${digits(rng, 3)}-${digits(rng, 4)}`,
    domains: ['northwind.example', 'fabrikam.example', 'tailspintoys.example', 'gmail.com', 'outlook.com'],
  },
};

/** Locale mix: mostly Russian and English, as a CRM in Tandem's market would see, with every script present. */
const LOCALE_WEIGHTS: [Locale, number][] = [
  ['ru', 30],
  ['en', 25],
  ['zh', 8],
  ['ar', 8],
  ['fr', 6],
  ['de', 6],
  ['es', 5],
  ['pl', 4],
  ['cs', 4],
  ['tr', 4],
];

export function pickLocale(rng: Rng): Locale {
  const total = LOCALE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [locale, w] of LOCALE_WEIGHTS) {
    r -= w;
    if (r < 0) return locale;
  }
  return 'en';
}

export function makePerson(rng: Rng, locale: Locale = pickLocale(rng)): Person {
  const d = DATA[locale];
  const female = rng.chance(0.5);
  const [given, givenLatin] = rng.pick(female ? d.female : d.male);
  const [baseSurname, surnameLatin] = rng.pick(d.surnames);
  const surname = female && d.feminize ? d.feminize(baseSurname) : baseSurname;
  const middleName =
    d.patronymics && rng.chance(0.7) ? rng.pick(female ? d.patronymics.female : d.patronymics.male) : undefined;
  const displayName = d.surnameFirst ? `${surname}${given}` : [given, middleName, surname].filter(Boolean).join(' ');
  const domain = rng.pick(d.domains);
  const local = `${givenLatin}.${surnameLatin}`.replace(/[^a-z.]/g, '');
  const emails: Address[] = [{ name: displayName, address: `${local}@${domain}` }];
  if (rng.chance(0.35))
    emails.push({
      name: displayName,
      address: `${givenLatin[0]}${surnameLatin}${rng.int(1, 99)}@${rng.pick(d.domains)}`,
    });
  if (rng.chance(0.1)) emails.push({ name: displayName, address: `${surnameLatin}.${givenLatin}@example.net` });
  const place = rng.pick(d.cities);
  return {
    locale,
    givenName: given,
    surname,
    ...(middleName ? { middleName } : {}),
    displayName,
    emails,
    businessPhones: rng.chance(0.3) ? [d.phone(rng), d.phone(rng)] : [d.phone(rng)],
    ...(rng.chance(0.7) ? { mobilePhone: d.phone(rng) } : {}),
    companyName: rng.pick(d.companies),
    jobTitle: rng.pick(d.titles),
    ...(rng.chance(0.6) ? { department: rng.pick(d.departments) } : {}),
    address: {
      street: `${rng.pick(place.street)}, ${rng.int(1, 120)}`,
      city: place.city,
      countryOrRegion: place.country,
      postalCode: `${place.zip()}${digits(rng, 5 - Math.min(place.zip().length, 4))}`.trim(),
    },
  };
}
