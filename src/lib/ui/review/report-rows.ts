// The review report's rows from the app's state: notes, conflicts and manual overrides with their districts.
import type { Conflict } from '../../geo/conflicts';
import { latestOverrides } from '../../geo/overrides';
import type { MessageKey } from '../../i18n/i18n.svelte';
import type { Clusters } from '../../state/clusters.svelte';
import type { Project } from '../../state/project.svelte';
import type { NoteStatus, Review } from '../../state/review.svelte';
import type { ReportLabels, ReportRows } from './report';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function reportRows({ project, review, conflicts, targetLabel, statusLabel, kindLabel, t, zh }: {
  project: Project;
  clusters: Clusters;
  review: Review;
  conflicts: readonly Conflict[];
  targetLabel: (t: { layer: string; id?: string }) => string;
  statusLabel: (s: NoteStatus) => string;
  kindLabel: (k: string) => string;
  t: T;
  zh: boolean;
}): ReportRows {
  const byId = { get: (id: string) => { const i = project.indexById.get(id); return i === undefined ? undefined : project.compounds[i]; } };
  const notes = review.doc.notes.map((n) => ({
    district: n.district,
    target: n.target.id ? `${targetLabel(n.target)}（${n.target.id}）` : targetLabel(n.target),
    text: n.text,
    status: statusLabel(n.status),
    author: n.author,
    at: n.at.slice(0, 16).replace('T', ' '),
    replies: n.replies.map((r) => `${r.author}：${r.text}`).join('；'),
  }));
  const rows = conflicts.map((c) => {
    const info = review.checks?.byKey.get(c.subject);
    const cls = c.layer ? `${c.cls}（${c.layer}）` : c.cls;
    return { district: info?.district ?? '', subject: info?.label ?? c.subject, kind: kindLabel(c.kind), cls: c.problem ? `${cls}：${c.problem}` : cls, overlapM2: c.overlapM2, sharePct: c.share * 100 };
  });
  const overrides = latestOverrides(review.overrides).map((o) => {
    const c = byId.get(String(o.id));
    const other = o.kind === 'join' ? byId.get(String(o.with)) : undefined;
    return {
      district: c?.district ?? '',
      compound: c ? `${c.name}（${String(c.id)}）` : String(o.id),
      change: o.kind === 'out' ? t('review_override_out') : t('review_override_join', { name: other?.name ?? String(o.with) }),
    };
  });
  const log = review.log.map((e) => ({ at: e.at.slice(0, 19).replace('T', ' '), who: e.who, what: zh ? e.zh : e.en }));
  return { title: t('review_report_title'), created: new Date(), reviewer: review.user, notes, conflicts: rows, overrides, log };
}

export function reportLabels(t: T): ReportLabels {
  return {
    sheets: { notes: t('review_sheet_notes'), conflicts: t('review_sheet_conflicts'), overrides: t('review_sheet_overrides'), log: t('review_sheet_log') },
    notes: [t('review_col_district'), t('review_col_target'), t('review_col_text'), t('review_col_status'), t('review_col_author'), t('review_col_at'), t('review_col_replies')],
    conflicts: [t('review_col_district'), t('review_col_subject'), t('review_col_kind'), t('review_col_class'), t('review_col_overlap'), t('review_col_share')],
    overrides: [t('review_col_district'), t('review_col_compound'), t('review_col_change')],
    log: [t('review_col_at'), t('review_col_who'), t('review_col_what')],
    noDistrict: t('review_no_district'),
    none: t('review_none'),
    page: (n, of) => t('review_page', { n, of }),
  };
}
