/* nawat-project-list.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-project-row.h"
#include "nawat-store.h"

G_BEGIN_DECLS

typedef enum
{
  NAWAT_PROJECT_SORT_CODE,
  NAWAT_PROJECT_SORT_TITLE,
  NAWAT_PROJECT_SORT_STATUS,
  NAWAT_PROJECT_SORT_COMPOSITE,
} NawatProjectSort;

#define NAWAT_TYPE_PROJECT_SORT (nawat_project_sort_get_type ())
#define NAWAT_TYPE_PROJECT_LIST (nawat_project_list_get_type ())

GType nawat_project_sort_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (NawatProjectList, nawat_project_list, NAWAT, PROJECT_LIST, GObject)

/* A lazy GListModel of NawatProjectRow over the projects of one call.
 * Counting and paging run on a worker thread with their own read connection;
 * get_item never touches SQLite on the calling thread: a row of a page not
 * yet read comes back "loading" and is filled when the page arrives.  Only a
 * bounded number of pages is cached.  Changing a filter or the sort replaces
 * the contents with one items-changed; an edit of one project emits
 * items-changed for that row only.  Signals are emitted on the thread-default
 * main context of the thread that created the list.
 */
NawatProjectList  *nawat_project_list_new            (NawatStore        *store,
                                                      const char        *call_id,
                                                      const char        *evaluator);
const char        *nawat_project_list_get_call_id    (NawatProjectList  *self);
void               nawat_project_list_set_call_id    (NawatProjectList  *self,
                                                      const char        *call_id);
const char        *nawat_project_list_get_evaluator  (NawatProjectList  *self);
void               nawat_project_list_set_evaluator  (NawatProjectList  *self,
                                                      const char        *evaluator);
const char        *nawat_project_list_get_search     (NawatProjectList  *self);
void               nawat_project_list_set_search     (NawatProjectList  *self,
                                                      const char        *text);
/* A domain key, or NULL for every domain. */
const char        *nawat_project_list_get_domain     (NawatProjectList  *self);
void               nawat_project_list_set_domain     (NawatProjectList  *self,
                                                      const char        *domain);
/* A region key, or NULL. */
const char        *nawat_project_list_get_region     (NawatProjectList  *self);
void               nawat_project_list_set_region     (NawatProjectList  *self,
                                                      const char        *region);
/* A province code, or NULL. */
const char        *nawat_project_list_get_province   (NawatProjectList  *self);
void               nawat_project_list_set_province   (NawatProjectList  *self,
                                                      const char        *province);
/* A reach level key (community to global), or NULL. */
const char        *nawat_project_list_get_reach      (NawatProjectList  *self);
void               nawat_project_list_set_reach      (NawatProjectList  *self,
                                                      const char        *reach);
/* -1 for any status, else a NawatProjectStatus. */
int                nawat_project_list_get_status     (NawatProjectList  *self);
void               nawat_project_list_set_status     (NawatProjectList  *self,
                                                      int                status);
NawatProjectSort   nawat_project_list_get_sort       (NawatProjectList  *self);
void               nawat_project_list_set_sort       (NawatProjectList  *self,
                                                      NawatProjectSort   sort);
/* "th" or "en": which title the title sort uses. */
void               nawat_project_list_set_language   (NawatProjectList  *self,
                                                      const char        *lang);
/* Only the projects assigned to the evaluator (FALSE: every project). */
gboolean           nawat_project_list_get_assigned_only (NawatProjectList *self);
void               nawat_project_list_set_assigned_only (NawatProjectList *self,
                                                         gboolean          assigned_only);
/* The evaluator's own projects in the call, whatever the filters (every
 * project when the call assigns none), and how many of them they have
 * submitted: read with the count, on the worker.
 */
guint              nawat_project_list_get_n_assigned  (NawatProjectList  *self);
guint              nawat_project_list_get_n_submitted (NawatProjectList  *self);
/* TRUE when more projects match the search than the list holds: a search
 * lists at most its first 1,000 matches, in the order of the search index.
 */
gboolean           nawat_project_list_get_truncated  (NawatProjectList  *self);
/* TRUE while a count or a page is being read. */
gboolean           nawat_project_list_get_loading    (NawatProjectList  *self);
/* Whether the search also reads the text of the projects' files (off by
 * default): a project one of whose files holds every word matches too.
 */
gboolean           nawat_project_list_get_search_files (NawatProjectList *self);
void               nawat_project_list_set_search_files (NawatProjectList *self,
                                                        gboolean          search_files);

G_END_DECLS
