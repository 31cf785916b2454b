/* nawat-project-row.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An evaluator's own state of a project. */
typedef enum
{
  NAWAT_PROJECT_STATUS_NOT_STARTED,
  NAWAT_PROJECT_STATUS_DRAFT,
  NAWAT_PROJECT_STATUS_SUBMITTED,
  NAWAT_PROJECT_STATUS_CONFLICT,
} NawatProjectStatus;

/* Which text of a project a search matched, when its title does not say
 * why it is listed.
 */
typedef enum
{
  NAWAT_PROJECT_MATCH_NONE,
  NAWAT_PROJECT_MATCH_ORGANISATION,
  NAWAT_PROJECT_MATCH_TITLE,
  NAWAT_PROJECT_MATCH_SUMMARY,
  NAWAT_PROJECT_MATCH_PARTNERS,
} NawatProjectMatch;

#define NAWAT_TYPE_PROJECT_STATUS (nawat_project_status_get_type ())
#define NAWAT_TYPE_PROJECT_ROW (nawat_project_row_get_type ())

GType nawat_project_status_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (NawatProjectRow, nawat_project_row, NAWAT, PROJECT_ROW, GObject)

/* One row of a project list: the few columns a list shows, read from the
 * store's indexed columns, not the whole document.  A row may be created
 * empty ("loading") and filled when its page arrives.
 */
const char         *nawat_project_row_get_id             (NawatProjectRow *self);
const char         *nawat_project_row_get_code           (NawatProjectRow *self);
const char         *nawat_project_row_get_title_th       (NawatProjectRow *self);
const char         *nawat_project_row_get_title_en       (NawatProjectRow *self);
/* The title in @lang, the other language when missing. */
const char         *nawat_project_row_get_title          (NawatProjectRow *self,
                                                          const char      *lang);
const char         *nawat_project_row_get_organisation   (NawatProjectRow *self);
const char         *nawat_project_row_get_province       (NawatProjectRow *self);
const char         *nawat_project_row_get_primary_domain (NawatProjectRow *self);
NawatProjectStatus  nawat_project_row_get_status         (NawatProjectRow *self);
/* The own evaluation's composite, or a negative value when there is none. */
double              nawat_project_row_get_composite      (NawatProjectRow *self);
gboolean            nawat_project_row_get_loading        (NawatProjectRow *self);
/* Where the search matched the project, when not in its title: a part of
 * that text on one line (NULL: none; the title says it), the places of the
 * search's words in it (NawatTextRange, in order) in @ranges if not NULL,
 * and which text it is in @match if not NULL.
 */
const char         *nawat_project_row_get_snippet        (NawatProjectRow   *self,
                                                          NawatProjectMatch *match,
                                                          GArray           **ranges);

G_END_DECLS
