/* nawat-criterion.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-criterion.h"

struct _NawatCriterion
{
  GObject    parent_instance;

  char      *key;
  NawatText *label;
  GPtrArray *levels;
  double     weight;
  int        min;
  int        max;
  guint      required : 1;
};

G_DEFINE_FINAL_TYPE (NawatCriterion, nawat_criterion, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_MIN,
  PROP_MAX,
  PROP_WEIGHT,
  PROP_REQUIRED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nawat_criterion_finalize (GObject *object)
{
  NawatCriterion *self = (NawatCriterion *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, nawat_text_free);
  g_clear_pointer (&self->levels, g_ptr_array_unref);

  G_OBJECT_CLASS (nawat_criterion_parent_class)->finalize (object);
}

static void
nawat_criterion_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NawatCriterion *self = NAWAT_CRITERION (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_LABEL:
      g_value_set_boxed (value, self->label);
      break;

    case PROP_MIN:
      g_value_set_int (value, self->min);
      break;

    case PROP_MAX:
      g_value_set_int (value, self->max);
      break;

    case PROP_WEIGHT:
      g_value_set_double (value, self->weight);
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_criterion_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NawatCriterion *self = NAWAT_CRITERION (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      nawat_criterion_set_label (self, g_value_get_boxed (value));
      break;

    case PROP_MIN:
      nawat_criterion_set_min (self, g_value_get_int (value));
      break;

    case PROP_MAX:
      nawat_criterion_set_max (self, g_value_get_int (value));
      break;

    case PROP_WEIGHT:
      nawat_criterion_set_weight (self, g_value_get_double (value));
      break;

    case PROP_REQUIRED:
      nawat_criterion_set_required (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_criterion_class_init (NawatCriterionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);

  object_class->finalize = nawat_criterion_finalize;
  object_class->get_property = nawat_criterion_get_property;
  object_class->set_property = nawat_criterion_set_property;

  properties [PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_LABEL] =
    g_param_spec_boxed ("label", NULL, NULL, NAWAT_TYPE_TEXT, flags);
  properties [PROP_MIN] =
    g_param_spec_int ("min", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties [PROP_MAX] =
    g_param_spec_int ("max", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties [PROP_WEIGHT] =
    g_param_spec_double ("weight", NULL, NULL, 0.0, G_MAXDOUBLE, 1.0, flags);
  properties [PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_criterion_init (NawatCriterion *self)
{
  self->levels = g_ptr_array_new_with_free_func ((GDestroyNotify)nawat_level_free);
  self->weight = 1.0;
  self->required = TRUE;
}

NawatCriterion *
nawat_criterion_new (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_object_new (NAWAT_TYPE_CRITERION,
                       "key", key,
                       NULL);
}

const char *
nawat_criterion_get_key (NawatCriterion *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), NULL);

  return self->key;
}

const NawatText *
nawat_criterion_get_label (NawatCriterion *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), NULL);

  return self->label;
}

void
nawat_criterion_set_label (NawatCriterion  *self,
                           const NawatText *label)
{
  g_return_if_fail (NAWAT_IS_CRITERION (self));

  if (nawat_set_text (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LABEL]);
}

int
nawat_criterion_get_min (NawatCriterion *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), 0);

  return self->min;
}

void
nawat_criterion_set_min (NawatCriterion *self,
                         int             min)
{
  g_return_if_fail (NAWAT_IS_CRITERION (self));

  if (self->min == min)
    return;

  self->min = min;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MIN]);
}

int
nawat_criterion_get_max (NawatCriterion *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), 0);

  return self->max;
}

void
nawat_criterion_set_max (NawatCriterion *self,
                         int             max)
{
  g_return_if_fail (NAWAT_IS_CRITERION (self));

  if (self->max == max)
    return;

  self->max = max;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MAX]);
}

double
nawat_criterion_get_weight (NawatCriterion *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), 0.0);

  return self->weight;
}

void
nawat_criterion_set_weight (NawatCriterion *self,
                            double          weight)
{
  g_return_if_fail (NAWAT_IS_CRITERION (self));
  g_return_if_fail (weight >= 0.0);

  if (self->weight == weight)
    return;

  self->weight = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WEIGHT]);
}

gboolean
nawat_criterion_get_required (NawatCriterion *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), FALSE);

  return self->required;
}

void
nawat_criterion_set_required (NawatCriterion *self,
                              gboolean        required)
{
  g_return_if_fail (NAWAT_IS_CRITERION (self));

  required = !!required;
  if (self->required == (guint)required)
    return;

  self->required = required;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUIRED]);
}

GPtrArray *
nawat_criterion_get_levels (NawatCriterion *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), NULL);

  return self->levels;
}

/* Adds a copy of @level in value order; it replaces a level of the same value. */
void
nawat_criterion_add_level (NawatCriterion   *self,
                           const NawatLevel *level)
{
  guint i;

  g_return_if_fail (NAWAT_IS_CRITERION (self));
  g_return_if_fail (level != NULL);

  for (i = 0; i < self->levels->len; i++)
    {
      NawatLevel *existing = g_ptr_array_index (self->levels, i);

      if (existing->value == level->value)
        {
          nawat_level_free (existing);
          g_ptr_array_index (self->levels, i) = nawat_level_copy (level);
          return;
        }

      if (existing->value > level->value)
        break;
    }

  g_ptr_array_insert (self->levels, i, nawat_level_copy (level));
}

const NawatLevel *
nawat_criterion_find_level (NawatCriterion *self,
                            int             value)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION (self), NULL);

  for (guint i = 0; i < self->levels->len; i++)
    {
      const NawatLevel *level = g_ptr_array_index (self->levels, i);

      if (level->value == value)
        return level;
    }

  return NULL;
}
