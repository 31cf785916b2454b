/* nawat-rubric-plan.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-stats-private.h"

#include "nawat-stats-internal-private.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* NawatRubricPlan */

typedef struct
{
  guint    group;
  gboolean required;
  double   weight;
  int      min;
  int      max;
} PlanKey;

typedef struct
{
  double   weight;
  gboolean max;
  /* scratch, per evaluation */
  double   sum;
  double   weights;
  double   best;
  gboolean any;
} PlanGroup;

struct _NawatRubricPlan
{
  char     **keys;
  PlanKey   *key_info;
  guint      n_keys;
  PlanGroup *groups;
  guint      n_groups;
};

NawatRubricPlan *
_nawat_rubric_plan_new (NawatRubric *rubric)
{
  NawatRubricPlan *plan = g_new0 (NawatRubricPlan, 1);
  GListModel *groups = nawat_rubric_get_groups (rubric);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_null_terminated (32, g_free, TRUE);
  g_autoptr(GArray) key_info = g_array_new (FALSE, FALSE, sizeof (PlanKey));

  plan->n_groups = g_list_model_get_n_items (groups);
  plan->groups = g_new0 (PlanGroup, MAX (plan->n_groups, 1));
  for (guint g = 0; g < plan->n_groups; g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);

      plan->groups[g].weight = nawat_rubric_group_get_weight (group);
      plan->groups[g].max = nawat_rubric_group_get_aggregation (group) == NAWAT_AGGREGATION_MAX;
      for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, i);
          PlanKey key = {
            g,
            nawat_criterion_get_required (criterion),
            nawat_criterion_get_weight (criterion),
            nawat_criterion_get_min (criterion),
            nawat_criterion_get_max (criterion),
          };

          g_ptr_array_add (keys, nawat_rubric_group_dup_score_key (group, criterion));
          g_array_append_val (key_info, key);
        }
    }
  plan->n_keys = key_info->len;
  plan->key_info = (PlanKey *) (void *) g_array_free (g_steal_pointer (&key_info), FALSE);
  plan->keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
  return plan;
}

void
_nawat_rubric_plan_free (NawatRubricPlan *plan)
{
  if (plan == NULL)
    return;
  g_strfreev (plan->keys);
  g_free (plan->key_info);
  g_free (plan->groups);
  g_free (plan);
}

guint
_nawat_rubric_plan_get_n_keys (NawatRubricPlan *plan)
{
  return plan->n_keys;
}

const char * const *
_nawat_rubric_plan_get_keys (NawatRubricPlan *plan)
{
  return (const char * const *) plan->keys;
}

void
_nawat_rubric_plan_score (NawatRubricPlan *plan,
                          const double    *scores,
                          gboolean         conflict_declared,
                          NawatScore      *score)
{
  double sum = 0.0;
  double weights = 0.0;

  memset (score, 0, sizeof *score);
  for (guint g = 0; g < plan->n_groups; g++)
    {
      plan->groups[g].sum = plan->groups[g].weights = plan->groups[g].best = 0.0;
      plan->groups[g].any = FALSE;
    }

  for (guint k = 0; k < plan->n_keys; k++)
    {
      PlanKey *key = &plan->key_info[k];
      PlanGroup *group = &plan->groups[key->group];
      double norm;

      score->n_required += key->required;
      if (isnan (scores[k]))
        continue;
      score->n_scored_required += key->required;
      /* nawat_scoring_normalise() */
      norm = key->max <= key->min ? 0.0
             : CLAMP ((scores[k] - key->min) / (double) (key->max - key->min), 0.0, 1.0);
      if (!group->any || norm > group->best)
        group->best = norm;
      group->sum += key->weight * norm;
      group->weights += key->weight;
      group->any = TRUE;
    }

  for (guint g = 0; g < plan->n_groups; g++)
    {
      PlanGroup *group = &plan->groups[g];
      double s;

      if (!group->any)
        continue;
      if (group->max)
        s = group->best;
      else if (group->weights > 0.0)
        s = group->sum / group->weights;
      else
        continue;
      sum += group->weight * s;
      weights += group->weight;
    }

  score->completeness = score->n_required > 0
                        ? (double) score->n_scored_required / score->n_required
                        : 1.0;
  score->complete = score->n_scored_required == score->n_required &&
                    weights > 0.0 && !conflict_declared;
  score->composite = score->complete ? 100.0 * sum / weights : 0.0;
}

/* The fast path for the plain arrays json_extract() returns: numbers and
 * null for scores, or strings without escapes for names.
 */
static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}

static gboolean
scan_numbers (const char *text,
              double     *out,
              guint       n)
{
  const char *p = skip_space (text);
  guint i = 0;

  if (*p++ != '[')
    return FALSE;
  for (p = skip_space (p); *p != ']'; p = skip_space (p))
    {
      double value = NAN;

      if (i > 0 && *p++ != ',')
        return FALSE;
      p = skip_space (p);
      if (strncmp (p, "null", 4) == 0)
        p += 4;
      else
        {
          char *end = NULL;

          value = g_ascii_strtod (p, &end);
          if (end == p)
            return FALSE;
          p = end;
        }
      if (i < n)
        out[i] = value;
      i++;
    }
  return i >= n;
}

/* The JSON array in @text, held by @parser; NULL when @text is not one.
 * The readers fall back on it when their quick scan gives up.
 */
static JsonArray *
load_array (JsonParser *parser,
            const char *text)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  return json_node_get_array (root);
}

static void
parse_numbers (const char *text,
               double     *out,
               guint       n)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *array;

  for (guint i = 0; i < n; i++)
    out[i] = NAN;
  if (text == NULL || n == 0 || scan_numbers (text, out, n))
    return;

  for (guint i = 0; i < n; i++)
    out[i] = NAN;
  parser = json_parser_new ();
  array = load_array (parser, text);
  if (array == NULL)
    return;
  for (guint i = 0; i < MIN (n, json_array_get_length (array)); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING &&
          json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        out[i] = json_node_get_double (node);
    }
}

void
_nawat_rubric_plan_parse (NawatRubricPlan *plan,
                          const char      *text,
                          double          *scores)
{
  parse_numbers (text, scores, plan->n_keys);
}

static gboolean
scan_strings (const char *text,
              GPtrArray  *out)
{
  const char *p = skip_space (text);

  if (*p++ != '[')
    return FALSE;
  for (p = skip_space (p); *p != ']'; p = skip_space (p))
    {
      const char *end;

      if (out->len > 0 && *p++ != ',')
        return FALSE;
      p = skip_space (p);
      if (*p++ != '"')
        return FALSE;
      end = strpbrk (p, "\"\\");
      if (end == NULL || *end != '"')
        return FALSE;
      g_ptr_array_add (out, g_strndup (p, end - p));
      p = end + 1;
    }
  return TRUE;
}

void
_nawat_stats_parse_strings (const char *text,
                            GPtrArray  *out)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *array;

  g_ptr_array_set_size (out, 0);
  if (text == NULL || scan_strings (text, out))
    return;

  g_ptr_array_set_size (out, 0);
  parser = json_parser_new ();
  array = load_array (parser, text);
  if (array == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (s != NULL)
        g_ptr_array_add (out, g_strdup (s));
    }
}
