/* nawat-codec.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-scoring-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Nested JSON deeper than this is refused before json-glib sees it: no
 * document of ours is deeper than five levels, and json-glib recurses.
 */
#define MAX_DEPTH 32

/* A whole document may not be larger than this, whatever its fields. */
#define MAX_DOCUMENT_BYTES (64 * 1024 * 1024)

#define SCHEMA_VERSION 1

G_DEFINE_QUARK (nawat-codec-error-quark, nawat_codec_error)

/* Every problem is reported as "<doc id>: <field path>: <reason>". */
static gboolean invalid (GError     **error,
                         const char  *id,
                         const char  *path,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError     **error,
         const char  *id,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: a problem in a document: its id, the field, the reason */
  g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID,
               _("%s: %s: %s"), id, path, reason);
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static char *
join_path (const char *prefix,
           const char *name)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (name);
  return g_strconcat (prefix, ".", name, NULL);
}

static gboolean
is_key (const char *s)
{
  if (s == NULL || !g_ascii_islower (*s))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return strlen (s) <= 64;
}

static gboolean
is_code (const char *s)
{
  if (s == NULL || (!g_ascii_islower (*s) && !g_ascii_isdigit (*s)))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return strlen (s) <= 64;
}

/* Evaluator names are the server's user names: printable ASCII without the
 * id separator ':' and without spaces.
 */
gboolean
nawat_codec_is_user_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isgraph (*p) || *p == ':' || *p == '"' || *p == '\\')
      return FALSE;
  return TRUE;
}

static gboolean
is_iso8601 (const char *s)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new_from_iso8601 (s, utc);
  return dt != NULL;
}

/* Field readers.  Each takes the object, the member name, the document id and
 * the path of the object, and either fills @out or reports the problem.
 */

static gboolean
check_string (JsonNode    *node,
              const char  *id,
              const char  *path,
              gsize        max,
              const char **out,
              GError     **error)
{
  const char *str;
  gsize len;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, id, path, _("expected a string, not %s"), node_kind (node));

  str = json_node_get_string (node);
  len = strlen (str);

  if (!g_utf8_validate (str, len, NULL))
    return invalid (error, id, path, _("the text is not valid UTF-8"));
  if (len > max)
    return invalid (error, id, path,
                    _("the text is %lu bytes long, over the limit of %lu"),
                    (unsigned long) len, (unsigned long) max);

  *out = str;
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             const char  *id,
             const char  *prefix,
             gboolean     required,
             gsize        max,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = join_path (prefix, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, id, path, _("the field is missing"));
      return TRUE;
    }

  if (!check_string (node, id, path, max, out, error))
    return FALSE;

  if (required && **out == '\0')
    return invalid (error, id, path, _("the field is empty"));

  return TRUE;
}

static gboolean
read_text (JsonObject  *object,
           const char  *name,
           const char  *id,
           const char  *prefix,
           gboolean     required,
           gsize        max,
           NawatText  **out,
           GError     **error)
{
  static const char * const langs[] = { "th", "en" };
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = join_path (prefix, name);
  const char *values[2] = { NULL, NULL };
  JsonObject *text;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, id, path, _("the field is missing"));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, path,
                    _("expected an object with “th” and “en” texts, not %s"),
                    node_kind (node));

  text = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    if (!read_string (text, langs[i], id, path, FALSE, max, &values[i], error))
      return FALSE;

  if (required && (values[0] == NULL || *values[0] == '\0') &&
      (values[1] == NULL || *values[1] == '\0'))
    return invalid (error, id, path, _("neither a Thai nor an English text is given"));

  *out = nawat_text_new (values[0], values[1]);
  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *name,
             const char  *id,
             const char  *prefix,
             gboolean     required,
             gboolean     integral,
             double       min,
             double       max,
             double      *out,
             gboolean    *present,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = join_path (prefix, name);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (present != NULL)
    *present = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, id, path, _("the field is missing"));
      return TRUE;
    }

  if (!node_is_number (node))
    return invalid (error, id, path, _("expected a number, not %s"), node_kind (node));

  value = json_node_get_double (node);
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);

  if (!isfinite (value))
    return invalid (error, id, path, _("the number is not finite"));
  if (integral && value != round (value))
    return invalid (error, id, path, _("%s is not a whole number"), buf);
  if (value < min)
    {
      char limit[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (limit, sizeof limit, "%.15g", min);
      return invalid (error, id, path, _("%s is below the minimum %s"), buf, limit);
    }
  if (value > max)
    {
      char limit[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (limit, sizeof limit, "%.15g", max);
      return invalid (error, id, path, _("%s is above the maximum %s"), buf, limit);
    }

  *out = value;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *name,
              const char  *id,
              const char  *prefix,
              gboolean     required,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = join_path (prefix, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, id, path, _("the field is missing"));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, id, path, _("expected true or false, not %s"), node_kind (node));

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *name,
           const char  *id,
           gboolean     required,
           const char **out,
           GError     **error)
{
  if (!read_string (object, name, id, NULL, required, 64, out, error))
    return FALSE;

  if (*out != NULL && !is_iso8601 (*out))
    return invalid (error, id, name, _("“%s” is not an ISO 8601 date and time"), *out);

  return TRUE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *name,
            const char  *id,
            const char  *prefix,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = join_path (prefix, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        invalid (error, id, path, _("the field is missing"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, id, path, _("expected an array, not %s"), node_kind (node));
      return NULL;
    }

  return json_node_get_array (node);
}

typedef gboolean (*StringCheck) (const char *s);

/* An array of unique strings, each passing @check. */
static gboolean
read_strv (JsonObject  *object,
           const char  *name,
           const char  *id,
           gboolean     required,
           gboolean     non_empty,
           StringCheck  check,
           const char  *what,
           GStrv       *out,
           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *array;
  guint n;

  *out = NULL;

  array = read_array (object, name, id, NULL, required, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  if (non_empty && n == 0)
    return invalid (error, id, name, _("the list is empty"));
  if (n > 10000)
    return invalid (error, id, name, _("the list has %u entries, over the limit of %u"), n, 10000);

  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", name, i);
      const char *value;

      if (!check_string (json_array_get_element (array, i), id, path,
                         NAWAT_CODEC_MAX_SHORT_TEXT, &value, error))
        return FALSE;
      if (!check (value))
        return invalid (error, id, path, _("“%s” is not %s"), value, what);
      if (!g_hash_table_add (seen, (gpointer) value))
        return invalid (error, id, path, _("“%s” is listed twice"), value);

      g_strv_builder_add (builder, value);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
is_domain (const char *s)
{
  return nawat_domain_index (s) >= 0;
}

static gboolean
is_province (const char *s)
{
  return nawat_province_lookup (s) != NULL;
}

/* An unknown member is written back as it came, so it must be something
 * that can be: json-glib turns a lone surrogate into invalid UTF-8 and a
 * number too large into infinity, which no JSON can carry.  (The strict
 * scanner refuses both in what the codec reads as text; this guards the
 * nodes json-glib built from other data, such as a server's answers.)
 */
static gboolean
check_extra (JsonNode    *node,
             const char  *id,
             const char  *path,
             guint        depth,
             GError     **error)
{
  if (depth > MAX_DEPTH)
    return invalid (error, id, path, _("the values are nested too deeply"));

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_autofree char *member_path = NULL;

          if (!g_utf8_validate (name, -1, NULL))
            return invalid (error, id, path, _("the text is not valid UTF-8"));
          member_path = join_path (path, name);
          if (!check_extra (member, id, member_path, depth + 1, error))
            return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

          if (!check_extra (json_array_get_element (array, i), id, element_path, depth + 1,
                            error))
            return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING && !g_utf8_validate (json_node_get_string (node), -1, NULL))
        return invalid (error, id, path, _("the text is not valid UTF-8"));
      if (type == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
        return invalid (error, id, path, _("the number is not finite"));
    }

  return TRUE;
}

/* Unknown members are kept so that they are written back unchanged. */
static gboolean
keep_extra (NawatDocument       *document,
            JsonObject          *object,
            const char * const  *known,
            const char          *id,
            GError             **error)
{
  g_autoptr(JsonObject) extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;
      if (!check_extra (node, id, name, 0, error))
        return FALSE;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (node));
    }

  nawat_document_set_extra (document, extra);
  return TRUE;
}

/* Calls */

/* "extensions": evaluator name → ISO 8601 date-time. */
static gboolean
parse_extensions (JsonObject  *object,
                  const char  *id,
                  NawatCall   *call,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, "extensions");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *extensions;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, "extensions", _("expected an object, not %s"), node_kind (node));

  extensions = json_node_get_object (node);
  if (json_object_get_size (extensions) > 10000)
    return invalid (error, id, "extensions", _("the list has %u entries, over the limit of %u"),
                    json_object_get_size (extensions), 10000);

  json_object_iter_init_ordered (&iter, extensions);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      g_autofree char *path = join_path ("extensions", name);
      const char *until;

      if (!nawat_codec_is_user_name (name))
        return invalid (error, id, "extensions", _("“%s” is not %s"), name, _("a user name"));
      if (!check_string (value, id, path, 64, &until, error))
        return FALSE;
      if (!is_iso8601 (until))
        return invalid (error, id, path, _("“%s” is not an ISO 8601 date and time"), until);

      nawat_call_set_extension (call, name, until);
    }

  return TRUE;
}

static NawatDocument *
parse_call (JsonObject  *object,
            const char  *id,
            GError     **error)
{
  static const char * const known[] = {
    "_id", "_rev", "type", "schema", "title", "year_be", "rubric", "deadline",
    "evaluators", "extensions", NULL
  };
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatText) title = NULL;
  g_auto(GStrv) evaluators = NULL;
  const char *call_id = id + strlen ("call:");
  const char *rubric;
  const char *deadline;
  double year = 0;
  gboolean has_year;

  if (!is_code (call_id))
    return invalid (error, id, "_id", _("the call id must be lower-case letters, digits and hyphens")), NULL;

  if (!read_text (object, "title", id, NULL, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &title, error) ||
      !read_number (object, "year_be", id, NULL, FALSE, TRUE, 2400, 2800, &year, &has_year, error) ||
      !read_string (object, "rubric", id, NULL, FALSE, NAWAT_CODEC_MAX_SHORT_TEXT, &rubric, error) ||
      !read_date (object, "deadline", id, FALSE, &deadline, error) ||
      !read_strv (object, "evaluators", id, FALSE, FALSE, nawat_codec_is_user_name,
                  _("a user name"),
                  &evaluators, error))
    return NULL;

  if (rubric != NULL && !g_str_has_prefix (rubric, "rubric:"))
    return invalid (error, id, "rubric", _("“%s” is not a rubric id"), rubric), NULL;

  call = nawat_call_new (call_id);
  if (!parse_extensions (object, id, call, error))
    return NULL;
  nawat_call_set_title (call, title);
  if (has_year)
    nawat_call_set_year_be (call, (int) year);
  nawat_call_set_rubric (call, rubric);
  nawat_call_set_deadline (call, deadline);
  nawat_call_set_evaluators (call, (const char * const *) evaluators);
  if (!keep_extra (NAWAT_DOCUMENT (call), object, known, id, error))
    return NULL;

  return NAWAT_DOCUMENT (g_steal_pointer (&call));
}

/* Rubrics */

static gboolean
parse_level (JsonNode        *node,
             const char      *id,
             const char      *path,
             NawatCriterion  *criterion,
             GHashTable      *seen,
             GError         **error)
{
  g_autoptr(NawatText) label = NULL;
  g_autoptr(NawatText) descriptor = NULL;
  g_autoptr(NawatLevel) level = NULL;
  JsonObject *object;
  double value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, path, _("expected an object, not %s"), node_kind (node));

  object = json_node_get_object (node);

  if (!read_number (object, "value", id, path, TRUE, TRUE,
                    nawat_criterion_get_min (criterion), nawat_criterion_get_max (criterion),
                    &value, NULL, error) ||
      !read_text (object, "label", id, path, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &label, error) ||
      !read_text (object, "descriptor", id, path, FALSE, NAWAT_CODEC_MAX_LONG_TEXT,
                  &descriptor, error))
    return FALSE;

  if (!g_hash_table_add (seen, GINT_TO_POINTER ((int) value)))
    {
      g_autofree char *vpath = join_path (path, "value");
      return invalid (error, id, vpath, _("the level %d is described twice"), (int) value);
    }

  level = nawat_level_new ((int) value, label, descriptor);
  nawat_criterion_add_level (criterion, level);
  return TRUE;
}

static NawatCriterion *
parse_criterion (JsonNode    *node,
                 const char  *id,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(NawatCriterion) criterion = NULL;
  g_autoptr(NawatText) label = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonArray *levels;
  const char *key;
  double min, max, weight = 1.0;
  gboolean required = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, path, _("expected an object, not %s"), node_kind (node)), NULL;

  object = json_node_get_object (node);

  if (!read_string (object, "key", id, path, TRUE, 64, &key, error))
    return NULL;
  if (!is_key (key))
    {
      g_autofree char *kpath = join_path (path, "key");
      return invalid (error, id, kpath,
                      _("“%s” is not a key (lower-case letters, digits and hyphens)"), key), NULL;
    }

  if (!read_text (object, "label", id, path, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &label, error) ||
      !read_number (object, "min", id, path, TRUE, TRUE, -1000, 1000, &min, NULL, error) ||
      !read_number (object, "max", id, path, TRUE, TRUE, -1000, 1000, &max, NULL, error) ||
      !read_number (object, "weight", id, path, FALSE, FALSE, 0, 1e6, &weight, NULL, error) ||
      !read_boolean (object, "required", id, path, FALSE, &required, error))
    return NULL;

  if (max <= min)
    {
      g_autofree char *mpath = join_path (path, "max");
      return invalid (error, id, mpath, _("the maximum must be above the minimum")), NULL;
    }

  criterion = nawat_criterion_new (key);
  nawat_criterion_set_label (criterion, label);
  nawat_criterion_set_min (criterion, (int) min);
  nawat_criterion_set_max (criterion, (int) max);
  nawat_criterion_set_weight (criterion, weight);
  nawat_criterion_set_required (criterion, required);

  levels = read_array (object, "levels", id, path, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; levels != NULL && i < json_array_get_length (levels); i++)
    {
      g_autofree char *lpath = g_strdup_printf ("%s.levels[%u]", path, i);

      if (!parse_level (json_array_get_element (levels, i), id, lpath, criterion, seen, error))
        return NULL;
    }

  return g_steal_pointer (&criterion);
}

static NawatRubricGroup *
parse_group (JsonNode    *node,
             const char  *id,
             const char  *path,
             GError     **error)
{
  g_autoptr(NawatRubricGroup) group = NULL;
  g_autoptr(NawatText) label = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonArray *criteria;
  const char *key;
  const char *aggregation;
  double weight = 1.0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, path, _("expected an object, not %s"), node_kind (node)), NULL;

  object = json_node_get_object (node);

  if (!read_string (object, "key", id, path, TRUE, 64, &key, error))
    return NULL;
  if (!is_key (key))
    {
      g_autofree char *kpath = join_path (path, "key");
      return invalid (error, id, kpath,
                      _("“%s” is not a key (lower-case letters, digits and hyphens)"), key), NULL;
    }

  if (!read_text (object, "label", id, path, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &label, error) ||
      !read_number (object, "weight", id, path, FALSE, FALSE, 0, 1e6, &weight, NULL, error) ||
      !read_string (object, "aggregation", id, path, FALSE, 16, &aggregation, error))
    return NULL;

  group = nawat_rubric_group_new (key);
  nawat_rubric_group_set_label (group, label);
  nawat_rubric_group_set_weight (group, weight);

  if (aggregation == NULL || g_str_equal (aggregation, "mean"))
    nawat_rubric_group_set_aggregation (group, NAWAT_AGGREGATION_MEAN);
  else if (g_str_equal (aggregation, "max"))
    nawat_rubric_group_set_aggregation (group, NAWAT_AGGREGATION_MAX);
  else
    {
      g_autofree char *apath = join_path (path, "aggregation");
      return invalid (error, id, apath, _("“%s” is neither “mean” nor “max”"), aggregation), NULL;
    }

  criteria = read_array (object, "criteria", id, path, TRUE, &local_error);
  if (criteria == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (json_array_get_length (criteria) == 0)
    {
      g_autofree char *cpath = join_path (path, "criteria");
      return invalid (error, id, cpath, _("the list is empty")), NULL;
    }

  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      g_autofree char *cpath = g_strdup_printf ("%s.criteria[%u]", path, i);
      g_autoptr(NawatCriterion) criterion = NULL;

      criterion = parse_criterion (json_array_get_element (criteria, i), id, cpath, error);
      if (criterion == NULL)
        return NULL;

      if (nawat_rubric_group_find_criterion (group, nawat_criterion_get_key (criterion)) != NULL)
        {
          g_autofree char *kpath = join_path (cpath, "key");
          return invalid (error, id, kpath, _("the key “%s” is used twice"),
                          nawat_criterion_get_key (criterion)), NULL;
        }

      nawat_rubric_group_add_criterion (group, criterion);
    }

  return g_steal_pointer (&group);
}

static NawatDocument *
parse_rubric (JsonObject  *object,
              const char  *id,
              GError     **error)
{
  static const char * const known[] = {
    "_id", "_rev", "type", "schema", "title", "groups", NULL
  };
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(NawatText) title = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *groups;
  double total_weight = 0.0;

  if (!read_text (object, "title", id, NULL, FALSE, NAWAT_CODEC_MAX_SHORT_TEXT, &title, error))
    return NULL;

  groups = read_array (object, "groups", id, NULL, TRUE, &local_error);
  if (groups == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (json_array_get_length (groups) == 0)
    return invalid (error, id, "groups", _("the list is empty")), NULL;

  rubric = nawat_rubric_new (id);
  nawat_rubric_set_title (rubric, title);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      g_autofree char *path = g_strdup_printf ("groups[%u]", i);
      g_autoptr(NawatRubricGroup) group = NULL;

      group = parse_group (json_array_get_element (groups, i), id, path, error);
      if (group == NULL)
        return NULL;

      if (nawat_rubric_find_group (rubric, nawat_rubric_group_get_key (group)) != NULL)
        {
          g_autofree char *kpath = join_path (path, "key");
          return invalid (error, id, kpath, _("the key “%s” is used twice"),
                          nawat_rubric_group_get_key (group)), NULL;
        }

      total_weight += nawat_rubric_group_get_weight (group);
      nawat_rubric_add_group (rubric, group);
    }

  if (total_weight <= 0.0)
    return invalid (error, id, "groups", _("the groups' weights add up to nothing")), NULL;

  if (!keep_extra (NAWAT_DOCUMENT (rubric), object, known, id, error))
    return NULL;

  return NAWAT_DOCUMENT (g_steal_pointer (&rubric));
}

/* Projects */

static gboolean
parse_partners (JsonObject    *object,
                const char    *id,
                NawatProject  *project,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonArray *partners;

  partners = read_array (object, "partners", id, NULL, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (partners == NULL)
    return TRUE;
  if (json_array_get_length (partners) > 1000)
    return invalid (error, id, "partners", _("the list has %u entries, over the limit of %u"),
                    json_array_get_length (partners), 1000);

  for (guint i = 0; i < json_array_get_length (partners); i++)
    {
      JsonNode *node = json_array_get_element (partners, i);
      g_autofree char *path = g_strdup_printf ("partners[%u]", i);
      g_autoptr(NawatPartner) partner = NULL;
      JsonObject *p;
      const char *name;
      const char *sector;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, id, path, _("expected an object, not %s"), node_kind (node));

      p = json_node_get_object (node);
      if (!read_string (p, "name", id, path, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &name, error) ||
          !read_string (p, "sector", id, path, TRUE, 64, &sector, error))
        return FALSE;

      if (nawat_helix_index (sector) < 0)
        {
          g_autofree char *spath = join_path (path, "sector");
          return invalid (error, id, spath, _("“%s” is not a Quintuple Helix sector"), sector);
        }

      partner = nawat_partner_new (name, sector);
      nawat_project_add_partner (project, partner);
    }

  return TRUE;
}

static gboolean
split_project_id (const char  *id,
                  char       **call,
                  char       **code)
{
  g_auto(GStrv) parts = g_strsplit (id, ":", -1);

  if (g_strv_length (parts) != 3 || !is_code (parts[1]) || !is_code (parts[2]))
    return FALSE;

  *call = g_strdup (parts[1]);
  *code = g_strdup (parts[2]);
  return TRUE;
}

static NawatDocument *
parse_project (JsonObject  *object,
               const char  *id,
               GError     **error)
{
  static const char * const known[] = {
    "_id", "_rev", "type", "schema", "call", "code", "title", "summary", "organisation",
    "province", "reach", "domains", "partners", "budget_thb", "duration_months",
    "submitted", "assigned", NULL
  };
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatText) title = NULL;
  g_autoptr(NawatText) summary = NULL;
  g_autofree char *id_call = NULL;
  g_autofree char *id_code = NULL;
  g_auto(GStrv) domains = NULL;
  g_auto(GStrv) assigned = NULL;
  const char *call, *code, *organisation, *province, *reach, *submitted;
  double budget = 0, duration = 0;
  gboolean has_budget, has_duration;

  if (!split_project_id (id, &id_call, &id_code))
    return invalid (error, id, "_id", _("a project id reads “project:<call>:<code>”")), NULL;

  if (!read_string (object, "call", id, NULL, TRUE, 64, &call, error) ||
      !read_string (object, "code", id, NULL, TRUE, 64, &code, error))
    return NULL;

  if (!g_str_equal (call, id_call))
    return invalid (error, id, "call", _("“%s” does not match the id"), call), NULL;
  if (!g_str_equal (code, id_code))
    return invalid (error, id, "code", _("“%s” does not match the id"), code), NULL;

  if (!read_text (object, "title", id, NULL, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &title, error) ||
      !read_text (object, "summary", id, NULL, FALSE, NAWAT_CODEC_MAX_LONG_TEXT, &summary, error) ||
      !read_string (object, "organisation", id, NULL, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT,
                    &organisation, error) ||
      !read_string (object, "province", id, NULL, TRUE, 16, &province, error) ||
      !read_string (object, "reach", id, NULL, FALSE, 16, &reach, error) ||
      !read_strv (object, "domains", id, TRUE, TRUE, is_domain, _("one of the nine domains"),
                  &domains, error) ||
      !read_number (object, "budget_thb", id, NULL, FALSE, TRUE, 0, 1e13, &budget,
                    &has_budget, error) ||
      !read_number (object, "duration_months", id, NULL, FALSE, TRUE, 1, 120, &duration,
                    &has_duration, error) ||
      !read_date (object, "submitted", id, FALSE, &submitted, error) ||
      !read_strv (object, "assigned", id, FALSE, FALSE, nawat_codec_is_user_name,
                  _("a user name"),
                  &assigned, error))
    return NULL;

  if (!is_province (province))
    return invalid (error, id, "province", _("“%s” is not a Thai province code"), province), NULL;
  if (reach != NULL && nawat_reach_index (reach) < 0)
    return invalid (error, id, "reach", _("“%s” is not a reach level"), reach), NULL;

  project = nawat_project_new (call, code);
  nawat_project_set_title (project, title);
  nawat_project_set_summary (project, summary);
  nawat_project_set_organisation (project, organisation);
  nawat_project_set_province (project, province);
  nawat_project_set_reach (project, reach);
  nawat_project_set_domains (project, (const char * const *) domains);
  if (has_budget)
    nawat_project_set_budget_thb (project, (gint64) budget);
  if (has_duration)
    nawat_project_set_duration_months (project, (int) duration);
  nawat_project_set_submitted (project, submitted);
  nawat_project_set_assigned (project, (const char * const *) assigned);

  if (!parse_partners (object, id, project, error))
    return NULL;

  if (!keep_extra (NAWAT_DOCUMENT (project), object, known, id, error))
    return NULL;

  return NAWAT_DOCUMENT (g_steal_pointer (&project));
}

/* Evaluations */

static gboolean
is_score_key (const char *s)
{
  g_auto(GStrv) parts = NULL;

  if (s == NULL)
    return FALSE;

  parts = g_strsplit (s, ".", -1);
  return g_strv_length (parts) == 2 && is_key (parts[0]) && is_key (parts[1]);
}

static gboolean
parse_scores (JsonObject       *object,
              const char       *id,
              NawatEvaluation  *evaluation,
              GError          **error)
{
  JsonNode *node = json_object_get_member (object, "scores");
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, "scores", _("expected an object, not %s"), node_kind (node));

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      g_autofree char *path = join_path ("scores", key);
      double score;

      if (!is_score_key (key))
        return invalid (error, id, path, _("a score key reads “<group>.<criterion>”"));
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (!node_is_number (value))
        return invalid (error, id, path, _("expected a number or null, not %s"), node_kind (value));

      score = json_node_get_double (value);
      if (!isfinite (score))
        return invalid (error, id, path, _("the number is not finite"));

      nawat_evaluation_set_score (evaluation, key, score);
    }

  return TRUE;
}

static gboolean
parse_comments (JsonObject       *object,
                const char       *id,
                NawatEvaluation  *evaluation,
                GError          **error)
{
  JsonNode *node = json_object_get_member (object, "comments");
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, "comments", _("expected an object, not %s"), node_kind (node));

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      g_autofree char *path = join_path ("comments", key);
      const char *comment;

      if (!is_score_key (key))
        return invalid (error, id, path, _("a comment key reads “<group>.<criterion>”"));
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (!check_string (value, id, path, NAWAT_CODEC_MAX_LONG_TEXT, &comment, error))
        return FALSE;

      nawat_evaluation_set_comment (evaluation, key, comment);
    }

  return TRUE;
}

static gboolean
parse_conflict (JsonObject       *object,
                const char       *id,
                NawatEvaluation  *evaluation,
                GError          **error)
{
  JsonNode *node = json_object_get_member (object, "conflict_of_interest");
  gboolean declared = FALSE;
  const char *note;
  JsonObject *coi;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, "conflict_of_interest", _("expected an object, not %s"),
                    node_kind (node));

  coi = json_node_get_object (node);
  if (!read_boolean (coi, "declared", id, "conflict_of_interest", TRUE, &declared, error) ||
      !read_string (coi, "note", id, "conflict_of_interest", FALSE, NAWAT_CODEC_MAX_LONG_TEXT,
                    &note, error))
    return FALSE;

  nawat_evaluation_set_conflict (evaluation, declared, note);
  return TRUE;
}

/* "reopened": {by, at}, both required when it is there. */
static gboolean
parse_reopened (JsonObject       *object,
                const char       *id,
                NawatEvaluation  *evaluation,
                GError          **error)
{
  JsonNode *node = json_object_get_member (object, "reopened");
  const char *by;
  const char *at;
  JsonObject *reopened;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, "reopened", _("expected an object, not %s"), node_kind (node));

  reopened = json_node_get_object (node);
  if (!read_string (reopened, "by", id, "reopened", TRUE, 64, &by, error) ||
      !read_string (reopened, "at", id, "reopened", TRUE, 64, &at, error))
    return FALSE;
  if (!nawat_codec_is_user_name (by))
    return invalid (error, id, "reopened.by", _("“%s” is not a user name"), by);
  if (!is_iso8601 (at))
    return invalid (error, id, "reopened.at", _("“%s” is not an ISO 8601 date and time"), at);

  nawat_evaluation_set_reopened (evaluation, by, at);
  return TRUE;
}

static NawatDocument *
parse_evaluation (JsonObject  *object,
                  const char  *id,
                  GError     **error)
{
  static const char * const known[] = {
    "_id", "_rev", "type", "schema", "project", "evaluator", "rubric", "scores", "comments",
    "overall_comment", "recommendation", "conflict_of_interest", "status", "updated",
    "reopened", NULL
  };
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autofree char *call = NULL;
  g_autofree char *code = NULL;
  g_autofree char *expected_id = NULL;
  const char *project, *evaluator, *rubric, *overall, *recommendation, *status, *updated;
  NawatRecommendation rec = NAWAT_RECOMMENDATION_NONE;
  NawatEvaluationStatus st;

  if (!read_string (object, "project", id, NULL, TRUE, 256, &project, error) ||
      !read_string (object, "evaluator", id, NULL, TRUE, 64, &evaluator, error) ||
      !read_string (object, "rubric", id, NULL, TRUE, 256, &rubric, error) ||
      !read_string (object, "overall_comment", id, NULL, FALSE, NAWAT_CODEC_MAX_LONG_TEXT,
                    &overall, error) ||
      !read_string (object, "recommendation", id, NULL, FALSE, 64, &recommendation, error) ||
      !read_string (object, "status", id, NULL, TRUE, 16, &status, error) ||
      !read_date (object, "updated", id, FALSE, &updated, error))
    return NULL;

  if (!g_str_has_prefix (project, "project:") || !split_project_id (project, &call, &code))
    return invalid (error, id, "project", _("“%s” is not a project id"), project), NULL;
  if (!nawat_codec_is_user_name (evaluator))
    return invalid (error, id, "evaluator", _("“%s” is not a user name"), evaluator), NULL;
  if (!g_str_has_prefix (rubric, "rubric:"))
    return invalid (error, id, "rubric", _("“%s” is not a rubric id"), rubric), NULL;

  expected_id = g_strdup_printf ("evaluation:%s:%s:%s", call, code, evaluator);
  if (!g_str_equal (id, expected_id))
    return invalid (error, id, "_id", _("the id should be “%s”"), expected_id), NULL;

  if (recommendation != NULL && !nawat_recommendation_from_string (recommendation, &rec))
    return invalid (error, id, "recommendation",
                    _("“%s” is not one of “fund”, “fund-with-conditions” or “reject”"),
                    recommendation), NULL;
  if (!nawat_evaluation_status_from_string (status, &st))
    return invalid (error, id, "status", _("“%s” is neither “draft” nor “submitted”"),
                    status), NULL;

  evaluation = nawat_evaluation_new (project, evaluator, rubric);

  if (!parse_scores (object, id, evaluation, error) ||
      !parse_comments (object, id, evaluation, error) ||
      !parse_conflict (object, id, evaluation, error) ||
      !parse_reopened (object, id, evaluation, error))
    return NULL;

  nawat_evaluation_set_overall_comment (evaluation, overall);
  nawat_evaluation_set_recommendation (evaluation, rec);
  nawat_evaluation_set_status (evaluation, st);
  nawat_evaluation_set_updated (evaluation, updated);
  if (!keep_extra (NAWAT_DOCUMENT (evaluation), object, known, id, error))
    return NULL;

  return NAWAT_DOCUMENT (g_steal_pointer (&evaluation));
}

/* CouchDB reserves the top-level members starting with '_' and refuses
 * those it does not know; a deleted document is not a document to keep.
 */
static gboolean
check_reserved (JsonObject  *object,
                const char  *id,
                GError     **error)
{
  static const char * const reserved[] = { "_id", "_rev", "_attachments", NULL };
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (name[0] != '_' || g_strv_contains (reserved, name))
        continue;
      if (g_str_equal (name, "_deleted"))
        return invalid (error, id, name, _("a deleted document cannot be imported or stored"));
      return invalid (error, id, name,
                      _("unknown member: names starting with “_” are reserved by CouchDB"));
    }

  return TRUE;
}

NawatDocument *
nawat_codec_from_node (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(NawatDocument) document = NULL;
  JsonObject *object;
  const char *id;
  const char *rev;
  const char *type;
  double schema;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_INVALID,
                   _("A document must be a JSON object, not %s"), node_kind (node));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!read_string (object, "_id", _("(no id)"), NULL, TRUE, 512, &id, error))
    return NULL;
  if (!read_string (object, "_rev", id, NULL, FALSE, 256, &rev, error) ||
      !read_string (object, "type", id, NULL, TRUE, 32, &type, error) ||
      !read_number (object, "schema", id, NULL, TRUE, TRUE, 1, 1000, &schema, NULL, error))
    return NULL;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isgraph (*p))
      return invalid (error, id, "_id", _("an id is printable ASCII without spaces")), NULL;

  if (!check_reserved (object, id, error))
    return NULL;

  if (schema > SCHEMA_VERSION)
    return invalid (error, id, "schema",
                    _("schema %d is newer than this version of Nawat understands"),
                    (int) schema), NULL;

  if (!g_str_has_prefix (id, type) || id[strlen (type)] != ':')
    return invalid (error, id, "_id", _("the id of a %s document starts with “%s:”"),
                    type, type), NULL;

  if (g_str_equal (type, "call"))
    document = parse_call (object, id, error);
  else if (g_str_equal (type, "rubric"))
    document = parse_rubric (object, id, error);
  else if (g_str_equal (type, "project"))
    document = parse_project (object, id, error);
  else if (g_str_equal (type, "evaluation"))
    document = parse_evaluation (object, id, error);
  else
    return invalid (error, id, "type", _("“%s” is not a document type"), type), NULL;

  if (document == NULL)
    return NULL;

  nawat_document_set_rev (document, rev);
  return g_steal_pointer (&document);
}

/* Scanning: finds the extent of one JSON value without building it, so a
 * batch is walked document by document and nesting is bounded.
 */

typedef struct
{
  const char *start;
  const char *end;
  const char *p;
} Scanner;

static guint
scanner_line (Scanner    *scanner,
              const char *at)
{
  guint line = 1;

  for (const char *p = scanner->start; p < at && p < scanner->end; p++)
    if (*p == '\n')
      line++;

  return line;
}

static gboolean
scanner_fail (Scanner     *scanner,
              const char  *reason,
              GError     **error)
{
  g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
               _("Malformed JSON at line %u: %s"),
               scanner_line (scanner, scanner->p), reason);
  return FALSE;
}

static void
scanner_skip_ws (Scanner *scanner)
{
  while (scanner->p < scanner->end &&
         (*scanner->p == ' ' || *scanner->p == '\t' || *scanner->p == '\n' ||
          *scanner->p == '\r'))
    scanner->p++;
}

static gboolean
scanner_skip_string (Scanner  *scanner,
                     GError  **error)
{
  g_assert (*scanner->p == '"');

  for (scanner->p++; scanner->p < scanner->end; scanner->p++)
    {
      if (*scanner->p == '\\' && scanner->p + 1 < scanner->end)
        scanner->p++;
      else if (*scanner->p == '"')
        {
          scanner->p++;
          return TRUE;
        }
    }

  return scanner_fail (scanner, _("a string is not terminated"), error);
}

static gboolean
scanner_skip_value (Scanner  *scanner,
                    GError  **error)
{
  guint depth = 0;

  scanner_skip_ws (scanner);
  if (scanner->p >= scanner->end)
    return scanner_fail (scanner, _("the data ends where a value was expected"), error);

  /* A scalar runs up to the next delimiter; json-glib judges it later. */
  if (*scanner->p != '{' && *scanner->p != '[' && *scanner->p != '"')
    {
      const char *begin = scanner->p;

      while (scanner->p < scanner->end && strchr (",]} \t\r\n", *scanner->p) == NULL)
        scanner->p++;
      if (scanner->p == begin)
        return scanner_fail (scanner, _("a value is missing"), error);
      return TRUE;
    }

  while (scanner->p < scanner->end)
    {
      char c = *scanner->p;

      if (c == '"')
        {
          if (!scanner_skip_string (scanner, error))
            return FALSE;
          if (depth == 0)
            return TRUE;
          continue;
        }

      if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return scanner_fail (scanner, _("the values are nested too deeply"), error);
        }
      else if (c == '}' || c == ']')
        {
          if (--depth == 0)
            {
              scanner->p++;
              return TRUE;
            }
        }

      scanner->p++;
    }

  return scanner_fail (scanner, _("the data ends inside a value"), error);
}

static JsonNode *
parse_slice (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                         _("no value"));
  return root;
}

/* Strict reading: exactly the grammar of RFC 8259, and none of what Nawat
 * refuses in any JSON it reads (a NUL or an unpaired surrogate in a
 * string, invalid UTF-8, integers json-glib cannot hold exactly, numbers a
 * double cannot hold, a member given twice in one object), checked in one
 * pass before json-glib, which is lenient ("0x3", "03" and raw control
 * characters pass), builds the tree.  Each problem is reported with the
 * document, the member and its byte offset.
 */

/* Objects up to this many members are checked for duplicate names by
 * comparing them with each other, larger ones through a hash table.
 */
#define SMALL_OBJECT 64

typedef struct
{
  const char *name;
  guint       length;
  gboolean    escaped;
} Member;

typedef struct
{
  gboolean    is_object;
  guint       index;
  /* the member being read, as written, without its quotes */
  const char *name;
  guint       name_length;
  /* its members start here in Strict.members */
  guint       first_member;
  GHashTable *names;
} Frame;

typedef struct
{
  const char *data;
  const char *end;
  const char *p;
  /* the number of the document read (from 1), 0 outside documents */
  guint       document;
  /* its _id as written, once read */
  const char *id;
  guint       id_length;
  guint       depth;
  Frame       frames[MAX_DEPTH];
  GArray     *members;
} Strict;

static void
strict_init (Strict     *s,
             const char *data,
             gsize       length)
{
  memset (s, 0, sizeof *s);
  s->data = s->p = data;
  s->end = data + length;
  s->members = g_array_new (FALSE, FALSE, sizeof (Member));
}

static void
strict_pop (Strict *s)
{
  Frame *frame = &s->frames[--s->depth];

  g_array_set_size (s->members, frame->first_member);
  g_clear_pointer (&frame->names, g_hash_table_unref);
}

static void
strict_clear (Strict *s)
{
  while (s->depth > 0)
    strict_pop (s);
  g_clear_pointer (&s->members, g_array_unref);
}

/* "call:x" or "document 3", then the path of the member being read. */
static char *
strict_where (Strict *s)
{
  GString *where = g_string_new (NULL);
  gboolean first = TRUE;

  if (s->id != NULL)
    g_string_append_len (where, s->id, MIN (s->id_length, 200));
  else if (s->document > 0)
    /* TRANSLATORS: a document of a file, by its number, whose id is not known */
    g_string_append_printf (where, _("document %u"), s->document);

  for (guint i = 0; i < s->depth; i++)
    {
      Frame *frame = &s->frames[i];

      if (frame->is_object && frame->name != NULL)
        {
          if (where->len > 0)
            g_string_append (where, first ? ": " : ".");
          g_string_append_len (where, frame->name, MIN (frame->name_length, 200));
          first = FALSE;
        }
      else if (!frame->is_object)
        {
          if (first && where->len > 0)
            g_string_append (where, ": ");
          g_string_append_printf (where, "[%u]", frame->index);
          first = FALSE;
        }
    }

  return g_string_free (where, FALSE);
}

static gboolean strict_fail (Strict      *s,
                             const char  *at,
                             GError     **error,
                             const char  *format,
                             ...) G_GNUC_PRINTF (4, 5);

static gboolean
strict_fail (Strict      *s,
             const char  *at,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  where = strict_where (s);
  if (*where != '\0')
    /* TRANSLATORS: the document and member, the byte offset, the reason */
    g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                 _("%s: at byte %lu: %s"), where, (unsigned long) (at - s->data), reason);
  else
    g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                 _("Malformed JSON at byte %lu: %s"), (unsigned long) (at - s->data), reason);
  return FALSE;
}

static void
strict_ws (Strict *s)
{
  while (s->p < s->end &&
         (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
read_hex4 (const guchar *p,
           const guchar *end,
           guint        *out)
{
  guint value = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value << 4 | digit;
    }

  *out = value;
  return TRUE;
}

/* The length of the UTF-8 sequence at @p (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0.
 */
static guint
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  guint n;

  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;

  if (end - p < n || p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return 0;

  return n;
}

/* Reads the string at s->p; @escaped tells whether it holds an escape. */
static gboolean
strict_string (Strict    *s,
               gboolean  *escaped,
               GError   **error)
{
  const guchar *p = (const guchar *) s->p + 1;
  const guchar *end = (const guchar *) s->end;
  guint n, u, low;

  *escaped = FALSE;

  while (p < end)
    {
      guchar c = *p;

      if (c == '"')
        {
          s->p = (const char *) p + 1;
          return TRUE;
        }

      if (c >= 0x20 && c < 0x80 && c != '\\')
        {
          p++;
          continue;
        }

      if (c == '\\')
        {
          *escaped = TRUE;
          if (p + 1 < end && strchr ("\"\\/bfnrt", p[1]) != NULL && p[1] != '\0')
            {
              p += 2;
              continue;
            }
          if (p + 1 >= end || p[1] != 'u' || !read_hex4 (p + 2, end, &u))
            return strict_fail (s, (const char *) p, error, _("an invalid escape sequence"));
          if (u == 0)
            return strict_fail (s, (const char *) p, error,
                                _("a text may not contain the NUL character (\\u0000)"));
          if (u >= 0xDC00 && u <= 0xDFFF)
            return strict_fail (s, (const char *) p, error,
                                _("an unpaired surrogate (\\u%04x)"), u);
          if (u >= 0xD800 && u <= 0xDBFF)
            {
              if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
                  !read_hex4 (p + 8, end, &low) || low < 0xDC00 || low > 0xDFFF)
                return strict_fail (s, (const char *) p, error,
                                    _("an unpaired surrogate (\\u%04x)"), u);
              p += 12;
            }
          else
            p += 6;
          continue;
        }

      if (c < 0x20)
        return strict_fail (s, (const char *) p, error,
                            _("the control character U+%04X must be escaped in a string"), c);

      n = utf8_sequence (p, end);
      if (n == 0)
        return strict_fail (s, (const char *) p, error,
                            _("byte 0x%02X is not valid UTF-8 here"), c);
      p += n;
    }

  return strict_fail (s, s->p, error, _("a string is not terminated"));
}

/* A short quotation of the data at @from, for messages. */
static char *
quote_token (const char *from,
             const char *end)
{
  const char *p = from;

  while (p < end && p - from < 40 && (guchar) *p > ' ' && (guchar) *p < 0x7F &&
         strchr (",]}", *p) == NULL)
    p++;

  return g_strndup (from, p - from);
}

static gboolean
is_delimiter (Strict     *s,
              const char *p)
{
  return p >= s->end || strchr (",]} \t\r\n", *p) != NULL;
}

static gboolean
strict_number (Strict  *s,
               GError **error)
{
  const char *begin = s->p;
  const char *p = s->p;
  const char *digits;
  gboolean integral = TRUE;
  gsize n_digits;

  if (*p == '-')
    p++;
  digits = p;
  if (p < s->end && *p == '0')
    p++;
  else
    while (p < s->end && g_ascii_isdigit (*p))
      p++;
  n_digits = p - digits;

  if (n_digits > 0 && p < s->end && *p == '.')
    {
      integral = FALSE;
      if (++p >= s->end || !g_ascii_isdigit (*p))
        n_digits = 0;
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }
  if (n_digits > 0 && p < s->end && (*p == 'e' || *p == 'E'))
    {
      integral = FALSE;
      p++;
      if (p < s->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= s->end || !g_ascii_isdigit (*p))
        n_digits = 0;
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }

  if (n_digits == 0 || !is_delimiter (s, p))
    {
      g_autofree char *token = quote_token (begin, s->end);
      return strict_fail (s, begin, error, _("“%s” is not a JSON number"), token);
    }

  /* json-glib holds integers in 64 bits, and wraps larger ones around;
   * beyond 2^53 they would not survive a double either.
   */
  if (integral &&
      (n_digits > 16 || (n_digits == 16 && memcmp (digits, "9007199254740992", 16) > 0)))
    {
      g_autofree char *token = quote_token (begin, s->end);
      return strict_fail (s, begin, error,
                          _("the integer %s is outside the range ±9007199254740992 (2^53)"),
                          token);
    }

  if (!integral)
    {
      g_autofree char *copy = g_strndup (begin, p - begin);

      if (!isfinite (g_ascii_strtod (copy, NULL)))
        {
          g_autofree char *token = quote_token (begin, s->end);
          return strict_fail (s, begin, error, _("the number %s is too large"), token);
        }
    }

  s->p = p;
  return TRUE;
}

/* The name of @member as text, its escapes decoded (it has been read). */
static char *
decode_name (const Member *member)
{
  const char *p = member->name;
  const char *end = p + member->length;
  GString *out;

  if (!member->escaped)
    return g_strndup (p, member->length);

  out = g_string_sized_new (member->length);
  while (p < end)
    {
      guint u = 0, low = 0xDC00;

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          read_hex4 ((const guchar *) p + 2, (const guchar *) end, &u);
          if (u >= 0xD800 && u <= 0xDBFF)
            {
              read_hex4 ((const guchar *) p + 8, (const guchar *) end, &low);
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              p += 6;
            }
          g_string_append_unichar (out, u);
          p += 4;
          break;
        default: g_string_append_c (out, p[1]); break;
        }
      p += 2;
    }

  return g_string_free (out, FALSE);
}

static gboolean
member_equal (const Member *a,
              const Member *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (!a->escaped && !b->escaped)
    return a->length == b->length && memcmp (a->name, b->name, a->length) == 0;

  x = decode_name (a);
  y = decode_name (b);
  return g_str_equal (x, y);
}

/* Records the member name just read into the innermost object, and
 * refuses one given twice.
 */
static gboolean
strict_add_member (Strict    *s,
                   Member    *member,
                   GError   **error)
{
  Frame *frame = &s->frames[s->depth - 1];
  guint n = s->members->len - frame->first_member;

  frame->name = member->name;
  frame->name_length = member->length;

  if (frame->names == NULL && n < SMALL_OBJECT)
    {
      for (guint i = frame->first_member; i < s->members->len; i++)
        if (member_equal (&g_array_index (s->members, Member, i), member))
          return strict_fail (s, member->name - 1, error, _("the member is given twice"));
      g_array_append_val (s->members, *member);
      return TRUE;
    }

  if (frame->names == NULL)
    {
      frame->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = frame->first_member; i < s->members->len; i++)
        g_hash_table_add (frame->names, decode_name (&g_array_index (s->members, Member, i)));
    }

  if (!g_hash_table_add (frame->names, decode_name (member)))
    return strict_fail (s, member->name - 1, error, _("the member is given twice"));
  return TRUE;
}

/* Reads a member name and its colon, at s->p. */
static gboolean
strict_member_name (Strict  *s,
                    GError **error)
{
  Member member;

  s->frames[s->depth - 1].name = NULL;
  strict_ws (s);
  if (s->p >= s->end || *s->p != '"')
    return strict_fail (s, s->p, error, _("expected a member name in quotes"));

  member.name = s->p + 1;
  if (!strict_string (s, &member.escaped, error))
    return FALSE;
  member.length = s->p - 1 - member.name;
  if (!strict_add_member (s, &member, error))
    return FALSE;

  strict_ws (s);
  if (s->p >= s->end || *s->p != ':')
    return strict_fail (s, s->p, error, _("expected “:” after a member name"));
  s->p++;
  return TRUE;
}

static gboolean
strict_unexpected (Strict  *s,
                   GError **error)
{
  if (s->p >= s->end)
    return strict_fail (s, s->p, error, _("the data ends where a value was expected"));
  if ((guchar) *s->p >= 0x80 || (guchar) *s->p < 0x20)
    return strict_fail (s, s->p, error, _("unexpected byte 0x%02X"), (guchar) *s->p);
  return strict_fail (s, s->p, error, _("unexpected character “%c”"), *s->p);
}

/* Reads one value at s->p, whole, and leaves s->p after it. */
static gboolean
strict_value (Strict  *s,
              GError **error)
{
  guint floor = s->depth;

  for (;;)
    {
      gboolean escaped;
      const char *begin;

      strict_ws (s);
      if (s->p >= s->end)
        return strict_unexpected (s, error);

      begin = s->p;
      switch (*s->p)
        {
        case '{':
        case '[':
          if (s->depth == MAX_DEPTH)
            return strict_fail (s, s->p, error, _("the values are nested too deeply"));
          s->frames[s->depth] = (Frame) { *s->p == '{', 0, NULL, 0, s->members->len, NULL };
          s->depth++;
          s->p++;
          strict_ws (s);
          if (s->p < s->end && *s->p == (s->frames[s->depth - 1].is_object ? '}' : ']'))
            {
              s->p++;
              strict_pop (s);
              break;
            }
          if (s->frames[s->depth - 1].is_object && !strict_member_name (s, error))
            return FALSE;
          continue;

        case '"':
          if (!strict_string (s, &escaped, error))
            return FALSE;
          /* The document's id, once known, names it in messages. */
          if (s->depth == 1 && s->frames[0].is_object && s->frames[0].name_length == 3 &&
              memcmp (s->frames[0].name, "_id", 3) == 0)
            {
              s->id = begin + 1;
              s->id_length = s->p - 1 - s->id;
            }
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!strict_number (s, error))
            return FALSE;
          break;

        case 't':
        case 'f':
        case 'n':
          {
            const char *word = *s->p == 't' ? "true" : *s->p == 'f' ? "false" : "null";
            gsize len = strlen (word);

            if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0 ||
                !is_delimiter (s, s->p + len))
              {
                g_autofree char *token = quote_token (s->p, s->end);
                return strict_fail (s, s->p, error, _("“%s” is not a JSON value"), token);
              }
            s->p += len;
          }
          break;

        default:
          return strict_unexpected (s, error);
        }

      /* After a value: the next one, or the ends of containers. */
      for (;;)
        {
          Frame *frame;

          if (s->depth == floor)
            return TRUE;

          /* Between members, no member is named in messages. */
          frame = &s->frames[s->depth - 1];
          frame->name = NULL;
          strict_ws (s);
          if (s->p < s->end && *s->p == ',')
            {
              s->p++;
              if (frame->is_object)
                {
                  if (!strict_member_name (s, error))
                    return FALSE;
                }
              else
                frame->index++;
              break;
            }
          if (s->p < s->end && *s->p == (frame->is_object ? '}' : ']'))
            {
              s->p++;
              strict_pop (s);
              continue;
            }

          if (s->p >= s->end)
            return strict_fail (s, s->p, error, _("the data ends inside a value"));
          return strict_fail (s, s->p, error,
                              frame->is_object ? _("expected “,” or “}”") : _("expected “,” or “]”"));
        }
    }
}

static gboolean
walk_documents (Strict             *s,
                NawatDocumentFunc   func,
                gpointer            user_data,
                GError            **error)
{
  guint index = 0;

  g_assert (*s->p == '[');
  s->p++;
  strict_ws (s);

  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *begin;

      strict_ws (s);
      begin = s->p;
      s->document = index + 1;
      s->id = NULL;
      if (!strict_value (s, error))
        return FALSE;
      s->document = 0;
      s->id = NULL;

      if ((gsize) (s->p - begin) > MAX_DOCUMENT_BYTES)
        {
          g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                       _("Document %u is larger than %u MiB"), index + 1,
                       MAX_DOCUMENT_BYTES / (1024 * 1024));
          return FALSE;
        }

      node = parse_slice (begin, s->p - begin, &local_error);
      if (node == NULL)
        {
          g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                       _("Malformed JSON in document %u (at byte %lu): %s"), index + 1,
                       (unsigned long) (begin - s->data), local_error->message);
          return FALSE;
        }

      if (!func (index++, begin - s->data, node, user_data, error))
        return FALSE;

      strict_ws (s);
      if (s->p >= s->end)
        return strict_fail (s, s->p, error, _("the list of documents is not closed"));
      if (*s->p == ']')
        {
          s->p++;
          return TRUE;
        }
      if (*s->p != ',')
        return strict_fail (s, s->p, error, _("expected “,” or “]” after a document"));
      s->p++;
    }
}

static gboolean
walk_object (Strict             *s,
             NawatDocumentFunc   func,
             gpointer            user_data,
             GError            **error)
{
  gboolean found = FALSE;

  g_assert (*s->p == '{');
  s->p++;

  for (;;)
    {
      const char *key;
      gboolean is_docs;
      gboolean escaped;

      strict_ws (s);
      if (s->p < s->end && *s->p == '}' && !found)
        break;
      if (s->p >= s->end || *s->p != '"')
        return strict_fail (s, s->p, error, _("expected a member name in quotes"));

      key = s->p;
      if (!strict_string (s, &escaped, error))
        return FALSE;
      is_docs = s->p - key == 6 && memcmp (key, "\"docs\"", 6) == 0;

      strict_ws (s);
      if (s->p >= s->end || *s->p != ':')
        return strict_fail (s, s->p, error, _("expected “:” after a member name"));
      s->p++;
      strict_ws (s);

      if (is_docs)
        {
          if (found)
            return strict_fail (s, key, error, _("“docs” is given twice"));
          if (s->p >= s->end || *s->p != '[')
            return strict_fail (s, s->p, error, _("“docs” must be an array"));
          if (!walk_documents (s, func, user_data, error))
            return FALSE;
          found = TRUE;
        }
      else if (!strict_value (s, error))
        return FALSE;

      strict_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        break;
      return strict_fail (s, s->p, error, _("expected “,” or “}”"));
    }

  if (!found)
    return strict_fail (s, s->p, error, _("the object has no “docs” array"));

  s->p++;
  return TRUE;
}

static gboolean
walk_data (Strict             *s,
           NawatDocumentFunc   func,
           gpointer            user_data,
           GError            **error)
{
  /* A byte-order mark is tolerated, as spreadsheet tools write one. */
  if (s->end - s->p >= 3 && memcmp (s->p, "\xEF\xBB\xBF", 3) == 0)
    s->p += 3;

  strict_ws (s);
  if (s->p >= s->end)
    return strict_fail (s, s->p, error, _("the data is empty"));

  if (*s->p == '[')
    {
      if (!walk_documents (s, func, user_data, error))
        return FALSE;
    }
  else if (*s->p == '{')
    {
      if (!walk_object (s, func, user_data, error))
        return FALSE;
    }
  else
    return strict_fail (s, s->p, error,
                        _("expected an array of documents or {\"docs\": [...]}"));

  strict_ws (s);
  if (s->p < s->end)
    return strict_fail (s, s->p, error, _("unexpected data after the documents"));

  return TRUE;
}

gboolean
nawat_codec_foreach_document (const char         *data,
                              gsize               length,
                              NawatDocumentFunc   func,
                              gpointer            user_data,
                              GError            **error)
{
  Strict s;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  strict_init (&s, data != NULL ? data : "", length);
  ok = walk_data (&s, func, user_data, error);
  strict_clear (&s);
  return ok;
}

/* Finds the member named @key (quoted, as written) of the object at the
 * scanner, the last one if it is repeated, as json-glib keeps it, and moves
 * past the object.
 */
static gboolean
scanner_find_member (Scanner     *scanner,
                     const char  *key,
                     const char **value,
                     const char **value_end)
{
  gsize key_len = strlen (key);

  *value = *value_end = NULL;
  if (scanner->p >= scanner->end || *scanner->p != '{')
    return FALSE;
  scanner->p++;

  for (;;)
    {
      const char *name;
      const char *start;
      gboolean match;

      scanner_skip_ws (scanner);
      if (scanner->p < scanner->end && *scanner->p == '}')
        {
          scanner->p++;
          return TRUE;
        }
      if (scanner->p >= scanner->end || *scanner->p != '"')
        return FALSE;
      name = scanner->p;
      if (!scanner_skip_string (scanner, NULL))
        return FALSE;
      match = (gsize) (scanner->p - name) == key_len && memcmp (name, key, key_len) == 0;

      scanner_skip_ws (scanner);
      if (scanner->p >= scanner->end || *scanner->p != ':')
        return FALSE;
      scanner->p++;
      scanner_skip_ws (scanner);
      start = scanner->p;
      if (!scanner_skip_value (scanner, NULL))
        return FALSE;
      if (match)
        {
          *value = start;
          *value_end = scanner->p;
        }

      scanner_skip_ws (scanner);
      if (scanner->p < scanner->end && *scanner->p == ',')
        scanner->p++;
    }
}

const char **
nawat_codec_scan_changes (const char *data,
                          gsize       length,
                          guint       n_changes)
{
  Scanner scanner = { data, data + length, data };
  const char *results;
  const char *results_end;
  /* one more: an answer with no change has spans too */
  g_autofree const char **spans = g_new0 (const char *, 2 * (gsize) n_changes + 1);
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  scanner_skip_ws (&scanner);
  if (!scanner_find_member (&scanner, "\"results\"", &results, &results_end)
      || results == NULL || *results != '[')
    return NULL;

  scanner = (Scanner) { data, results_end, results + 1 };
  for (n = 0; ; n++)
    {
      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ']')
        break;
      if (n == n_changes || scanner.p >= scanner.end)
        return NULL;
      if (*scanner.p == '{')
        {
          if (!scanner_find_member (&scanner, "\"doc\"", &spans[2 * n], &spans[2 * n + 1]))
            return NULL;
        }
      else if (!scanner_skip_value (&scanner, NULL))
        return NULL;

      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ',')
        scanner.p++;
    }

  return n == n_changes ? g_steal_pointer (&spans) : NULL;
}

gboolean
nawat_codec_check_text (const char  *data,
                        gsize        length,
                        GError     **error)
{
  gboolean ok;
  Strict s;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  strict_init (&s, data != NULL ? data : "", length);
  ok = strict_value (&s, error);
  if (ok)
    {
      s.id = NULL;
      strict_ws (&s);
      if (s.p < s.end)
        ok = strict_fail (&s, s.p, error, _("unexpected data after the document"));
    }
  strict_clear (&s);
  return ok;
}

GPtrArray *
nawat_codec_split_changes (const char *data,
                           gsize       length)
{
  Scanner scanner = { data, data + length, data };
  const char *results;
  const char *results_end;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  scanner_skip_ws (&scanner);
  if (!scanner_find_member (&scanner, "\"results\"", &results, &results_end)
      || results == NULL || *results != '[')
    return NULL;

  scanner = (Scanner) { data, results_end, results + 1 };
  for (;;)
    {
      const char *begin;
      const char *id = NULL;
      const char *id_end = NULL;
      Scanner change;

      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ']')
        break;
      begin = scanner.p;
      if (scanner.p >= scanner.end || !scanner_skip_value (&scanner, NULL))
        return NULL;
      change = (Scanner) { data, scanner.p, begin };
      if (*begin == '{' && !scanner_find_member (&change, "\"id\"", &id, &id_end))
        return NULL;
      g_ptr_array_add (changes, g_strndup (begin, scanner.p - begin));
      g_ptr_array_add (changes, id != NULL ? g_strndup (id, id_end - id) : NULL);

      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ',')
        scanner.p++;
    }

  return g_steal_pointer (&changes);
}

NawatDocument *
nawat_codec_from_data (const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (!nawat_codec_check_text (data, length, error))
    return NULL;

  node = parse_slice (data, length, &local_error);
  if (node == NULL)
    {
      g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                   _("Malformed JSON: %s"), local_error->message);
      return NULL;
    }

  return nawat_codec_from_node (node, error);
}

gboolean
nawat_codec_check_evaluation (NawatEvaluation  *evaluation,
                              NawatRubric      *rubric,
                              GError          **error)
{
  const char *id;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) comment_keys = NULL;
  NawatScore score;

  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);
  g_return_val_if_fail (NAWAT_IS_RUBRIC (rubric), FALSE);

  id = nawat_document_get_id (NAWAT_DOCUMENT (evaluation));

  if (g_strcmp0 (nawat_evaluation_get_rubric (evaluation),
                 nawat_document_get_id (NAWAT_DOCUMENT (rubric))) != 0)
    return invalid (error, id, "rubric", _("“%s” is not the rubric “%s” it is checked against"),
                    nawat_evaluation_get_rubric (evaluation),
                    nawat_document_get_id (NAWAT_DOCUMENT (rubric)));

  keys = nawat_evaluation_dup_score_keys (evaluation);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *path = join_path ("scores", keys[i]);
      g_autofree char *reason = NULL;
      double value = 0;

      nawat_evaluation_get_score (evaluation, keys[i], &value);
      reason = _nawat_scoring_check_reason (rubric, keys[i], value);
      if (reason != NULL)
        return invalid (error, id, path, "%s", reason);
    }

  comment_keys = nawat_evaluation_dup_comment_keys (evaluation);
  for (guint i = 0; comment_keys[i] != NULL; i++)
    if (nawat_rubric_find_criterion (rubric, comment_keys[i], NULL) == NULL)
      {
        g_autofree char *path = join_path ("comments", comment_keys[i]);
        return invalid (error, id, path, _("unknown criterion “%s”"), comment_keys[i]);
      }

  if (nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
    {
      if (nawat_evaluation_get_conflict_declared (evaluation))
        return invalid (error, id, "status",
                        _("an evaluation with a declared conflict of interest cannot be submitted"));

      nawat_scoring_compute (rubric, evaluation, &score);
      if (!score.complete)
        return invalid (error, id, "status",
                        _("submitted, but %u of %u required criteria have a score"),
                        score.n_scored_required, score.n_required);
    }

  return TRUE;
}

/* Serialising: known members in a fixed order, then the unknown ones. */

static void
add_text (JsonBuilder     *builder,
          const char      *name,
          const NawatText *text)
{
  if (text == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  if (text->th != NULL)
    {
      json_builder_set_member_name (builder, "th");
      json_builder_add_string_value (builder, text->th);
    }
  if (text->en != NULL)
    {
      json_builder_set_member_name (builder, "en");
      json_builder_add_string_value (builder, text->en);
    }
  json_builder_end_object (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (fabs (value - round (value)) < 1e-9 && fabs (value) < 9e15)
    json_builder_add_int_value (builder, (gint64) round (value));
  else
    json_builder_add_double_value (builder, value);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  if (values == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
build_call (JsonBuilder *builder,
            NawatCall   *call)
{
  g_auto(GStrv) names = nawat_call_dup_extension_names (call);

  add_text (builder, "title", nawat_call_get_title (call));
  if (nawat_call_get_year_be (call) > 0)
    {
      json_builder_set_member_name (builder, "year_be");
      json_builder_add_int_value (builder, nawat_call_get_year_be (call));
    }
  add_string (builder, "rubric", nawat_call_get_rubric (call));
  add_string (builder, "deadline", nawat_call_get_deadline (call));
  add_strv (builder, "evaluators", nawat_call_get_evaluators (call));

  if (names[0] != NULL)
    {
      json_builder_set_member_name (builder, "extensions");
      json_builder_begin_object (builder);
      for (guint i = 0; names[i] != NULL; i++)
        add_string (builder, names[i], nawat_call_get_extension (call, names[i]));
      json_builder_end_object (builder);
    }
}

static void
build_criterion (JsonBuilder    *builder,
                 NawatCriterion *criterion)
{
  GPtrArray *levels = nawat_criterion_get_levels (criterion);

  json_builder_begin_object (builder);
  add_string (builder, "key", nawat_criterion_get_key (criterion));
  add_text (builder, "label", nawat_criterion_get_label (criterion));
  json_builder_set_member_name (builder, "min");
  json_builder_add_int_value (builder, nawat_criterion_get_min (criterion));
  json_builder_set_member_name (builder, "max");
  json_builder_add_int_value (builder, nawat_criterion_get_max (criterion));
  json_builder_set_member_name (builder, "weight");
  add_number (builder, nawat_criterion_get_weight (criterion));
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, nawat_criterion_get_required (criterion));

  json_builder_set_member_name (builder, "levels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < levels->len; i++)
    {
      const NawatLevel *level = g_ptr_array_index (levels, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_int_value (builder, level->value);
      add_text (builder, "label", level->label);
      add_text (builder, "descriptor", level->descriptor);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
build_rubric (JsonBuilder *builder,
              NawatRubric *rubric)
{
  GListModel *groups = nawat_rubric_get_groups (rubric);

  add_text (builder, "title", nawat_rubric_get_title (rubric));
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);

  for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);

      json_builder_begin_object (builder);
      add_string (builder, "key", nawat_rubric_group_get_key (group));
      add_text (builder, "label", nawat_rubric_group_get_label (group));
      json_builder_set_member_name (builder, "weight");
      add_number (builder, nawat_rubric_group_get_weight (group));
      add_string (builder, "aggregation",
                  nawat_rubric_group_get_aggregation (group) == NAWAT_AGGREGATION_MAX
                  ? "max" : "mean");
      json_builder_set_member_name (builder, "criteria");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, i);
          build_criterion (builder, criterion);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
build_project (JsonBuilder  *builder,
               NawatProject *project)
{
  GPtrArray *partners = nawat_project_get_partners (project);

  add_string (builder, "call", nawat_project_get_call (project));
  add_string (builder, "code", nawat_project_get_code (project));
  add_text (builder, "title", nawat_project_get_title (project));
  add_text (builder, "summary", nawat_project_get_summary (project));
  add_string (builder, "organisation", nawat_project_get_organisation (project));
  add_string (builder, "province", nawat_project_get_province (project));
  add_string (builder, "reach", nawat_project_get_reach (project));
  add_strv (builder, "domains", nawat_project_get_domains (project));

  json_builder_set_member_name (builder, "partners");
  json_builder_begin_array (builder);
  for (guint i = 0; i < partners->len; i++)
    {
      const NawatPartner *partner = g_ptr_array_index (partners, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", partner->name);
      add_string (builder, "sector", partner->sector);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "budget_thb");
  json_builder_add_int_value (builder, nawat_project_get_budget_thb (project));
  if (nawat_project_get_duration_months (project) > 0)
    {
      json_builder_set_member_name (builder, "duration_months");
      json_builder_add_int_value (builder, nawat_project_get_duration_months (project));
    }
  add_string (builder, "submitted", nawat_project_get_submitted (project));
  add_strv (builder, "assigned", nawat_project_get_assigned (project));
}

static void
build_evaluation (JsonBuilder     *builder,
                  NawatEvaluation *evaluation)
{
  g_auto(GStrv) keys = nawat_evaluation_dup_score_keys (evaluation);
  g_auto(GStrv) comment_keys = nawat_evaluation_dup_comment_keys (evaluation);
  NawatRecommendation recommendation = nawat_evaluation_get_recommendation (evaluation);
  const char *note = nawat_evaluation_get_conflict_note (evaluation);

  add_string (builder, "project", nawat_evaluation_get_project (evaluation));
  add_string (builder, "evaluator", nawat_evaluation_get_evaluator (evaluation));
  add_string (builder, "rubric", nawat_evaluation_get_rubric (evaluation));

  json_builder_set_member_name (builder, "scores");
  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      double value = 0;

      nawat_evaluation_get_score (evaluation, keys[i], &value);
      json_builder_set_member_name (builder, keys[i]);
      add_number (builder, value);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "comments");
  json_builder_begin_object (builder);
  for (guint i = 0; comment_keys[i] != NULL; i++)
    add_string (builder, comment_keys[i], nawat_evaluation_get_comment (evaluation, comment_keys[i]));
  json_builder_end_object (builder);

  add_string (builder, "overall_comment", nawat_evaluation_get_overall_comment (evaluation));

  json_builder_set_member_name (builder, "recommendation");
  if (recommendation == NAWAT_RECOMMENDATION_NONE)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, nawat_recommendation_to_string (recommendation));

  json_builder_set_member_name (builder, "conflict_of_interest");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "declared");
  json_builder_add_boolean_value (builder, nawat_evaluation_get_conflict_declared (evaluation));
  add_string (builder, "note", note);
  json_builder_end_object (builder);

  add_string (builder, "status",
              nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  add_string (builder, "updated", nawat_evaluation_get_updated (evaluation));

  if (nawat_evaluation_get_reopened_by (evaluation) != NULL)
    {
      json_builder_set_member_name (builder, "reopened");
      json_builder_begin_object (builder);
      add_string (builder, "by", nawat_evaluation_get_reopened_by (evaluation));
      add_string (builder, "at", nawat_evaluation_get_reopened_at (evaluation));
      json_builder_end_object (builder);
    }
}

JsonNode *
nawat_codec_to_node (NawatDocument *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *extra;

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (document), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "_id", nawat_document_get_id (document));
  add_string (builder, "_rev", nawat_document_get_rev (document));
  add_string (builder, "type", nawat_document_get_doc_type (document));
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, SCHEMA_VERSION);

  if (NAWAT_IS_CALL (document))
    build_call (builder, NAWAT_CALL (document));
  else if (NAWAT_IS_RUBRIC (document))
    build_rubric (builder, NAWAT_RUBRIC (document));
  else if (NAWAT_IS_PROJECT (document))
    build_project (builder, NAWAT_PROJECT (document));
  else if (NAWAT_IS_EVALUATION (document))
    build_evaluation (builder, NAWAT_EVALUATION (document));
  else
    g_assert_not_reached ();

  extra = nawat_document_get_extra (document);
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init_ordered (&iter, extra);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_value (builder, json_node_copy (node));
        }
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
nawat_codec_to_data (NawatDocument *document,
                     gsize         *length)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (document), NULL);

  node = nawat_codec_to_node (document);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

/* Batches */

typedef struct
{
  NawatRubricLookup  lookup;
  gpointer           user_data;
  GPtrArray         *documents;
  GPtrArray         *problems;
  GHashTable        *rubrics;
  /* id -> where it starts, to refuse a document given twice */
  GHashTable        *ids;
} Batch;

static gboolean
batch_add (guint      index,
           gsize      offset,
           JsonNode  *node,
           gpointer   user_data,
           GError   **error)
{
  Batch *batch = user_data;
  g_autoptr(GError) local_error = NULL;
  NawatDocument *document;
  gpointer first;
  const char *id;

  document = nawat_codec_from_node (node, &local_error);
  if (document == NULL)
    {
      g_ptr_array_add (batch->problems, g_strdup (local_error->message));
      return TRUE;
    }

  id = nawat_document_get_id (document);
  if (g_hash_table_lookup_extended (batch->ids, id, NULL, &first))
    {
      g_ptr_array_add (batch->problems,
                       g_strdup_printf (_("%s: _id: at byte %lu: the document is given twice in "
                                          "the file (first at byte %lu)"),
                                        id, (unsigned long) offset,
                                        (unsigned long) GPOINTER_TO_SIZE (first)));
      g_object_unref (document);
      return TRUE;
    }
  g_hash_table_insert (batch->ids, (gpointer) id, GSIZE_TO_POINTER (offset));

  if (NAWAT_IS_RUBRIC (document))
    g_hash_table_replace (batch->rubrics,
                          (gpointer) nawat_document_get_id (document),
                          document);

  g_ptr_array_add (batch->documents, document);
  return TRUE;
}

static NawatRubric *
batch_find_rubric (Batch      *batch,
                   const char *id)
{
  NawatRubric *rubric = g_hash_table_lookup (batch->rubrics, id);

  if (rubric != NULL)
    return g_object_ref (rubric);
  if (batch->lookup != NULL && (rubric = batch->lookup (id, batch->user_data)) != NULL)
    return rubric;
  if (g_str_equal (id, NAWAT_DEFAULT_RUBRIC_ID))
    return g_object_ref (nawat_rubric_get_default ());

  return NULL;
}

gboolean
nawat_codec_parse_batch (const char         *data,
                         gsize               length,
                         NawatRubricLookup   lookup,
                         gpointer            user_data,
                         GPtrArray         **documents,
                         GPtrArray         **problems,
                         GError            **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) probs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) rubrics = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Batch batch = { lookup, user_data, docs, probs, rubrics, ids };

  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  *documents = NULL;
  *problems = NULL;

  if (!nawat_codec_foreach_document (data, length, batch_add, &batch, error))
    return FALSE;

  /* Evaluations are checked once every rubric of the batch is known. */
  for (guint i = 0; i < docs->len; i++)
    {
      NawatDocument *document = g_ptr_array_index (docs, i);
      g_autoptr(NawatRubric) rubric = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *rubric_id;

      if (!NAWAT_IS_EVALUATION (document))
        continue;

      rubric_id = nawat_evaluation_get_rubric (NAWAT_EVALUATION (document));
      rubric = batch_find_rubric (&batch, rubric_id);

      if (rubric == NULL)
        g_ptr_array_add (probs, g_strdup_printf (_("%s: %s: %s"),
                                                 nawat_document_get_id (document), "rubric",
                                                 _("the rubric is not known")));
      else if (!nawat_codec_check_evaluation (NAWAT_EVALUATION (document), rubric, &local_error))
        g_ptr_array_add (probs, g_strdup (local_error->message));
    }

  if (probs->len > 0)
    {
      *problems = g_steal_pointer (&probs);
      return FALSE;
    }

  *documents = g_steal_pointer (&docs);
  return TRUE;
}
