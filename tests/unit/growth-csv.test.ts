/**
 * The growth CSVs (segment export, analytics tables): formula-like cells are defused for
 * spreadsheets, while phone numbers, which a mailer or SMS tool needs whole, are left alone; the
 * contacts export is headed in the staff member's language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleTranslator } from '../../src/components/console/console-text.ts';
import { loadSections } from '../../src/i18n/sections.ts';
import { csvAmount, tableCsv } from '../../src/lib/growth/download.ts';
import { contactsCsv, exportColumns } from '../../src/lib/growth/segments.ts';
import { contactsFileName } from '../../src/components/growth/segments/segment-download.ts';

describe('growth CSV', () => {
  it('keeps phone numbers and plain text as they are', () => {
    expect(tableCsv(['phone', 'name'], [['+49 30 1234567', 'Müller GmbH'], ['-5', '王芳']])).toBe('phone,name\r\n+49 30 1234567,Müller GmbH\r\n-5,王芳');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = tableCsv(['name'], [['=HYPERLINK("http://x","y")'], ['@SUM(A1)'], ['+cmd|calc'], ['-2+3+cmd|calc']]);
    expect(csv.split('\r\n').slice(1)).toEqual(['"\'=HYPERLINK(""http://x"",""y"")"', '"\'@SUM(A1)"', '"\'+cmd|calc"', '"\'-2+3+cmd|calc"']);
  });

  it('writes amounts as plain numbers with their currency\'s digits, and cents a currency written whole holds', () => {
    expect(['USD', 'EUR', 'CNY'].map((currency) => csvAmount(424.2, currency))).toEqual(['424.20', '424.20', '424.20']);
    expect(csvAmount(5318, 'USD')).toBe('5318.00');
    expect(csvAmount(1234567.5, 'USD')).toBe('1234567.50');
    expect(csvAmount(0, 'USD')).toBe('0.00');
    expect(csvAmount(-30, 'EUR')).toBe('-30.00');
    expect(csvAmount(150000, 'JPY')).toBe('150000');
    expect(csvAmount(150000.5, 'JPY')).toBe('150000.50');
    expect(csvAmount(1.25, 'KWD')).toBe('1.250');
    // Neither quoted nor escaped as a formula: a spreadsheet reads each as a number.
    expect(tableCsv(['amount'], [[csvAmount(-30, 'EUR')], [csvAmount(5318, 'USD')]])).toBe('amount\r\n-30.00\r\n5318.00');
  });
});

describe('the contacts export', () => {
  beforeAll(() => Promise.all((['en', 'zh-CN', 'es'] as const).map((locale) => loadSections(locale, ['growth']))));
  const row = {
    full_name: '王芳', company_name: '=Müller GmbH', email: 'wang@example.test', phone: '+86 21 1234 5678', whatsapp: null, language: 'zh-CN', tier: 'VIP', stage: 'loyal',
    // Noon UTC: the same day on the calendar of whoever runs the tests.
    churn_risk: true, country: 'DE', last_order_at: '2026-11-25T12:00:00+00:00',
  } as const;
  const neverOrdered = { ...row, full_name: 'Ana', company_name: 'Bravo', stage: 'cognitive', churn_risk: false, country: null, last_order_at: null } as const;
  const csvIn = (locale: 'en' | 'zh-CN' | 'es') => contactsCsv([row, neverOrdered], consoleTranslator(locale, 'growth'), locale).split('\r\n');

  it('heads each column in the staff member\'s language, the stage, churn risk, country and the contact\'s language named as the console names them', () => {
    expect(csvIn('en')).toEqual([
      'Name,Company,Email,Phone,WhatsApp,Language,Tier,Stage,Churn risk,Country,Last paid order',
      '王芳,"\'=Müller GmbH",wang@example.test,+86 21 1234 5678,,Simplified Chinese,VIP,Loyal,At risk,Germany,2026-11-25',
      'Ana,Bravo,wang@example.test,+86 21 1234 5678,,Simplified Chinese,VIP,Aware,Not at risk,,',
    ]);
    expect(csvIn('zh-CN').slice(0, 2)).toEqual([
      '姓名,公司,邮箱,电话,WhatsApp,语言,等级,阶段,流失风险,国家/地区,最近付款订单',
      '王芳,"\'=Müller GmbH",wang@example.test,+86 21 1234 5678,,简体中文,VIP,忠实客户,有流失风险,德国,2026-11-25',
    ]);
    expect(csvIn('es').slice(0, 2)).toEqual([
      'Nombre,Empresa,Correo electrónico,Teléfono,WhatsApp,Idioma,Nivel,Etapa,Riesgo de abandono,País,Último pedido pagado',
      '王芳,"\'=Müller GmbH",wang@example.test,+86 21 1234 5678,,chino simplificado,VIP,Fiel,En riesgo,Alemania,2026-11-25',
    ]);
  });

  it('has a header for every column of the API\'s rows, in every language', () => {
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      const t = consoleTranslator(locale, 'growth');
      for (const column of exportColumns) expect(t(`csv_${column}`)).not.toBe(`csv_${column}`);
    }
  });
});

describe('a contacts file\'s name', () => {
  it('names the store, the segment or campaign in any script, and the day on the staff member\'s calendar', () => {
    // Half past midnight on the 16th locally, whatever day it is in UTC.
    const sent = new Date(2030, 5, 16, 0, 30);
    expect(contactsFileName('demo-wigs', '春季 VIP 优惠 / Spring offer!', sent)).toBe('demo-wigs-春季-VIP-优惠-Spring-offer-2030-06-16.csv');
    expect(contactsFileName('demo-wigs', 'segmento', new Date(2031, 0, 2, 23, 59))).toBe('demo-wigs-segmento-2031-01-02.csv');
  });
});
