/* nawat-rubric-group.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-rubric-group.h"

struct _NawatRubricGroup
{
  GObject           parent_instance;

  char             *key;
  NawatText        *label;
  GListStore       *criteria;
  double            weight;
  NawatAggregation  aggregation;
};

G_DEFINE_FINAL_TYPE (NawatRubricGroup, nawat_rubric_group, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (NawatAggregation, nawat_aggregation,
  G_DEFINE_ENUM_VALUE (NAWAT_AGGREGATION_MEAN, "mean"),
  G_DEFINE_ENUM_VALUE (NAWAT_AGGREGATION_MAX, "max"))

enum {
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_WEIGHT,
  PROP_AGGREGATION,
  PROP_CRITERIA,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nawat_rubric_group_dispose (GObject *object)
{
  NawatRubricGroup *self = (NawatRubricGroup *)object;

  g_clear_object (&self->criteria);

  G_OBJECT_CLASS (nawat_rubric_group_parent_class)->dispose (object);
}

static void
nawat_rubric_group_finalize (GObject *object)
{
  NawatRubricGroup *self = (NawatRubricGroup *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, nawat_text_free);

  G_OBJECT_CLASS (nawat_rubric_group_parent_class)->finalize (object);
}

static void
nawat_rubric_group_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatRubricGroup *self = NAWAT_RUBRIC_GROUP (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_LABEL:
      g_value_set_boxed (value, self->label);
      break;

    case PROP_WEIGHT:
      g_value_set_double (value, self->weight);
      break;

    case PROP_AGGREGATION:
      g_value_set_enum (value, self->aggregation);
      break;

    case PROP_CRITERIA:
      g_value_set_object (value, self->criteria);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_rubric_group_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NawatRubricGroup *self = NAWAT_RUBRIC_GROUP (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      nawat_rubric_group_set_label (self, g_value_get_boxed (value));
      break;

    case PROP_WEIGHT:
      nawat_rubric_group_set_weight (self, g_value_get_double (value));
      break;

    case PROP_AGGREGATION:
      nawat_rubric_group_set_aggregation (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_rubric_group_class_init (NawatRubricGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);

  object_class->dispose = nawat_rubric_group_dispose;
  object_class->finalize = nawat_rubric_group_finalize;
  object_class->get_property = nawat_rubric_group_get_property;
  object_class->set_property = nawat_rubric_group_set_property;

  properties [PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_LABEL] =
    g_param_spec_boxed ("label", NULL, NULL, NAWAT_TYPE_TEXT, flags);
  properties [PROP_WEIGHT] =
    g_param_spec_double ("weight", NULL, NULL, 0.0, G_MAXDOUBLE, 1.0, flags);
  properties [PROP_AGGREGATION] =
    g_param_spec_enum ("aggregation", NULL, NULL,
                       NAWAT_TYPE_AGGREGATION,
                       NAWAT_AGGREGATION_MEAN,
                       flags);
  properties [PROP_CRITERIA] =
    g_param_spec_object ("criteria", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_rubric_group_init (NawatRubricGroup *self)
{
  self->criteria = g_list_store_new (NAWAT_TYPE_CRITERION);
  self->weight = 1.0;
  self->aggregation = NAWAT_AGGREGATION_MEAN;
}

NawatRubricGroup *
nawat_rubric_group_new (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_object_new (NAWAT_TYPE_RUBRIC_GROUP,
                       "key", key,
                       NULL);
}

const char *
nawat_rubric_group_get_key (NawatRubricGroup *self)
{
  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (self), NULL);

  return self->key;
}

const NawatText *
nawat_rubric_group_get_label (NawatRubricGroup *self)
{
  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (self), NULL);

  return self->label;
}

void
nawat_rubric_group_set_label (NawatRubricGroup *self,
                              const NawatText  *label)
{
  g_return_if_fail (NAWAT_IS_RUBRIC_GROUP (self));

  if (nawat_set_text (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LABEL]);
}

double
nawat_rubric_group_get_weight (NawatRubricGroup *self)
{
  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (self), 0.0);

  return self->weight;
}

void
nawat_rubric_group_set_weight (NawatRubricGroup *self,
                               double            weight)
{
  g_return_if_fail (NAWAT_IS_RUBRIC_GROUP (self));
  g_return_if_fail (weight >= 0.0);

  if (self->weight == weight)
    return;

  self->weight = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WEIGHT]);
}

NawatAggregation
nawat_rubric_group_get_aggregation (NawatRubricGroup *self)
{
  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (self), NAWAT_AGGREGATION_MEAN);

  return self->aggregation;
}

void
nawat_rubric_group_set_aggregation (NawatRubricGroup *self,
                                    NawatAggregation  aggregation)
{
  g_return_if_fail (NAWAT_IS_RUBRIC_GROUP (self));
  g_return_if_fail (aggregation <= NAWAT_AGGREGATION_MAX);

  if (self->aggregation == aggregation)
    return;

  self->aggregation = aggregation;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AGGREGATION]);
}

GListModel *
nawat_rubric_group_get_criteria (NawatRubricGroup *self)
{
  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (self), NULL);

  return G_LIST_MODEL (self->criteria);
}

/* Appends @criterion (taking a new reference). */
void
nawat_rubric_group_add_criterion (NawatRubricGroup *self,
                                  NawatCriterion   *criterion)
{
  g_return_if_fail (NAWAT_IS_RUBRIC_GROUP (self));
  g_return_if_fail (NAWAT_IS_CRITERION (criterion));

  g_list_store_append (self->criteria, criterion);
}

/* Returns the criterion with @key (transfer none), or NULL. */
NawatCriterion *
nawat_rubric_group_find_criterion (NawatRubricGroup *self,
                                   const char       *key)
{
  guint n;

  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->criteria));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NawatCriterion) criterion = g_list_model_get_item (G_LIST_MODEL (self->criteria), i);

      /* The store keeps its own reference, so returning it is safe. */
      if (g_strcmp0 (nawat_criterion_get_key (criterion), key) == 0)
        return criterion;
    }

  return NULL;
}

char *
nawat_rubric_group_dup_score_key (NawatRubricGroup *self,
                                  NawatCriterion   *criterion)
{
  g_return_val_if_fail (NAWAT_IS_RUBRIC_GROUP (self), NULL);
  g_return_val_if_fail (NAWAT_IS_CRITERION (criterion), NULL);

  return g_strconcat (self->key, ".", nawat_criterion_get_key (criterion), NULL);
}
