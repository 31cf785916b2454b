/* nawat-cli-calls.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-exporter.h"
#include "nawat-json.h"
#include "nawat-publish.h"
#include "nawat-text.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_call_json (JsonBuilder               *builder,
               NawatCall                 *call,
               const NawatStorePublished *published)
{
  json_builder_begin_object (builder);
  add_nullable_string (builder, "id", nawat_call_get_call_id (call));
  json_builder_set_member_name (builder, "year_be");
  json_builder_add_int_value (builder, nawat_call_get_year_be (call));
  add_nullable_string (builder, "published", published->time);
  add_nullable_string (builder, "server", published->server);
  add_nullable_string (builder, "rev", published->rev);
  json_builder_set_member_name (builder, "changed");
  json_builder_add_boolean_value (builder, published->changed);
  json_builder_end_object (builder);
}

int
_nawat_cli_cmd_calls (NawatCliGlobals  *globals,
                      int               argc,
                      char            **argv)
{
  gboolean json = FALSE;
  g_autofree char *lang = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the calls as a JSON array"), NULL },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("The language of the titles and dates: th or en (default: the locale’s)"), N_("LANG") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *language;

  if (!_nawat_cli_parse_options (context,
                                 _("Lists the calls of the store: their id, year and title, whether\n"
                                   "they are published, when, and whether they changed since."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("calls takes no arguments besides its options"));
  if (lang != NULL && !g_str_equal (lang, "th") && !g_str_equal (lang, "en"))
    return _nawat_cli_refuse (EXIT_USAGE, _("--lang must be th or en"));
  language = nawat_export_default_language (lang);

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);
  calls = nawat_store_list_calls (store, &error);
  if (calls == NULL)
    return _nawat_cli_refuse_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < calls->len; i++)
    {
      NawatCall *call = g_ptr_array_index (calls, i);
      g_auto(NawatStorePublished) published = { 0 };
      g_autofree char *state = NULL;
      const char *note;

      if (!nawat_store_get_published (store, nawat_call_get_call_id (call), &published, &error))
        return _nawat_cli_refuse_error (error);
      if (json)
        {
          add_call_json (builder, call, &published);
          continue;
        }

      /* Buddhist Era years in Thai, as the window shows them. */
      state = nawat_publish_state_label (call, &published, language, g_str_equal (language, "th"));
      note = nawat_publish_state_note (&published);
      g_print ("%s\t%d\t%s\n", nawat_call_get_call_id (call), nawat_call_get_year_be (call),
               nawat_text_get (nawat_call_get_title (call), language));
      if (note != NULL)
        /* TRANSLATORS: a call's publish state, then what changed since */
        g_print (_("  %s. %s\n"), state, note);
      else
        g_print ("  %s\n", state);
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = nawat_json_to_string (root, TRUE, NULL);

      g_print ("%s\n", text);
    }
  return EXIT_OK;
}
