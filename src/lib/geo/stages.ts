// Work stages of the year's rhythm (DOMAIN.md): survey and consent → design → tender → works → acceptance.
// Ledgers write a compound's status in free text; this maps the usual words onto a stage.

export type Stage = 'survey' | 'design' | 'tender' | 'works' | 'acceptance';
export const STAGES: readonly Stage[] = ['survey', 'design', 'tender', 'works', 'acceptance'];

// Checked in this order: later stages first, so "设计已完成" reads as design, not as finished.
const WORDS: [Stage, RegExp][] = [
  ['design', /设计|方案|评审|design/i],
  ['tender', /招标|招投标|采购|tender|bid|procure/i],
  ['acceptance', /验收|竣工|完工|完成|移交|交付|accept|complete|finish|done|handover|handed/i],
  ['works', /施工|在建|开工|进场|works?$|construct|under ?way|in progress|building/i],
  ['survey', /摸底|调查|调研|意愿|征询|计划|拟|储备|survey|consent|plan|candidate|proposed/i],
];
const NEGATED = /^(未|尚未|暂未|not\b|no\b)/i;

/** The stage a status text names, or null when it names none (or negates one: "未开工"). */
export function stageOf(status: string): Stage | null {
  const s = status.trim();
  if (!s || NEGATED.test(s)) return null;
  for (const [stage, re] of WORDS) if (re.test(s)) return stage;
  return null;
}

/** Compounds per stage; `unknown` counts statuses that name no stage (including blanks). */
export type StageCounts = Record<Stage | 'unknown', number>;

export function emptyStageCounts(): StageCounts {
  return { survey: 0, design: 0, tender: 0, works: 0, acceptance: 0, unknown: 0 };
}
