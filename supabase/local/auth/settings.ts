/**
 * The auth settings of supabase/config.toml — the file `supabase config push` sends to a
 * hosted project — read here so the stand-in enforces the very numbers and templates a hosted
 * project gets: confirmations, e-mail change, secure password change, rate limits, code
 * length and lifetime, and the e-mail templates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { z } from 'zod';
import { projectRoot, supabaseDir } from '../config.ts';
import { parseTemplate, type Node } from './go-template.ts';

/** The e-mails Cardclub sends, by their config.toml template name. */
export type TemplateName = 'confirmation' | 'magic_link' | 'email_change' | 'reauthentication';

export interface EmailTemplate {
  /** Go template text, as GoTrue reads it: `{{ .Token }}`, `{{ if eq .Data.locale "es" }}`… */
  subject: string;
  /** HTML, a Go template likewise. */
  content: string;
  /** Both parsed (see ./go-template.ts); a template outside the stand-in's subset fails here, at start. */
  parsed: { subject: Node[]; content: Node[] };
}

export interface AuthSettings {
  /** `[auth] enable_signup`: whether new users may be created at all. */
  enableSignup: boolean;
  /** `[auth] jwt_expiry`: access token lifetime in seconds. */
  jwtExpiry: number;
  email: {
    /** `enable_confirmations`: false is GoTrue's MAILER_AUTOCONFIRM. */
    enableConfirmations: boolean;
    /** `double_confirm_changes`: GoTrue's MAILER_SECURE_EMAIL_CHANGE_ENABLED. */
    doubleConfirmChanges: boolean;
    /** `secure_password_change`: GoTrue's SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION. */
    securePasswordChange: boolean;
    /** `max_frequency` in seconds: one e-mail of a kind per user per this long (SMTP_MAX_FREQUENCY). */
    maxFrequencySeconds: number;
    otpLength: number;
    /** `otp_expiry`: seconds a code stays valid (MAILER_OTP_EXP). */
    otpExpirySeconds: number;
  };
  rateLimit: {
    /** E-mails per hour, project-wide (RATE_LIMIT_EMAIL_SENT). */
    emailSent: number;
    /** POST /token per 5 minutes per client address (RATE_LIMIT_TOKEN_REFRESH). */
    tokenRefresh: number;
    /** /otp, /signup and PUT /user per 5 minutes per client address (RATE_LIMIT_OTP). */
    signInSignUps: number;
    /** /verify per 5 minutes per client address (RATE_LIMIT_VERIFY). */
    tokenVerifications: number;
  };
  templates: Record<TemplateName, EmailTemplate>;
}

export const configFile = path.join(supabaseDir, 'config.toml');

/** A Go duration as the CLI writes it ("1m0s", "90s", "1h"), in seconds. */
function goDurationSeconds(value: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?$/.exec(value);
  if (!match || value === '') throw new Error(`config.toml: "${value}" is not a duration like "1m0s"`);
  const [, h = '0', m = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

const count = z.number().int().nonnegative();
const template = z.object({ subject: z.string().min(1), content_path: z.string().min(1) });

/** The part of config.toml read here; GoTrue's defaults where the file leaves a setting out. */
const configSchema = z.object({
  auth: z.object({
    enable_signup: z.boolean().default(true),
    jwt_expiry: count.default(3600),
    rate_limit: z.object({
      email_sent: count.default(2),
      token_refresh: count.default(150),
      sign_in_sign_ups: count.default(30),
      token_verifications: count.default(30),
    }),
    email: z.object({
      enable_confirmations: z.boolean().default(false),
      double_confirm_changes: z.boolean().default(true),
      secure_password_change: z.boolean().default(false),
      max_frequency: z.string().default('1m0s'),
      otp_length: z.number().int().min(6).max(10).default(6),
      otp_expiry: count.default(3600),
      template: z.object({
        confirmation: template,
        magic_link: template,
        email_change: template,
        reauthentication: template,
      }),
    }),
  }),
});

function readTemplate(name: TemplateName, entry: z.output<typeof template>): EmailTemplate {
  // content_path is relative to the project folder, as the CLI reads it.
  const content = fs.readFileSync(path.resolve(projectRoot, entry.content_path), 'utf8');
  const parse = (part: string, source: string) => {
    try {
      return parseTemplate(source);
    } catch (error) {
      throw new Error(`config.toml [auth.email.template.${name}] ${part}: ${(error as Error).message}`);
    }
  };
  return { subject: entry.subject, content, parsed: { subject: parse('subject', entry.subject), content: parse(entry.content_path, content) } };
}

export function readAuthSettings(file = configFile): AuthSettings {
  const parsed = configSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path.relative(projectRoot, file)}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const { auth } = parsed.data;
  const { email } = auth;
  return {
    enableSignup: auth.enable_signup,
    jwtExpiry: auth.jwt_expiry,
    email: {
      enableConfirmations: email.enable_confirmations,
      doubleConfirmChanges: email.double_confirm_changes,
      securePasswordChange: email.secure_password_change,
      maxFrequencySeconds: goDurationSeconds(email.max_frequency),
      otpLength: email.otp_length,
      otpExpirySeconds: email.otp_expiry,
    },
    rateLimit: {
      emailSent: auth.rate_limit.email_sent,
      tokenRefresh: auth.rate_limit.token_refresh,
      signInSignUps: auth.rate_limit.sign_in_sign_ups,
      tokenVerifications: auth.rate_limit.token_verifications,
    },
    templates: {
      confirmation: readTemplate('confirmation', email.template.confirmation),
      magic_link: readTemplate('magic_link', email.template.magic_link),
      email_change: readTemplate('email_change', email.template.email_change),
      reauthentication: readTemplate('reauthentication', email.template.reauthentication),
    },
  };
}
