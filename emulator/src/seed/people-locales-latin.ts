import type { LocaleData } from './people-locale.types.ts';
import { digits } from './prng.ts';

/**
 * Name, company and address tables for the Latin-script locales: accented Latin (fr, de, es, pl, cs, tr)
 * and plain English (en). Every name here is made up.
 */
export const LATIN_LOCALES: Record<'fr' | 'de' | 'es' | 'pl' | 'cs' | 'tr' | 'en', LocaleData> = {
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
