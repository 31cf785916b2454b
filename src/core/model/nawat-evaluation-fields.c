/* nawat-evaluation-fields.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-evaluation-fields.h"
#include "nawat-evaluation-fields-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The evaluation's members.  The codec's list of the members it reads
 * itself, the merge's lists, the conflicts dialog's labels, the CSV
 * export's evaluation columns (in this order) and the server's validate
 * function (each member's JSON type, and what a submitted evaluation
 * keeps) come from here; a member added here with typed FALSE is read,
 * kept, merged, exported, checked and written back with no other code
 * (only the form that edits it and the Thai of its label).  The codec
 * writes the typed members in an order of its own, the others after them.
 */
static const NawatEvaluationField builtin_fields[] = {
  { "_id", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, FALSE, NULL, NULL },
  { "_rev", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, FALSE, NULL, NULL },
  { "type", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, FALSE, NULL, NULL },
  { "schema", NAWAT_FIELD_KIND_INTEGER, NAWAT_FIELD_MERGE_IDENTITY, TRUE, FALSE, NULL, NULL },
  { "project", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, TRUE, NULL, NULL },
  { "evaluator", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, TRUE, NULL,
    "evaluator" },
  /* Before the recommendation: the CSV export's columns have this order. */
  { "status", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_WHOLE, TRUE, FALSE, N_("Status"),
    "status" },
  { "rubric", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, TRUE, NULL, NULL },
  { "scores", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_PER_KEY, TRUE, TRUE, N_("Score"), NULL },
  { "comments", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_PER_KEY, TRUE, TRUE, N_("Comment"),
    NULL },
  { "overall_comment", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_WHOLE, TRUE, TRUE,
    N_("Overall comment"), NULL },
  { "recommendation", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_WHOLE, TRUE, TRUE,
    N_("Recommendation"), "recommendation" },
  /* The evaluator's confidence in their evaluation of this proposal, their
   * expertise in it: 1 low, 2 medium, 3 high; absent when not given (the
   * rubric's "ask_confidence" says whether the form asks it).
   */
  { "confidence", NAWAT_FIELD_KIND_INTEGER, NAWAT_FIELD_MERGE_WHOLE, FALSE, TRUE,
    N_("Confidence"), "confidence", 1, 3 },
  { "conflict_of_interest", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_WHOLE, TRUE, TRUE,
    N_("Conflict of interest"), "conflict_of_interest" },
  /* Whether the evaluator answered the question of a conflict of interest
   * that the form asks before scoring (TRUE; absent: not yet).
   */
  { "conflict_answered", NAWAT_FIELD_KIND_BOOLEAN, NAWAT_FIELD_MERGE_WHOLE, FALSE, TRUE,
    N_("Conflict of interest question"), NULL },
  /* The store sets it on every save; the merge keeps the later one. */
  { "updated", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, FALSE, NULL, NULL },
  { "reopened", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_WHOLE, TRUE, FALSE, N_("Reopening"),
    NULL },
};

/* The table: builtin_fields, and after them the members a test adds
 * (_nawat_evaluation_fields_set_extra()).
 */
static const NawatEvaluationField *fields = builtin_fields;
static guint n_fields_total = G_N_ELEMENTS (builtin_fields);

/**
 * nawat_evaluation_fields_get:
 * @n_fields: (out): the number of members
 *
 * Returns: (transfer none): every member of an evaluation, in the order
 *   of the CSV export's columns
 */
const NawatEvaluationField *
nawat_evaluation_fields_get (guint *n_fields)
{
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = n_fields_total;
  return fields;
}

/* The member named @name, or NULL. */
const NawatEvaluationField *
nawat_evaluation_fields_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < n_fields_total; i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];
  return NULL;
}

/* The member a merge's field names: "status" is the member "status",
 * "scores.a.b" the member "scores" when it merges key by key.  NULL for
 * any other field (a member this table does not know).
 */
const NawatEvaluationField *
nawat_evaluation_fields_lookup_path (const char *path)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  dot = strchr (path, '.');
  if (dot == NULL)
    return nawat_evaluation_fields_lookup (path);

  for (guint i = 0; i < n_fields_total; i++)
    if (fields[i].merge == NAWAT_FIELD_MERGE_PER_KEY
        && strlen (fields[i].name) == (gsize) (dot - path)
        && strncmp (fields[i].name, path, dot - path) == 0)
      return &fields[i];
  return NULL;
}

/**
 * nawat_evaluation_fields_get_typed:
 *
 * Returns: (transfer none): the names of the members the evaluation holds
 *   in properties of their own, %NULL-terminated: what the codec reads
 *   itself rather than keeping as JSON
 */
const char * const *
nawat_evaluation_fields_get_typed (void)
{
  static const char **names;

  if (g_once_init_enter (&names))
    {
      const char **list = g_new0 (const char *, n_fields_total + 1);
      guint n = 0;

      for (guint i = 0; i < n_fields_total; i++)
        if (fields[i].typed)
          list[n++] = fields[i].name;
      g_once_init_leave (&names, list);
    }
  return names;
}

/* The translated label of the member a merge's field names (see
 * nawat_evaluation_fields_lookup_path()), or NULL when it has none.
 */
const char *
nawat_evaluation_fields_get_label (const char *path)
{
  const NawatEvaluationField *field;

  g_return_val_if_fail (path != NULL, NULL);

  field = nawat_evaluation_fields_lookup_path (path);
  if (field == NULL || field->label == NULL)
    return NULL;
  return _(field->label);
}

/* Adds @extra (n_extra members, typed FALSE, names the table does not
 * hold yet) after the table's members, or takes the added ones away again
 * when @extra is NULL: a test's way to add a member of the evaluation as a
 * newer version of Nawat would, in the table alone.  Not thread-safe: call
 * it before any other use of the table.  The members are copied, not their
 * strings, which must outlive their use.
 */
void
_nawat_evaluation_fields_set_extra (const NawatEvaluationField *extra,
                                    guint                       n_extra)
{
  static NawatEvaluationField *table;

  g_return_if_fail (extra != NULL || n_extra == 0);

  g_clear_pointer (&table, g_free);
  fields = builtin_fields;
  n_fields_total = G_N_ELEMENTS (builtin_fields);
  if (n_extra == 0)
    return;

  table = g_new (NawatEvaluationField, G_N_ELEMENTS (builtin_fields) + n_extra);
  memcpy (table, builtin_fields, sizeof builtin_fields);
  for (guint i = 0; i < n_extra; i++)
    {
      g_return_if_fail (!extra[i].typed);
      g_return_if_fail (nawat_evaluation_fields_lookup (extra[i].name) == NULL);
      table[G_N_ELEMENTS (builtin_fields) + i] = extra[i];
    }
  fields = table;
  n_fields_total = G_N_ELEMENTS (builtin_fields) + n_extra;
}
