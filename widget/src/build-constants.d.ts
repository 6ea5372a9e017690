/// <reference types="vite/client" />

/** Replaced at build time by widget/build.ts from the validated portal environment. */
declare const __CARDCLUB_SUPABASE_URL__: string;
declare const __CARDCLUB_ANON_KEY__: string;
/** The launcher's label and its load failure, by locale (the loader bundles no catalogue). */
declare const __CARDCLUB_LAUNCHER_TEXT__: Record<import('../../src/i18n/locales.ts').Locale, { launcher: string; loadFailed: string }>;
