/* nawat-import-mapping.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NAWAT_IMPORT_ERROR (nawat_import_error_quark ())

typedef enum
{
  /* a mapping file that cannot be read as one */
  NAWAT_IMPORT_ERROR_MAPPING,
  /* no header row, or one that gives a project's field twice */
  NAWAT_IMPORT_ERROR_HEADER,
  /* the call is not in the store */
  NAWAT_IMPORT_ERROR_NO_CALL,
  /* rows are invalid and skipping them was not asked for */
  NAWAT_IMPORT_ERROR_INVALID_ROWS,
  /* the documents folder cannot be read, or holds files of no project */
  NAWAT_IMPORT_ERROR_DOCUMENTS,
} NawatImportError;

/* The field of a project a column gives.  TITLE and SUMMARY take each
 * cell as Thai when it holds Thai letters, as English otherwise.
 */
typedef enum
{
  NAWAT_IMPORT_FIELD_NONE,
  NAWAT_IMPORT_FIELD_CODE,
  NAWAT_IMPORT_FIELD_TITLE,
  NAWAT_IMPORT_FIELD_TITLE_TH,
  NAWAT_IMPORT_FIELD_TITLE_EN,
  NAWAT_IMPORT_FIELD_SUMMARY,
  NAWAT_IMPORT_FIELD_SUMMARY_TH,
  NAWAT_IMPORT_FIELD_SUMMARY_EN,
  NAWAT_IMPORT_FIELD_ORGANISATION,
  NAWAT_IMPORT_FIELD_PROVINCE,
  NAWAT_IMPORT_FIELD_REACH,
  NAWAT_IMPORT_FIELD_DOMAINS,
  NAWAT_IMPORT_FIELD_PARTNERS,
  NAWAT_IMPORT_FIELD_BUDGET,
  NAWAT_IMPORT_FIELD_DURATION,
  NAWAT_IMPORT_FIELD_SUBMITTED,
  NAWAT_IMPORT_N_FIELDS
} NawatImportField;

#define NAWAT_TYPE_IMPORT_MAPPING (nawat_import_mapping_get_type ())

G_DECLARE_FINAL_TYPE (NawatImportMapping, nawat_import_mapping, NAWAT, IMPORT_MAPPING, GObject)

GQuark              nawat_import_error_quark         (void);

/* "none", "code", "title", "title.th", …: the names in mapping files. */
const char         *nawat_import_field_get_key       (NawatImportField     field);
/* The field named @key, or -1 when none is. */
int                 nawat_import_field_from_key      (const char          *key);
/* The field's name for people, in the user's language. */
const char         *nawat_import_field_get_label     (NawatImportField     field);
/* The field a column headed @header gives (Thai or English, any case,
 * spaces and punctuation aside), or NAWAT_IMPORT_FIELD_NONE.
 */
NawatImportField    nawat_import_guess_field         (const char          *header);

NawatImportMapping *nawat_import_mapping_new         (void);
/* A mapping of each header of @header to its guessed field; a field
 * other than the title's and the summary's goes to its first column only.
 */
NawatImportMapping *nawat_import_mapping_guess       (const char * const  *header);
/* The field of the column headed @header (spaces around it aside):
 * NAWAT_IMPORT_FIELD_NONE when the mapping does not name it.
 */
NawatImportField    nawat_import_mapping_get         (NawatImportMapping  *self,
                                                      const char          *header);
gboolean            nawat_import_mapping_contains    (NawatImportMapping  *self,
                                                      const char          *header);
void                nawat_import_mapping_set         (NawatImportMapping  *self,
                                                      const char          *header,
                                                      NawatImportField     field);
/* The headers named, in the order they were set. */
const char * const *nawat_import_mapping_get_headers (NawatImportMapping  *self);
/* Sets each header @other names to its field there. */
void                nawat_import_mapping_update      (NawatImportMapping  *self,
                                                      NawatImportMapping  *other);
/* Whether every header @self names is one of @header (spaces around them
 * aside), that is whether the mapping is one for that file; an error names
 * the first that is missing.
 */
gboolean            nawat_import_mapping_fits        (NawatImportMapping  *self,
                                                      const char * const  *header,
                                                      GError             **error);

/* The mapping as a small JSON file:
 * {"columns": [{"header": "รหัส", "field": "code"}, …]}.
 */
char               *nawat_import_mapping_to_data     (NawatImportMapping  *self,
                                                      gsize               *length);
NawatImportMapping *nawat_import_mapping_new_from_data (const char        *data,
                                                        gsize              length,
                                                        GError           **error);
gboolean            nawat_import_mapping_save        (NawatImportMapping  *self,
                                                      const char          *path,
                                                      GError             **error);
NawatImportMapping *nawat_import_mapping_load        (const char          *path,
                                                      GError             **error);

G_END_DECLS
