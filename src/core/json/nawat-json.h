/* nawat-json.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON text for @node, in place of json_to_string() and JsonGenerator,
 * which write a double such as 1e-10 as "1e-10.0", text no JSON reader
 * (CouchDB's, ours) accepts.  Members keep their order; a number that is
 * not finite, which no JSON text can carry, is written as null.  @pretty
 * indents by two spaces and writes "name" : value, as json-glib does.
 */
char *nawat_json_to_string (JsonNode *node,
                            gboolean  pretty,
                            gsize    *length);

/* Appends @node to @s as compact JSON text. */
void  nawat_json_append    (GString  *s,
                            JsonNode *node);

G_END_DECLS
