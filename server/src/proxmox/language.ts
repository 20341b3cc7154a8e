import type { LanguageSupport } from '../language';
export const proxmoxLanguage: LanguageSupport<string> = { id: 'proxmox-ct', parse: (t) => t, findings: () => [] };
