/// <reference types="vite/client" />

/** Replaced at build time by widget/build.ts from the validated portal environment. */
declare const __CARDCLUB_SUPABASE_URL__: string;
declare const __CARDCLUB_ANON_KEY__: string;
