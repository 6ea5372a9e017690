/**
 * The stand-in's Go html/template subset renders as GoTrue does. Each expected output was
 * produced by Go's own html/template from the same template and data.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, type TemplateData } from '../../supabase/local/auth/go-template.ts';
import { templateEmail } from '../../supabase/local/auth/emails.ts';
import { readAuthSettings } from '../../supabase/local/auth/settings.ts';

const render = (source: string, data: TemplateData) => renderTemplate(parseTemplate(source), data);

describe('Go html/template subset', () => {
  it('keeps text and trims the whitespace beside {{- and -}}', () => {
    expect(render('It\'s “ok” & fine', {})).toBe('It\'s “ok” & fine');
    expect(render('a {{- .T -}} \n b', { T: '1' })).toBe('a1b');
  });

  it('prints a field escaped as html/template escapes HTML text, and a missing key as nothing', () => {
    expect(render('<p>{{ .Email }}{{ .Nope }}</p>', { Email: 'a+b<&"\'>@x' })).toBe('<p>a&#43;b&lt;&amp;&#34;&#39;&gt;@x</p>');
  });

  it('chooses a branch with eq, which may name several strings, and nests', () => {
    const chooser = '{{ if eq .Data.l "x" "y" }}Y{{ else if eq .Data.l "z" }}Z{{ else }}N{{ end }}';
    expect(render(chooser, { Data: { l: 'y' } })).toBe('Y');
    expect(render(chooser, { Data: { l: 'z' } })).toBe('Z');
    expect(render(chooser, { Data: { l: 'Y' } })).toBe('N');
    expect(render('{{ if eq .Data.l "x" }}{{ if eq .Data.m "q" }}XQ{{ else }}X{{ end }}!{{ end }}.', { Data: { l: 'x' } })).toBe('X!.');
    expect(render('{{ if eq .Data.l "a\\"b" `c` }}X{{ end }}', { Data: { l: 'c' } })).toBe('X');
  });

  it('takes a missing or null field as unequal, as Go 1.18+ does', () => {
    expect(render('{{ if eq .Nope.l "x" }}X{{ else }}-{{ end }}', {})).toBe('-');
    expect(render('{{ if eq .Data.l "x" }}X{{ end }}', { Data: { l: null } })).toBe('');
    expect(render('{{ if eq .Data.l "x" }}X{{ end }}', { Data: {} })).toBe('');
  });

  it('fails where Go fails: comparing a number, boolean or object to a string, or a field of null', () => {
    for (const l of [5, true, { a: 1 }, ['x']]) {
      expect(() => render('{{ if eq .Data.l "x" }}X{{ end }}', { Data: { l } })).toThrow(/incompatible types/);
    }
    expect(() => render('{{ if eq .Data.l.m "x" }}X{{ end }}', { Data: { l: null } })).toThrow(/nil pointer/);
    expect(() => render('{{ .Token.x }}', { Token: '1' })).toThrow(/can't evaluate field x/);
  });

  it('refuses, when read, what it does not render as GoTrue would', () => {
    for (const source of [
      '{{ .Data.company }}', // user_metadata is the user's own input
      '<a href="{{ .SiteURL }}">x</a>',
      '{{ .ConfirmationURL }}',
      '<p title="{{ .Email }}">x</p>',
      '<script>var e = "{{ .Email }}"</script>',
      'a <!-- note --> b',
      '{{ .Email | html }}',
      '{{ if .Data.locale }}x{{ end }}',
      '{{ if eq .Data.locale "es" }}x',
      '{{ if eq .Data.locale "es" }}x{{ else }}y{{ else }}z{{ end }}',
      '{{ end }}',
      '{{/* note */}}',
      '{{ .Token',
    ]) {
      expect(() => parseTemplate(source), source).toThrow();
    }
  });
});

describe('the e-mails of supabase/config.toml', () => {
  const { templates } = readAuthSettings();
  const values = (locale?: unknown) => ({ Token: '042917', TokenHash: 'hash', Email: 'ana+vip@example.test', NewEmail: 'ana@example.test', SendingTo: 'ana@example.test', Data: locale === undefined ? {} : { locale } });

  it('carry the code and name Cardclub, in the language of user_metadata.locale, English otherwise', () => {
    const subjects = (locale?: unknown) => Object.values(templates).map((template) => templateEmail('a@example.test', template, values(locale)).subject);
    expect(subjects()).toEqual(['Your Cardclub confirmation code', 'Your Cardclub sign-in code', 'Confirm the change of your Cardclub email address', 'Your Cardclub verification code']);
    expect(subjects('fr')).toEqual(subjects());
    expect(subjects(null)).toEqual(subjects());
    expect(subjects('zh-CN')).toEqual(['您的Cardclub邮箱验证码', '您的Cardclub登录验证码', '确认更改Cardclub登录邮箱', '您的Cardclub验证码']);
    expect(subjects('es')).toEqual([
      'Tu código de confirmación de Cardclub',
      'Tu código para iniciar sesión en Cardclub',
      'Confirma el cambio de correo de Cardclub',
      'Tu código de verificación de Cardclub',
    ]);

    for (const [name, template] of Object.entries(templates)) {
      for (const [locale, lang] of [[undefined, 'en'], ['zh-CN', 'zh-CN'], ['es', 'es']] as const) {
        const mail = templateEmail('a@example.test', template, values(locale));
        expect(mail.html, `${name} ${lang}`).toMatch(new RegExp(`^<div lang="${lang}">`));
        expect(mail.html, `${name} ${lang}`).toContain('<strong>042917</strong>');
        expect(mail.html, `${name} ${lang}`).toContain('Cardclub');
        expect(mail.text, `${name} ${lang}`).toContain('042917');
      }
    }
    // The only addresses printed are the login's own, escaped as GoTrue escapes them; the text part reads them back.
    const change = templateEmail('ana@example.test', templates.email_change, values('es'));
    expect(change.html).toContain('de ana&#43;vip@example.test a ana@example.test.');
    expect(change.text).toContain('de ana+vip@example.test a ana@example.test.');
  });

  it('read as the catalogues do (tests/unit/wording.test.ts): "email" in English, Chinese with 您 and no space beside it', () => {
    const chinese = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
    for (const [name, template] of Object.entries(templates)) {
      const english = templateEmail('a@example.test', template, values());
      expect(`${english.subject}\n${english.text}`, name).not.toMatch(/e-mail/i);
      const zh = templateEmail('a@example.test', template, values('zh-CN'));
      expect(`${zh.subject}\n${zh.text}`, name).not.toMatch(new RegExp(`${chinese} | ${chinese}|你`));
    }
  });

  it('fail to render, as on a hosted project, for a locale that is not text', () => {
    expect(() => templateEmail('a@example.test', templates.magic_link, values(7))).toThrow(/incompatible types/);
  });
});
