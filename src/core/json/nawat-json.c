/* nawat-json.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-json.h"

#include "nawat-codec-private.h"

#include <math.h>

static void
append_newline (GString *s,
                int      indent)
{
  if (indent < 0)
    return;
  g_string_append_c (s, '\n');
  for (int i = 0; i < indent; i++)
    g_string_append (s, "  ");
}

static void
append_value (GString  *s,
              JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (s, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      /* g_ascii_dtostr() writes every finite double as a JSON number that
       * reads back as the same number: "0.5", "3", "1e-10", "1e+20".
       * Negative zero would read back as the integer 0, so it is written
       * as that.
       */
      value = json_node_get_double (node);
      if (value == 0)
        g_string_append_c (s, '0');
      else if (isfinite (value))
        g_string_append (s, g_ascii_dtostr (buf, sizeof buf, value));
      else
        g_string_append (s, "null");
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (s, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      _nawat_codec_append_string (s, json_node_get_string (node));
      break;
    default:
      g_string_append (s, "null");
    }
}

/* @indent is the depth of @node when pretty, -1 when compact. */
static void
append_node (GString  *s,
             JsonNode *node,
             int       indent)
{
  int inner = indent < 0 ? -1 : indent + 1;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (s, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (s, ',');
            first = FALSE;
            append_newline (s, inner);
            _nawat_codec_append_string (s, name);
            g_string_append (s, indent < 0 ? ":" : " : ");
            append_node (s, member, inner);
          }
        if (!first)
          append_newline (s, indent);
        g_string_append_c (s, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (s, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (s, ',');
            append_newline (s, inner);
            append_node (s, json_array_get_element (array, i), inner);
          }
        if (n > 0)
          append_newline (s, indent);
        g_string_append_c (s, ']');
      }
      break;

    case JSON_NODE_VALUE:
      append_value (s, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (s, "null");
    }
}

void
nawat_json_append (GString  *s,
                   JsonNode *node)
{
  g_return_if_fail (s != NULL);
  g_return_if_fail (node != NULL);

  append_node (s, node, -1);
}

char *
nawat_json_to_string (JsonNode *node,
                      gboolean  pretty,
                      gsize    *length)
{
  GString *s;

  g_return_val_if_fail (node != NULL, NULL);

  s = g_string_new (NULL);
  append_node (s, node, pretty ? 0 : -1);
  if (length != NULL)
    *length = s->len;
  return g_string_free (s, FALSE);
}
