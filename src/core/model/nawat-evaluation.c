/* nawat-evaluation.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-evaluation.h"
#include "nawat-text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct _NawatEvaluation
{
  NawatDocument          parent_instance;

  char                  *project;
  char                  *evaluator;
  char                  *rubric;

  /* "<group>.<criterion>" → double* */
  GHashTable            *scores;
  /* "<group>.<criterion>" → char*, never empty */
  GHashTable            *comments;

  char                  *overall_comment;
  char                  *conflict_note;
  NawatConflictType      conflict_type;
  char                  *updated;
  /* Both set, or both NULL: who sent it back to draft, and when. */
  char                  *reopened_by;
  char                  *reopened_at;
  NawatRecommendation    recommendation;
  NawatEvaluationStatus  status;
  guint                  conflict_declared : 1;
};

G_DEFINE_FINAL_TYPE (NawatEvaluation, nawat_evaluation, NAWAT_TYPE_DOCUMENT)

G_DEFINE_ENUM_TYPE (NawatEvaluationStatus, nawat_evaluation_status,
  G_DEFINE_ENUM_VALUE (NAWAT_EVALUATION_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (NAWAT_EVALUATION_SUBMITTED, "submitted"))

G_DEFINE_ENUM_TYPE (NawatRecommendation, nawat_recommendation,
  G_DEFINE_ENUM_VALUE (NAWAT_RECOMMENDATION_NONE, "none"),
  G_DEFINE_ENUM_VALUE (NAWAT_RECOMMENDATION_FUND, "fund"),
  G_DEFINE_ENUM_VALUE (NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS, "fund-with-conditions"),
  G_DEFINE_ENUM_VALUE (NAWAT_RECOMMENDATION_REJECT, "reject"))

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_EVALUATOR,
  PROP_RUBRIC,
  PROP_OVERALL_COMMENT,
  PROP_RECOMMENDATION,
  PROP_CONFLICT_DECLARED,
  PROP_CONFLICT_NOTE,
  PROP_STATUS,
  PROP_UPDATED,
  PROP_REOPENED_BY,
  PROP_REOPENED_AT,
  N_PROPS
};

enum {
  SCORE_CHANGED,
  COMMENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
nawat_evaluation_constructed (GObject *object)
{
  NawatEvaluation *self = (NawatEvaluation *)object;

  G_OBJECT_CLASS (nawat_evaluation_parent_class)->constructed (object);

  /* "project:<call>:<code>" gives "evaluation:<call>:<code>:<evaluator>" */
  if (self->project != NULL &&
      self->evaluator != NULL &&
      g_str_has_prefix (self->project, "project:"))
    {
      g_autofree char *id = NULL;

      id = g_strconcat ("evaluation:",
                        self->project + strlen ("project:"),
                        ":",
                        self->evaluator,
                        NULL);
      nawat_document_set_id (NAWAT_DOCUMENT (self), id);
    }
}

static void
nawat_evaluation_finalize (GObject *object)
{
  NawatEvaluation *self = (NawatEvaluation *)object;

  g_clear_pointer (&self->project, g_free);
  g_clear_pointer (&self->evaluator, g_free);
  g_clear_pointer (&self->rubric, g_free);
  g_clear_pointer (&self->scores, g_hash_table_unref);
  g_clear_pointer (&self->comments, g_hash_table_unref);
  g_clear_pointer (&self->overall_comment, g_free);
  g_clear_pointer (&self->conflict_note, g_free);
  g_clear_pointer (&self->updated, g_free);
  g_clear_pointer (&self->reopened_by, g_free);
  g_clear_pointer (&self->reopened_at, g_free);

  G_OBJECT_CLASS (nawat_evaluation_parent_class)->finalize (object);
}

static void
nawat_evaluation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NawatEvaluation *self = NAWAT_EVALUATION (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_string (value, self->project);
      break;

    case PROP_EVALUATOR:
      g_value_set_string (value, self->evaluator);
      break;

    case PROP_RUBRIC:
      g_value_set_string (value, self->rubric);
      break;

    case PROP_OVERALL_COMMENT:
      g_value_set_string (value, self->overall_comment);
      break;

    case PROP_RECOMMENDATION:
      g_value_set_enum (value, self->recommendation);
      break;

    case PROP_CONFLICT_DECLARED:
      g_value_set_boolean (value, self->conflict_declared);
      break;

    case PROP_CONFLICT_NOTE:
      g_value_set_string (value, self->conflict_note);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;

    case PROP_REOPENED_BY:
      g_value_set_string (value, self->reopened_by);
      break;

    case PROP_REOPENED_AT:
      g_value_set_string (value, self->reopened_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_evaluation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NawatEvaluation *self = NAWAT_EVALUATION (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_string (value);
      break;

    case PROP_EVALUATOR:
      self->evaluator = g_value_dup_string (value);
      break;

    case PROP_RUBRIC:
      self->rubric = g_value_dup_string (value);
      break;

    case PROP_OVERALL_COMMENT:
      nawat_evaluation_set_overall_comment (self, g_value_get_string (value));
      break;

    case PROP_RECOMMENDATION:
      nawat_evaluation_set_recommendation (self, g_value_get_enum (value));
      break;

    case PROP_CONFLICT_DECLARED:
      nawat_evaluation_set_conflict (self, g_value_get_boolean (value), self->conflict_note);
      break;

    case PROP_CONFLICT_NOTE:
      nawat_evaluation_set_conflict (self, self->conflict_declared, g_value_get_string (value));
      break;

    case PROP_STATUS:
      nawat_evaluation_set_status (self, g_value_get_enum (value));
      break;

    case PROP_UPDATED:
      nawat_evaluation_set_updated (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_evaluation_class_init (NawatEvaluationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NawatDocumentClass *document_class = NAWAT_DOCUMENT_CLASS (klass);

  object_class->constructed = nawat_evaluation_constructed;
  object_class->finalize = nawat_evaluation_finalize;
  object_class->get_property = nawat_evaluation_get_property;
  object_class->set_property = nawat_evaluation_set_property;

  document_class->doc_type = "evaluation";

  properties [PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_EVALUATOR] =
    g_param_spec_string ("evaluator", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_RUBRIC] =
    g_param_spec_string ("rubric", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_OVERALL_COMMENT] =
    g_param_spec_string ("overall-comment", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_RECOMMENDATION] =
    g_param_spec_enum ("recommendation", NULL, NULL,
                       NAWAT_TYPE_RECOMMENDATION,
                       NAWAT_RECOMMENDATION_NONE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties [PROP_CONFLICT_DECLARED] =
    g_param_spec_boolean ("conflict-declared", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties [PROP_CONFLICT_NOTE] =
    g_param_spec_string ("conflict-note", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       NAWAT_TYPE_EVALUATION_STATUS,
                       NAWAT_EVALUATION_DRAFT,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties [PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* Read-only: nawat_evaluation_set_reopened() sets both at once. */
  properties [PROP_REOPENED_BY] =
    g_param_spec_string ("reopened-by", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_REOPENED_AT] =
    g_param_spec_string ("reopened-at", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NawatEvaluation::score-changed:
   * @self: a #NawatEvaluation
   * @key: the "<group>.<criterion>" key whose score was set or cleared
   *
   * Emitted, with @key as the detail, after a score changed.
   */
  signals [SCORE_CHANGED] =
    g_signal_new ("score-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * NawatEvaluation::comment-changed:
   * @self: a #NawatEvaluation
   * @key: the "<group>.<criterion>" key whose comment was set or cleared
   *
   * Emitted, with @key as the detail, after a comment changed.
   */
  signals [COMMENT_CHANGED] =
    g_signal_new ("comment-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nawat_evaluation_init (NawatEvaluation *self)
{
  self->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->recommendation = NAWAT_RECOMMENDATION_NONE;
  self->status = NAWAT_EVALUATION_DRAFT;
}

NawatEvaluation *
nawat_evaluation_new (const char *project_id,
                      const char *evaluator,
                      const char *rubric_id)
{
  return g_object_new (NAWAT_TYPE_EVALUATION,
                       "project", project_id,
                       "evaluator", evaluator,
                       "rubric", rubric_id,
                       NULL);
}

const char *
nawat_evaluation_get_project (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->project;
}

const char *
nawat_evaluation_get_evaluator (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->evaluator;
}

const char *
nawat_evaluation_get_rubric (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->rubric;
}

gboolean
nawat_evaluation_get_score (NawatEvaluation *self,
                            const char      *key,
                            double          *value)
{
  const double *stored;

  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stored = g_hash_table_lookup (self->scores, key);
  if (stored == NULL)
    return FALSE;

  if (value != NULL)
    *value = *stored;

  return TRUE;
}

static void
emit_keyed (NawatEvaluation *self,
            guint            signal_id,
            const char      *key)
{
  g_signal_emit (self, signal_id, g_quark_from_string (key), key);
}

void
nawat_evaluation_set_score (NawatEvaluation *self,
                            const char      *key,
                            double           value)
{
  double *stored;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (isfinite (value));

  stored = g_hash_table_lookup (self->scores, key);
  if (stored != NULL && *stored == value)
    return;

  if (stored != NULL)
    {
      *stored = value;
    }
  else
    {
      stored = g_new (double, 1);
      *stored = value;
      g_hash_table_insert (self->scores, g_strdup (key), stored);
    }

  emit_keyed (self, signals [SCORE_CHANGED], key);
}

void
nawat_evaluation_clear_score (NawatEvaluation *self,
                              const char      *key)
{
  g_autofree char *owned = NULL;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail (key != NULL);

  /* @key may be the table's own string: keep a copy for the signal. */
  owned = g_strdup (key);
  if (g_hash_table_remove (self->scores, owned))
    emit_keyed (self, signals [SCORE_CHANGED], owned);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static GStrv
dup_sorted_keys (GHashTable *table)
{
  GHashTableIter iter;
  gpointer key;
  GStrv keys;
  guint i = 0;

  keys = g_new0 (char *, g_hash_table_size (table) + 1);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    keys[i++] = g_strdup (key);

  qsort (keys, i, sizeof (char *), compare_strings);

  return keys;
}

GStrv
nawat_evaluation_dup_score_keys (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return dup_sorted_keys (self->scores);
}

/* Returns NULL when @key has no comment. */
const char *
nawat_evaluation_get_comment (NawatEvaluation *self,
                              const char      *key)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->comments, key);
}

/* A NULL or empty @comment removes the comment of @key. */
void
nawat_evaluation_set_comment (NawatEvaluation *self,
                              const char      *key,
                              const char      *comment)
{
  g_autofree char *owned = NULL;
  const char *current;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail (key != NULL);

  if (comment != NULL && comment[0] == '\0')
    comment = NULL;

  current = g_hash_table_lookup (self->comments, key);
  if (g_strcmp0 (current, comment) == 0)
    return;

  owned = g_strdup (key);
  if (comment == NULL)
    g_hash_table_remove (self->comments, owned);
  else
    g_hash_table_insert (self->comments, g_strdup (owned), g_strdup (comment));

  emit_keyed (self, signals [COMMENT_CHANGED], owned);
}

GStrv
nawat_evaluation_dup_comment_keys (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return dup_sorted_keys (self->comments);
}

const char *
nawat_evaluation_get_overall_comment (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->overall_comment;
}

void
nawat_evaluation_set_overall_comment (NawatEvaluation *self,
                                      const char      *comment)
{
  g_return_if_fail (NAWAT_IS_EVALUATION (self));

  if (nawat_set_str (&self->overall_comment, comment))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OVERALL_COMMENT]);
}

NawatRecommendation
nawat_evaluation_get_recommendation (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NAWAT_RECOMMENDATION_NONE);

  return self->recommendation;
}

void
nawat_evaluation_set_recommendation (NawatEvaluation     *self,
                                     NawatRecommendation  recommendation)
{
  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail (recommendation <= NAWAT_RECOMMENDATION_REJECT);

  if (self->recommendation == recommendation)
    return;

  self->recommendation = recommendation;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RECOMMENDATION]);
}

gboolean
nawat_evaluation_get_conflict_declared (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), FALSE);

  return self->conflict_declared;
}

const char *
nawat_evaluation_get_conflict_note (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->conflict_note;
}

void
nawat_evaluation_set_conflict (NawatEvaluation *self,
                               gboolean         declared,
                               const char      *note)
{
  g_autofree char *note_copy = NULL;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));

  declared = !!declared;
  /* @note may be our own string, as when set through the property. */
  note_copy = g_strdup (note);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->conflict_declared != (guint)declared)
    {
      self->conflict_declared = declared;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONFLICT_DECLARED]);
    }

  if (nawat_set_str (&self->conflict_note, note_copy))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONFLICT_NOTE]);

  g_object_thaw_notify (G_OBJECT (self));
}

NawatConflictType
nawat_evaluation_get_conflict_type (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NAWAT_CONFLICT_TYPE_NONE);

  return self->conflict_type;
}

void
nawat_evaluation_set_conflict_type (NawatEvaluation   *self,
                                    NawatConflictType  type)
{
  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail (type < NAWAT_N_CONFLICT_TYPES);

  self->conflict_type = type;
}

#define CONFLICT_ANSWERED "conflict_answered"

static JsonObject *json_object_deep_copy (JsonObject *object);

gboolean
nawat_evaluation_get_conflict_answered (NawatEvaluation *self)
{
  JsonObject *extra;
  JsonNode *node;

  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), FALSE);

  if (self->conflict_declared)
    return TRUE;

  extra = nawat_document_get_extra (NAWAT_DOCUMENT (self));
  node = extra != NULL ? json_object_get_member (extra, CONFLICT_ANSWERED) : NULL;
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

void
nawat_evaluation_set_conflict_answered (NawatEvaluation *self)
{
  JsonObject *extra;
  g_autoptr(JsonObject) changed = NULL;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));

  extra = nawat_document_get_extra (NAWAT_DOCUMENT (self));
  if (extra != NULL &&
      json_object_get_boolean_member_with_default (extra, CONFLICT_ANSWERED, FALSE))
    return;

  /* Another evaluation may share the unknown members: a copy changes. */
  changed = extra != NULL ? json_object_deep_copy (extra) : json_object_new ();
  json_object_set_boolean_member (changed, CONFLICT_ANSWERED, TRUE);
  nawat_document_set_extra (NAWAT_DOCUMENT (self), changed);
}

void
nawat_evaluation_declare_conflict (NawatEvaluation *self)
{
  g_auto(GStrv) keys = NULL;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));

  keys = nawat_evaluation_dup_score_keys (self);
  for (guint i = 0; keys[i] != NULL; i++)
    nawat_evaluation_clear_score (self, keys[i]);
  nawat_evaluation_set_conflict_answered (self);
  nawat_evaluation_set_conflict (self, TRUE, self->conflict_note);
}

#define CONFIDENCE "confidence"

int
nawat_evaluation_get_confidence (NawatEvaluation *self)
{
  JsonObject *extra;
  JsonNode *node;
  gint64 value;

  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NAWAT_CONFIDENCE_NONE);

  extra = nawat_document_get_extra (NAWAT_DOCUMENT (self));
  node = extra != NULL ? json_object_get_member (extra, CONFIDENCE) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return NAWAT_CONFIDENCE_NONE;
  value = json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node)
                                                           : (gint64) json_node_get_double (node);
  if (value < NAWAT_CONFIDENCE_LOW || value > NAWAT_CONFIDENCE_HIGH)
    return NAWAT_CONFIDENCE_NONE;
  return (int) value;
}

void
nawat_evaluation_set_confidence (NawatEvaluation *self,
                                 int              confidence)
{
  JsonObject *extra;
  g_autoptr(JsonObject) changed = NULL;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail (confidence >= NAWAT_CONFIDENCE_NONE && confidence <= NAWAT_CONFIDENCE_HIGH);

  if (nawat_evaluation_get_confidence (self) == confidence)
    return;

  /* Another evaluation may share the unknown members: a copy changes. */
  extra = nawat_document_get_extra (NAWAT_DOCUMENT (self));
  changed = extra != NULL ? json_object_deep_copy (extra) : json_object_new ();
  if (confidence == NAWAT_CONFIDENCE_NONE)
    json_object_remove_member (changed, CONFIDENCE);
  else
    json_object_set_int_member (changed, CONFIDENCE, confidence);
  nawat_document_set_extra (NAWAT_DOCUMENT (self), changed);
}

NawatEvaluationStatus
nawat_evaluation_get_status (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NAWAT_EVALUATION_DRAFT);

  return self->status;
}

void
nawat_evaluation_set_status (NawatEvaluation       *self,
                             NawatEvaluationStatus  status)
{
  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail (status <= NAWAT_EVALUATION_SUBMITTED);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

const char *
nawat_evaluation_get_updated (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->updated;
}

void
nawat_evaluation_set_updated (NawatEvaluation *self,
                              const char      *updated)
{
  g_return_if_fail (NAWAT_IS_EVALUATION (self));

  if (nawat_set_str (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED]);
}

const char *
nawat_evaluation_get_reopened_by (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->reopened_by;
}

const char *
nawat_evaluation_get_reopened_at (NawatEvaluation *self)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  return self->reopened_at;
}

void
nawat_evaluation_set_reopened (NawatEvaluation *self,
                               const char      *by,
                               const char      *at)
{
  g_autofree char *by_copy = NULL;
  g_autofree char *at_copy = NULL;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));
  g_return_if_fail ((by == NULL) == (at == NULL));

  /* Either may be our own string. */
  by_copy = g_strdup (by);
  at_copy = g_strdup (at);

  g_object_freeze_notify (G_OBJECT (self));

  if (nawat_set_str (&self->reopened_by, by_copy))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REOPENED_BY]);
  if (nawat_set_str (&self->reopened_at, at_copy))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REOPENED_AT]);

  g_object_thaw_notify (G_OBJECT (self));
}

void
nawat_evaluation_touch (NawatEvaluation *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *updated = NULL;

  g_return_if_fail (NAWAT_IS_EVALUATION (self));

  now = g_date_time_new_now_utc ();
  updated = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  nawat_evaluation_set_updated (self, updated);
}

static JsonNode *
json_deep_copy (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(JsonObject) copy = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (copy, name, json_deep_copy (member));

        return json_node_init_object (json_node_alloc (), copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_new ();
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          json_array_add_element (copy, json_deep_copy (json_array_get_element (array, i)));

        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

static JsonObject *
json_object_deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);
  copy = json_deep_copy (node);

  return json_node_dup_object (copy);
}

NawatEvaluation *
nawat_evaluation_copy (NawatEvaluation *self)
{
  NawatDocument *document = (NawatDocument *)self;
  g_autoptr(JsonObject) extra = NULL;
  NawatEvaluation *copy;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_val_if_fail (NAWAT_IS_EVALUATION (self), NULL);

  copy = nawat_evaluation_new (self->project, self->evaluator, self->rubric);
  nawat_document_set_id (NAWAT_DOCUMENT (copy), nawat_document_get_id (document));
  nawat_document_set_rev (NAWAT_DOCUMENT (copy), nawat_document_get_rev (document));
  extra = json_object_deep_copy (nawat_document_get_extra (document));
  nawat_document_set_extra (NAWAT_DOCUMENT (copy), extra);

  g_hash_table_iter_init (&iter, self->scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->scores, g_strdup (key), g_memdup2 (value, sizeof (double)));

  g_hash_table_iter_init (&iter, self->comments);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->comments, g_strdup (key), g_strdup (value));

  copy->overall_comment = g_strdup (self->overall_comment);
  copy->recommendation = self->recommendation;
  copy->conflict_declared = self->conflict_declared;
  copy->conflict_note = g_strdup (self->conflict_note);
  copy->conflict_type = self->conflict_type;
  copy->status = self->status;
  copy->updated = g_strdup (self->updated);
  copy->reopened_by = g_strdup (self->reopened_by);
  copy->reopened_at = g_strdup (self->reopened_at);

  return copy;
}

/* NULL and "" are the same text here: both are written as nothing. */
static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* The same keys, each with a value equal by @value_equal. */
static gboolean
tables_equal (GHashTable *a,
              GHashTable *b,
              GEqualFunc  value_equal)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer other;

      if (!g_hash_table_lookup_extended (b, key, NULL, &other) || !value_equal (value, other))
        return FALSE;
    }

  return TRUE;
}

/* A missing object and an empty one are the same. */
static gboolean
extra_equal (JsonObject *a,
             JsonObject *b)
{
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  if (a == b)
    return TRUE;
  if (a == NULL)
    return json_object_get_size (b) == 0;
  if (b == NULL)
    return json_object_get_size (a) == 0;

  node_a = json_node_init_object (json_node_alloc (), a);
  node_b = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (node_a, node_b);
}

gboolean
nawat_evaluation_equal_content (NawatEvaluation *a,
                                NawatEvaluation *b)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (a), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (b), FALSE);

  if (a == b)
    return TRUE;

  return g_strcmp0 (nawat_document_get_id (NAWAT_DOCUMENT (a)),
                    nawat_document_get_id (NAWAT_DOCUMENT (b))) == 0 &&
         g_strcmp0 (a->project, b->project) == 0 &&
         g_strcmp0 (a->evaluator, b->evaluator) == 0 &&
         g_strcmp0 (a->rubric, b->rubric) == 0 &&
         tables_equal (a->scores, b->scores, g_double_equal) &&
         tables_equal (a->comments, b->comments, g_str_equal) &&
         text_equal (a->overall_comment, b->overall_comment) &&
         a->recommendation == b->recommendation &&
         a->conflict_declared == b->conflict_declared &&
         text_equal (a->conflict_note, b->conflict_note) &&
         a->conflict_type == b->conflict_type &&
         a->status == b->status &&
         g_strcmp0 (a->reopened_by, b->reopened_by) == 0 &&
         g_strcmp0 (a->reopened_at, b->reopened_at) == 0 &&
         extra_equal (nawat_document_get_extra (NAWAT_DOCUMENT (a)),
                      nawat_document_get_extra (NAWAT_DOCUMENT (b)));
}

const char *
nawat_recommendation_to_string (NawatRecommendation recommendation)
{
  switch (recommendation)
    {
    case NAWAT_RECOMMENDATION_FUND:
      return "fund";

    case NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS:
      return "fund-with-conditions";

    case NAWAT_RECOMMENDATION_REJECT:
      return "reject";

    case NAWAT_RECOMMENDATION_NONE:
    default:
      return NULL;
    }
}

static const char * const conflict_types[] = {
  [NAWAT_CONFLICT_TYPE_NONE] = NULL,
  [NAWAT_CONFLICT_TYPE_SAME_ORGANISATION] = "same-organisation",
  [NAWAT_CONFLICT_TYPE_PARTNER_ORGANISATION] = "partner-organisation",
  [NAWAT_CONFLICT_TYPE_COLLABORATOR] = "collaborator",
  [NAWAT_CONFLICT_TYPE_PERSONAL] = "personal",
  [NAWAT_CONFLICT_TYPE_FINANCIAL] = "financial",
  [NAWAT_CONFLICT_TYPE_OTHER] = "other",
};

const char *
nawat_conflict_type_to_string (NawatConflictType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (conflict_types), NULL);

  return conflict_types[type];
}

gboolean
nawat_conflict_type_from_string (const char        *str,
                                 NawatConflictType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (conflict_types); i++)
    if (g_strcmp0 (str, conflict_types[i]) == 0)
      {
        if (type != NULL)
          *type = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
nawat_recommendation_from_string (const char          *str,
                                  NawatRecommendation *recommendation)
{
  NawatRecommendation value;

  if (str == NULL)
    value = NAWAT_RECOMMENDATION_NONE;
  else if (g_str_equal (str, "fund"))
    value = NAWAT_RECOMMENDATION_FUND;
  else if (g_str_equal (str, "fund-with-conditions"))
    value = NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS;
  else if (g_str_equal (str, "reject"))
    value = NAWAT_RECOMMENDATION_REJECT;
  else
    return FALSE;

  if (recommendation != NULL)
    *recommendation = value;

  return TRUE;
}

const char *
nawat_evaluation_status_to_string (NawatEvaluationStatus status)
{
  switch (status)
    {
    case NAWAT_EVALUATION_SUBMITTED:
      return "submitted";

    case NAWAT_EVALUATION_DRAFT:
    default:
      return "draft";
    }
}

gboolean
nawat_evaluation_status_from_string (const char            *str,
                                     NawatEvaluationStatus *status)
{
  NawatEvaluationStatus value;

  if (g_strcmp0 (str, "draft") == 0)
    value = NAWAT_EVALUATION_DRAFT;
  else if (g_strcmp0 (str, "submitted") == 0)
    value = NAWAT_EVALUATION_SUBMITTED;
  else
    return FALSE;

  if (status != NULL)
    *status = value;

  return TRUE;
}
