/**
 * The growth CSVs (segment export, analytics tables): formula-like cells are defused for
 * spreadsheets, while phone numbers, which a mailer or SMS tool needs whole, are left alone; the
 * contacts export is headed in the staff member's language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleTranslator } from '../../src/components/console/console-text.ts';
import { loadSections } from '../../src/i18n/sections.ts';
import { tableCsv } from '../../src/lib/growth/download.ts';
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
});

describe('the contacts export', () => {
  beforeAll(() => Promise.all((['en', 'zh-CN', 'es'] as const).map((locale) => loadSections(locale, ['growth']))));
  const row = { full_name: '王芳', company_name: '=Müller GmbH', email: 'wang@example.test', phone: '+86 21 1234 5678', whatsapp: null, language: 'zh-CN', tier: 'VIP', stage: 'loyal' };
  const csvIn = (locale: 'en' | 'zh-CN' | 'es') => {
    const t = consoleTranslator(locale, 'growth');
    return contactsCsv([row], (column) => t(`csv_${column}`), (stage) => t(`stage_${stage as 'loyal'}`), locale).split('\r\n');
  };

  it('heads each column in the staff member\'s language, the stage and the contact\'s language named as the console names them', () => {
    expect(csvIn('en')).toEqual(['Name,Company,Email,Phone,WhatsApp,Language,Tier,Stage', '王芳,"\'=Müller GmbH",wang@example.test,+86 21 1234 5678,,Simplified Chinese,VIP,Loyal']);
    expect(csvIn('zh-CN')).toEqual(['姓名,公司,邮箱,电话,WhatsApp,语言,等级,阶段', '王芳,"\'=Müller GmbH",wang@example.test,+86 21 1234 5678,,简体中文,VIP,忠实客户']);
    expect(csvIn('es')).toEqual(['Nombre,Empresa,Correo electrónico,Teléfono,WhatsApp,Idioma,Nivel,Etapa', '王芳,"\'=Müller GmbH",wang@example.test,+86 21 1234 5678,,chino simplificado,VIP,Fiel']);
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
