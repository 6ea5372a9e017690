/**
 * The growth CSVs (segment export, analytics tables): laid out as a spreadsheet in the console's
 * language opens them (";" and a decimal comma where decimals are written with a comma), text a
 * spreadsheet would run as a formula defused as OWASP says, phone numbers among it, while the
 * numbers the file writes stay numbers; the contacts export is headed in the staff member's language.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleTranslator } from '../../src/components/console/console-text.ts';
import { setReaderLanguages } from '../../src/i18n/format.ts';
import { loadSections } from '../../src/i18n/sections.ts';
import { csvAmount, csvFileName, csvTime, tableCsv, type Cell } from '../../src/lib/growth/download.ts';
import { contactsCsv, exportColumns } from '../../src/lib/growth/segments.ts';
import { contactsFileHint } from '../../src/components/growth/segments/segment-download.ts';

/** One column's cells as the file writes them, under its header. */
const column = (cells: Cell[], locale: 'en' | 'zh-CN' | 'es' = 'en') => tableCsv(['x'], cells.map((cell) => [cell]), locale).split('\r\n').slice(1);

describe('growth CSV', () => {
  afterEach(() => setReaderLanguages([]));

  it('separates columns with ";" and writes decimals with a comma where the language writes them so, with "," and a point elsewhere', () => {
    const rows: Cell[][] = [['Miembro sénior', 5, csvAmount(4554, 'USD'), csvAmount(910.8, 'USD'), 33.33, 'USD']];
    const header = ['Nivel', 'Pedidos', 'Ingresos', 'Pedido medio', 'Tasa (%)', 'Moneda'];
    expect(tableCsv(header, rows, 'es')).toBe('Nivel;Pedidos;Ingresos;Pedido medio;Tasa (%);Moneda\r\nMiembro sénior;5;4554,00;910,80;33,33;USD');
    expect(tableCsv(header, rows, 'en')).toBe('Nivel,Pedidos,Ingresos,Pedido medio,Tasa (%),Moneda\r\nMiembro sénior,5,4554.00,910.80,33.33,USD');
    expect(tableCsv(header, rows, 'zh-CN')).toBe('Nivel,Pedidos,Ingresos,Pedido medio,Tasa (%),Moneda\r\nMiembro sénior,5,4554.00,910.80,33.33,USD');
    // The region's decimal symbol, not the language's: Spanish as Mexico writes it has a point.
    setReaderLanguages(['es-MX']);
    expect(tableCsv(header, rows, 'es')).toBe('Nivel,Pedidos,Ingresos,Pedido medio,Tasa (%),Moneda\r\nMiembro sénior,5,4554.00,910.80,33.33,USD');
    // And English as South Africa writes it, a comma.
    setReaderLanguages(['en-ZA']);
    expect(tableCsv(['a', 'b'], [[1.5, 'x']], 'en')).toBe('a;b\r\n1,5;x');
  });

  it('quotes text holding the separator, a comma in a Spanish file being only text', () => {
    expect(column(['Haarwerk; Berlin', 'Bella, S.A.'], 'es')).toEqual(['"Haarwerk; Berlin"', 'Bella, S.A.']);
    expect(column(['Haarwerk; Berlin', 'Bella, S.A.'], 'en')).toEqual(['Haarwerk; Berlin', '"Bella, S.A."']);
  });

  it('defuses text a spreadsheet would run as a formula, phone numbers among it, with a quote prefix in a quoted field', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '@SUM(A1)', '+cmd|calc', '-2+3+cmd|calc', '\t=1+1', '\r=1+1', '+52 55 5550 0103', '-5'];
    const defused = ['"\'=HYPERLINK(""http://x"",""y"")"', '"\'@SUM(A1)"', '"\'+cmd|calc"', '"\'-2+3+cmd|calc"', '"\'\t=1+1"', '"\'\r=1+1"', '"\'+52 55 5550 0103"', '"\'-5"'];
    expect(column(hostile, 'en')).toEqual(defused);
    expect(column(hostile, 'es')).toEqual(defused);
    // Anywhere else in the text, nothing is run: left as it is.
    expect(column(['Müller GmbH', '王芳', 'a=b', 'ventas@demo.test'], 'es')).toEqual(['Müller GmbH', '王芳', 'a=b', 'ventas@demo.test']);
  });

  it('writes numbers bare, negative ones too, never defused nor grouped', () => {
    expect(column([-375, 0, 37618, 1234567, 12.5], 'en')).toEqual(['-375', '0', '37618', '1234567', '12.5']);
    expect(column([-375, 0, 37618, 1234567, 12.5], 'es')).toEqual(['-375', '0', '37618', '1234567', '12,5']);
    expect(column([csvAmount(-30, 'EUR'), csvAmount(1234567.5, 'USD')], 'es')).toEqual(['-30,00', '1234567,50']);
    expect(column([csvAmount(-30, 'EUR'), csvAmount(1234567.5, 'USD')], 'en')).toEqual(['-30.00', '1234567.50']);
  });

  it('writes amounts with their currency\'s digits, and cents a currency written whole holds', () => {
    expect(column(['USD', 'EUR', 'CNY'].map((currency) => csvAmount(424.2, currency)))).toEqual(['424.20', '424.20', '424.20']);
    expect(column([csvAmount(5318, 'USD'), csvAmount(0, 'USD')])).toEqual(['5318.00', '0.00']);
    expect(column([csvAmount(150000, 'JPY'), csvAmount(150000.5, 'JPY'), csvAmount(1.25, 'KWD')])).toEqual(['150000', '150000.50', '1.250']);
    expect(column([csvAmount(150000.5, 'JPY'), csvAmount(1.25, 'KWD')], 'es')).toEqual(['150000,50', '1,250']);
  });

  it('writes a time as spreadsheets read it, on the staff member\'s clock', () => {
    // Half past ten at night locally, whatever time it is in UTC.
    expect(csvTime(new Date(2026, 11, 7, 22, 31).toISOString())).toBe('2026-12-07 22:31');
    expect(column([csvTime(new Date(2026, 0, 2, 9, 5).toISOString())], 'es')).toEqual(['2026-01-02 09:05']);
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
      'Name,Company,Email,Phone,WhatsApp,Language,Tier,Stage,Churn risk,Country,Last paid order date',
      '王芳,"\'=Müller GmbH",wang@example.test,"\'+86 21 1234 5678",,Simplified Chinese,VIP,Loyal,At risk,Germany,2026-11-25',
      'Ana,Bravo,wang@example.test,"\'+86 21 1234 5678",,Simplified Chinese,VIP,Aware,Not at risk,,',
    ]);
    expect(csvIn('zh-CN').slice(0, 2)).toEqual([
      '姓名,公司,邮箱,电话,WhatsApp,语言,等级,阶段,流失风险,国家/地区,最近付款日期',
      '王芳,"\'=Müller GmbH",wang@example.test,"\'+86 21 1234 5678",,简体中文,VIP,忠实客户,有流失风险,德国,2026-11-25',
    ]);
    // Laid out as a Spanish spreadsheet opens it.
    expect(csvIn('es').slice(0, 2)).toEqual([
      'Nombre;Empresa;Correo electrónico;Teléfono;WhatsApp;Idioma;Nivel;Etapa;Riesgo de abandono;País;Fecha del último pedido pagado',
      '王芳;"\'=Müller GmbH";wang@example.test;"\'+86 21 1234 5678";;chino simplificado;VIP;Fiel;En riesgo;Alemania;2026-11-25',
    ]);
  });

  it('is said beside its download with every column the file has and its separator', () => {
    const hint = (locale: 'en' | 'zh-CN' | 'es') => contactsFileHint(consoleTranslator(locale, 'growth'), locale);
    expect(hint('en')).toBe('The CSV has one row per contact who agreed to be contacted, with these columns: Name, Company, Email, Phone, WhatsApp, Language, Tier, Stage, '
      + 'Churn risk, Country, and Last paid order date. Contacts who did not agree are counted, never exported. Columns in the file are separated by commas and decimals written with a point (1234.50).');
    expect(hint('es')).toBe('El CSV tiene una fila por contacto que aceptó ser contactado, con estas columnas: Nombre, Empresa, Correo electrónico, Teléfono, WhatsApp, Idioma, Nivel, Etapa, '
      + 'Riesgo de abandono, País y Fecha del último pedido pagado. Los contactos que no lo aceptaron se cuentan, nunca se exportan. '
      + 'En el archivo, las columnas van separadas por punto y coma y los decimales se escriben con coma (1234,50).');
    expect(hint('zh-CN')).toBe('CSV每行一位同意接收联络的联系人，包含以下各列：姓名、公司、邮箱、电话、WhatsApp、语言、等级、阶段、流失风险、国家/地区和最近付款日期。未同意的联系人只计数，不会导出。'
      + '文件中各列以逗号（,）分隔，小数点为“.”（1234.50）。');
  });

  it('has a header for every column of the API\'s rows, in every language', () => {
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      const t = consoleTranslator(locale, 'growth');
      for (const column of exportColumns) expect(t(`csv_${column}`)).not.toBe(`csv_${column}`);
    }
  });
});

describe('a CSV file\'s name', () => {
  it('names the store, the segment, campaign or figure in any script, and the day on the staff member\'s calendar', () => {
    // Half past midnight on the 16th locally, whatever day it is in UTC.
    const sent = new Date(2030, 5, 16, 0, 30);
    expect(csvFileName('demo-wigs', '春季 VIP 优惠 / Spring offer!', sent)).toBe('demo-wigs-春季-VIP-优惠-Spring-offer-2030-06-16.csv');
    expect(csvFileName('demo-wigs', 'segmento', new Date(2031, 0, 2, 23, 59))).toBe('demo-wigs-segmento-2031-01-02.csv');
  });
});
