/* nawat-merge.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-evaluation.h"

G_BEGIN_DECLS

/* A field changed differently on both sides.  Values are JSON texts
 * ("3", "null", "\"text\"", {"declared":…}); @base_json is NULL when there
 * was no merge base.
 */
typedef struct
{
  char *field;
  char *base_json;
  char *mine_json;
  char *theirs_json;
} NawatMergeConflict;

void                nawat_merge_conflict_free       (NawatMergeConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatMergeConflict, nawat_merge_conflict_free)

/* The fields merged: "scores.<group>.<criterion>", "comments.<group>.<criterion>",
 * "overall_comment", "recommendation", "conflict_of_interest", "reopened",
 * "status", and every member the codec does not know (kept as JSON).
 * Sorted, the union over @a and @b (either may be NULL).
 */
GStrv               nawat_merge_dup_fields          (NawatEvaluation    *a,
                                                     NawatEvaluation    *b);
/* The value of @field as JSON text (never NULL for a field that can be
 * merged; "null" for an unknown member that is not there).
 */
char               *nawat_merge_dup_field_json      (NawatEvaluation    *evaluation,
                                                     const char         *field);
/* Sets @field from JSON text; FALSE with G_IO_ERROR_INVALID_DATA when the
 * field or the value is not valid.
 */
gboolean            nawat_merge_set_field_json      (NawatEvaluation    *evaluation,
                                                     const char         *field,
                                                     const char         *json,
                                                     GError            **error);

/* Three-way merge, field by field.  Returns a copy of @theirs (its _rev,
 * its unknown members) carrying every change of @mine that does not clash;
 * for a field changed differently on both sides the result keeps @mine's
 * value and a NawatMergeConflict is appended to @conflicts.  @base may be
 * NULL (no version both sides agreed on): then every differing field is a
 * conflict.
 */
NawatEvaluation    *nawat_merge_evaluations         (NawatEvaluation    *base,
                                                     NawatEvaluation    *mine,
                                                     NawatEvaluation    *theirs,
                                                     GPtrArray          *conflicts);

G_END_DECLS
