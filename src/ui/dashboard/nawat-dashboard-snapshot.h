/* nawat-dashboard-snapshot.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-call.h"
#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-rubric.h"
#include "nawat-stats.h"
#include "nawat-store.h"
#include "nawat-text.h"

G_BEGIN_DECLS

/* Everything the worker thread computes for the dashboard. */
typedef struct
{
  gatomicrefcount  ref_count;
  NawatCallStats  *stats;
  NawatCall       *call;
  NawatRubric     *rubric;
  /* The title of each project of @stats (by index) in the language of
   * the dashboard, in @strings; NULL when the project has none.
   */
  GStringChunk    *strings;
  const char     **titles;
  /* Project indices in ranking order (by mean) */
  const guint     *ranking;
  double           coverage[NAWAT_N_DOMAINS * NAWAT_N_REGIONS];
  /* Projects and budget per reach level, then of no reach */
  NawatReachTotal  reach_totals[NAWAT_N_REACH + 1];
  double          *means;
  /* of @means: the projects' mean composite scores */
  NawatSummary     means_summary;
  guint            n_projects;
  /* The longest project code, in characters */
  guint            code_chars;
  guint            submitted;
  guint            drafts;
  guint            conflicts;
} NawatDashboardSnapshot;

/* Computes the statistics of @call_id and reads its projects from @store:
 * slow, for a worker thread.  The snapshot does not change after that, so
 * that the dashboard's rows, charts and threads share it.
 */
NawatDashboardSnapshot *nawat_dashboard_snapshot_new       (NawatStore                   *store,
                                                            const char                   *call_id,
                                                            const char                   *language,
                                                            GCancellable                 *cancellable,
                                                            GError                      **error);
NawatDashboardSnapshot *nawat_dashboard_snapshot_ref       (NawatDashboardSnapshot       *snapshot);
void                    nawat_dashboard_snapshot_unref     (NawatDashboardSnapshot       *snapshot);
/* The title of project @index, or its code when it has none */
const char             *nawat_dashboard_snapshot_get_title (const NawatDashboardSnapshot *snapshot,
                                                            guint                         index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatDashboardSnapshot, nawat_dashboard_snapshot_unref)

/* How the dashboard writes figures: "—" for an undefined one, no "-0.0". */
char                   *nawat_dashboard_format_number      (double                        value,
                                                            int                           digits);
/* A rank, "=3" when it is shared, "—" for none (0). */
char                   *nawat_dashboard_format_rank        (guint                         rank,
                                                            gboolean                      tied);
/* The project's code: its id without the "project:CALL:" prefix. */
const char             *nawat_dashboard_project_code       (const char                   *project_id);
/* @text in @language, or in the other one when it has none; NULL if empty. */
const char             *nawat_dashboard_text_in_language   (const NawatText              *text,
                                                            const char                   *language);

G_END_DECLS
