import type { LocaleData } from './people-locale.types.ts';
import { digits } from './prng.ts';

/**
 * Name, company and address tables for the non-Latin scripts: Cyrillic (ru, with patronymics and inflected
 * female surnames), surname-first Chinese (zh) and right-to-left Arabic (ar). Every name here is made up.
 */
export const NON_LATIN_LOCALES: Record<'ru' | 'zh' | 'ar', LocaleData> = {
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
};
