/* nawat-publish.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-publish.h"

#include "nawat-call.h"
#include "nawat-codec.h"
#include "nawat-core-resources.h"
#include "nawat-criterion.h"
#include "nawat-evaluation-fields.h"
#include "nawat-json.h"
#include "nawat-project.h"
#include "nawat-rubric-group.h"
#include "nawat-rubric.h"
#include "nawat-store-attachments.h"
#include "nawat-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Documents per _all_docs look-up and _bulk_docs upload. */
#define BATCH_SIZE 500
/* Refusals quoted in the error message; the rest are counted. */
#define MAX_QUOTED_PROBLEMS 5

#define DEFAULT_RUBRIC_ID "rubric:default:1"
#define CONFIG_MARKER "var config = null; /* nawat:config */"

G_DEFINE_QUARK (nawat-publish-error-quark, nawat_publish_error)

typedef struct
{
  NawatStore         *store;
  NawatCouch         *couch;
  GCancellable       *cancellable;
  NawatPublishResult *result;
  gboolean            is_admin;
  const char         *call_id;
  /* "<doc id>: <reason>" of each refused document */
  GPtrArray          *problems;
  /* the call document's revision on the server, once known */
  char               *call_rev;
} Publisher;

static int compare_strings (gconstpointer a,
                            gconstpointer b);

/* JSON helpers */

static gboolean json_equal (JsonNode *a,
                            JsonNode *b);

static gboolean
json_object_equal_except_rev (JsonObject *a,
                              JsonObject *b)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint n_a = 0;
  guint n_b = 0;

  json_object_iter_init (&iter, a);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *other;

      if (g_str_equal (name, "_rev"))
        continue;
      n_a++;
      other = json_object_get_member (b, name);
      if (other == NULL || !json_equal (value, other))
        return FALSE;
    }

  json_object_iter_init (&iter, b);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "_rev"))
      n_b++;

  return n_a == n_b;
}

/* Structural equality in which 1 and 1.0 are the same number, as they are
 * once a JavaScript server has stored them.
 */
static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  JsonNodeType type = JSON_NODE_TYPE (a);

  if (type != JSON_NODE_TYPE (b))
    return FALSE;

  switch (type)
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_OBJECT:
      return json_object_equal_except_rev (json_node_get_object (a), json_node_get_object (b));

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a);
        JsonArray *y = json_node_get_array (b);
        guint n = json_array_get_length (x);

        if (n != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!json_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a);
        GType tb = json_node_get_value_type (b);
        gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
        gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

        if (na && nb)
          return json_node_get_double (a) == json_node_get_double (b);
        if (ta != tb)
          return FALSE;
        if (ta == G_TYPE_STRING)
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        if (ta == G_TYPE_BOOLEAN)
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        return FALSE;
      }

    default:
      return FALSE;
    }
}

static char *
load_resource_text (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_BASE "/couchdb/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (nawat_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in %s is missing: %s", path, error->message);

  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

/* Design documents and security objects */

static void
add_range (NawatRubricGroup *group,
           NawatCriterion   *criterion,
           gpointer          user_data)
{
  JsonBuilder *builder = user_data;
  g_autofree char *key = nawat_rubric_group_dup_score_key (group, criterion);

  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, nawat_criterion_get_min (criterion));
  json_builder_add_int_value (builder, nawat_criterion_get_max (criterion));
  json_builder_add_boolean_value (builder, nawat_criterion_get_required (criterion));
  json_builder_end_array (builder);
}

static JsonNode *
rubric_ranges (NawatRubric *rubric)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  nawat_rubric_foreach_criterion (rubric, add_range, builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The function of data/couchdb/<name>-validate.js from its first line that
 * starts with "function", with @config written into its config line.
 */
static char *
validate_source (const char *name,
                 JsonNode   *config)
{
  g_autofree char *file = g_strconcat (name, "-validate.js", NULL);
  g_autofree char *text = load_resource_text (file);
  g_autofree char *config_json = nawat_json_to_string (config, FALSE, NULL);
  g_autofree char *replacement = g_strdup_printf ("var config = %s; /* nawat:config */",
                                                  config_json);
  g_autoptr(GString) source = NULL;
  const char *start;

  start = g_str_has_prefix (text, "function") ? text : strstr (text, "\nfunction");
  if (start == NULL || strstr (text, CONFIG_MARKER) == NULL)
    g_error ("The built-in %s has no function or no config line", file);
  if (*start == '\n')
    start++;

  source = g_string_new (start);
  g_string_replace (source, CONFIG_MARKER, replacement, 1);
  return g_string_free (g_steal_pointer (&source), FALSE);
}

/* @iso as UTC with milliseconds, "2026-12-15T03:00:00.000Z", the one form
 * every JavaScript engine's Date.parse reads; rounded up, so that the round
 * never closes early.  Left as it is when GLib cannot read it either: the
 * validate function then refuses, for a deadline, every write it guards.
 */
static char *
javascript_time (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, utc);
  g_autoptr(GDateTime) shifted = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  g_autofree char *seconds = NULL;
  int us;

  if (time == NULL)
    return g_strdup (iso);

  us = g_date_time_get_microsecond (time);
  shifted = g_date_time_add (time, us % 1000 == 0 ? 0 : 1000 - us % 1000);
  in_utc = g_date_time_to_utc (shifted);
  seconds = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (in_utc) / 1000);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *iso)
{
  json_builder_set_member_name (builder, name);
  if (iso != NULL)
    {
      g_autofree char *time = javascript_time (iso);

      json_builder_add_string_value (builder, time);
    }
  else
    json_builder_add_null_value (builder);
}

/* From the table of the evaluation's members: "fields", each member's JSON
 * type, "bounds", the range of each integer member that has one, and
 * "sealed", the members a submitted evaluation keeps.
 */
static void
add_fields (JsonBuilder *builder)
{
  static const char * const kinds[] = {
    [NAWAT_FIELD_KIND_STRING] = "string",
    [NAWAT_FIELD_KIND_INTEGER] = "integer",
    [NAWAT_FIELD_KIND_BOOLEAN] = "boolean",
    [NAWAT_FIELD_KIND_OBJECT] = "object",
  };
  const NawatEvaluationField *fields;
  guint n_fields;

  fields = nawat_evaluation_fields_get (&n_fields);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_fields; i++)
    {
      g_assert ((guint) fields[i].kind < G_N_ELEMENTS (kinds));
      json_builder_set_member_name (builder, fields[i].name);
      json_builder_add_string_value (builder, kinds[fields[i].kind]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "bounds");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == NAWAT_FIELD_KIND_INTEGER && fields[i].min < fields[i].max)
      {
        json_builder_set_member_name (builder, fields[i].name);
        json_builder_begin_array (builder);
        json_builder_add_int_value (builder, fields[i].min);
        json_builder_add_int_value (builder, fields[i].max);
        json_builder_end_array (builder);
      }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sealed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].sealed)
      json_builder_add_string_value (builder, fields[i].name);
  json_builder_end_array (builder);
}

static void
add_rules (JsonBuilder             *builder,
           const NawatPublishRules *rules)
{
  json_builder_set_member_name (builder, "evaluator");
  json_builder_add_string_value (builder, rules->evaluator);
  json_builder_set_member_name (builder, "ranges");
  json_builder_add_value (builder, rubric_ranges (rules->rubric));
  json_builder_set_member_name (builder, "assigned");
  json_builder_begin_array (builder);
  for (guint i = 0; rules->assigned != NULL && rules->assigned[i] != NULL; i++)
    json_builder_add_string_value (builder, rules->assigned[i]);
  json_builder_end_array (builder);
  add_time_member (builder, "deadline", rules->deadline);
  add_time_member (builder, "extension", rules->extension);
  add_fields (builder);
}

JsonNode *
nawat_publish_design_document (const char              *call_id,
                               const NawatPublishRules *rules)
{
  g_autoptr(JsonBuilder) config = json_builder_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) config_node = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (rules == NULL || (rules->evaluator != NULL &&
                                          NAWAT_IS_RUBRIC (rules->rubric)), NULL);

  json_builder_begin_object (config);
  json_builder_set_member_name (config, "call");
  json_builder_add_string_value (config, call_id);
  if (rules != NULL)
    add_rules (config, rules);
  json_builder_end_object (config);
  config_node = json_builder_get_root (config);

  source = validate_source (rules != NULL ? "evaluation" : "call", config_node);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "_id");
  json_builder_add_string_value (builder, "_design/nawat");
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "javascript");
  json_builder_set_member_name (builder, "validate_doc_update");
  json_builder_add_string_value (builder, source);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
nawat_publish_security (const char *user)
{
  g_autofree char *text = load_resource_text (user != NULL ? "evaluation-security.json"
                                                           : "call-security.json");
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  JsonObject *members;

  node = json_from_string (text, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    g_error ("The built-in security object is invalid: %s",
             error != NULL ? error->message : "not an object");

  members = json_object_get_object_member (json_node_get_object (node), "members");
  if (members == NULL || !json_object_has_member (members, "names"))
    g_error ("The built-in security object has no members");
  if (user != NULL)
    json_array_add_string_element (json_object_get_array_member (members, "names"), user);

  return node;
}

/* Server calls */

static char *
db_path (const char *db,
         const char *rest)
{
  g_autofree char *escaped = nawat_couch_escape_db (db);

  return g_strconcat ("/", escaped, rest, NULL);
}

/* GET @path; NULL without an error when the server has no such thing. */
static JsonNode *
get_optional (Publisher   *p,
              const char  *path,
              GError     **error)
{
  GError *local_error = NULL;
  JsonNode *node;

  node = nawat_couch_request (p->couch, "GET", path, NULL, NULL, p->cancellable, &local_error);
  if (node != NULL)
    return node;
  if (g_error_matches (local_error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_NOT_FOUND))
    {
      g_error_free (local_error);
      return NULL;
    }
  g_propagate_error (error, local_error);
  return NULL;
}

static gboolean
check_admin (Publisher  *p,
             GError    **error)
{
  g_autoptr(JsonNode) session = NULL;
  JsonObject *ctx = NULL;
  JsonArray *roles = NULL;

  session = nawat_couch_request (p->couch, "GET", "/_session", NULL, NULL, p->cancellable, error);
  if (session == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_OBJECT (session))
    ctx = json_object_get_object_member (json_node_get_object (session), "userCtx");
  if (ctx != NULL && json_object_has_member (ctx, "roles"))
    roles = json_object_get_array_member (ctx, "roles");
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      JsonNode *role = json_array_get_element (roles, i);

      if (JSON_NODE_HOLDS_VALUE (role) && json_node_get_value_type (role) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (role), "_admin"))
        p->is_admin = TRUE;
    }
  return TRUE;
}

static gboolean
ensure_database (Publisher   *p,
                 const char  *db,
                 GError     **error)
{
  g_autofree char *path = db_path (db, "");
  g_autoptr(JsonNode) info = NULL;
  g_autoptr(JsonNode) created = NULL;
  GError *local_error = NULL;
  guint status = 0;

  p->result->databases++;
  info = get_optional (p, path, &local_error);
  if (info != NULL)
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* Asking without the right would leave some servers without an answer. */
  if (!p->is_admin)
    {
      g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_NOT_ADMIN,
                   _("The database %s does not exist yet and only a server admin may create it: "
                     "ask one to run “nawat-cli server prepare --call %s”"),
                   db, p->call_id);
      return FALSE;
    }

  created = nawat_couch_request (p->couch, "PUT", path, NULL, &status, p->cancellable,
                                 &local_error);
  if (created == NULL && status != 412)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_clear_error (&local_error);
  p->result->databases_created++;
  return TRUE;
}

static gboolean
ensure_security (Publisher   *p,
                 const char  *db,
                 const char  *user,
                 GError     **error)
{
  g_autofree char *path = db_path (db, "/_security");
  g_autoptr(JsonNode) wanted = nawat_publish_security (user);
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) reply = NULL;

  current = nawat_couch_request (p->couch, "GET", path, NULL, NULL, p->cancellable, error);
  if (current == NULL)
    return FALSE;
  if (json_equal (current, wanted))
    return TRUE;

  reply = nawat_couch_request (p->couch, "PUT", path, wanted, NULL, p->cancellable, error);
  if (reply == NULL)
    return FALSE;
  p->result->security_updated++;
  return TRUE;
}

static gboolean
ensure_design (Publisher                *p,
               const char               *db,
               const char               *call_id,
               const NawatPublishRules  *rules,
               GError                  **error)
{
  g_autofree char *path = db_path (db, "/_design/nawat");
  g_autoptr(JsonNode) wanted = nawat_publish_design_document (call_id, rules);
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) reply = NULL;
  GError *local_error = NULL;

  current = get_optional (p, path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    {
      JsonObject *object = json_node_get_object (current);

      if (json_equal (current, wanted))
        return TRUE;
      if (json_object_has_member (object, "_rev"))
        json_object_set_member (json_node_get_object (wanted), "_rev",
                                json_node_copy (json_object_get_member (object, "_rev")));
    }

  reply = nawat_couch_request (p->couch, "PUT", path, wanted, NULL, p->cancellable, error);
  if (reply == NULL)
    return FALSE;
  p->result->designs_updated++;
  return TRUE;
}

static const char *
object_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The server's probe */

/* "Apache CouchDB 3.4.3", "PouchDB Server 4.2.0", from the answer to GET /. */
static char *
identify_server (JsonNode *welcome)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (welcome) ? json_node_get_object (welcome) : NULL;
  JsonNode *vendor_node = object != NULL ? json_object_get_member (object, "vendor") : NULL;
  JsonObject *vendor = vendor_node != NULL && JSON_NODE_HOLDS_OBJECT (vendor_node)
                       ? json_node_get_object (vendor_node) : NULL;
  const char *version = object_string (object, "version");
  const char *vendor_name = object_string (vendor, "name");

  if (version == NULL)
    version = "?";
  if (object != NULL && json_object_has_member (object, "express-pouchdb"))
    return g_strconcat ("PouchDB Server ", version, NULL);
  if (object != NULL && json_object_has_member (object, "couchdb"))
    {
      if (g_strcmp0 (vendor_name, "The Apache Software Foundation") == 0)
        return g_strconcat ("Apache CouchDB ", version, NULL);
      return g_strdup_printf ("CouchDB %s (%s)", version, vendor_name != NULL ? vendor_name : "?");
    }
  return g_strdup (_("an unknown server"));
}

/* Sends @method @path as an anonymous client: TRUE when the server
 * answered it with its content (2xx), FALSE when it refused it or has no
 * such thing (4xx); an error when it could not be asked.
 */
static gboolean
anonymous_answers (Publisher   *p,
                   NawatCouch  *anonymous,
                   const char  *method,
                   const char  *path,
                   const char  *body,
                   gboolean    *answered,
                   GError     **error)
{
  g_autoptr(GBytes) data = body != NULL ? g_bytes_new_static (body, strlen (body)) : NULL;
  g_autoptr(GBytes) reply = NULL;
  GError *local_error = NULL;

  reply = nawat_couch_send (anonymous, method, path, data, NULL, p->cancellable, &local_error);
  *answered = reply != NULL;
  if (reply != NULL)
    return TRUE;
  if (local_error->domain == NAWAT_COUCH_ERROR &&
      (local_error->code == NAWAT_COUCH_ERROR_UNAUTHORIZED ||
       local_error->code == NAWAT_COUCH_ERROR_FORBIDDEN ||
       local_error->code == NAWAT_COUCH_ERROR_NOT_FOUND ||
       local_error->code == NAWAT_COUCH_ERROR_BAD_REQUEST))
    {
      g_error_free (local_error);
      return TRUE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Identifies the server, then asks the members-only database @db, as an
 * anonymous client, what only its members may know.
 */
static gboolean
probe_server (Publisher          *p,
              const char         *db,
              NawatPublishFlags   flags,
              GError            **error)
{
  g_autoptr(JsonNode) welcome = NULL;
  g_autoptr(NawatCouch) anonymous = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bulk_get = db_path (db, "/_bulk_get");
  g_autofree char *find = db_path (db, "/_find");
  g_autofree char *joined = NULL;
  gboolean answered;

  welcome = nawat_couch_request (p->couch, "GET", "/", NULL, NULL, p->cancellable, error);
  if (welcome == NULL)
    return FALSE;
  p->result->server = identify_server (welcome);

  anonymous = nawat_couch_new (nawat_couch_get_base_url (p->couch), error);
  if (anonymous == NULL)
    return FALSE;
  /* PouchDB Server leaves some anonymous requests unanswered: ask once. */
  nawat_couch_set_retry_policy (anonymous, 100, 100, 1);
  nawat_couch_set_timeout (anonymous, 10);

  if (!anonymous_answers (p, anonymous, "POST", bulk_get,
                          "{\"docs\": [{\"id\": \"_design/nawat\"}]}", &answered, error))
    return FALSE;
  if (answered)
    g_ptr_array_add (findings,
                     g_strdup_printf (_("an anonymous _bulk_get of the members-only database %s is answered"),
                                      db));
  if (!anonymous_answers (p, anonymous, "POST", find,
                          "{\"selector\": {\"_id\": {\"$gt\": null}}, \"limit\": 1}",
                          &answered, error))
    return FALSE;
  if (answered)
    g_ptr_array_add (findings,
                     g_strdup_printf (_("an anonymous _find in the members-only database %s is answered"),
                                      db));
  if (!anonymous_answers (p, anonymous, "GET", "/_all_dbs", NULL, &answered, error))
    return FALSE;
  if (answered)
    g_ptr_array_add (findings, g_strdup (_("an anonymous _all_dbs lists every database")));

  if (findings->len == 0)
    return TRUE;

  g_ptr_array_add (findings, NULL);
  joined = g_strjoinv ("; ", (char **) findings->pdata);
  if (flags & NAWAT_PUBLISH_ALLOW_INSECURE_SERVER)
    {
      p->result->insecure = g_steal_pointer (&joined);
      return TRUE;
    }
  /* TRANSLATORS: the server's name and version, then what it let through */
  g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_INSECURE_SERVER,
               _("%s does not keep a call’s databases from anonymous clients: %s"),
               p->result->server, joined);
  return FALSE;
}

/* Documents */

/* The server's current version of each of @docs, by id: a JsonObject, or
 * no entry when the server has none (or only a deleted one).
 */
static GHashTable *
fetch_current (Publisher   *p,
               const char  *db,
               GPtrArray   *docs,
               GError     **error)
{
  g_autofree char *path = db_path (db, "/_all_docs?include_docs=true");
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonArray *rows = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "keys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < docs->len; i++)
    json_builder_add_string_value (builder,
                                   object_string (json_node_get_object (docs->pdata[i]), "_id"));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  reply = nawat_couch_request (p->couch, "POST", path, body, NULL, p->cancellable, error);
  if (reply == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (reply))
    rows = json_object_get_array_member (json_node_get_object (reply), "rows");
  if (rows == NULL)
    {
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                   _("The server’s list of documents of %s has no rows"), db);
      return NULL;
    }

  current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      JsonNode *doc;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      doc = json_object_get_member (json_node_get_object (row), "doc");
      if (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
        continue;
      id = object_string (json_node_get_object (doc), "_id");
      if (id != NULL)
        g_hash_table_replace (current, g_strdup (id),
                              json_object_ref (json_node_get_object (doc)));
    }

  return g_steal_pointer (&current);
}

static void
add_problem (Publisher  *p,
             const char *id,
             const char *reason)
{
  g_ptr_array_add (p->problems, g_strdup_printf ("%s: %s", id, reason));
}

/* A document's files that the server does not hold as they are, uploaded
 * once the document is stored there.
 */
typedef struct
{
  char      *id;
  char      *rev;
  /* NawatAttachment */
  GPtrArray *files;
  /* the server's files this version of the document drops */
  guint      removed;
} PendingFiles;

static void
pending_files_free (PendingFiles *pending)
{
  g_free (pending->id);
  g_free (pending->rev);
  g_ptr_array_unref (pending->files);
  g_free (pending);
}

static JsonObject *
object_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Gives @object (the store's version of document @id) the server's stubs
 * of the files it still has, so that the server keeps them as they are and
 * drops the others, and lists in the result the files the server lacks or
 * holds with other contents (by digest).  A document never names a file
 * the server lacks: CouchDB refuses a stub of contents it does not hold.
 */
static PendingFiles *
reconcile_attachments (Publisher  *p,
                       const char *id,
                       JsonObject *object,
                       JsonObject *theirs)
{
  JsonObject *ours = object_object (object, "_attachments");
  JsonObject *server = object_object (theirs, "_attachments");
  g_autoptr(JsonObject) kept = json_object_new ();
  PendingFiles *pending = g_new0 (PendingFiles, 1);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  pending->id = g_strdup (id);
  pending->files = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_attachment_free);
  if (ours != NULL)
    {
      json_object_iter_init (&iter, ours);
      while (json_object_iter_next (&iter, &name, &value))
        {
          JsonObject *stub = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
          JsonObject *held = object_object (server, name);
          const char *digest = object_string (stub, "digest");
          gint64 length;

          p->result->files++;
          if (held != NULL)
            json_object_set_member (kept, name,
                                    json_node_copy (json_object_get_member (server, name)));
          if (stub == NULL ||
              (held != NULL && g_strcmp0 (object_string (held, "digest"), digest) == 0))
            continue;
          length = json_object_get_int_member_with_default (stub, "length", 0);
          g_ptr_array_add (pending->files,
                           nawat_attachment_new (name, object_string (stub, "content_type"),
                                                 length, digest));
        }
    }
  if (server != NULL)
    {
      json_object_iter_init (&iter, server);
      while (json_object_iter_next (&iter, &name, &value))
        if (ours == NULL || !json_object_has_member (ours, name))
          pending->removed++;
    }

  json_object_remove_member (object, "_attachments");
  if (json_object_get_size (kept) > 0)
    json_object_set_object_member (object, "_attachments", g_steal_pointer (&kept));
  return pending;
}

/* Keeps the server's revision of the call document. */
static void
note_rev (Publisher  *p,
          const char *id,
          const char *rev)
{
  if (g_str_has_prefix (id, "call:") && g_str_equal (id + strlen ("call:"), p->call_id))
    {
      g_free (p->call_rev);
      p->call_rev = g_strdup (rev);
    }
}

/* The last part of a project's id, its code, for messages. */
static const char *
document_label (const char *id)
{
  const char *colon = strrchr (id, ':');

  return colon != NULL ? colon + 1 : id;
}

/* How the files travel.  Three ways were measured against the test
 * servers with tests/perf/publish-attachments.sh (20 documents with a
 * 2 MB file each, a fresh database each way, curl; 2 processors shared
 * with other work, load average 13 to 15), wall seconds:
 *
 *                                     Apache CouchDB 3.4.3   PouchDB Server 4.2.0
 *   _bulk_docs, then a PUT of each          6.9                   13.5
 *   file's raw bytes (?rev=)
 *   a multipart/related PUT of each         7.0                   kills the server
 *   document with its file
 *   the files inline in Base64 in           5.8                    3.0
 *   one _bulk_docs
 *
 *   tests/perf/publish-attachments.sh [--couchdb] 20 2
 *
 * On CouchDB, the server that counts, the three are within a fifth of
 * each other.  A PUT of each file is what is done here: it holds one file
 * in memory at a time (Base64 in _bulk_docs holds a batch of them, a
 * third larger), each file is stored on its own, so that a publish cut
 * off half-way sends again only the files the server lacks, and a refused
 * file is named on its own.  PouchDB Server, slower at it, only runs the
 * tests.
 */
static gboolean
upload_file (Publisher        *p,
             const char       *db,
             PendingFiles     *pending,
             NawatAttachment  *file,
             GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = g_uri_escape_string (pending->id, NULL, FALSE);
  g_autofree char *name = g_uri_escape_string (file->name, NULL, FALSE);
  g_autofree char *rest = NULL;
  g_autofree char *path = NULL;
  const char *rev;

  /* Checked against its digest as it is read. */
  bytes = nawat_store_read_attachment (p->store, file, &local_error);
  if (bytes == NULL)
    {
      /* Damaged contents are dropped: attaching the file again mends it. */
      if (g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT))
        nawat_store_forget_attachment (p->store, file, NULL);
      g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_FILE,
                   _("Cannot publish the file “%s” of the project %s: %s"),
                   file->name, document_label (pending->id), local_error->message);
      return FALSE;
    }

  if (pending->rev != NULL)
    {
      g_autofree char *escaped_rev = g_uri_escape_string (pending->rev, NULL, FALSE);

      rest = g_strdup_printf ("/%s/%s?rev=%s", id, name, escaped_rev);
    }
  else
    rest = g_strdup_printf ("/%s/%s", id, name);
  path = db_path (db, rest);
  reply = nawat_couch_request_bytes (p->couch, "PUT", path, bytes, file->content_type, NULL,
                                     p->cancellable, &local_error);
  if (reply == NULL)
    {
      g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_REFUSED,
                   _("The server refused the file “%s” of the project %s: %s"),
                   file->name, document_label (pending->id), local_error->message);
      return FALSE;
    }
  rev = JSON_NODE_HOLDS_OBJECT (reply) ? object_string (json_node_get_object (reply), "rev")
                                       : NULL;
  if (rev == NULL)
    {
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                   _("The server’s answer to the file “%s” of the project %s has no revision"),
                   file->name, document_label (pending->id));
      return FALSE;
    }

  g_free (pending->rev);
  pending->rev = g_strdup (rev);
  note_rev (p, pending->id, rev);
  p->result->files_uploaded++;
  p->result->bytes_uploaded += g_bytes_get_size (bytes);
  return TRUE;
}

/* Uploads the files of each document of @pending (id -> PendingFiles)
 * that the server stored, one at a time.
 */
static gboolean
upload_pending_files (Publisher   *p,
                      const char  *db,
                      GHashTable  *pending,
                      GError     **error)
{
  g_autofree gpointer *ids = NULL;
  guint n_ids = 0;

  /* In a stable order, so that runs and their errors are reproducible. */
  ids = g_hash_table_get_keys_as_array (pending, &n_ids);
  qsort (ids, n_ids, sizeof (char *), compare_strings);
  for (guint i = 0; i < n_ids; i++)
    {
      PendingFiles *files = g_hash_table_lookup (pending, ids[i]);

      for (guint j = 0; j < files->files->len; j++)
        if (!upload_file (p, db, files, files->files->pdata[j], error))
          return FALSE;
    }
  return TRUE;
}

/* Uploads those of @docs (JsonNode objects without _rev) that the server
 * does not hold as they are, in one _bulk_docs request.
 */
static gboolean
upload_batch (Publisher   *p,
              const char  *db,
              GPtrArray   *docs,
              GError     **error)
{
  g_autofree char *path = db_path (db, "/_bulk_docs");
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(JsonArray) changed = json_array_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pending = NULL;
  JsonObject *body_object;

  if (docs->len == 0)
    return TRUE;

  p->result->documents += docs->len;
  current = fetch_current (p, db, docs, error);
  if (current == NULL)
    return FALSE;
  pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) pending_files_free);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonNode *doc = docs->pdata[i];
      JsonObject *object = json_node_get_object (doc);
      const char *id = object_string (object, "_id");
      JsonObject *theirs = g_hash_table_lookup (current, id);

      PendingFiles *files = reconcile_attachments (p, id, object, theirs);

      g_hash_table_insert (pending, files->id, files);
      if (theirs != NULL)
        {
          g_autoptr(JsonNode) theirs_node = json_node_init_object (json_node_alloc (), theirs);

          files->rev = g_strdup (object_string (theirs, "_rev"));
          if (json_equal (theirs_node, doc))
            {
              note_rev (p, id, object_string (theirs, "_rev"));
              continue;
            }
          json_object_set_string_member (object, "_rev", object_string (theirs, "_rev"));
        }
      json_array_add_element (changed, json_node_ref (doc));
      g_hash_table_add (sent, (gpointer) id);
    }

  if (json_array_get_length (changed) == 0)
    return upload_pending_files (p, db, pending, error);

  body_object = json_object_new ();
  json_object_set_array_member (body_object, "docs", json_array_ref (changed));
  body = json_node_init_object (json_node_alloc (), body_object);
  json_object_unref (body_object);

  reply = nawat_couch_request (p->couch, "POST", path, body, NULL, p->cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (reply))
    {
      g_set_error (error, NAWAT_COUCH_ERROR, NAWAT_COUCH_ERROR_INVALID_RESPONSE,
                   _("The server’s answer to an upload to %s is not a list"), db);
      return FALSE;
    }

  /* Results may come in another order than the documents: match by id. */
  for (guint i = 0; i < json_array_get_length (json_node_get_array (reply)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (reply), i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *id = object_string (result, "id");
      const char *failure = object_string (result, "error");

      if (id == NULL || !g_hash_table_remove (sent, id))
        continue;
      if (failure != NULL)
        {
          const char *reason = object_string (result, "reason");

          add_problem (p, id, reason != NULL ? reason : failure);
          g_hash_table_remove (pending, id);
        }
      else
        {
          PendingFiles *files = g_hash_table_lookup (pending, id);

          note_rev (p, id, object_string (result, "rev"));
          p->result->documents_uploaded++;
          if (files != NULL)
            {
              g_free (files->rev);
              files->rev = g_strdup (object_string (result, "rev"));
              p->result->files_removed += files->removed;
            }
        }
    }

  /* A document the server did not answer for was not stored. */
  if (g_hash_table_size (sent) > 0)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, sent);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          add_problem (p, key, _("the server did not confirm the upload"));
          g_hash_table_remove (pending, key);
        }
    }

  return upload_pending_files (p, db, pending, error);
}

static JsonNode *
document_node (NawatDocument *document)
{
  JsonNode *node = nawat_codec_to_node (document);

  json_object_remove_member (json_node_get_object (node), "_rev");
  return node;
}

/* The codes of the projects assigned to @name, created empty. */
static GPtrArray *
assigned_codes (GHashTable *evaluators,
                const char *name)
{
  GPtrArray *codes = g_hash_table_lookup (evaluators, name);

  if (codes == NULL)
    {
      codes = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (evaluators, g_strdup (name), codes);
    }
  return codes;
}

/* Uploads the call, its rubric and its projects, page by page; collects
 * into @evaluators every evaluator, with the codes of the projects assigned
 * to them.
 */
static gboolean
upload_documents (Publisher    *p,
                  const char   *db,
                  NawatCall    *call,
                  NawatRubric  *rubric,
                  GHashTable   *evaluators,
                  GError      **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *after = NULL;
  const char *call_id = nawat_call_get_call_id (call);

  {
    const char * const *names = nawat_call_get_evaluators (call);

    for (guint i = 0; names != NULL && names[i] != NULL; i++)
      assigned_codes (evaluators, names[i]);
  }
  g_ptr_array_add (docs, document_node (NAWAT_DOCUMENT (call)));
  g_ptr_array_add (docs, document_node (NAWAT_DOCUMENT (rubric)));

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;

      page = nawat_store_list_projects_page (p->store, call_id, after, BATCH_SIZE, error);
      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          NawatProject *project = page->pdata[i];
          const char * const *assigned = nawat_project_get_assigned (project);

          for (guint j = 0; assigned != NULL && assigned[j] != NULL; j++)
            g_ptr_array_add (assigned_codes (evaluators, assigned[j]),
                             g_strdup (nawat_project_get_code (project)));
          g_ptr_array_add (docs, document_node (NAWAT_DOCUMENT (project)));
          if (docs->len == BATCH_SIZE)
            {
              if (!upload_batch (p, db, docs, error))
                return FALSE;
              g_ptr_array_set_size (docs, 0);
            }
        }

      if (page->len < BATCH_SIZE)
        break;
      g_free (after);
      after = g_strdup (nawat_project_get_code (page->pdata[page->len - 1]));
    }

  return upload_batch (p, db, docs, error);
}

static NawatRubric *
find_rubric (NawatStore  *store,
             NawatCall   *call,
             GError     **error)
{
  const char *id = nawat_call_get_rubric (call);
  GError *local_error = NULL;
  NawatRubric *rubric;

  if (id == NULL)
    id = DEFAULT_RUBRIC_ID;

  rubric = nawat_store_get_rubric (store, id, &local_error);
  if (rubric != NULL)
    return rubric;

  /* The built-in rubric need not be in the store. */
  if (g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND) &&
      g_str_equal (id, DEFAULT_RUBRIC_ID))
    {
      g_error_free (local_error);
      return g_object_ref (nawat_rubric_get_default ());
    }

  if (g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    {
      g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_NOT_FOUND,
                   _("The rubric %s of the call is not in the store"), id);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The "extensions" of the call: evaluator name -> ISO 8601.  Read from
 * the document as the server gets it, so that it is the same whether the
 * codec knows the member or keeps it as an unknown one.
 */
static JsonObject *
call_extensions (NawatCall  *call,
                 GError    **error)
{
  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (call));
  JsonNode *extensions = json_object_get_member (json_node_get_object (node), "extensions");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (extensions == NULL || JSON_NODE_HOLDS_NULL (extensions))
    return json_object_new ();
  if (!JSON_NODE_HOLDS_OBJECT (extensions))
    {
      g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_INVALID,
                   _("The extensions of the call %s are not a list of evaluators and dates"),
                   nawat_call_get_call_id (call));
      return NULL;
    }

  json_object_iter_init (&iter, json_node_get_object (extensions));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autoptr(GDateTime) time = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        time = g_date_time_new_from_iso8601 (json_node_get_string (value), utc);
      if (time == NULL)
        {
          g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_INVALID,
                       _("The extension of %s in the call %s is not an ISO 8601 date and time"),
                       name, nawat_call_get_call_id (call));
          return NULL;
        }
    }

  return json_object_ref (json_node_get_object (extensions));
}

static gboolean
publish_evaluator (Publisher    *p,
                   NawatCall    *call,
                   JsonObject   *extensions,
                   const char   *user,
                   GPtrArray    *codes,
                   NawatRubric  *rubric,
                   GError      **error)
{
  const char *call_id = nawat_call_get_call_id (call);
  g_autofree char *db = nawat_couch_evaluation_db_name (call_id, user);
  NawatPublishRules rules = { 0 };

  /* Only an evaluator of the call scores the projects assigned to them. */
  g_ptr_array_add (codes, NULL);
  rules.evaluator = user;
  rules.rubric = rubric;
  if (nawat_call_get_evaluators (call) != NULL &&
      g_strv_contains (nawat_call_get_evaluators (call), user))
    rules.assigned = (const char * const *) codes->pdata;
  rules.deadline = nawat_call_get_deadline (call);
  if (json_object_has_member (extensions, user))
    rules.extension = json_object_get_string_member (extensions, user);

  return ensure_database (p, db, error) &&
         ensure_security (p, db, user, error) &&
         ensure_design (p, db, call_id, &rules, error);
}

static gboolean
report_problems (Publisher  *p,
                 GError    **error)
{
  g_autoptr(GString) message = NULL;

  if (p->problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  g_string_printf (message,
                   ngettext ("The server refused %u document:",
                             "The server refused %u documents:", p->problems->len),
                   p->problems->len);
  for (guint i = 0; i < p->problems->len && i < MAX_QUOTED_PROBLEMS; i++)
    g_string_append_printf (message, "\n  %s", (const char *) p->problems->pdata[i]);
  if (p->problems->len > MAX_QUOTED_PROBLEMS)
    g_string_append_printf (message, "\n  …");

  g_set_error_literal (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_REFUSED, message->str);
  return FALSE;
}

static NawatCall *
load_call (NawatStore  *store,
           const char  *call_id,
           GError     **error)
{
  g_autofree char *call_doc_id = g_strconcat ("call:", call_id, NULL);
  GError *local_error = NULL;
  NawatCall *call;

  call = nawat_store_get_call (store, call_doc_id, &local_error);
  if (call != NULL)
    return call;
  if (g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    {
      g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_NOT_FOUND,
                   _("The call %s is not in the store"), call_id);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
  return NULL;
}

/* Every evaluator of @call, those it names and those assigned to one of
 * its projects, sorted.
 */
static GPtrArray *
list_evaluators (NawatStore  *store,
                 NawatCall   *call,
                 GError     **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char * const *listed = nawat_call_get_evaluators (call);
  g_autofree char *after = NULL;
  GHashTableIter iter;
  gpointer name;

  for (guint i = 0; listed != NULL && listed[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (listed[i]));

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;

      page = nawat_store_list_projects_page (store, nawat_call_get_call_id (call), after,
                                             BATCH_SIZE, error);
      if (page == NULL)
        return NULL;
      for (guint i = 0; i < page->len; i++)
        {
          const char * const *assigned = nawat_project_get_assigned (page->pdata[i]);

          for (guint j = 0; assigned != NULL && assigned[j] != NULL; j++)
            g_hash_table_add (set, g_strdup (assigned[j]));
        }
      if (page->len < BATCH_SIZE)
        break;
      g_free (after);
      after = g_strdup (nawat_project_get_code (page->pdata[page->len - 1]));
    }

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (names, name);
    }
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

/* Frees what @p holds; returns FALSE, for a failed run to return. */
static gboolean
publisher_clear (Publisher *p)
{
  g_clear_pointer (&p->call_rev, g_free);
  return FALSE;
}

gboolean
nawat_publish_run (NawatStore          *store,
                   NawatCouch          *couch,
                   const char          *call_id,
                   NawatPublishFlags    flags,
                   NawatPublishResult  *result,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(GHashTable) evaluators = NULL;
  g_autoptr(JsonObject) extensions = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *db = NULL;
  g_autofree const char **names = NULL;
  g_auto(NawatPublishResult) local_result = { 0 };
  Publisher p = { 0 };
  guint n_names = 0;

  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (NAWAT_IS_COUCH (couch), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p.store = store;
  p.couch = couch;
  p.call_id = call_id;
  p.cancellable = cancellable;
  p.result = result != NULL ? result : &local_result;
  p.problems = problems;
  memset (p.result, 0, sizeof *p.result);

  /* Before the call is read: a change made from now on is not taken as
   * published.
   */
  if (!nawat_store_begin_publish (store, call_id, error))
    return FALSE;

  call = load_call (store, call_id, error);
  if (call == NULL)
    return FALSE;

  rubric = find_rubric (store, call, error);
  if (rubric == NULL)
    return FALSE;

  extensions = call_extensions (call, error);
  if (extensions == NULL)
    return FALSE;

  if (!check_admin (&p, error))
    return FALSE;

  db = nawat_couch_call_db_name (call_id);
  evaluators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  /* The probe needs the call database with its _security, and comes
   * before anything else is written. */
  if (!ensure_database (&p, db, error) ||
      !ensure_security (&p, db, NULL, error) ||
      !probe_server (&p, db, flags, error) ||
      !ensure_design (&p, db, call_id, NULL, error) ||
      !upload_documents (&p, db, call, rubric, evaluators, error))
    return publisher_clear (&p);

  /* In a stable order, so that runs and their errors are reproducible. */
  names = (const char **) g_hash_table_get_keys_as_array (evaluators, &n_names);
  qsort (names, n_names, sizeof (char *), compare_strings);
  for (guint i = 0; i < n_names; i++)
    if (!publish_evaluator (&p, call, extensions, names[i],
                            g_hash_table_lookup (evaluators, names[i]), rubric, error))
      return publisher_clear (&p);

  /* Only a whole publish counts: a refused document leaves the call as
   * published before (or not at all).
   */
  if (!report_problems (&p, error) ||
      !nawat_store_record_publish (store, call_id, nawat_couch_get_base_url (couch),
                                   p.call_rev, error))
    return publisher_clear (&p);

  publisher_clear (&p);
  return TRUE;
}

gboolean
nawat_publish_prepare (NawatStore          *store,
                       NawatCouch          *couch,
                       const char          *call_id,
                       NawatPublishFlags    flags,
                       NawatPublishResult  *result,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GPtrArray) evaluators = NULL;
  g_autofree char *db = NULL;
  g_auto(NawatPublishResult) local_result = { 0 };
  Publisher p = { 0 };

  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (NAWAT_IS_COUCH (couch), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p.store = store;
  p.couch = couch;
  p.call_id = call_id;
  p.cancellable = cancellable;
  p.result = result != NULL ? result : &local_result;
  memset (p.result, 0, sizeof *p.result);

  call = load_call (store, call_id, error);
  if (call == NULL)
    return FALSE;
  evaluators = list_evaluators (store, call, error);
  if (evaluators == NULL)
    return FALSE;

  if (!check_admin (&p, error))
    return FALSE;
  if (!p.is_admin)
    {
      g_set_error (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_NOT_ADMIN,
                   _("Preparing the server for a call needs a server admin’s account"));
      return FALSE;
    }

  db = nawat_couch_call_db_name (call_id);
  if (!ensure_database (&p, db, error) ||
      !ensure_security (&p, db, NULL, error) ||
      !probe_server (&p, db, flags, error))
    return FALSE;

  for (guint i = 0; i < evaluators->len; i++)
    {
      const char *user = evaluators->pdata[i];
      g_autofree char *evaluation_db = nawat_couch_evaluation_db_name (call_id, user);

      if (!ensure_database (&p, evaluation_db, error) ||
          !ensure_security (&p, evaluation_db, user, error))
        return FALSE;
    }

  return TRUE;
}

void
nawat_publish_result_clear (NawatPublishResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->server, g_free);
  g_clear_pointer (&result->insecure, g_free);
}

gboolean
nawat_publish_result_changed (const NawatPublishResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  return result->databases_created > 0 || result->security_updated > 0 ||
         result->designs_updated > 0 || result->documents_uploaded > 0 ||
         result->files_uploaded > 0 || result->files_removed > 0;
}

char *
nawat_publish_result_to_string (const NawatPublishResult *result)
{
  g_autofree char *summary = NULL;
  g_autofree char *size = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (!nawat_publish_result_changed (result) && result->files == 0)
    return g_strdup_printf (_("nothing changed: %u databases and %u documents were already up to date"),
                            result->databases, result->documents);
  if (!nawat_publish_result_changed (result))
    return g_strdup_printf (_("nothing changed: %u databases, %u documents and %u files were "
                              "already up to date"),
                            result->databases, result->documents, result->files);

  summary = g_strdup_printf (_("%u of %u documents uploaded; %u of %u databases created; "
                               "%u security objects and %u design documents updated"),
                             result->documents_uploaded, result->documents,
                             result->databases_created, result->databases,
                             result->security_updated, result->designs_updated);
  if (result->files == 0 && result->files_removed == 0)
    return g_steal_pointer (&summary);

  size = g_format_size (result->bytes_uploaded);
  /* TRANSLATORS: the summary above, then files uploaded, their total,
   * the amount of data sent (e.g. "4.2 MB"), and the files removed */
  return g_strdup_printf (_("%s; %u of %u files uploaded (%s), %u removed from the server"),
                          summary, result->files_uploaded, result->files, size,
                          result->files_removed);
}

char *
nawat_publish_state_label (NawatCall                 *call,
                           const NawatStorePublished *published,
                           const char                *language,
                           gboolean                   be_years)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (NAWAT_IS_CALL (call), NULL);
  g_return_val_if_fail (published != NULL, NULL);

  if (published->time != NULL)
    date = nawat_format_date (published->time, language, be_years);
  /* A call with a server revision came from the server, published from
   * another store: an evaluator's calls are.
   */
  if (date == NULL && nawat_document_get_rev (NAWAT_DOCUMENT (call)) != NULL)
    return g_strdup (_("Published"));
  if (date == NULL)
    return g_strdup (_("Not published"));
  /* TRANSLATORS: the date a call was last published, e.g. "7 December 2026" */
  return g_strdup_printf (_("Published on %s"), date);
}

const char *
nawat_publish_state_note (const NawatStorePublished *published)
{
  g_return_val_if_fail (published != NULL, NULL);

  if (published->time == NULL || !published->changed)
    return NULL;
  return _("Changed since published: publish again");
}
