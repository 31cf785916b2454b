/* fuzz-codec.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-codec-private.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Every document the codec accepts must come back the same after a write and
 * a read: the round trip is the property checked, beyond not crashing.
 */
static void
check_round_trip (NawatDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatDocument) again = NULL;
  g_autofree char *first = nawat_codec_to_data (document, NULL);
  g_autofree char *second = NULL;

  again = nawat_codec_from_data (first, -1, &error);
  if (again == NULL)
    g_error ("a written document does not read back: %s\n%s", error->message, first);

  second = nawat_codec_to_data (again, NULL);
  if (g_strcmp0 (first, second) != 0)
    g_error ("a round trip changed the document:\n%s\n%s", first, second);
}

/* Whether @a and @b are the same tree: the same types (an integer is not
 * a double), the same values, the members in the same order.
 */
static gboolean
same_tree (JsonNode *a,
           JsonNode *b)
{
  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return FALSE;

  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(GList) names_a = json_object_get_members (json_node_get_object (a));
        g_autoptr(GList) names_b = json_object_get_members (json_node_get_object (b));
        GList *x, *y;

        for (x = names_a, y = names_b; x != NULL && y != NULL; x = x->next, y = y->next)
          if (strcmp (x->data, y->data) != 0 ||
              !same_tree (json_object_get_member (json_node_get_object (a), x->data),
                          json_object_get_member (json_node_get_object (b), y->data)))
            return FALSE;
        return x == NULL && y == NULL;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a);
        JsonArray *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!same_tree (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      if (json_node_get_value_type (a) == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
      if (json_node_get_value_type (a) == G_TYPE_DOUBLE)
        return memcmp (&(double) { json_node_get_double (a) },
                       &(double) { json_node_get_double (b) }, sizeof (double)) == 0;
      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);
      return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* What the codec builds from a text its strict reader accepts is what
 * json-glib's parser builds from it.
 */
static void
check_built_as_parsed (const char *data,
                       gsize       size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) built = NULL;

  if (!nawat_codec_check_text (data, size, NULL))
    return;

  built = _nawat_codec_build_checked (data, size);
  if (!json_parser_load_from_data (parser, data, size, NULL))
    g_error ("json-glib refuses a text the strict reader accepts: %.*s", (int) size, data);
  if (!same_tree (built, json_parser_get_root (parser)))
    g_error ("the codec's tree differs from json-glib's: %.*s", (int) size, data);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatDocument) single = NULL;

  check_built_as_parsed ((const char *) data, size);

  if (nawat_codec_parse_batch ((const char *) data, size, NULL, NULL,
                               &documents, &problems, &error))
    {
      for (guint i = 0; i < documents->len; i++)
        check_round_trip (g_ptr_array_index (documents, i));
    }
  else
    g_assert (error != NULL || (problems != NULL && problems->len > 0));

  g_clear_error (&error);

  single = nawat_codec_from_data ((const char *) data, size, &error);
  if (single != NULL)
    check_round_trip (single);
  else
    g_assert (error != NULL);

  return 0;
}
