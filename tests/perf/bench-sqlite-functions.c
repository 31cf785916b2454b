/* bench-sqlite-functions.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store's own SQL functions as an extension of the sqlite3 shell, so
 * that the import's floor (bench-store.c) builds the same rows and the
 * same search indexes as the store: nawat_grams() (the index of short
 * words), nawat_casefold() and nawat_sort_key() (the list's order by
 * title), nawat_region() (a province's region) and nawat_domain_bit() (a
 * domain's bit in the list's mask of domains).  Loaded with ".load PATH".
 */

#include "config.h"

#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-store-internal-private.h"
#include "nawat-store-private.h"

#include <sqlite3ext.h>
#include <string.h>

SQLITE_EXTENSION_INIT1

int sqlite3_extension_init (sqlite3                     *db,
                            char                       **error,
                            const sqlite3_api_routines  *api);

static void
sql_casefold (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, _nawat_casefold (text), -1, g_free);
}

static void
sql_sort_key (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_text (context, _nawat_sort_key (text), -1, g_free);
}

static void
sql_region (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  const char *code = (const char *) sqlite3_value_text (argv[0]);
  const NawatProvince *province = code != NULL ? nawat_province_lookup (code) : NULL;

  if (province == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, province->region, -1, SQLITE_STATIC);
}

static void
sql_domain_bit (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *key = (const char *) sqlite3_value_text (argv[0]);
  int index = key != NULL ? nawat_domain_index (key) : -1;

  sqlite3_result_int64 (context, index >= 0 ? (sqlite3_int64) 1 << index : 0);
}

int
sqlite3_extension_init (sqlite3                     *db,
                        char                       **error,
                        const sqlite3_api_routines  *api)
{
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  int rc;

  SQLITE_EXTENSION_INIT2 (api);

  /* The store's own, through the same libsqlite3 as the shell's. */
  rc = _nawat_store_register_functions (db, NULL) ? SQLITE_OK : SQLITE_ERROR;
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "nawat_casefold", 1, flags, NULL, sql_casefold, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "nawat_sort_key", 1, flags, NULL, sql_sort_key, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "nawat_region", 1, flags, NULL, sql_region, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "nawat_domain_bit", 1, flags, NULL, sql_domain_bit, NULL,
                                  NULL);
  return rc;
}
