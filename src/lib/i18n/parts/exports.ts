// Interface strings of one feature, in both languages. zh.ts and en.ts spread these in, so a key added
// here is a MessageKey; the en table must have every key of the zh one.
export const exportsZh = {
} as const;

export const exportsEn: Record<keyof typeof exportsZh, string> = {
};
