/* nawat-codec-private.h: what the codec's files share
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Nested JSON deeper than this is refused before json-glib sees it: no
 * document of ours is deeper than five levels, and json-glib recurses.
 */
#define MAX_DEPTH 32

/* The version of the documents' layout this codec writes. */
#define SCHEMA_VERSION 1

/* A whole document may not be larger than this, whatever its fields. */
#define MAX_DOCUMENT_BYTES (64 * 1024 * 1024)

/* json-glib's tree of the value in @length bytes of @data, which the
 * strict reader has accepted (nawat-codec-text.c).
 */
JsonNode *_nawat_codec_build_checked (const char  *data,
                                      gsize        length);

/* Appends @str (NULL reads as empty) to @s as a JSON string: the short
 * escapes where JSON has one, \u00XX for the other control characters,
 * everything else as it is (nawat-codec-write.c).
 */
void      _nawat_codec_append_string (GString     *s,
                                      const char  *str);

G_END_DECLS
