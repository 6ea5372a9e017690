/**
 * The auth settings `supabase config push` sends to a hosted project, read as the local stand-in
 * reads them: what the review required stays set, and every e-mail carries its code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFile, readAuthSettings } from '../../supabase/local/auth/settings.ts';

describe('supabase/config.toml [auth]', () => {
  const settings = readAuthSettings();

  it('proves addresses: confirmed sign-ups, e-mail changes at both addresses, reauthentication for passwords', () => {
    expect(settings.email).toMatchObject({ enableConfirmations: true, doubleConfirmChanges: true, securePasswordChange: true });
    expect(settings.email.maxFrequencySeconds).toBe(60);
    expect(settings.email.otpLength).toBe(6);
  });

  it('keeps the e-mail budget well above what one address may ask for at once (30 codes)', () => {
    expect(settings.rateLimit.emailSent).toBeGreaterThanOrEqual(10 * 30);
    for (const perFiveMinutes of [settings.rateLimit.signInSignUps, settings.rateLimit.tokenVerifications, settings.rateLimit.tokenRefresh]) {
      expect(perFiveMinutes).toBeGreaterThan(0);
    }
  });

  it('has a template carrying {{ .Token }} for every e-mail a member or staff member is sent', () => {
    for (const [name, template] of Object.entries(settings.templates)) {
      expect(template.content, name).toContain('{{ .Token }}');
      expect(template.subject, name).not.toBe('');
    }
    expect(settings.templates.email_change.content).toContain('{{ .NewEmail }}');
  });

  it('reads Go durations as the CLI writes them, and refuses anything else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-settings-'));
    try {
      const withFrequency = (value: string) => {
        const file = path.join(dir, 'config.toml');
        fs.writeFileSync(file, fs.readFileSync(configFile, 'utf8').replace(/max_frequency = "[^"]*"/, `max_frequency = "${value}"`));
        return () => readAuthSettings(file).email.maxFrequencySeconds;
      };
      expect(withFrequency('1h2m3s')()).toBe(3723);
      expect(withFrequency('90s')()).toBe(90);
      expect(withFrequency('2m')()).toBe(120);
      expect(withFrequency('soon')).toThrow(/not a duration/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
