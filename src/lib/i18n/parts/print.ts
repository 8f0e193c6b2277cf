// Interface strings of one feature, in both languages. zh.ts and en.ts spread these in, so a key added
// here is a MessageKey; the en table must have every key of the zh one.
export const printZh = {
} as const;

export const printEn: Record<keyof typeof printZh, string> = {
};
