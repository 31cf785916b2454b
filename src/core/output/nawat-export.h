/* nawat-export.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-stats.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* The portfolio of @call_id as JSON:
 * {"call": {...}, "projects": [{"_id", "code", "title", "domains", "province",
 *   "evaluations": [{"evaluator", "status", "scores", "composite",
 *   "completeness"}], "composite_mean", "rank", "rank_tied", "rank_z",
 *   "z_mean", "disagreement", "disagreement_reasons"}]}
 * (nawat-stats.h).  Streams project by project; only the call's statistics
 * are held, as a few numbers per project and per submitted evaluation.
 */
gboolean nawat_export_portfolio_json (NawatStore     *store,
                                      const char     *call_id,
                                      GOutputStream  *output,
                                      GCancellable   *cancellable,
                                      GError        **error);
/* The same, aggregating as @flags say (nawat_call_stats_compute_full()):
 * with NAWAT_STATS_WEIGHT_CONFIDENCE, "composite_mean" and the ranks weigh
 * each evaluation by its evaluator's confidence, and the portfolio says so
 * with "weight_confidence": true after "call".
 */
gboolean nawat_export_portfolio_json_full (NawatStore      *store,
                                           const char      *call_id,
                                           NawatStatsFlags  flags,
                                           GOutputStream   *output,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* RFC 4180 CSV, UTF-8: a header row, then one row per evaluation with every
 * criterion of the rubric as a column.
 */
gboolean nawat_export_portfolio_csv  (NawatStore     *store,
                                      const char     *call_id,
                                      GOutputStream  *output,
                                      GCancellable   *cancellable,
                                      GError        **error);

/* The same table as an Office Open XML workbook (.xlsx), one sheet named
 * after the call: numbers stored as numbers (composites and completeness
 * with two decimals), the bold header row frozen.
 */
gboolean nawat_export_portfolio_xlsx (NawatStore     *store,
                                      const char     *call_id,
                                      GOutputStream  *output,
                                      GCancellable   *cancellable,
                                      GError        **error);

G_END_DECLS
