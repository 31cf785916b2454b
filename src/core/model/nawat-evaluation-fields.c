/* nawat-evaluation-fields.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-evaluation-fields.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The evaluation's members, in the order the codec writes them.  The
 * codec's list of the members it reads itself, the merge's lists and the
 * conflicts dialog's labels come from here; a member added here with
 * typed FALSE is read, kept, merged and written back with no other code
 * (only the form that edits it and the Thai of its label).
 */
static const NawatEvaluationField fields[] = {
  { "_id", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, NULL },
  { "_rev", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, NULL },
  { "type", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, NULL },
  { "schema", NAWAT_FIELD_KIND_INTEGER, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, NULL },
  { "project", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, NULL },
  { "evaluator", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, "evaluator" },
  { "rubric", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, NULL },
  { "scores", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_PER_KEY, TRUE, N_("Score"), NULL },
  { "comments", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_PER_KEY, TRUE, N_("Comment"), NULL },
  { "overall_comment", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_WHOLE, TRUE,
    N_("Overall comment"), NULL },
  { "recommendation", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_WHOLE, TRUE,
    N_("Recommendation"), "recommendation" },
  { "conflict_of_interest", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_WHOLE, TRUE,
    N_("Conflict of interest"), "conflict_of_interest" },
  { "status", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_WHOLE, TRUE, N_("Status"), "status" },
  /* The store sets it on every save; the merge keeps the later one. */
  { "updated", NAWAT_FIELD_KIND_STRING, NAWAT_FIELD_MERGE_IDENTITY, TRUE, NULL, NULL },
  { "reopened", NAWAT_FIELD_KIND_OBJECT, NAWAT_FIELD_MERGE_WHOLE, TRUE, NULL, NULL },
};

/**
 * nawat_evaluation_fields_get:
 * @n_fields: (out): the number of members
 *
 * Returns: (transfer none): every member of an evaluation, in the order
 *   the codec writes them
 */
const NawatEvaluationField *
nawat_evaluation_fields_get (guint *n_fields)
{
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/* The member named @name, or NULL. */
const NawatEvaluationField *
nawat_evaluation_fields_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
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

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
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
      const char **list = g_new0 (const char *, G_N_ELEMENTS (fields) + 1);
      guint n = 0;

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
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
