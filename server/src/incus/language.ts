import type { LanguageSupport } from '../language';
export const incusLanguage: LanguageSupport<string> = { id: 'incus-yaml', parse: (t) => t, findings: () => [] };
