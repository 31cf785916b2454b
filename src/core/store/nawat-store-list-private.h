/* nawat-store-list-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-project-list.h"
#include "nawat-store-read-private.h"

G_BEGIN_DECLS

/* What the lazy project list (src/core/list/) reads from the store on its
 * worker thread, through a reader of its own: the filters and the order
 * of a list turned into SQL (nawat-store-list.c), the rows of a page, the
 * counts and the evaluator's own evaluations.  Each function runs its
 * query once; the list keeps what it learns.
 */

/* How a call assigns its projects to an evaluator. */
typedef enum
{
  /* the call assigns none: every project is everyone's */
  NAWAT_STORE_ASSIGNED_EVERY,
  /* the projects whose "assigned" names the evaluator */
  NAWAT_STORE_ASSIGNED_LISTED,
  /* none: the evaluator is not one of the call's "evaluators" */
  NAWAT_STORE_ASSIGNED_NONE,
} NawatStoreAssigned;

/* The filter and order of a list. */
typedef struct
{
  char             *call_id;
  char             *evaluator;
  char             *search;
  char             *domain;
  char             *region;
  char             *province;
  char             *reach;
  char             *lang;
  int               status;
  NawatProjectSort  sort;
  /* Set by the worker: the store holds no other call, so a search need
   * not check which call its matches belong to.
   */
  gboolean          only_call;
  /* Only the evaluator's own projects ... */
  gboolean          assigned_only;
  /* ... as the worker found the call assigns them. */
  NawatStoreAssigned assigned;
  /* The search reads the files' text too. */
  gboolean          search_files;
} NawatStoreListQuery;

/* An evaluator's own evaluation of a project. */
typedef struct
{
  int      status;
  gboolean has_composite;
  double   composite;
  /* the evaluation's write sequence number (0: none) */
  gint64   seq;
} NawatStoreOwnState;

/* A project's place in the order: its keys in one own state. */
typedef struct
{
  const char         *code;
  const char         *sort_title;
  NawatStoreOwnState  state;
} NawatStoreListKey;

/* A row of the list; composite is -1 when there is none. */
typedef struct
{
  char   *id;
  char   *code;
  char   *title_th;
  char   *title_en;
  char   *organisation;
  char   *province;
  char   *primary_domain;
  int     status;
  double  composite;
  /* Why a search matched, when not by the title (see NawatProjectRow) */
  int     match;
  char   *snippet;
  GArray *snippet_ranges;
} NawatStoreListRow;

typedef void (*NawatStoreOwnStateFunc) (const char               *project_id,
                                        const NawatStoreOwnState *state,
                                        gpointer                  user_data);
typedef void (*NawatStoreRecentFunc)   (const char               *project_id,
                                        const char               *code,
                                        const char               *sort_title,
                                        const NawatStoreOwnState *state,
                                        gpointer                  user_data);
/* Asked every few thousand steps of a query: non-zero stops it. */
typedef int  (*NawatStoreProgressFunc) (gpointer                  user_data);

/* A reader for the list's worker: usable from any thread, one at a time,
 * with room in its cache for what a search reads.
 */
NawatStoreReader *_nawat_store_reader_open_list      (const char                *path,
                                                      GError                   **error);
void              _nawat_store_reader_set_progress   (NawatStoreReader          *self,
                                                      NawatStoreProgressFunc     func,
                                                      gpointer                   user_data);

void              _nawat_store_list_row_free         (gpointer                   row);

/* Whether the rows need the own evaluation: to filter or to order by its
 * status or its composite.
 */
gboolean          _nawat_store_list_query_uses_status (const NawatStoreListQuery *query);
/* A search alone, with no other filter: counted in the search index. */
gboolean          _nawat_store_list_query_is_search_only (const NawatStoreListQuery *query);

/* The number of calls other than @call_id (NULL: "") with projects. */
gboolean          _nawat_store_list_count_other_calls (NawatStoreReader         *self,
                                                       const char               *call_id,
                                                       guint                    *count,
                                                       GError                  **error);
/* The projects of @call_id as the store counts them while it writes. */
gboolean          _nawat_store_list_count_stored     (NawatStoreReader          *self,
                                                      const char                *call_id,
                                                      guint                     *count,
                                                      GError                   **error);
/* Whether @query keeps the evaluator's own projects only. */
gboolean          _nawat_store_list_query_uses_assigned (const NawatStoreListQuery *query);
/* How the call of @query assigns its projects to its evaluator. */
gboolean          _nawat_store_list_read_assigned    (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      NawatStoreAssigned        *assigned,
                                                      GError                   **error);
/* The projects of @query's call that are the evaluator's own (as
 * @query->assigned says), and how many of them they have submitted.
 */
gboolean          _nawat_store_list_count_progress   (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      guint                     *n_assigned,
                                                      guint                     *n_submitted,
                                                      GError                   **error);
/* The matches of @query's search, up to NAWAT_PROJECT_LIST_SEARCH_LIMIT
 * and one more; @has_words FALSE (and @count unset) when the search has
 * no words.
 */
gboolean          _nawat_store_list_count_search     (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      gboolean                  *has_words,
                                                      guint                     *count,
                                                      GError                   **error);
/* The projects @query shows, as stored. */
gboolean          _nawat_store_list_count_filtered   (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      guint                     *count,
                                                      GError                   **error);
/* The projects @query shows (status included when it uses it), but
 * @project_id (NULL: none), that come before @key (NULL: all), among
 * those whose own evaluation was written at @snapshot_seq or before when
 * @query uses the status.
 */
gboolean          _nawat_store_list_count_before     (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      const char                *project_id,
                                                      const NawatStoreListKey   *key,
                                                      gint64                     snapshot_seq,
                                                      guint                     *count,
                                                      GError                   **error);
/* The own evaluations of @evaluator written after @since_seq. */
gboolean          _nawat_store_list_read_own_states  (NawatStoreReader          *self,
                                                      const char                *evaluator,
                                                      gint64                     since_seq,
                                                      NawatStoreOwnStateFunc     func,
                                                      gpointer                   user_data,
                                                      GError                   **error);
/* The write sequence number of the last evaluation written. */
gboolean          _nawat_store_list_get_last_seq     (NawatStoreReader          *self,
                                                      guint                     *seq,
                                                      GError                   **error);
/* The rows (NawatStoreListRow) of page @page of @query, in a new array. */
gboolean          _nawat_store_list_read_page        (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      guint                      page,
                                                      GPtrArray                **rows,
                                                      GError                   **error);
/* The projects of @query (status aside) whose own evaluation was written
 * after @since_seq; nothing without an evaluator.
 */
gboolean          _nawat_store_list_read_recent      (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      gint64                     since_seq,
                                                      NawatStoreRecentFunc       func,
                                                      gpointer                   user_data,
                                                      GError                   **error);
/* The row of @project_id among those of @query (status aside), its sort
 * title and its own evaluation's seq; @row NULL when it is not among them.
 */
gboolean          _nawat_store_list_read_project     (NawatStoreReader          *self,
                                                      const NawatStoreListQuery *query,
                                                      const char                *project_id,
                                                      NawatStoreListRow        **row,
                                                      char                     **sort_title,
                                                      gint64                    *seq,
                                                      GError                   **error);

G_END_DECLS
