/* nawat-project.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project.h"

struct _NawatProject
{
  NawatDocument  parent_instance;

  char          *call;
  char          *code;
  NawatText     *title;
  NawatText     *summary;
  char          *organisation;
  char          *province;
  char          *reach;
  GStrv          domains;
  GPtrArray     *partners;
  gint64         budget_thb;
  int            duration_months;
  char          *submitted;
  GStrv          assigned;
  GPtrArray     *attachments;
};

G_DEFINE_FINAL_TYPE (NawatProject, nawat_project, NAWAT_TYPE_DOCUMENT)

enum {
  PROP_0,
  PROP_CALL,
  PROP_CODE,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_ORGANISATION,
  PROP_PROVINCE,
  PROP_REACH,
  PROP_DOMAINS,
  PROP_BUDGET_THB,
  PROP_DURATION_MONTHS,
  PROP_SUBMITTED,
  PROP_ASSIGNED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const empty_strv[] = { NULL };

/* Replaces *@dest by a copy of @src (NULL meaning empty) when they differ. */
static gboolean
set_strv (GStrv              *dest,
          const char * const *src)
{
  GStrv copy;

  if (src == NULL)
    src = empty_strv;

  if (*dest != NULL && g_strv_equal ((const char * const *)*dest, src))
    return FALSE;

  copy = g_strdupv ((char **)src);
  g_strfreev (*dest);
  *dest = copy;

  return TRUE;
}

static void
nawat_project_constructed (GObject *object)
{
  NawatProject *self = (NawatProject *)object;

  G_OBJECT_CLASS (nawat_project_parent_class)->constructed (object);

  if (self->call != NULL && self->code != NULL)
    {
      g_autofree char *id = g_strconcat ("project:", self->call, ":", self->code, NULL);

      nawat_document_set_id (NAWAT_DOCUMENT (self), id);
    }
}

static void
nawat_project_finalize (GObject *object)
{
  NawatProject *self = (NawatProject *)object;

  g_clear_pointer (&self->call, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->title, nawat_text_free);
  g_clear_pointer (&self->summary, nawat_text_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->province, g_free);
  g_clear_pointer (&self->reach, g_free);
  g_clear_pointer (&self->domains, g_strfreev);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->submitted, g_free);
  g_clear_pointer (&self->assigned, g_strfreev);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);

  G_OBJECT_CLASS (nawat_project_parent_class)->finalize (object);
}

static void
nawat_project_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NawatProject *self = NAWAT_PROJECT (object);

  switch (prop_id)
    {
    case PROP_CALL:
      g_value_set_string (value, self->call);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_TITLE:
      g_value_set_boxed (value, self->title);
      break;

    case PROP_SUMMARY:
      g_value_set_boxed (value, self->summary);
      break;

    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;

    case PROP_PROVINCE:
      g_value_set_string (value, self->province);
      break;

    case PROP_REACH:
      g_value_set_string (value, self->reach);
      break;

    case PROP_DOMAINS:
      g_value_set_boxed (value, self->domains);
      break;

    case PROP_BUDGET_THB:
      g_value_set_int64 (value, self->budget_thb);
      break;

    case PROP_DURATION_MONTHS:
      g_value_set_int (value, self->duration_months);
      break;

    case PROP_SUBMITTED:
      g_value_set_string (value, self->submitted);
      break;

    case PROP_ASSIGNED:
      g_value_set_boxed (value, self->assigned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_project_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NawatProject *self = NAWAT_PROJECT (object);

  switch (prop_id)
    {
    case PROP_CALL:
      self->call = g_value_dup_string (value);
      break;

    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      nawat_project_set_title (self, g_value_get_boxed (value));
      break;

    case PROP_SUMMARY:
      nawat_project_set_summary (self, g_value_get_boxed (value));
      break;

    case PROP_ORGANISATION:
      nawat_project_set_organisation (self, g_value_get_string (value));
      break;

    case PROP_PROVINCE:
      nawat_project_set_province (self, g_value_get_string (value));
      break;

    case PROP_REACH:
      nawat_project_set_reach (self, g_value_get_string (value));
      break;

    case PROP_DOMAINS:
      nawat_project_set_domains (self, g_value_get_boxed (value));
      break;

    case PROP_BUDGET_THB:
      nawat_project_set_budget_thb (self, g_value_get_int64 (value));
      break;

    case PROP_DURATION_MONTHS:
      nawat_project_set_duration_months (self, g_value_get_int (value));
      break;

    case PROP_SUBMITTED:
      nawat_project_set_submitted (self, g_value_get_string (value));
      break;

    case PROP_ASSIGNED:
      nawat_project_set_assigned (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_project_class_init (NawatProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NawatDocumentClass *document_class = NAWAT_DOCUMENT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);
  const GParamFlags construct_flags = (G_PARAM_READWRITE |
                                       G_PARAM_CONSTRUCT_ONLY |
                                       G_PARAM_STATIC_STRINGS);

  object_class->constructed = nawat_project_constructed;
  object_class->finalize = nawat_project_finalize;
  object_class->get_property = nawat_project_get_property;
  object_class->set_property = nawat_project_set_property;

  document_class->doc_type = "project";

  properties [PROP_CALL] =
    g_param_spec_string ("call", NULL, NULL, NULL, construct_flags);
  properties [PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, construct_flags);
  properties [PROP_TITLE] =
    g_param_spec_boxed ("title", NULL, NULL, NAWAT_TYPE_TEXT, flags);
  properties [PROP_SUMMARY] =
    g_param_spec_boxed ("summary", NULL, NULL, NAWAT_TYPE_TEXT, flags);
  properties [PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, NULL, flags);
  properties [PROP_PROVINCE] =
    g_param_spec_string ("province", NULL, NULL, NULL, flags);
  properties [PROP_REACH] =
    g_param_spec_string ("reach", NULL, NULL, NULL, flags);
  properties [PROP_DOMAINS] =
    g_param_spec_boxed ("domains", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_BUDGET_THB] =
    g_param_spec_int64 ("budget-thb", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_DURATION_MONTHS] =
    g_param_spec_int ("duration-months", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_SUBMITTED] =
    g_param_spec_string ("submitted", NULL, NULL, NULL, flags);
  properties [PROP_ASSIGNED] =
    g_param_spec_boxed ("assigned", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_project_init (NawatProject *self)
{
  self->domains = g_new0 (char *, 1);
  self->assigned = g_new0 (char *, 1);
  self->partners = g_ptr_array_new_with_free_func ((GDestroyNotify)nawat_partner_free);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)nawat_attachment_free);
}

NawatProject *
nawat_project_new (const char *call_id,
                   const char *code)
{
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_object_new (NAWAT_TYPE_PROJECT,
                       "call", call_id,
                       "code", code,
                       NULL);
}

const char *
nawat_project_get_call (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->call;
}

const char *
nawat_project_get_code (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->code;
}

const NawatText *
nawat_project_get_title (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->title;
}

void
nawat_project_set_title (NawatProject    *self,
                         const NawatText *title)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (nawat_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const NawatText *
nawat_project_get_summary (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->summary;
}

void
nawat_project_set_summary (NawatProject    *self,
                           const NawatText *summary)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (nawat_set_text (&self->summary, summary))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUMMARY]);
}

const char *
nawat_project_get_organisation (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->organisation;
}

void
nawat_project_set_organisation (NawatProject *self,
                                const char   *organisation)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (nawat_set_str (&self->organisation, organisation))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ORGANISATION]);
}

const char *
nawat_project_get_province (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->province;
}

void
nawat_project_set_province (NawatProject *self,
                            const char   *province)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (nawat_set_str (&self->province, province))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROVINCE]);
}

const char *
nawat_project_get_reach (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->reach;
}

void
nawat_project_set_reach (NawatProject *self,
                         const char   *reach)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (nawat_set_str (&self->reach, reach))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REACH]);
}

/* Never NULL: an empty array when the project has none. */
const char * const *
nawat_project_get_domains (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return (const char * const *)self->domains;
}

void
nawat_project_set_domains (NawatProject       *self,
                           const char * const *domains)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (set_strv (&self->domains, domains))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOMAINS]);
}

GPtrArray *
nawat_project_get_partners (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->partners;
}

/* Adds a copy of @partner. */
void
nawat_project_add_partner (NawatProject       *self,
                           const NawatPartner *partner)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));
  g_return_if_fail (partner != NULL);

  g_ptr_array_add (self->partners, nawat_partner_copy (partner));
}

gint64
nawat_project_get_budget_thb (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), 0);

  return self->budget_thb;
}

void
nawat_project_set_budget_thb (NawatProject *self,
                              gint64        budget_thb)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));
  g_return_if_fail (budget_thb >= 0);

  if (self->budget_thb == budget_thb)
    return;

  self->budget_thb = budget_thb;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUDGET_THB]);
}

int
nawat_project_get_duration_months (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), 0);

  return self->duration_months;
}

void
nawat_project_set_duration_months (NawatProject *self,
                                   int           months)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));
  g_return_if_fail (months >= 0);

  if (self->duration_months == months)
    return;

  self->duration_months = months;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DURATION_MONTHS]);
}

const char *
nawat_project_get_submitted (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->submitted;
}

void
nawat_project_set_submitted (NawatProject *self,
                             const char   *submitted)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (nawat_set_str (&self->submitted, submitted))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBMITTED]);
}

/* Never NULL: an empty array when nobody is assigned. */
const char * const *
nawat_project_get_assigned (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return (const char * const *)self->assigned;
}

void
nawat_project_set_assigned (NawatProject       *self,
                            const char * const *assigned)
{
  g_return_if_fail (NAWAT_IS_PROJECT (self));

  if (set_strv (&self->assigned, assigned))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ASSIGNED]);
}

#define RECUSALS "recusals"

/* The "recusals" array of the project's kept members, or NULL. */
static JsonArray *
get_recusals (NawatProject *self)
{
  JsonObject *extra = nawat_document_get_extra (NAWAT_DOCUMENT (self));
  JsonNode *node = extra != NULL ? json_object_get_member (extra, RECUSALS) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
recusal_evaluator (JsonArray *recusals,
                   guint      i)
{
  JsonNode *element = json_array_get_element (recusals, i);

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (element), "evaluator",
                                                     NULL);
}

void
nawat_project_recuse (NawatProject      *self,
                      const char        *evaluator,
                      NawatConflictType  type,
                      const char        *note)
{
  JsonObject *extra;
  JsonArray *recusals;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autoptr(GStrvBuilder) assigned = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  JsonObject *entry;

  g_return_if_fail (NAWAT_IS_PROJECT (self));
  g_return_if_fail (evaluator != NULL);
  g_return_if_fail (type != NAWAT_CONFLICT_TYPE_NONE && type < NAWAT_N_CONFLICT_TYPES);

  for (guint i = 0; self->assigned != NULL && self->assigned[i] != NULL; i++)
    if (!g_str_equal (self->assigned[i], evaluator))
      g_strv_builder_add (assigned, self->assigned[i]);
  names = g_strv_builder_end (assigned);
  nawat_project_set_assigned (self, (const char * const *) names);

  /* Another project may share the kept members: a copy changes. */
  extra = nawat_document_get_extra (NAWAT_DOCUMENT (self));
  changed = json_object_new ();
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &node))
        if (!g_str_equal (name, RECUSALS))
          json_object_set_member (changed, name, json_node_copy (node));
    }
  recusals = get_recusals (self);
  for (guint i = 0; recusals != NULL && i < json_array_get_length (recusals); i++)
    if (g_strcmp0 (recusal_evaluator (recusals, i), evaluator) != 0)
      json_array_add_element (kept, json_node_copy (json_array_get_element (recusals, i)));
  entry = json_object_new ();
  json_object_set_string_member (entry, "evaluator", evaluator);
  json_object_set_string_member (entry, "type", nawat_conflict_type_to_string (type));
  if (note != NULL && *note != '\0')
    json_object_set_string_member (entry, "note", note);
  json_array_add_object_element (kept, entry);
  json_object_set_array_member (changed, RECUSALS, g_steal_pointer (&kept));
  nawat_document_set_extra (NAWAT_DOCUMENT (self), changed);
}

NawatConflictType
nawat_project_get_recusal (NawatProject *self,
                           const char   *evaluator)
{
  JsonArray *recusals;

  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NAWAT_CONFLICT_TYPE_NONE);
  g_return_val_if_fail (evaluator != NULL, NAWAT_CONFLICT_TYPE_NONE);

  recusals = get_recusals (self);
  for (guint i = 0; recusals != NULL && i < json_array_get_length (recusals); i++)
    if (g_strcmp0 (recusal_evaluator (recusals, i), evaluator) == 0)
      {
        JsonObject *entry = json_array_get_object_element (recusals, i);
        NawatConflictType type = NAWAT_CONFLICT_TYPE_OTHER;

        nawat_conflict_type_from_string (json_object_get_string_member_with_default (entry, "type",
                                                                                     "other"),
                                         &type);
        return type != NAWAT_CONFLICT_TYPE_NONE ? type : NAWAT_CONFLICT_TYPE_OTHER;
      }
  return NAWAT_CONFLICT_TYPE_NONE;
}

GStrv
nawat_project_dup_recused (NawatProject *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *recusals;

  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  recusals = get_recusals (self);
  for (guint i = 0; recusals != NULL && i < json_array_get_length (recusals); i++)
    if (recusal_evaluator (recusals, i) != NULL)
      g_strv_builder_add (builder, recusal_evaluator (recusals, i));
  return g_strv_builder_end (builder);
}

GPtrArray *
nawat_project_get_attachments (NawatProject *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);

  return self->attachments;
}

static gboolean
find_attachment (NawatProject *self,
                 const char   *name,
                 guint        *index)
{
  for (guint i = 0; i < self->attachments->len; i++)
    {
      const NawatAttachment *attachment = g_ptr_array_index (self->attachments, i);

      if (g_strcmp0 (attachment->name, name) == 0)
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

const NawatAttachment *
nawat_project_get_attachment (NawatProject *self,
                              const char   *name)
{
  guint index;

  g_return_val_if_fail (NAWAT_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_attachment (self, name, &index) ? g_ptr_array_index (self->attachments, index) : NULL;
}

void
nawat_project_set_attachment (NawatProject          *self,
                              const NawatAttachment *attachment)
{
  guint index;

  g_return_if_fail (NAWAT_IS_PROJECT (self));
  g_return_if_fail (attachment != NULL && attachment->name != NULL);

  if (find_attachment (self, attachment->name, &index))
    {
      nawat_attachment_free (g_ptr_array_index (self->attachments, index));
      g_ptr_array_index (self->attachments, index) = nawat_attachment_copy (attachment);
    }
  else
    g_ptr_array_add (self->attachments, nawat_attachment_copy (attachment));
}

gboolean
nawat_project_remove_attachment (NawatProject *self,
                                 const char   *name)
{
  guint index;

  g_return_val_if_fail (NAWAT_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!find_attachment (self, name, &index))
    return FALSE;
  g_ptr_array_remove_index (self->attachments, index);
  return TRUE;
}
