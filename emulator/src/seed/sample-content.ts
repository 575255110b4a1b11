import type { FileAttachment } from '../store/index.ts';
import type { Rng } from './prng.ts';
import type { Locale } from './sample-people.ts';

/** Invented message, meeting and task texts in the seed's languages. */

const SUBJECTS: Partial<Record<Locale, string[]>> & { en: string[] } = {
  ru: [
    'Счёт на оплату №{n}',
    'Договор поставки — правки',
    'Встреча в четверг',
    'Коммерческое предложение',
    'Акт сверки за квартал',
    'Re: Сроки отгрузки',
  ],
  zh: ['关于合同续签', '报价单 {n}', '会议纪要', '发票已开具', '回复：交货时间'],
  ar: ['عرض سعر رقم {n}', 'اجتماع الأسبوع القادم', 'تأكيد الطلب', 'رد: موعد التسليم'],
  fr: ['Devis n°{n}', 'Réunion de lancement — compte rendu', 'Facture à régler'],
  de: ['Angebot Nr. {n}', 'Rückfrage zur Lieferung', 'Besprechung nächste Woche'],
  es: ['Presupuesto nº {n}', 'Reunión del jueves', 'Factura pendiente'],
  pl: ['Oferta nr {n}', 'Spotkanie w środę', 'Faktura do zapłaty'],
  cs: ['Nabídka č. {n}', 'Schůzka v pondělí'],
  tr: ['Teklif No. {n}', 'Toplantı notları', 'Sipariş onayı'],
  en: [
    'Quote #{n}',
    'Kick-off meeting notes',
    'Invoice {n} overdue',
    'Re: Delivery schedule',
    'Fwd: Contract renewal',
    'Quick question about pricing',
  ],
};

const PARAGRAPHS: Partial<Record<Locale, string[]>> & { en: string[] } = {
  ru: [
    'Добрый день!',
    'Направляю документы по нашему проекту, прошу посмотреть до пятницы.',
    'Если будут вопросы — звоните, обсудим.',
    'Сумма к оплате: 125 000,00 ₽ (в т. ч. НДС 20 %).',
    'С уважением,',
  ],
  zh: ['您好！', '附件是本季度的报价，请查收。', '如有任何问题，请随时与我联系。', '此致敬礼'],
  ar: ['مرحباً،', 'نرفق لكم عرض السعر المحدث للمشروع.', 'يرجى التأكيد قبل نهاية الأسبوع.', 'مع أطيب التحيات،'],
  fr: [
    'Bonjour,',
    'Veuillez trouver ci-joint le devis révisé.',
    'Je reste à votre disposition pour toute question.',
    'Cordialement,',
  ],
  de: [
    'Guten Tag,',
    'anbei das überarbeitete Angebot zu Ihrer Anfrage.',
    'Für Rückfragen stehe ich gern zur Verfügung.',
    'Mit freundlichen Grüßen',
  ],
  es: ['Hola:', 'Adjunto el presupuesto actualizado.', 'Quedo a la espera de su confirmación.', 'Un saludo,'],
  pl: ['Dzień dobry,', 'w załączniku przesyłam zaktualizowaną ofertę.', 'Pozdrawiam serdecznie,'],
  cs: ['Dobrý den,', 'v příloze posílám upravenou nabídku.', 'S pozdravem,'],
  tr: ['Merhaba,', 'Güncellenmiş teklifimizi ekte bulabilirsiniz.', 'Saygılarımla,'],
  en: [
    'Hi,',
    'Please find the updated proposal attached.',
    'Let me know if Thursday 3 pm works for a call.',
    'Total due: $4,250.00 — net 30.',
    'Best regards,',
  ],
};

const MEETINGS = [
  'Еженедельная планёрка',
  'Demo für Kunden',
  'Quarterly business review',
  '项目启动会',
  'اجتماع مراجعة العقد',
  'Réunion d’équipe',
  'Обед с партнёрами',
  'Pipeline review',
];
const LOCATIONS = [
  'Переговорная «Нева»',
  'Microsoft Teams Meeting',
  'Конференц-зал 3',
  '会议室 A',
  'Café Müller, Marienplatz 1',
  'Board room',
];
const TASKS = [
  'Подготовить КП для «Ромашки»',
  'Call back Fabrikam about renewal',
  'Отправить акт сверки',
  '准备季度报告',
  'Rechnung prüfen',
  'مراجعة العقد',
  'Update CRM pipeline',
  'Позвонить Ивановой',
];

export function subjectFor(rng: Rng, locale: Locale): string {
  return rng.pick(SUBJECTS[locale] ?? SUBJECTS.en).replace('{n}', String(rng.int(100, 9999)));
}

/** An HTML body (or, now and then, plain text) with a signature. */
export function bodyFor(
  rng: Rng,
  locale: Locale,
  signature: string,
): { contentType: 'html' | 'text'; content: string } {
  const paras = PARAGRAPHS[locale] ?? PARAGRAPHS.en;
  const chosen = [
    paras[0] as string,
    ...rng.sample(paras.slice(1, -1), rng.int(1, 3)),
    paras[paras.length - 1] as string,
    signature,
  ];
  if (rng.chance(0.15)) return { contentType: 'text', content: chosen.join('\n\n') };
  const dir = locale === 'ar' ? ' dir="rtl"' : '';
  const html = chosen.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  return { contentType: 'html', content: `<html><head><meta charset="utf-8"></head><body${dir}>${html}</body></html>` };
}

export function meetingTitle(rng: Rng): string {
  return rng.pick(MEETINGS);
}

export function meetingLocation(rng: Rng): string {
  return rng.pick(LOCATIONS);
}

export function taskTitle(rng: Rng): string {
  return rng.pick(TASKS);
}

/** One small file: a text note, a CSV, a 1×1 PNG or a tiny PDF, with Unicode file names now and then. */
export function attachmentFor(rng: Rng, id: string): FileAttachment {
  const kind = rng.int(0, 3);
  const files: [string, string, Buffer][] = [
    [
      rng.pick(['notes.txt', 'заметки.txt', '备注.txt']),
      'text/plain',
      Buffer.from(`Note ${rng.hex(4)}\nСумма: ${rng.int(1, 999)} ₽\n`, 'utf8'),
    ],
    [
      rng.pick(['price-list.csv', 'прайс-лист.csv']),
      'text/csv',
      Buffer.from(`sku;name;price\n${rng.int(1, 99)};Товар «A»;${rng.int(10, 999)}.00\n`, 'utf8'),
    ],
    [
      'logo.png',
      'image/png',
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    ],
    [
      rng.pick(['invoice.pdf', 'Счёт.pdf']),
      'application/pdf',
      Buffer.from(`%PDF-1.4\n% ${rng.hex(6)}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1'),
    ],
  ];
  const [name, contentType, bytes] = files[kind] as [string, string, Buffer];
  return { id, name, contentType, contentBytes: bytes.toString('base64'), size: bytes.length, isInline: false };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
