import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Locale = 'zh' | 'en';
const tables: Record<Locale, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'lianpian.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage denied: fall back to Chinese
  }
  return 'zh';
}

class I18n {
  locale = $state<Locale>(initialLocale());

  /** Translate `key`, replacing `{name}` placeholders with `params` (values are text, never markup). */
  t = (key: MessageKey, params?: Record<string, string | number>): string => {
    let s: string = tables[this.locale][key];
    if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };

  /** `key` in both languages, whichever is shown (for what is kept and read later in either: logs, reports). */
  both = (key: MessageKey, params?: Record<string, string | number>): { zh: string; en: string } => {
    const fill = (s: string): string => {
      if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    };
    return { zh: fill(tables.zh[key]), en: fill(tables.en[key]) };
  };

  toggle(): void {
    this.locale = this.locale === 'zh' ? 'en' : 'zh';
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, this.locale);
    } catch {
      // not remembered; still switched
    }
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale === 'zh' ? 'zh-CN' : 'en';
  }

  /** Format a number for the current locale (thousands separators); `fixed`: always `digits` decimals (8.0, not 8). */
  num = (n: number | null | undefined, digits = 0, fixed = false): string =>
    n === null || n === undefined || !Number.isFinite(n)
      ? '—'
      : n.toLocaleString(this.locale === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: fixed ? digits : 0, maximumFractionDigits: digits });
}

export const i18n = new I18n();
export type { MessageKey };
