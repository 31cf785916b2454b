/* fuzz-codec.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"

#include <stdint.h>

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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatDocument) single = NULL;

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
