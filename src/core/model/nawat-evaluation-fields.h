/* nawat-evaluation-fields.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The JSON type of an evaluation's member as the codec writes it; a
 * member other than the identity may also be null or absent.
 */
typedef enum
{
  NAWAT_FIELD_KIND_STRING,
  NAWAT_FIELD_KIND_INTEGER,
  NAWAT_FIELD_KIND_BOOLEAN,
  NAWAT_FIELD_KIND_OBJECT,
} NawatFieldKind;

/* How a 409 merges the member: never (it names the evaluation, or the
 * store keeps it), as a whole, or key by key ("scores.<key>").
 */
typedef enum
{
  NAWAT_FIELD_MERGE_IDENTITY,
  NAWAT_FIELD_MERGE_WHOLE,
  NAWAT_FIELD_MERGE_PER_KEY,
} NawatFieldMerge;

/* One top-level member of an evaluation document.  @typed: the
 * evaluation holds it in a property of its own, which the codec and the
 * merge read and write through its accessors; otherwise it stays JSON
 * among the document's other members and needs no code at all.  @label
 * is untranslated (N_()), NULL when the member is never shown; @csv_column
 * names its column in the CSV export, NULL when it has none.  @sealed: a
 * submitted evaluation keeps it unchanged until it is reopened (the
 * server's validate function refuses any other change).  @min and @max:
 * the values an integer member may take (both 0: any); the codec and the
 * server's validate function refuse the others.
 */
typedef struct
{
  const char      *name;
  NawatFieldKind   kind;
  NawatFieldMerge  merge;
  gboolean         typed;
  gboolean         sealed;
  const char      *label;
  const char      *csv_column;
  int              min;
  int              max;
} NawatEvaluationField;

const NawatEvaluationField *nawat_evaluation_fields_get         (guint      *n_fields);
const NawatEvaluationField *nawat_evaluation_fields_lookup      (const char *name);
const NawatEvaluationField *nawat_evaluation_fields_lookup_path (const char *path);
const char * const         *nawat_evaluation_fields_get_typed   (void);
const char                 *nawat_evaluation_fields_get_label   (const char *path);

G_END_DECLS
