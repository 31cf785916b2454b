/* nawat-call.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-call.h"

#include <stdlib.h>
#include <string.h>

#define CALL_PREFIX "call:"

struct _NawatCall
{
  NawatDocument  parent_instance;

  NawatText     *title;
  char          *rubric;
  char          *theme;
  char          *deadline;
  GStrv          evaluators;
  /* evaluator name → ISO 8601 date-time: that evaluator's own deadline */
  GHashTable    *extensions;
  /* evaluator name → NawatEvaluatorProfile */
  GHashTable    *profiles;
  int            year_be;
};

G_DEFINE_BOXED_TYPE (NawatEvaluatorProfile, nawat_evaluator_profile,
                     nawat_evaluator_profile_copy, nawat_evaluator_profile_free)

G_DEFINE_FINAL_TYPE (NawatCall, nawat_call, NAWAT_TYPE_DOCUMENT)

enum {
  PROP_0,
  PROP_CALL_ID,
  PROP_TITLE,
  PROP_YEAR_BE,
  PROP_RUBRIC,
  PROP_THEME,
  PROP_DEADLINE,
  PROP_EVALUATORS,
  PROP_EXTENSIONS,
  PROP_PROFILES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nawat_call_finalize (GObject *object)
{
  NawatCall *self = (NawatCall *)object;

  g_clear_pointer (&self->title, nawat_text_free);
  g_clear_pointer (&self->rubric, g_free);
  g_clear_pointer (&self->theme, g_free);
  g_clear_pointer (&self->deadline, g_free);
  g_clear_pointer (&self->evaluators, g_strfreev);
  g_clear_pointer (&self->extensions, g_hash_table_unref);
  g_clear_pointer (&self->profiles, g_hash_table_unref);

  G_OBJECT_CLASS (nawat_call_parent_class)->finalize (object);
}

static void
nawat_call_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NawatCall *self = NAWAT_CALL (object);

  switch (prop_id)
    {
    case PROP_CALL_ID:
      g_value_set_string (value, nawat_call_get_call_id (self));
      break;

    case PROP_TITLE:
      g_value_set_boxed (value, self->title);
      break;

    case PROP_YEAR_BE:
      g_value_set_int (value, self->year_be);
      break;

    case PROP_RUBRIC:
      g_value_set_string (value, self->rubric);
      break;

    case PROP_THEME:
      g_value_set_string (value, self->theme);
      break;

    case PROP_DEADLINE:
      g_value_set_string (value, self->deadline);
      break;

    case PROP_EVALUATORS:
      g_value_set_boxed (value, self->evaluators);
      break;

    case PROP_EXTENSIONS:
      g_value_take_boxed (value, nawat_call_dup_extension_names (self));
      break;

    case PROP_PROFILES:
      g_value_take_boxed (value, nawat_call_dup_profile_names (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_call_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NawatCall *self = NAWAT_CALL (object);

  switch (prop_id)
    {
    case PROP_CALL_ID:
      if (g_value_get_string (value) != NULL)
        {
          g_autofree char *id = g_strconcat (CALL_PREFIX, g_value_get_string (value), NULL);

          nawat_document_set_id (NAWAT_DOCUMENT (self), id);
        }
      break;

    case PROP_TITLE:
      nawat_call_set_title (self, g_value_get_boxed (value));
      break;

    case PROP_YEAR_BE:
      nawat_call_set_year_be (self, g_value_get_int (value));
      break;

    case PROP_RUBRIC:
      nawat_call_set_rubric (self, g_value_get_string (value));
      break;

    case PROP_THEME:
      nawat_call_set_theme (self, g_value_get_string (value));
      break;

    case PROP_DEADLINE:
      nawat_call_set_deadline (self, g_value_get_string (value));
      break;

    case PROP_EVALUATORS:
      nawat_call_set_evaluators (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_call_class_init (NawatCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NawatDocumentClass *document_class = NAWAT_DOCUMENT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);

  object_class->finalize = nawat_call_finalize;
  object_class->get_property = nawat_call_get_property;
  object_class->set_property = nawat_call_set_property;

  document_class->doc_type = "call";

  properties [PROP_CALL_ID] =
    g_param_spec_string ("call-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_boxed ("title", NULL, NULL, NAWAT_TYPE_TEXT, flags);
  properties [PROP_YEAR_BE] =
    g_param_spec_int ("year-be", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_RUBRIC] =
    g_param_spec_string ("rubric", NULL, NULL, NULL, flags);
  properties [PROP_THEME] =
    g_param_spec_string ("theme", NULL, NULL, NULL, flags);
  properties [PROP_DEADLINE] =
    g_param_spec_string ("deadline", NULL, NULL, NULL, flags);
  properties [PROP_EVALUATORS] =
    g_param_spec_boxed ("evaluators", NULL, NULL, G_TYPE_STRV, flags);
  /* The names that have an extension; notified when any extension changes. */
  properties [PROP_EXTENSIONS] =
    g_param_spec_boxed ("extensions", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* The names that have a profile; notified when any profile changes. */
  properties [PROP_PROFILES] =
    g_param_spec_boxed ("profiles", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_call_init (NawatCall *self)
{
  self->evaluators = g_new0 (char *, 1);
  self->extensions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->profiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) nawat_evaluator_profile_free);
}

NawatCall *
nawat_call_new (const char *call_id)
{
  g_return_val_if_fail (call_id != NULL, NULL);

  return g_object_new (NAWAT_TYPE_CALL,
                       "call-id", call_id,
                       NULL);
}

const char *
nawat_call_get_call_id (NawatCall *self)
{
  const char *id;

  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  id = nawat_document_get_id (NAWAT_DOCUMENT (self));
  if (id != NULL && g_str_has_prefix (id, CALL_PREFIX))
    return id + strlen (CALL_PREFIX);

  return id;
}

const NawatText *
nawat_call_get_title (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  return self->title;
}

void
nawat_call_set_title (NawatCall       *self,
                      const NawatText *title)
{
  g_return_if_fail (NAWAT_IS_CALL (self));

  if (nawat_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

int
nawat_call_get_year_be (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), 0);

  return self->year_be;
}

void
nawat_call_set_year_be (NawatCall *self,
                        int        year_be)
{
  g_return_if_fail (NAWAT_IS_CALL (self));
  g_return_if_fail (year_be >= 0);

  if (self->year_be == year_be)
    return;

  self->year_be = year_be;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_YEAR_BE]);
}

const char *
nawat_call_get_rubric (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  return self->rubric;
}

void
nawat_call_set_rubric (NawatCall  *self,
                       const char *rubric_id)
{
  g_return_if_fail (NAWAT_IS_CALL (self));

  if (nawat_set_str (&self->rubric, rubric_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUBRIC]);
}

const char *
nawat_call_get_theme (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  return self->theme;
}

void
nawat_call_set_theme (NawatCall  *self,
                      const char *theme)
{
  g_return_if_fail (NAWAT_IS_CALL (self));

  if (nawat_set_str (&self->theme, theme))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_THEME]);
}

const char *
nawat_call_get_deadline (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  return self->deadline;
}

void
nawat_call_set_deadline (NawatCall  *self,
                         const char *deadline)
{
  g_return_if_fail (NAWAT_IS_CALL (self));

  if (nawat_set_str (&self->deadline, deadline))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEADLINE]);
}

/* Never NULL: an empty array when the call has no evaluators. */
const char * const *
nawat_call_get_evaluators (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  return (const char * const *)self->evaluators;
}

void
nawat_call_set_evaluators (NawatCall          *self,
                           const char * const *evaluators)
{
  static const char * const empty[] = { NULL };
  GStrv copy;

  g_return_if_fail (NAWAT_IS_CALL (self));

  if (evaluators == NULL)
    evaluators = empty;

  if (g_strv_equal ((const char * const *)self->evaluators, evaluators))
    return;

  copy = g_strdupv ((char **)evaluators);
  g_strfreev (self->evaluators);
  self->evaluators = copy;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EVALUATORS]);
}

const char *
nawat_call_get_extension (NawatCall  *self,
                          const char *evaluator)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);
  g_return_val_if_fail (evaluator != NULL, NULL);

  return g_hash_table_lookup (self->extensions, evaluator);
}

void
nawat_call_set_extension (NawatCall  *self,
                          const char *evaluator,
                          const char *until)
{
  g_return_if_fail (NAWAT_IS_CALL (self));
  g_return_if_fail (evaluator != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->extensions, evaluator), until) == 0)
    return;

  if (until == NULL)
    g_hash_table_remove (self->extensions, evaluator);
  else
    g_hash_table_insert (self->extensions, g_strdup (evaluator), g_strdup (until));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EXTENSIONS]);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static GStrv
dup_sorted_keys (GHashTable *table)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv names;

  keys = g_hash_table_get_keys_as_array (table, &n);
  qsort (keys, n, sizeof (gpointer), compare_names);

  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);

  return names;
}

GStrv
nawat_call_dup_extension_names (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  return dup_sorted_keys (self->extensions);
}

NawatEvaluatorProfile *
nawat_evaluator_profile_new (void)
{
  NawatEvaluatorProfile *self = g_new0 (NawatEvaluatorProfile, 1);

  self->domains = g_new0 (char *, 1);
  self->max_load = -1;
  return self;
}

NawatEvaluatorProfile *
nawat_evaluator_profile_copy (const NawatEvaluatorProfile *self)
{
  NawatEvaluatorProfile *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (NawatEvaluatorProfile, 1);
  copy->display_name = g_strdup (self->display_name);
  copy->organisation = g_strdup (self->organisation);
  copy->domains = self->domains != NULL ? g_strdupv (self->domains) : g_new0 (char *, 1);
  copy->max_load = self->max_load;
  copy->extra = self->extra != NULL ? json_object_ref (self->extra) : NULL;
  return copy;
}

void
nawat_evaluator_profile_free (NawatEvaluatorProfile *self)
{
  if (self == NULL)
    return;

  g_free (self->display_name);
  g_free (self->organisation);
  g_strfreev (self->domains);
  g_clear_pointer (&self->extra, json_object_unref);
  g_free (self);
}

const NawatEvaluatorProfile *
nawat_call_get_profile (NawatCall  *self,
                        const char *evaluator)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);
  g_return_val_if_fail (evaluator != NULL, NULL);

  return g_hash_table_lookup (self->profiles, evaluator);
}

void
nawat_call_set_profile (NawatCall                   *self,
                        const char                  *evaluator,
                        const NawatEvaluatorProfile *profile)
{
  g_return_if_fail (NAWAT_IS_CALL (self));
  g_return_if_fail (evaluator != NULL);

  if (profile == NULL)
    {
      if (!g_hash_table_remove (self->profiles, evaluator))
        return;
    }
  else
    g_hash_table_insert (self->profiles, g_strdup (evaluator),
                         nawat_evaluator_profile_copy (profile));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILES]);
}

GStrv
nawat_call_dup_profile_names (NawatCall *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL (self), NULL);

  return dup_sorted_keys (self->profiles);
}
