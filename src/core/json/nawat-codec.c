/* nawat-codec.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-codec-private.h"
#include "nawat-domains.h"
#include "nawat-evaluation-fields.h"
#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-scoring-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

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

/* The path of a member, for messages, in a buffer on the stack: every
 * member read needs one and almost none is ever shown, so it is allocated
 * only when it does not fit.
 */
typedef struct
{
  char  buf[128];
  char *heap;
} MemberPath;

static void
member_path_clear (MemberPath *path)
{
  g_clear_pointer (&path->heap, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MemberPath, member_path_clear)

/* @prefix and @name joined as join_path() does, held by @path. */
static const char *
member_path_join (MemberPath *path,
                  const char *prefix,
                  const char *name)
{
  gsize prefix_len = prefix != NULL ? strlen (prefix) : 0;
  gsize name_len = strlen (name);
  gsize len = prefix_len + (prefix_len > 0 ? 1 : 0) + name_len;
  char *p;

  if (len >= sizeof path->buf)
    {
      path->heap = join_path (prefix, name);
      return path->heap;
    }

  p = path->buf;
  if (prefix_len > 0)
    {
      memcpy (p, prefix, prefix_len);
      p += prefix_len;
      *p++ = '.';
    }
  memcpy (p, name, name_len + 1);
  return path->buf;
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
check_object (JsonNode     *node,
              const char   *id,
              const char   *path,
              JsonObject  **out,
              GError      **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, id, path, _("expected an object, not %s"), node_kind (node));

  *out = json_node_get_object (node);
  return TRUE;
}

/* Finds the member @name of @object; a missing or null member leaves @out
 * NULL and is a problem only when it is @required.
 */
static gboolean
find_member (JsonObject  *object,
             const char  *name,
             const char  *id,
             const char  *path,
             gboolean     required,
             JsonNode   **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, id, path, _("the field is missing"));
      return TRUE;
    }

  *out = node;
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
  g_auto(MemberPath) path_buf = { { 0, }, NULL };
  const char *path = member_path_join (&path_buf, prefix, name);
  JsonNode *node;

  *out = NULL;

  if (!find_member (object, name, id, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

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
  g_auto(MemberPath) path_buf = { { 0, }, NULL };
  const char *path = member_path_join (&path_buf, prefix, name);
  const char *values[2] = { NULL, NULL };
  JsonObject *text;
  JsonNode *node;

  *out = NULL;

  if (!find_member (object, name, id, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

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
  g_auto(MemberPath) path_buf = { { 0, }, NULL };
  const char *path = member_path_join (&path_buf, prefix, name);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  JsonNode *node;
  double value;

  if (present != NULL)
    *present = FALSE;

  if (!find_member (object, name, id, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

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
  g_auto(MemberPath) path_buf = { { 0, }, NULL };
  const char *path = member_path_join (&path_buf, prefix, name);
  JsonNode *node;

  if (!find_member (object, name, id, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

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

static gboolean
read_array (JsonObject  *object,
            const char  *name,
            const char  *id,
            const char  *prefix,
            gboolean     required,
            JsonArray  **out,
            GError     **error)
{
  g_auto(MemberPath) path_buf = { { 0, }, NULL };
  const char *path = member_path_join (&path_buf, prefix, name);
  JsonNode *node;

  *out = NULL;

  if (!find_member (object, name, id, path, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, id, path, _("expected an array, not %s"), node_kind (node));

  *out = json_node_get_array (node);
  return TRUE;
}

/* An object member that may be missing or null. */
static gboolean
read_object (JsonObject   *object,
             const char   *name,
             const char   *id,
             const char   *prefix,
             JsonObject  **out,
             GError      **error)
{
  g_auto(MemberPath) path_buf = { { 0, }, NULL };
  const char *path = member_path_join (&path_buf, prefix, name);
  JsonNode *node;

  *out = NULL;

  if (!find_member (object, name, id, path, FALSE, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return check_object (node, id, path, out, error);
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
  JsonArray *array;
  guint n;

  *out = NULL;

  if (!read_array (object, name, id, NULL, required, &array, error))
    return FALSE;
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
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *extensions;

  if (!read_object (object, "extensions", id, NULL, &extensions, error))
    return FALSE;
  if (extensions == NULL)
    return TRUE;

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

/* "evaluator_profiles": evaluator name → {display_name, organisation,
 * domains, max_load}; members this version does not know are kept.
 */
static gboolean
parse_profiles (JsonObject  *object,
                const char  *id,
                NawatCall   *call,
                GError     **error)
{
  static const char * const known[] = {
    "display_name", "organisation", "domains", "max_load", NULL
  };
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *profiles;

  if (!read_object (object, "evaluator_profiles", id, NULL, &profiles, error))
    return FALSE;
  if (profiles == NULL)
    return TRUE;

  if (json_object_get_size (profiles) > 10000)
    return invalid (error, id, "evaluator_profiles",
                    _("the list has %u entries, over the limit of %u"),
                    json_object_get_size (profiles), 10000);

  json_object_iter_init_ordered (&iter, profiles);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      g_autofree char *path = join_path ("evaluator_profiles", name);
      g_autoptr(NawatEvaluatorProfile) profile = nawat_evaluator_profile_new ();
      g_auto(GStrv) domains = NULL;
      JsonObject *fields = NULL;
      JsonObjectIter field_iter;
      const char *field;
      JsonNode *field_value;
      const char *display_name;
      const char *organisation;
      double max_load = -1;

      if (!nawat_codec_is_user_name (name))
        return invalid (error, id, "evaluator_profiles", _("“%s” is not %s"), name,
                        _("a user name"));
      if (!check_object (value, id, path, &fields, error) ||
          !read_string (fields, "display_name", id, path, FALSE, NAWAT_CODEC_MAX_SHORT_TEXT,
                        &display_name, error) ||
          !read_string (fields, "organisation", id, path, FALSE, NAWAT_CODEC_MAX_SHORT_TEXT,
                        &organisation, error) ||
          !read_strv (fields, "domains", id, FALSE, FALSE, is_domain, _("a domain key"),
                      &domains, error) ||
          !read_number (fields, "max_load", id, path, FALSE, TRUE, 0, 1000000, &max_load, NULL,
                        error))
        return FALSE;

      profile->display_name = g_strdup (display_name);
      profile->organisation = g_strdup (organisation);
      if (domains != NULL)
        {
          g_strfreev (profile->domains);
          profile->domains = g_steal_pointer (&domains);
        }
      profile->max_load = (int) max_load;

      json_object_iter_init_ordered (&field_iter, fields);
      while (json_object_iter_next_ordered (&field_iter, &field, &field_value))
        {
          g_autofree char *field_path = NULL;

          if (g_strv_contains (known, field))
            continue;
          field_path = join_path (path, field);
          if (!check_extra (field_value, id, field_path, 2, error))
            return FALSE;
          if (profile->extra == NULL)
            profile->extra = json_object_new ();
          json_object_set_member (profile->extra, field, json_node_copy (field_value));
        }

      nawat_call_set_profile (call, name, profile);
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
    "evaluators", "extensions", "evaluator_profiles", "theme", NULL
  };
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatText) title = NULL;
  g_auto(GStrv) evaluators = NULL;
  const char *call_id = id + strlen ("call:");
  const char *rubric;
  const char *deadline;
  const char *theme;
  double year = 0;
  gboolean has_year;

  if (!is_code (call_id))
    return invalid (error, id, "_id", _("the call id must be lower-case letters, digits and hyphens")), NULL;

  if (!read_text (object, "title", id, NULL, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &title, error) ||
      !read_number (object, "year_be", id, NULL, FALSE, TRUE, 2400, 2800, &year, &has_year, error) ||
      !read_string (object, "rubric", id, NULL, FALSE, NAWAT_CODEC_MAX_SHORT_TEXT, &rubric, error) ||
      !read_date (object, "deadline", id, FALSE, &deadline, error) ||
      !read_string (object, "theme", id, NULL, FALSE, NAWAT_CODEC_MAX_SHORT_TEXT, &theme, error) ||
      !read_strv (object, "evaluators", id, FALSE, FALSE, nawat_codec_is_user_name,
                  _("a user name"),
                  &evaluators, error))
    return NULL;

  if (rubric != NULL && !g_str_has_prefix (rubric, "rubric:"))
    return invalid (error, id, "rubric", _("“%s” is not a rubric id"), rubric), NULL;
  if (theme != NULL && nawat_theme_index (theme) < 0)
    return invalid (error, id, "theme", _("“%s” is not a yearly theme"), theme), NULL;

  call = nawat_call_new (call_id);
  if (!parse_extensions (object, id, call, error) ||
      !parse_profiles (object, id, call, error))
    return NULL;
  nawat_call_set_title (call, title);
  if (has_year)
    nawat_call_set_year_be (call, (int) year);
  nawat_call_set_rubric (call, rubric);
  nawat_call_set_theme (call, theme);
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
  JsonObject *object = NULL;
  double value;

  if (!check_object (node, id, path, &object, error) ||
      !read_number (object, "value", id, path, TRUE, TRUE,
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

/* The "key" naming a group or a criterion. */
static gboolean
read_key (JsonObject  *object,
          const char  *id,
          const char  *path,
          const char **out,
          GError     **error)
{
  if (!read_string (object, "key", id, path, TRUE, 64, out, error))
    return FALSE;

  if (!is_key (*out))
    {
      g_autofree char *kpath = join_path (path, "key");
      return invalid (error, id, kpath,
                      _("“%s” is not a key (lower-case letters, digits and hyphens)"), *out);
    }

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
  JsonObject *object = NULL;
  JsonArray *levels;
  const char *key;
  double min, max, weight = 1.0;
  gboolean required = TRUE;

  if (!check_object (node, id, path, &object, error) ||
      !read_key (object, id, path, &key, error) ||
      !read_text (object, "label", id, path, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &label, error) ||
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

  if (!read_array (object, "levels", id, path, FALSE, &levels, error))
    return NULL;

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
  JsonObject *object = NULL;
  JsonArray *criteria;
  const char *key;
  const char *aggregation;
  double weight = 1.0;

  if (!check_object (node, id, path, &object, error) ||
      !read_key (object, id, path, &key, error) ||
      !read_text (object, "label", id, path, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &label, error) ||
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

  if (!read_array (object, "criteria", id, path, TRUE, &criteria, error))
    return NULL;
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
  JsonArray *groups;
  double total_weight = 0.0;
  gboolean ask_confidence;

  /* "ask_confidence" stays among the kept members, checked here. */
  if (!read_text (object, "title", id, NULL, FALSE, NAWAT_CODEC_MAX_SHORT_TEXT, &title, error) ||
      !read_boolean (object, "ask_confidence", id, NULL, FALSE, &ask_confidence, error))
    return NULL;

  if (!read_array (object, "groups", id, NULL, TRUE, &groups, error))
    return NULL;
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
  JsonArray *partners;

  if (!read_array (object, "partners", id, NULL, FALSE, &partners, error))
    return FALSE;
  if (partners == NULL)
    return TRUE;
  if (json_array_get_length (partners) > 1000)
    return invalid (error, id, "partners", _("the list has %u entries, over the limit of %u"),
                    json_array_get_length (partners), 1000);

  for (guint i = 0; i < json_array_get_length (partners); i++)
    {
      g_autofree char *path = g_strdup_printf ("partners[%u]", i);
      g_autoptr(NawatPartner) partner = NULL;
      JsonObject *p = NULL;
      const char *name;
      const char *sector;

      if (!check_object (json_array_get_element (partners, i), id, path, &p, error) ||
          !read_string (p, "name", id, path, TRUE, NAWAT_CODEC_MAX_SHORT_TEXT, &name, error) ||
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

/* The reason of a NAWAT_ATTACHMENT_ERROR, after the document and the path. */
static gboolean
invalid_attachment (GError     **error,
                    const char  *id,
                    const char  *path,
                    GError      *reason)
{
  return invalid (error, id, path, "%s", reason->message);
}

/* One entry of "_attachments": a stub, whose contents live apart. */
static gboolean
parse_attachment (JsonObject    *attachments,
                  const char    *name,
                  const char    *id,
                  NawatProject  *project,
                  GError       **error)
{
  static const char * const known[] = { "content_type", "length", "digest", "stub", NULL };
  g_autofree char *path = g_strconcat ("_attachments.", name, NULL);
  g_autoptr(NawatAttachment) attachment = NULL;
  g_autoptr(GError) reason = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  JsonObject *object = NULL;
  const char *content_type, *digest;
  double length = 0;
  gboolean stub = TRUE;

  if (!nawat_attachment_check_name (name, &reason))
    return invalid_attachment (error, id, "_attachments", reason);
  if (!check_object (json_object_get_member (attachments, name), id, path, &object, error))
    return FALSE;
  if (json_object_has_member (object, "data") || json_object_has_member (object, "follows"))
    return invalid (error, id, path,
                    _("the file’s contents are not kept in the document: attach the file "
                      "with “nawat-cli attach”"));

  if (!read_string (object, "content_type", id, path, TRUE, NAWAT_ATTACHMENT_MAX_CONTENT_TYPE,
                    &content_type, error) ||
      !read_number (object, "length", id, path, TRUE, TRUE, 0, 9007199254740992.0, &length,
                    NULL, error) ||
      !read_string (object, "digest", id, path, TRUE, 64, &digest, error) ||
      !read_boolean (object, "stub", id, path, FALSE, &stub, error))
    return FALSE;
  if (!stub)
    return invalid (error, id, path, _("a file is described by a stub (“stub”: true)"));

  attachment = nawat_attachment_new (name, content_type, (gint64) length, digest);
  if (!nawat_attachment_check (attachment, &reason))
    return invalid_attachment (error, id, path, reason);

  /* CouchDB's "revpos", "encoding" and the like are kept as they came. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &member, &node))
    {
      g_autofree char *member_path = NULL;

      if (g_strv_contains (known, member))
        continue;
      member_path = join_path (path, member);
      if (!check_extra (node, id, member_path, 2, error))
        return FALSE;
      if (attachment->extra == NULL)
        attachment->extra = json_object_new ();
      json_object_set_member (attachment->extra, member, json_node_copy (node));
    }

  nawat_project_set_attachment (project, attachment);
  return TRUE;
}

/* "_attachments": file name → stub, CouchDB's way. */
static gboolean
parse_attachments (JsonObject    *object,
                   const char    *id,
                   NawatProject  *project,
                   GError       **error)
{
  JsonObject *attachments;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!read_object (object, "_attachments", id, NULL, &attachments, error))
    return FALSE;
  if (attachments == NULL)
    return TRUE;
  if (json_object_get_size (attachments) > NAWAT_CODEC_MAX_ATTACHMENTS)
    return invalid (error, id, "_attachments", _("the list has %u entries, over the limit of %u"),
                    json_object_get_size (attachments), NAWAT_CODEC_MAX_ATTACHMENTS);

  json_object_iter_init_ordered (&iter, attachments);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!parse_attachment (attachments, name, id, project, error))
      return FALSE;

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
    "submitted", "assigned", "_attachments", NULL
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

  if (!parse_partners (object, id, project, error) ||
      !parse_attachments (object, id, project, error))
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
set_score (NawatEvaluation  *evaluation,
           const char       *id,
           const char       *path,
           const char       *key,
           JsonNode         *value,
           GError          **error)
{
  double score;

  if (!node_is_number (value))
    return invalid (error, id, path, _("expected a number or null, not %s"), node_kind (value));

  score = json_node_get_double (value);
  if (!isfinite (score))
    return invalid (error, id, path, _("the number is not finite"));

  nawat_evaluation_set_score (evaluation, key, score);
  return TRUE;
}

static gboolean
set_comment (NawatEvaluation  *evaluation,
             const char       *id,
             const char       *path,
             const char       *key,
             JsonNode         *value,
             GError          **error)
{
  const char *comment = NULL;

  if (!check_string (value, id, path, NAWAT_CODEC_MAX_LONG_TEXT, &comment, error))
    return FALSE;

  nawat_evaluation_set_comment (evaluation, key, comment);
  return TRUE;
}

typedef gboolean (*CriterionSetter) (NawatEvaluation  *evaluation,
                                     const char       *id,
                                     const char       *path,
                                     const char       *key,
                                     JsonNode         *value,
                                     GError          **error);

/* The object @name of values keyed by criterion (the scores, the
 * comments): a null value is no value; @set checks and sets the others.
 * @bad_key says how a key reads.
 */
static gboolean
parse_per_criterion (JsonObject       *object,
                     const char       *name,
                     const char       *id,
                     const char       *bad_key,
                     CriterionSetter   set,
                     NawatEvaluation  *evaluation,
                     GError          **error)
{
  JsonObject *values;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!read_object (object, name, id, NULL, &values, error))
    return FALSE;
  if (values == NULL)
    return TRUE;

  json_object_iter_init_ordered (&iter, values);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      g_autofree char *path = join_path (name, key);

      if (!is_score_key (key))
        return invalid (error, id, path, "%s", bad_key);
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (!set (evaluation, id, path, key, value, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_conflict (JsonObject       *object,
                const char       *id,
                NawatEvaluation  *evaluation,
                GError          **error)
{
  gboolean declared = FALSE;
  const char *note;
  const char *type;
  NawatConflictType conflict_type = NAWAT_CONFLICT_TYPE_NONE;
  JsonObject *coi;

  if (!read_object (object, "conflict_of_interest", id, NULL, &coi, error))
    return FALSE;
  if (coi == NULL)
    return TRUE;

  if (!read_boolean (coi, "declared", id, "conflict_of_interest", TRUE, &declared, error) ||
      !read_string (coi, "note", id, "conflict_of_interest", FALSE, NAWAT_CODEC_MAX_LONG_TEXT,
                    &note, error) ||
      !read_string (coi, "type", id, "conflict_of_interest", FALSE, 64, &type, error))
    return FALSE;
  if (type != NULL && !nawat_conflict_type_from_string (type, &conflict_type))
    return invalid (error, id, "conflict_of_interest.type",
                    _("“%s” is not one of “same-organisation”, “partner-organisation”, "
                      "“collaborator”, “personal”, “financial” or “other”"), type);

  nawat_evaluation_set_conflict (evaluation, declared, note);
  nawat_evaluation_set_conflict_type (evaluation, conflict_type);
  return TRUE;
}

/* "reopened": {by, at}, both required when it is there. */
static gboolean
parse_reopened (JsonObject       *object,
                const char       *id,
                NawatEvaluation  *evaluation,
                GError          **error)
{
  const char *by;
  const char *at;
  JsonObject *reopened;

  if (!read_object (object, "reopened", id, NULL, &reopened, error))
    return FALSE;
  if (reopened == NULL)
    return TRUE;

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

/* The members of the table that the codec does not read itself: each of
 * its JSON type (or null, or absent), an integer within its range.
 */
static gboolean
check_untyped_members (JsonObject  *object,
                       const char  *id,
                       GError     **error)
{
  const NawatEvaluationField *fields;
  guint n_fields;

  fields = nawat_evaluation_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const NawatEvaluationField *f = &fields[i];
      const char *str;
      JsonObject *obj;
      gboolean boolean;
      double number;
      gboolean ok = TRUE;

      if (f->typed)
        continue;
      switch (f->kind)
        {
        case NAWAT_FIELD_KIND_STRING:
          ok = read_string (object, f->name, id, NULL, FALSE, NAWAT_CODEC_MAX_LONG_TEXT, &str,
                            error);
          break;
        case NAWAT_FIELD_KIND_INTEGER:
          ok = read_number (object, f->name, id, NULL, FALSE, TRUE,
                            f->min < f->max ? f->min : -G_MAXDOUBLE,
                            f->min < f->max ? f->max : G_MAXDOUBLE, &number, NULL, error);
          break;
        case NAWAT_FIELD_KIND_BOOLEAN:
          ok = read_boolean (object, f->name, id, NULL, FALSE, &boolean, error);
          break;
        case NAWAT_FIELD_KIND_OBJECT:
          ok = read_object (object, f->name, id, NULL, &obj, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static NawatDocument *
parse_evaluation (JsonObject  *object,
                  const char  *id,
                  GError     **error)
{
  /* The members read here; the others are kept as JSON. */
  const char * const *known = nawat_evaluation_fields_get_typed ();
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
      !read_date (object, "updated", id, FALSE, &updated, error) ||
      !check_untyped_members (object, id, error))
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

  if (!parse_per_criterion (object, "scores", id,
                            _("a score key reads “<group>.<criterion>”"),
                            set_score, evaluation, error) ||
      !parse_per_criterion (object, "comments", id,
                            _("a comment key reads “<group>.<criterion>”"),
                            set_comment, evaluation, error) ||
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

NawatDocument *
nawat_codec_from_data (const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  node = nawat_codec_parse_text (data, length, error);
  return node != NULL ? nawat_codec_from_node (node, error) : NULL;
}

gboolean
nawat_codec_check_document (NawatDocument  *document,
                            GError        **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(NawatDocument) parsed = NULL;

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (document), FALSE);

  node = nawat_codec_to_node (document);
  parsed = nawat_codec_from_node (node, error);
  return parsed != NULL;
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
      g_autofree char *reason = NULL;
      double value = 0;

      nawat_evaluation_get_score (evaluation, keys[i], &value);
      reason = _nawat_scoring_check_reason (rubric, keys[i], value);
      if (reason != NULL)
        {
          g_autofree char *path = join_path ("scores", keys[i]);

          return invalid (error, id, path, "%s", reason);
        }
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
