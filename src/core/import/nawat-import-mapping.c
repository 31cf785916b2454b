/* nawat-import-mapping.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-import-mapping.h"

#include "nawat-import-private.h"
#include "nawat-json.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

struct _NawatImportMapping
{
  GObject     parent_instance;

  /* trimmed header -> NawatImportField */
  GHashTable *fields;
  /* the headers, in the order they were set */
  GPtrArray  *headers;
};

G_DEFINE_FINAL_TYPE (NawatImportMapping, nawat_import_mapping, G_TYPE_OBJECT)

G_DEFINE_QUARK (nawat-import-error-quark, nawat_import_error)

static const char * const field_keys[NAWAT_IMPORT_N_FIELDS] = {
  "none", "code", "title", "title.th", "title.en", "summary", "summary.th", "summary.en",
  "organisation", "province", "reach", "domains", "partners", "budget_thb",
  "duration_months", "submitted",
};

/* The headers each field is guessed from, casefolded, without spaces
 * and punctuation (_nawat_import_normalise()).
 */
static const struct
{
  NawatImportField  field;
  const char       *names[10];
} guesses[] = {
  { NAWAT_IMPORT_FIELD_CODE, { "code", "projectcode", "projectid", "id", "รหัส", "รหัสโครงการ",
                               "เลขที่โครงการ" } },
  { NAWAT_IMPORT_FIELD_TITLE, { "title", "projecttitle", "projectname", "name", "ชื่อโครงการ",
                                "ชื่อ" } },
  { NAWAT_IMPORT_FIELD_TITLE_TH, { "titleth", "titlethai", "thaititle", "ชื่อโครงการภาษาไทย",
                                   "ชื่อโครงการไทย", "ชื่อภาษาไทย" } },
  { NAWAT_IMPORT_FIELD_TITLE_EN, { "titleen", "titleenglish", "englishtitle",
                                   "ชื่อโครงการภาษาอังกฤษ", "ชื่อโครงการอังกฤษ",
                                   "ชื่อภาษาอังกฤษ" } },
  { NAWAT_IMPORT_FIELD_SUMMARY, { "summary", "abstract", "description", "สรุป", "สรุปโครงการ",
                                  "บทคัดย่อ", "รายละเอียด", "รายละเอียดโครงการ" } },
  { NAWAT_IMPORT_FIELD_SUMMARY_TH, { "summaryth", "summarythai", "สรุปภาษาไทย",
                                     "บทคัดย่อภาษาไทย" } },
  { NAWAT_IMPORT_FIELD_SUMMARY_EN, { "summaryen", "summaryenglish", "สรุปภาษาอังกฤษ",
                                     "บทคัดย่อภาษาอังกฤษ" } },
  { NAWAT_IMPORT_FIELD_ORGANISATION, { "organisation", "organization", "org", "applicant",
                                       "องค์กร", "หน่วยงาน", "องค์กรผู้เสนอ", "หน่วยงานผู้เสนอ",
                                       "ผู้เสนอโครงการ" } },
  { NAWAT_IMPORT_FIELD_PROVINCE, { "province", "provincecode", "จังหวัด" } },
  { NAWAT_IMPORT_FIELD_REACH, { "reach", "level", "ระดับ", "ขอบเขต", "ระดับการขยายผล" } },
  { NAWAT_IMPORT_FIELD_DOMAINS, { "domains", "domain", "issues", "ประเด็น", "ประเด็นนวัตกรรม",
                                  "ประเด็นนวัตกรรมเชิงสังคม", "ด้าน" } },
  { NAWAT_IMPORT_FIELD_PARTNERS, { "partners", "partner", "ภาคี", "ภาคีเครือข่าย", "ภาคีร่วม" } },
  { NAWAT_IMPORT_FIELD_BUDGET, { "budget", "budgetthb", "budgetbaht", "งบประมาณ",
                                 "งบประมาณบาท" } },
  { NAWAT_IMPORT_FIELD_DURATION, { "duration", "durationmonths", "months", "ระยะเวลา",
                                   "ระยะเวลาเดือน", "ระยะเวลาโครงการ" } },
  { NAWAT_IMPORT_FIELD_SUBMITTED, { "submitted", "submissiondate", "date", "วันที่ยื่น",
                                    "วันที่เสนอ", "วันที่ส่ง" } },
};

static void
nawat_import_mapping_finalize (GObject *object)
{
  NawatImportMapping *self = (NawatImportMapping *) object;

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);

  G_OBJECT_CLASS (nawat_import_mapping_parent_class)->finalize (object);
}

static void
nawat_import_mapping_class_init (NawatImportMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nawat_import_mapping_finalize;
}

static void
nawat_import_mapping_init (NawatImportMapping *self)
{
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->headers = g_ptr_array_new_null_terminated (8, g_free, TRUE);
}

const char *
nawat_import_field_get_key (NawatImportField field)
{
  g_return_val_if_fail (field < NAWAT_IMPORT_N_FIELDS, NULL);

  return field_keys[field];
}

int
nawat_import_field_from_key (const char *key)
{
  for (int i = 0; key != NULL && i < NAWAT_IMPORT_N_FIELDS; i++)
    if (g_str_equal (key, field_keys[i]))
      return i;
  return -1;
}

const char *
nawat_import_field_get_label (NawatImportField field)
{
  switch (field)
    {
    case NAWAT_IMPORT_FIELD_NONE:         return _("Not imported");
    case NAWAT_IMPORT_FIELD_CODE:         return _("Code");
    case NAWAT_IMPORT_FIELD_TITLE:        return _("Title");
    case NAWAT_IMPORT_FIELD_TITLE_TH:     return _("Title (Thai)");
    case NAWAT_IMPORT_FIELD_TITLE_EN:     return _("Title (English)");
    case NAWAT_IMPORT_FIELD_SUMMARY:      return _("Summary");
    case NAWAT_IMPORT_FIELD_SUMMARY_TH:   return _("Summary (Thai)");
    case NAWAT_IMPORT_FIELD_SUMMARY_EN:   return _("Summary (English)");
    case NAWAT_IMPORT_FIELD_ORGANISATION: return _("Organisation");
    case NAWAT_IMPORT_FIELD_PROVINCE:     return _("Province");
    case NAWAT_IMPORT_FIELD_REACH:        return _("Reach");
    case NAWAT_IMPORT_FIELD_DOMAINS:      return _("Domains");
    case NAWAT_IMPORT_FIELD_PARTNERS:     return _("Partners");
    case NAWAT_IMPORT_FIELD_BUDGET:       return _("Budget (baht)");
    case NAWAT_IMPORT_FIELD_DURATION:     return _("Duration (months)");
    case NAWAT_IMPORT_FIELD_SUBMITTED:    return _("Submitted");
    case NAWAT_IMPORT_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
_nawat_import_normalise (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

NawatImportField
nawat_import_guess_field (const char *header)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, NAWAT_IMPORT_FIELD_NONE);

  if (!g_utf8_validate (header, -1, NULL))
    return NAWAT_IMPORT_FIELD_NONE;

  name = _nawat_import_normalise (header);
  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (guesses[i].names) && guesses[i].names[j] != NULL; j++)
      if (g_str_equal (name, guesses[i].names[j]))
        return guesses[i].field;
  return NAWAT_IMPORT_FIELD_NONE;
}

NawatImportMapping *
nawat_import_mapping_new (void)
{
  return g_object_new (NAWAT_TYPE_IMPORT_MAPPING, NULL);
}

NawatImportMapping *
nawat_import_mapping_guess (const char * const *header)
{
  g_autoptr(NawatImportMapping) self = nawat_import_mapping_new ();
  gboolean taken[NAWAT_IMPORT_N_FIELDS] = { FALSE, };

  g_return_val_if_fail (header != NULL, NULL);

  for (guint i = 0; header[i] != NULL; i++)
    {
      NawatImportField field = nawat_import_guess_field (header[i]);

      if (nawat_import_mapping_contains (self, header[i]))
        continue;
      /* Two title or summary columns are its Thai and its English. */
      if (taken[field] && field != NAWAT_IMPORT_FIELD_TITLE &&
          field != NAWAT_IMPORT_FIELD_SUMMARY)
        field = NAWAT_IMPORT_FIELD_NONE;
      taken[field] = TRUE;
      nawat_import_mapping_set (self, header[i], field);
    }

  return g_steal_pointer (&self);
}

static char *
trim (const char *header)
{
  return g_strstrip (g_strdup (header));
}

NawatImportField
nawat_import_mapping_get (NawatImportMapping *self,
                          const char         *header)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (NAWAT_IS_IMPORT_MAPPING (self), NAWAT_IMPORT_FIELD_NONE);
  g_return_val_if_fail (header != NULL, NAWAT_IMPORT_FIELD_NONE);

  key = trim (header);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->fields, key));
}

gboolean
nawat_import_mapping_contains (NawatImportMapping *self,
                               const char         *header)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (NAWAT_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  key = trim (header);
  return g_hash_table_contains (self->fields, key);
}

void
nawat_import_mapping_set (NawatImportMapping *self,
                          const char         *header,
                          NawatImportField    field)
{
  g_autofree char *key = NULL;
  gpointer stored;

  g_return_if_fail (NAWAT_IS_IMPORT_MAPPING (self));
  g_return_if_fail (header != NULL);
  g_return_if_fail (field < NAWAT_IMPORT_N_FIELDS);

  key = trim (header);
  if (!g_hash_table_lookup_extended (self->fields, key, &stored, NULL))
    {
      stored = g_strdup (key);
      g_ptr_array_add (self->headers, stored);
    }
  g_hash_table_insert (self->fields, stored, GINT_TO_POINTER (field));
}

const char * const *
nawat_import_mapping_get_headers (NawatImportMapping *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT_MAPPING (self), NULL);

  return (const char * const *) self->headers->pdata;
}

void
nawat_import_mapping_update (NawatImportMapping *self,
                             NawatImportMapping *other)
{
  g_return_if_fail (NAWAT_IS_IMPORT_MAPPING (self));
  g_return_if_fail (NAWAT_IS_IMPORT_MAPPING (other));

  for (guint i = 0; i < other->headers->len; i++)
    {
      const char *header = g_ptr_array_index (other->headers, i);

      nawat_import_mapping_set (self, header, nawat_import_mapping_get (other, header));
    }
}

gboolean
nawat_import_mapping_fits (NawatImportMapping  *self,
                           const char * const  *header,
                           GError             **error)
{
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (NAWAT_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  for (guint i = 0; header[i] != NULL; i++)
    g_hash_table_add (present, trim (header[i]));
  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *named = g_ptr_array_index (self->headers, i);

      if (!g_hash_table_contains (present, named))
        {
          /* TRANSLATORS: %s is a column's header */
          g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_MAPPING,
                       _("the mapping names the column “%s”, which the file does not have"),
                       named);
          return FALSE;
        }
    }
  return TRUE;
}

char *
nawat_import_mapping_to_data (NawatImportMapping *self,
                              gsize              *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (NAWAT_IS_IMPORT_MAPPING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *header = g_ptr_array_index (self->headers, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "header");
      json_builder_add_string_value (builder, header);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder,
                                     field_keys[nawat_import_mapping_get (self, header)]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return nawat_json_to_string (root, TRUE, length);
}

static gboolean
mapping_invalid (GError     **error,
                 const char  *reason)
{
  /* TRANSLATORS: %s says what is wrong with the file */
  g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_MAPPING,
               _("not a column mapping: %s"), reason);
  return FALSE;
}

static gboolean
read_column (NawatImportMapping  *self,
             JsonNode            *node,
             guint                index,
             GError             **error)
{
  g_autofree char *reason = NULL;
  JsonObject *column;
  const char *header;
  const char *key;
  int field;

  column = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  header = column != NULL ? json_object_get_string_member_with_default (column, "header", NULL)
                          : NULL;
  key = column != NULL ? json_object_get_string_member_with_default (column, "field", NULL)
                       : NULL;
  if (header == NULL || key == NULL)
    reason = g_strdup_printf (_("column %u needs a “header” and a “field” text"), index + 1);
  else if ((field = nawat_import_field_from_key (key)) < 0)
    reason = g_strdup_printf (_("column %u: “%s” is not a project field"), index + 1, key);
  else if (nawat_import_mapping_contains (self, header))
    reason = g_strdup_printf (_("column %u: the header “%s” is given twice"), index + 1, header);
  else
    {
      nawat_import_mapping_set (self, header, field);
      return TRUE;
    }
  return mapping_invalid (error, reason);
}

NawatImportMapping *
nawat_import_mapping_new_from_data (const char  *data,
                                    gsize        length,
                                    GError     **error)
{
  g_autoptr(NawatImportMapping) self = nawat_import_mapping_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *columns;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return mapping_invalid (error, local_error->message), NULL;

  root = json_parser_get_root (parser);
  columns = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ?
    json_object_get_member (json_node_get_object (root), "columns") : NULL;
  if (columns == NULL || !JSON_NODE_HOLDS_ARRAY (columns))
    return mapping_invalid (error, _("it has no “columns” list")), NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (columns)); i++)
    if (!read_column (self, json_array_get_element (json_node_get_array (columns), i), i, error))
      return NULL;

  return g_steal_pointer (&self);
}

gboolean
nawat_import_mapping_save (NawatImportMapping  *self,
                           const char          *path,
                           GError             **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (NAWAT_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = nawat_import_mapping_to_data (self, &length);
  return g_file_set_contents (path, data, length, error);
}

NawatImportMapping *
nawat_import_mapping_load (const char  *path,
                           GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return nawat_import_mapping_new_from_data (data, length, error);
}
