/* nawat-evaluation-text.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-evaluation-text-private.h"
#include "nawat-json-text-private.h"

#include "nawat-codec.h"
#include "nawat-evaluation-fields.h"
#include "nawat-evaluation.h"

#include <math.h>
#include <string.h>

/* A member the evaluation holds in a property of its own, which the codec
 * writes in an order of its own, before the others.
 */
typedef struct
{
  /* the name as JSON text, quotes included */
  char     *quoted;
  gsize     length;
  /* its place in the codec's order; FALSE: the codec's order is unknown */
  gboolean  placed;
  /* the codec writes it for every evaluation */
  gboolean  always;
  gboolean  left_out;
} TypedMember;

struct _NawatEvaluationText
{
  /* in the codec's order, then the unplaced ones */
  GArray    *typed;
  guint      n_always;
  int        evaluator;
  int        status;
  int        scores_member;
  int        conflict;
  int        rubric;
  int        recommendation;
  char      *rubric_json;
  gsize      rubric_json_length;
  /* the score keys as JSON text, and their lengths */
  GPtrArray *keys;
  gsize     *key_lengths;
  double    *scores;
  /* whether each key has been read from the scores being read */
  guint8    *seen;
  GPtrArray *left_out;
  gsize     *left_out_lengths;
  GArray    *members;
};

/* The names of the members the codec writes for @evaluation, in order. */
static GPtrArray *
dup_codec_names (NawatEvaluation *evaluation)
{
  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (evaluation));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

/* An evaluation with every member the codec writes (@full), or with
 * those it writes for any evaluation.
 */
static NawatEvaluation *
sample_evaluation (gboolean full)
{
  NawatEvaluation *evaluation = nawat_evaluation_new ("project:c:p", "e", full ? "rubric:r:1" : NULL);

  nawat_document_set_id (NAWAT_DOCUMENT (evaluation), "evaluation:c:p:e");
  if (!full)
    return evaluation;
  nawat_document_set_rev (NAWAT_DOCUMENT (evaluation), "1-a");
  nawat_evaluation_set_score (evaluation, "g.c", 1);
  nawat_evaluation_set_comment (evaluation, "g.c", "c");
  nawat_evaluation_set_overall_comment (evaluation, "c");
  nawat_evaluation_set_recommendation (evaluation, NAWAT_RECOMMENDATION_FUND);
  nawat_evaluation_set_conflict (evaluation, TRUE, "n");
  nawat_evaluation_set_conflict_type (evaluation, NAWAT_CONFLICT_TYPE_OTHER);
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  nawat_evaluation_set_updated (evaluation, "2026-01-01T00:00:00Z");
  nawat_evaluation_set_reopened (evaluation, "e", "2026-01-01T00:00:00Z");
  return evaluation;
}

static char *
quote (const char *name)
{
  return g_strconcat ("\"", name, "\"", NULL);
}

static void
add_typed (NawatEvaluationText *self,
           const char          *name,
           gboolean             placed,
           GPtrArray           *always)
{
  TypedMember member = {
    quote (name), strlen (name) + 2, placed,
    g_ptr_array_find_with_equal_func (always, name, g_str_equal, NULL),
    g_ptr_array_find_with_equal_func (self->left_out, name, g_str_equal, NULL),
  };
  int index = self->typed->len;

  g_array_append_val (self->typed, member);
  self->n_always += member.always;
  if (g_str_equal (name, "evaluator"))
    self->evaluator = index;
  else if (g_str_equal (name, "status"))
    self->status = index;
  else if (g_str_equal (name, "scores"))
    self->scores_member = index;
  else if (g_str_equal (name, "conflict_of_interest"))
    self->conflict = index;
  else if (g_str_equal (name, "rubric"))
    self->rubric = index;
  else if (g_str_equal (name, "recommendation"))
    self->recommendation = index;
}

/* The typed members in the order the codec writes them, learnt from the
 * codec itself, so that a text in another order (an older codec's) is
 * told apart; a typed member the sample does not show has no place, and
 * a text that holds it is refused.
 */
static void
learn_codec_order (NawatEvaluationText *self)
{
  g_autoptr(NawatEvaluation) full = sample_evaluation (TRUE);
  g_autoptr(NawatEvaluation) minimal = sample_evaluation (FALSE);
  g_autoptr(GPtrArray) order = dup_codec_names (full);
  g_autoptr(GPtrArray) always = dup_codec_names (minimal);
  const char * const *typed = nawat_evaluation_fields_get_typed ();

  for (guint i = 0; i < order->len; i++)
    if (g_strv_contains (typed, g_ptr_array_index (order, i)))
      add_typed (self, g_ptr_array_index (order, i), TRUE, always);
  for (guint i = 0; typed[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (order, typed[i], g_str_equal, NULL))
      add_typed (self, typed[i], FALSE, always);
}

static void
clear_typed (gpointer data)
{
  g_free (((TypedMember *) data)->quoted);
}

NawatEvaluationText *
_nawat_evaluation_text_new (const char         *rubric_id,
                            const char * const *keys,
                            const char * const *left_out)
{
  NawatEvaluationText *self = g_new0 (NawatEvaluationText, 1);

  self->typed = g_array_new (FALSE, FALSE, sizeof (TypedMember));
  g_array_set_clear_func (self->typed, clear_typed);
  self->evaluator = self->status = self->scores_member = self->conflict = self->rubric = -1;
  self->recommendation = -1;
  self->rubric_json = quote (rubric_id);
  self->rubric_json_length = strlen (self->rubric_json);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (self->keys, quote (keys[i]));
  self->key_lengths = g_new (gsize, MAX (self->keys->len, 1));
  for (guint i = 0; i < self->keys->len; i++)
    self->key_lengths[i] = strlen (g_ptr_array_index (self->keys, i));
  self->scores = g_new (double, MAX (self->keys->len, 1));
  self->seen = g_new (guint8, MAX (self->keys->len, 1));
  self->left_out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; left_out[i] != NULL; i++)
    g_ptr_array_add (self->left_out, g_strdup (left_out[i]));
  self->left_out_lengths = g_new (gsize, MAX (self->left_out->len, 1));
  for (guint i = 0; i < self->left_out->len; i++)
    self->left_out_lengths[i] = strlen (g_ptr_array_index (self->left_out, i));
  self->members = g_array_new (FALSE, FALSE, sizeof (NawatTextSpan));
  learn_codec_order (self);
  return self;
}

void
_nawat_evaluation_text_free (NawatEvaluationText *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->typed);
  g_free (self->rubric_json);
  g_ptr_array_unref (self->keys);
  g_free (self->key_lengths);
  g_free (self->scores);
  g_free (self->seen);
  g_ptr_array_unref (self->left_out);
  g_free (self->left_out_lengths);
  g_array_unref (self->members);
  g_free (self);
}

static gboolean
span_equal (const NawatTextSpan *span,
            const char          *text,
            gsize                length)
{
  return span->length == length && memcmp (span->text, text, length) == 0;
}

/* A JSON number as the codec writes it, or FALSE. */
static gboolean
read_number (const NawatTextSpan *value,
             double              *out)
{
  const char *p = value->text;
  const char *end = p + value->length;
  gboolean negative = p < end && *p == '-';
  gint64 n = 0;
  char *number_end = NULL;

  /* Whole numbers, the levels, take the short way. */
  for (p += negative; p < end && g_ascii_isdigit (*p) && n < G_GINT64_CONSTANT (100000000000000); p++)
    n = n * 10 + (*p - '0');
  if (p == end && p > value->text + negative)
    {
      *out = negative ? -(double) n : (double) n;
      return TRUE;
    }
  if (value->length == 0 || !(*value->text == '-' || g_ascii_isdigit (*value->text)))
    return FALSE;
  *out = g_ascii_strtod (value->text, &number_end);
  return number_end == end;
}

/* The index of the score key @name, looked for from @hint on, or -1. */
static int
find_key (NawatEvaluationText *self,
          NawatTextSpan       *name,
          guint                hint)
{
  guint n = self->keys->len;

  for (guint k = 0; k < n; k++)
    {
      guint i = (hint + k) % n;
      const char *key = g_ptr_array_index (self->keys, i);

      if (span_equal (name, key, self->key_lengths[i]))
        return i;
    }
  return -1;
}

/* The levels of the rubric's keys; other keys are no part of its
 * scoring, and are not exported.  A key given twice is not the codec's
 * text, and readers differ on which of the two counts: it is refused.
 */
static gboolean
read_scores (NawatEvaluationText *self,
             NawatTextSpan       *object)
{
  NawatTextSpan name, value;
  NawatJsonMembers members;
  guint hint = 0;

  for (guint i = 0; i < self->keys->len; i++)
    self->scores[i] = NAN;
  memset (self->seen, 0, self->keys->len);
  if (!_nawat_json_members_init (&members, object))
    return FALSE;
  while (_nawat_json_members_next (&members, &name, &value))
    {
      int i = find_key (self, &name, hint);
      double level = NAN;

      if (!span_equal (&value, "null", 4) && !read_number (&value, &level))
        return FALSE;
      if (i < 0)
        continue;
      if (self->seen[i])
        return FALSE;
      self->seen[i] = TRUE;
      self->scores[i] = level;
      hint = i + 1;
    }
  return !members.failed;
}

static gboolean
read_conflict (NawatTextSpan *object,
               gboolean      *declared)
{
  NawatTextSpan name, value;
  NawatJsonMembers members;

  *declared = FALSE;
  if (!_nawat_json_members_init (&members, object))
    return FALSE;
  while (_nawat_json_members_next (&members, &name, &value))
    if (span_equal (&name, "\"declared\"", strlen ("\"declared\"")))
      {
        if (span_equal (&value, "true", 4))
          *declared = TRUE;
        else if (!span_equal (&value, "false", 5))
          return FALSE;
      }
  return !members.failed;
}

/* nawat_evaluation_get_confidence() */
static int
read_confidence (NawatTextSpan *value)
{
  double number;

  if (!read_number (value, &number) || !isfinite (number))
    return NAWAT_CONFIDENCE_NONE;
  if ((gint64) number < NAWAT_CONFIDENCE_LOW || (gint64) number > NAWAT_CONFIDENCE_HIGH)
    return NAWAT_CONFIDENCE_NONE;
  return (int) number;
}

/* The index of the typed member @name, looked for from @hint on, or -1
 * when it is none of them.
 */
static int
find_typed (NawatEvaluationText *self,
            NawatTextSpan       *name,
            guint                hint)
{
  guint n = self->typed->len;

  for (guint k = 0; k < n; k++)
    {
      guint i = (hint + k) % n;
      TypedMember *member = &g_array_index (self->typed, TypedMember, i);

      if (span_equal (name, member->quoted, member->length))
        return i;
    }
  return -1;
}

static gboolean
is_left_out (NawatEvaluationText *self,
             NawatTextSpan       *name)
{
  for (guint i = 0; i < self->left_out->len; i++)
    {
      const char *left_out = g_ptr_array_index (self->left_out, i);
      gsize length = self->left_out_lengths[i];

      if (name->length == length + 2 && memcmp (name->text + 1, left_out, length) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A typed member, which must come in the codec's order, before the
 * others; its value read where the fields need it.
 */
static gboolean
read_typed (NawatEvaluationText   *self,
            int                    index,
            NawatTextSpan         *value,
            NawatEvaluationFields *fields)
{
  if (index == self->evaluator)
    fields->evaluator = *value;
  else if (index == self->status)
    fields->status = *value;
  else if (index == self->scores_member)
    return read_scores (self, value);
  else if (index == self->conflict)
    return read_conflict (value, &fields->conflict_declared);
  else if (index == self->rubric)
    return span_equal (value, self->rubric_json, self->rubric_json_length);
  else if (index == self->recommendation)
    fields->recommendation = *value;
  return TRUE;
}

gboolean
_nawat_evaluation_text_read (NawatEvaluationText   *self,
                             const char            *json,
                             gsize                  length,
                             NawatEvaluationFields *fields)
{
  NawatTextSpan object = { json, length };
  NawatTextSpan name, value;
  NawatJsonMembers members;
  gboolean others = FALSE;
  guint n_always = 0;
  int last = -1;

  memset (fields, 0, sizeof *fields);
  g_array_set_size (self->members, 0);
  for (guint i = 0; i < self->keys->len; i++)
    self->scores[i] = NAN;
  if (json == NULL || !_nawat_json_members_init (&members, &object))
    return FALSE;

  while (_nawat_json_members_next (&members, &name, &value))
    {
      int index = find_typed (self, &name, last + 1);
      gboolean left_out;

      if (index >= 0)
        {
          TypedMember *typed = &g_array_index (self->typed, TypedMember, index);

          if (!typed->placed || index <= last || others ||
              !read_typed (self, index, &value, fields))
            return FALSE;
          last = index;
          n_always += typed->always;
          left_out = typed->left_out;
        }
      else
        {
          others = TRUE;
          if (span_equal (&name, "\"confidence\"", strlen ("\"confidence\"")))
            {
              fields->confidence = read_confidence (&value);
              if (fields->confidence_value.text == NULL)
                fields->confidence_value = value;
            }
          left_out = is_left_out (self, &name);
        }
      if (!left_out)
        {
          NawatTextSpan member = { name.text, value.text + value.length - name.text };

          g_array_append_val (self->members, member);
        }
    }
  if (members.failed || members.p != json + length || n_always != self->n_always ||
      fields->evaluator.text == NULL || fields->status.text == NULL)
    return FALSE;

  fields->scores = self->scores;
  fields->members = (const NawatTextSpan *) (void *) self->members->data;
  fields->n_members = self->members->len;
  return TRUE;
}
