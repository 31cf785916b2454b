/* nawat-import.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-import.h"

#include "nawat-codec.h"
#include "nawat-csv.h"
#include "nawat-domains.h"
#include "nawat-import-private.h"
#include "nawat-places.h"
#include "nawat-store-attachments.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

struct _NawatImport
{
  GObject             parent_instance;

  char               *call_id;
  /* GStrv, the header first */
  GPtrArray          *rows;
  NawatImportMapping *mapping;
  /* the field of each column of the header */
  NawatImportField   *fields;
  guint               n_columns;
  /* per row below the header: its NawatProject, NULL when invalid */
  GPtrArray          *projects;
  GPtrArray          *problems;
  /* rows (their number in the sheet) with a problem */
  GHashTable         *invalid;
  /* the folder of the proposals' files, or NULL */
  GFile              *documents;
  /* per project: its files from that folder (GPtrArray of GFile), or NULL */
  GPtrArray          *document_files;
  /* the folder's files that match no project (their names as shown) */
  GPtrArray          *unmatched;
};

G_DEFINE_FINAL_TYPE (NawatImport, nawat_import, G_TYPE_OBJECT)

/* The fields a project cannot go without. */
static const NawatImportField required_fields[] = {
  NAWAT_IMPORT_FIELD_CODE, NAWAT_IMPORT_FIELD_ORGANISATION, NAWAT_IMPORT_FIELD_PROVINCE,
  NAWAT_IMPORT_FIELD_DOMAINS,
};

/* What one row gives, its cells trimmed. */
typedef struct
{
  guint       row;
  const char *values[NAWAT_IMPORT_N_FIELDS];
  int         columns[NAWAT_IMPORT_N_FIELDS];
  GPtrArray  *cells;
} RowValues;

static void
problem_free (NawatImportProblem *problem)
{
  g_free (problem->header);
  g_free (problem->message);
  g_free (problem);
}

static void
project_unref (gpointer project)
{
  g_clear_object (&project);
}

static void
files_unref (gpointer files)
{
  g_clear_pointer (&files, g_ptr_array_unref);
}

static void
nawat_import_finalize (GObject *object)
{
  NawatImport *self = (NawatImport *) object;

  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->fields, g_free);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->invalid, g_hash_table_unref);
  g_clear_object (&self->documents);
  g_clear_pointer (&self->document_files, g_ptr_array_unref);
  g_clear_pointer (&self->unmatched, g_ptr_array_unref);

  G_OBJECT_CLASS (nawat_import_parent_class)->finalize (object);
}

static void
nawat_import_class_init (NawatImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nawat_import_finalize;
}

static void
nawat_import_init (NawatImport *self)
{
  self->projects = g_ptr_array_new_with_free_func (project_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  self->invalid = g_hash_table_new (NULL, NULL);
  self->document_files = g_ptr_array_new_with_free_func (files_unref);
  self->unmatched = g_ptr_array_new_with_free_func (g_free);
}

NawatImport *
nawat_import_new (const char         *call_id,
                  GPtrArray          *rows,
                  NawatImportMapping *mapping)
{
  NawatImport *self;

  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (mapping == NULL || NAWAT_IS_IMPORT_MAPPING (mapping), NULL);

  self = g_object_new (NAWAT_TYPE_IMPORT, NULL);
  self->call_id = g_strdup (call_id);
  self->rows = g_ptr_array_ref (rows);
  if (mapping != NULL)
    self->mapping = g_object_ref (mapping);
  else if (rows->len > 0)
    self->mapping = nawat_import_mapping_guess (g_ptr_array_index (rows, 0));
  else
    self->mapping = nawat_import_mapping_new ();
  return self;
}

NawatImportMapping *
nawat_import_get_mapping (NawatImport *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT (self), NULL);

  return self->mapping;
}

static void
add_problem (NawatImport *self,
             guint        row,
             int          column,
             const char  *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (NawatImport *self,
             guint        row,
             int          column,
             const char  *format,
             ...)
{
  NawatImportProblem *problem = g_new0 (NawatImportProblem, 1);
  const char * const *header = g_ptr_array_index (self->rows, 0);
  va_list args;

  problem->row = row;
  problem->column = column;
  if (column >= 0 && (guint) column < self->n_columns)
    problem->header = g_strstrip (g_strdup (header[column]));
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->problems, problem);
  g_hash_table_add (self->invalid, GUINT_TO_POINTER (row));
}

/* Values */

static gboolean
has_thai (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0E00 && c <= 0x0E7F)
        return TRUE;
    }
  return FALSE;
}

/* @name without the word that starts every Thai name of a vocabulary
 * ("ด้าน" of the domains, "ภาค" of the sectors, "ระดับ" of the reach).
 */
static const char *
skip_prefix (const char *name)
{
  static const char * const prefixes[] = { "ด้าน", "ภาค", "ระดับ" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i]) && name[strlen (prefixes[i])] != '\0')
      return name + strlen (prefixes[i]);
  return name;
}

/* The term of @terms that @text names by its key or its Thai or English
 * name, any case, spaces and punctuation aside; NULL when none.
 */
static const NawatTerm *
find_term (const NawatTerm *terms,
           int              n_terms,
           const char      *text)
{
  g_autofree char *wanted = _nawat_import_normalise (text);
  const char *bare = skip_prefix (wanted);

  if (*wanted == '\0')
    return NULL;

  for (int i = 0; i < n_terms; i++)
    {
      const char *names[] = { terms[i].key, terms[i].en, terms[i].th };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *name = _nawat_import_normalise (names[j]);

          if (g_str_equal (wanted, name) || g_str_equal (bare, skip_prefix (name)))
            return &terms[i];
        }
    }
  return NULL;
}

static const NawatProvince *
find_province (const char *text)
{
  static const char * const bangkok[] = { "กรุงเทพฯ", "กรุงเทพ", "กทม", "กทม." };
  const NawatProvince *provinces = nawat_provinces ();
  g_autofree char *code = g_ascii_strup (text, -1);
  g_autofree char *folded = NULL;
  const char *name = text;

  if (nawat_province_lookup (code) != NULL)
    return nawat_province_lookup (code);

  if (g_str_has_prefix (name, "จังหวัด"))
    name += strlen ("จังหวัด");
  else if (g_str_has_prefix (name, "จ."))
    name += strlen ("จ.");
  while (g_ascii_isspace (*name))
    name++;

  for (guint i = 0; i < G_N_ELEMENTS (bangkok); i++)
    if (g_str_equal (name, bangkok[i]))
      return nawat_province_lookup ("TH-10");

  folded = _nawat_import_normalise (name);
  for (int i = 0; i < NAWAT_N_PROVINCES; i++)
    {
      g_autofree char *en = _nawat_import_normalise (provinces[i].en);

      if (g_str_equal (name, provinces[i].th) || g_str_equal (folded, en))
        return &provinces[i];
    }
  return NULL;
}

static gboolean
is_code (const char *code)
{
  if (!g_ascii_islower (*code) && !g_ascii_isdigit (*code))
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return strlen (code) <= 64;
}

/* Whole baht, "1,250,000", "1250000.00", "฿1,250,000" or "1,250,000 บาท". */
static gboolean
parse_baht (const char *text,
            gint64     *baht)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *copy = g_strdup (text);
  guint64 value;
  char *dot;
  char *s;

  s = g_strstrip (copy);
  if (g_str_has_prefix (s, "฿"))
    s += strlen ("฿");
  if (g_str_has_suffix (s, "บาท"))
    s[strlen (s) - strlen ("บาท")] = '\0';
  else if (g_str_has_suffix (s, "THB"))
    s[strlen (s) - 3] = '\0';
  s = g_strstrip (s);

  /* Decimals are allowed when they are zeros: spreadsheets write them. */
  dot = strchr (s, '.');
  if (dot != NULL)
    {
      for (const char *p = dot + 1; *p; p++)
        if (*p != '0')
          return FALSE;
      *dot = '\0';
    }
  for (const char *p = s; *p; p++)
    if (*p != ',' && *p != ' ')
      g_string_append_c (digits, *p);

  if (!g_ascii_string_to_unsigned (digits->str, 10, 0, 10000000000000, &value, NULL))
    return FALSE;
  *baht = (gint64) value;
  return TRUE;
}

static gboolean
parse_months (const char *text,
              int        *months)
{
  g_autofree char *copy = g_strdup (text);
  guint64 value;
  char *s = copy;

  if (g_str_has_suffix (s, "เดือน"))
    s[strlen (s) - strlen ("เดือน")] = '\0';
  else if (g_str_has_suffix (s, "months"))
    s[strlen (s) - strlen ("months")] = '\0';
  s = g_strstrip (s);
  if (!g_ascii_string_to_unsigned (s, 10, 1, 120, &value, NULL))
    return FALSE;
  *months = (int) value;
  return TRUE;
}

/* An ISO 8601 date and time as it is, or a date, taken at midnight in
 * Thailand.
 */
static char *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);
  g_autofree char *midnight = NULL;

  if (dt != NULL)
    return g_strdup (text);

  midnight = g_strconcat (text, "T00:00:00+07:00", NULL);
  dt = g_date_time_new_from_iso8601 (midnight, utc);
  return dt != NULL && strlen (text) == 10 ? g_steal_pointer (&midnight) : NULL;
}

/* The domain keys of @text: names or keys separated by ",", ";" or new
 * lines.  An English name holds a comma ("Food, water and energy
 * nexus"), so the longest run of comma-separated parts that names a
 * domain is taken first.
 */
static GStrv
parse_domains (NawatImport *self,
               RowValues   *values)
{
  const char *text = values->values[NAWAT_IMPORT_FIELD_DOMAINS];
  int column = values->columns[NAWAT_IMPORT_FIELD_DOMAINS];
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) lines = g_strsplit_set (text, ";\n", -1);
  gboolean ok = TRUE;

  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[l], ",", -1);
      guint n = g_strv_length (parts);

      for (guint i = 0; i < n; i++)
        {
          const NawatTerm *term = NULL;
          guint j;

          if (*g_strstrip (parts[i]) == '\0')
            continue;
          for (j = n; j > i && term == NULL; j--)
            {
              g_autofree char *run = NULL;
              char *saved = parts[j];

              parts[j] = NULL;
              run = g_strjoinv (",", parts + i);
              parts[j] = saved;
              term = find_term (nawat_domains (), NAWAT_N_DOMAINS, run);
            }
          if (term == NULL)
            {
              add_problem (self, values->row, column, _("“%s” is not one of the nine domains"),
                           parts[i]);
              ok = FALSE;
              continue;
            }
          i = j;
          if (g_hash_table_add (seen, (gpointer) term->key))
            g_strv_builder_add (builder, term->key);
        }
    }

  if (ok && g_hash_table_size (seen) == 0)
    {
      add_problem (self, values->row, column, _("no domain is given"));
      ok = FALSE;
    }
  return ok ? g_strv_builder_end (builder) : NULL;
}

/* Partners as "name (sector); name (sector)", or one a line. */
static gboolean
parse_partners (NawatImport  *self,
                RowValues    *values,
                NawatProject *project)
{
  const char *text = values->values[NAWAT_IMPORT_FIELD_PARTNERS];
  int column = values->columns[NAWAT_IMPORT_FIELD_PARTNERS];
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ";\n", -1);
  gboolean ok = TRUE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      g_autoptr(NawatPartner) partner = NULL;
      const NawatTerm *sector;
      char *open;

      if (*part == '\0')
        continue;
      open = strrchr (part, '(');
      if (open == NULL || open == part || !g_str_has_suffix (part, ")"))
        {
          add_problem (self, values->row, column,
                       _("“%s”: write a partner as “name (sector)”"), part);
          ok = FALSE;
          continue;
        }
      part[strlen (part) - 1] = '\0';
      *open = '\0';
      sector = find_term (nawat_helix_sectors (), NAWAT_N_HELIX, open + 1);
      if (sector == NULL)
        {
          add_problem (self, values->row, column,
                       _("“%s” is not a Quintuple Helix sector (government, academia, private, "
                         "civil society, environment)"), g_strstrip (open + 1));
          ok = FALSE;
          continue;
        }
      partner = nawat_partner_new (g_strstrip (part), sector->key);
      nawat_project_add_partner (project, partner);
    }
  return ok;
}

/* Rows */

static void
read_values (NawatImport *self,
             guint        index,
             RowValues   *values,
             NawatText   *title,
             NawatText   *summary)
{
  const char * const *cells = g_ptr_array_index (self->rows, index);
  guint n_cells = g_strv_length ((GStrv) cells);

  values->row = index + 1;
  for (guint i = 0; i < NAWAT_IMPORT_N_FIELDS; i++)
    values->columns[i] = -1;

  for (guint c = 0; c < self->n_columns; c++)
    {
      NawatImportField field = self->fields[c];
      char *cell = g_strstrip (g_strdup (c < n_cells ? cells[c] : ""));
      char **slot = NULL;

      g_ptr_array_add (values->cells, cell);
      if (values->columns[field] < 0)
        values->columns[field] = c;

      switch (field)
        {
        case NAWAT_IMPORT_FIELD_TITLE:
          slot = has_thai (cell) ? &title->th : &title->en;
          break;
        case NAWAT_IMPORT_FIELD_TITLE_TH:
          slot = &title->th;
          break;
        case NAWAT_IMPORT_FIELD_TITLE_EN:
          slot = &title->en;
          break;
        case NAWAT_IMPORT_FIELD_SUMMARY:
          slot = has_thai (cell) ? &summary->th : &summary->en;
          break;
        case NAWAT_IMPORT_FIELD_SUMMARY_TH:
          slot = &summary->th;
          break;
        case NAWAT_IMPORT_FIELD_SUMMARY_EN:
          slot = &summary->en;
          break;
        case NAWAT_IMPORT_FIELD_NONE:
        case NAWAT_IMPORT_FIELD_CODE:
        case NAWAT_IMPORT_FIELD_ORGANISATION:
        case NAWAT_IMPORT_FIELD_PROVINCE:
        case NAWAT_IMPORT_FIELD_REACH:
        case NAWAT_IMPORT_FIELD_DOMAINS:
        case NAWAT_IMPORT_FIELD_PARTNERS:
        case NAWAT_IMPORT_FIELD_BUDGET:
        case NAWAT_IMPORT_FIELD_DURATION:
        case NAWAT_IMPORT_FIELD_SUBMITTED:
        case NAWAT_IMPORT_N_FIELDS:
        default:
          values->values[field] = *cell != '\0' ? cell : NULL;
          break;
        }
      if (slot != NULL && *slot == NULL && *cell != '\0')
        *slot = g_strdup (cell);
    }

  for (guint c = self->n_columns; c < n_cells; c++)
    if (*cells[c] != '\0')
      {
        add_problem (self, values->row, -1,
                     _("the row has %u cells, more than the %u columns of the header"),
                     n_cells, self->n_columns);
        break;
      }
}

/* The code of the row, checked against the rows before it (@codes) and
 * the store.
 */
static char *
check_code (NawatImport  *self,
            NawatStore   *store,
            GHashTable   *codes,
            RowValues    *values,
            GError      **error)
{
  int column = values->columns[NAWAT_IMPORT_FIELD_CODE];
  g_autofree char *code = NULL;
  g_autofree char *id = NULL;
  g_autoptr(NawatProject) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer first;

  if (values->values[NAWAT_IMPORT_FIELD_CODE] == NULL)
    return add_problem (self, values->row, column, _("the code is missing")), NULL;

  code = g_ascii_strdown (values->values[NAWAT_IMPORT_FIELD_CODE], -1);
  if (!is_code (code))
    return add_problem (self, values->row, column,
                        _("“%s” is not a code: use Latin letters, digits and “-”"),
                        values->values[NAWAT_IMPORT_FIELD_CODE]), NULL;

  if (g_hash_table_lookup_extended (codes, code, NULL, &first))
    return add_problem (self, values->row, column, _("the code “%s” is also on row %u"),
                        code, GPOINTER_TO_UINT (first)), NULL;
  g_hash_table_insert (codes, g_strdup (code), GUINT_TO_POINTER (values->row));

  if (store == NULL)
    return g_steal_pointer (&code);

  id = g_strdup_printf ("project:%s:%s", self->call_id, code);
  stored = nawat_store_get_project (store, id, &local_error);
  if (stored != NULL)
    return add_problem (self, values->row, column,
                        _("a project with the code “%s” is already in the store"), code), NULL;
  if (!g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&code);
}

static void
check_present (NawatImport      *self,
               RowValues        *values,
               NawatImportField  field,
               const char       *message)
{
  if (values->values[field] == NULL)
    add_problem (self, values->row, values->columns[field], "%s", message);
}

/* Sets the fields that are not texts, each checked. */
static void
set_fields (NawatImport  *self,
            RowValues    *values,
            NawatProject *project)
{
  const char **v = values->values;
  int *columns = values->columns;
  const NawatProvince *province;
  g_auto(GStrv) domains = NULL;

  nawat_project_set_organisation (project, v[NAWAT_IMPORT_FIELD_ORGANISATION]);

  province = v[NAWAT_IMPORT_FIELD_PROVINCE] != NULL ? find_province (v[NAWAT_IMPORT_FIELD_PROVINCE])
                                                    : NULL;
  if (province != NULL)
    nawat_project_set_province (project, province->code);
  else if (v[NAWAT_IMPORT_FIELD_PROVINCE] != NULL)
    add_problem (self, values->row, columns[NAWAT_IMPORT_FIELD_PROVINCE],
                 _("“%s” is not the name or code of a Thai province"),
                 v[NAWAT_IMPORT_FIELD_PROVINCE]);

  if (v[NAWAT_IMPORT_FIELD_REACH] != NULL)
    {
      const NawatTerm *reach = find_term (nawat_reach_levels (), NAWAT_N_REACH,
                                          v[NAWAT_IMPORT_FIELD_REACH]);

      if (reach != NULL)
        nawat_project_set_reach (project, reach->key);
      else
        add_problem (self, values->row, columns[NAWAT_IMPORT_FIELD_REACH],
                     _("“%s” is not a reach level (community, city, regional, national or "
                       "global)"), v[NAWAT_IMPORT_FIELD_REACH]);
    }

  if (v[NAWAT_IMPORT_FIELD_DOMAINS] != NULL &&
      (domains = parse_domains (self, values)) != NULL)
    nawat_project_set_domains (project, (const char * const *) domains);

  parse_partners (self, values, project);

  if (v[NAWAT_IMPORT_FIELD_BUDGET] != NULL)
    {
      gint64 baht;

      if (parse_baht (v[NAWAT_IMPORT_FIELD_BUDGET], &baht))
        nawat_project_set_budget_thb (project, baht);
      else
        add_problem (self, values->row, columns[NAWAT_IMPORT_FIELD_BUDGET],
                     _("“%s” is not an amount of whole baht"), v[NAWAT_IMPORT_FIELD_BUDGET]);
    }

  if (v[NAWAT_IMPORT_FIELD_DURATION] != NULL)
    {
      int months;

      if (parse_months (v[NAWAT_IMPORT_FIELD_DURATION], &months))
        nawat_project_set_duration_months (project, months);
      else
        add_problem (self, values->row, columns[NAWAT_IMPORT_FIELD_DURATION],
                     _("“%s” is not a number of months from 1 to 120"),
                     v[NAWAT_IMPORT_FIELD_DURATION]);
    }

  if (v[NAWAT_IMPORT_FIELD_SUBMITTED] != NULL)
    {
      g_autofree char *date = parse_date (v[NAWAT_IMPORT_FIELD_SUBMITTED]);

      if (date != NULL)
        nawat_project_set_submitted (project, date);
      else
        add_problem (self, values->row, columns[NAWAT_IMPORT_FIELD_SUBMITTED],
                     _("“%s” is not a date such as 2026-03-12"), v[NAWAT_IMPORT_FIELD_SUBMITTED]);
    }
}

/* The project of row @index, or NULL with its problems added (or @error
 * set when the store cannot be read).
 */
static NawatProject *
convert_row (NawatImport  *self,
             NawatStore   *store,
             GHashTable   *codes,
             guint         index,
             GError      **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NawatText) title = nawat_text_new (NULL, NULL);
  g_autoptr(NawatText) summary = nawat_text_new (NULL, NULL);
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatDocument) checked = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = NULL;
  guint n_problems = self->problems->len;
  RowValues values = { .cells = cells };

  read_values (self, index, &values, title, summary);

  code = check_code (self, store, codes, &values, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  project = nawat_project_new (self->call_id, code != NULL ? code : "x");

  if (title->th == NULL && title->en == NULL)
    {
      int column = values.columns[NAWAT_IMPORT_FIELD_TITLE];

      for (NawatImportField f = NAWAT_IMPORT_FIELD_TITLE_TH; column < 0 &&
           f <= NAWAT_IMPORT_FIELD_TITLE_EN; f++)
        column = values.columns[f];
      add_problem (self, values.row, column, _("the title is missing"));
    }
  nawat_project_set_title (project, title);
  if (summary->th != NULL || summary->en != NULL)
    nawat_project_set_summary (project, summary);

  check_present (self, &values, NAWAT_IMPORT_FIELD_ORGANISATION, _("the organisation is missing"));
  check_present (self, &values, NAWAT_IMPORT_FIELD_PROVINCE, _("the province is missing"));
  check_present (self, &values, NAWAT_IMPORT_FIELD_DOMAINS, _("no domain is given"));
  set_fields (self, &values, project);

  if (self->problems->len > n_problems)
    return NULL;

  /* The codec's own rules (lengths, ids) decide last, as for a JSON import. */
  node = nawat_codec_to_node (NAWAT_DOCUMENT (project));
  checked = nawat_codec_from_node (node, &local_error);
  if (checked == NULL)
    return add_problem (self, values.row, -1, "%s", local_error->message), NULL;

  return NAWAT_PROJECT (g_steal_pointer (&checked));
}

/* The field of each column, each given by one column only (the title and
 * summary by one per language at most), the required ones present.
 */
static gboolean
read_header (NawatImport  *self,
             GError      **error)
{
  const char * const *header = g_ptr_array_index (self->rows, 0);
  int first[NAWAT_IMPORT_N_FIELDS];

  self->n_columns = g_strv_length ((GStrv) header);
  self->fields = g_new0 (NawatImportField, self->n_columns);
  for (guint i = 0; i < NAWAT_IMPORT_N_FIELDS; i++)
    first[i] = -1;

  for (guint c = 0; c < self->n_columns; c++)
    {
      NawatImportField field = nawat_import_mapping_get (self->mapping, header[c]);

      self->fields[c] = field;
      if (field == NAWAT_IMPORT_FIELD_NONE)
        continue;
      if (first[field] >= 0 && field != NAWAT_IMPORT_FIELD_TITLE &&
          field != NAWAT_IMPORT_FIELD_SUMMARY)
        {
          g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_HEADER,
                       _("the columns “%s” and “%s” both give the field “%s”"),
                       header[first[field]], header[c], nawat_import_field_get_label (field));
          return FALSE;
        }
      first[field] = c;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required_fields); i++)
    if (first[required_fields[i]] < 0)
      {
        g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_HEADER,
                     _("no column gives the field “%s”"),
                     nawat_import_field_get_label (required_fields[i]));
        return FALSE;
      }
  if (first[NAWAT_IMPORT_FIELD_TITLE] < 0 && first[NAWAT_IMPORT_FIELD_TITLE_TH] < 0 &&
      first[NAWAT_IMPORT_FIELD_TITLE_EN] < 0)
    {
      g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_HEADER,
                   _("no column gives the field “%s”"),
                   nawat_import_field_get_label (NAWAT_IMPORT_FIELD_TITLE));
      return FALSE;
    }
  return TRUE;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const NawatImportProblem *pa = *(NawatImportProblem * const *) a;
  const NawatImportProblem *pb = *(NawatImportProblem * const *) b;

  if (pa->row != pb->row)
    return pa->row < pb->row ? -1 : 1;
  return (pa->column > pb->column) - (pa->column < pb->column);
}

/* The proposals' files */

static int
compare_file_infos (gconstpointer a,
                    gconstpointer b)
{
  GFileInfo *x = *(GFileInfo **) a;
  GFileInfo *y = *(GFileInfo **) b;

  return strcmp (g_file_info_get_name (x), g_file_info_get_name (y));
}

/* The entries of @dir (GFileInfo), by name, without hidden ones. */
static GPtrArray *
list_folder (GFile   *dir,
             GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, &local_error)) != NULL)
    {
      if (g_file_info_get_name (info)[0] == '.')
        g_object_unref (info);
      else
        g_ptr_array_add (infos, info);
    }
  if (local_error != NULL)
    {
      g_autofree char *shown = g_file_get_parse_name (dir);

      g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_DOCUMENTS,
                   _("Cannot read the folder “%s”: %s"), shown, local_error->message);
      return NULL;
    }
  g_ptr_array_sort (infos, compare_file_infos);
  return g_steal_pointer (&infos);
}

/* The files @info names, a file of @dir or the files of a folder of @dir. */
static gboolean
collect_entry (GFile      *dir,
               GFileInfo  *info,
               GPtrArray  *files,
               GError    **error)
{
  g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
  g_autoptr(GPtrArray) inner = NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_ptr_array_add (files, g_steal_pointer (&child));
      return TRUE;
    }
  inner = list_folder (child, error);
  if (inner == NULL)
    return FALSE;
  for (guint i = 0; i < inner->len; i++)
    g_ptr_array_add (files, g_file_get_child (child, g_file_info_get_name (inner->pdata[i])));
  return TRUE;
}

/* The project code a folder entry is named by: "P-001.pdf" and "P-001/"
 * are the project "p-001"'s.
 */
static char *
entry_code (GFileInfo *info)
{
  const char *name = g_file_info_get_name (info);
  const char *dot = strrchr (name, '.');

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY || dot == NULL || dot == name)
    return g_ascii_strdown (name, -1);
  return g_ascii_strdown (name, dot - name);
}

/* Drops the project of @row, now invalid, from those to store. */
static void
invalidate_row (NawatImport *self,
                guint        row)
{
  g_clear_object (&g_ptr_array_index (self->projects, row - 2));
}

/* Checks @files of the project of @row as attaching them would (names,
 * limits), adding up their sizes in @total; a refused file is a problem of
 * the row.
 */
static void
check_row_files (NawatImport *self,
                 guint        row,
                 GPtrArray   *files,
                 gint64      *total)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      char *name = g_file_get_basename (files->pdata[i]);
      gint64 length = 0;

      if (!g_hash_table_add (names, name))
        {
          add_problem (self, row, -1,
                       _("two of its files are named “%s”: a project’s files have names of "
                         "their own"), name);
          invalidate_row (self, row);
        }
      else if (!nawat_store_check_file_to_attach (files->pdata[i], &length, &local_error))
        {
          add_problem (self, row, -1, "%s", local_error->message);
          invalidate_row (self, row);
        }
      *total += length;
    }
}

/* Matches the files of the documents folder with the rows by code
 * (@codes: code -> row), and checks them before anything is written.
 */
static gboolean
check_documents (NawatImport  *self,
                 NawatStore   *store,
                 GHashTable   *codes,
                 GError      **error)
{
  g_autoptr(GPtrArray) entries = list_folder (self->documents, error);
  g_autoptr(GHashTable) by_row = g_hash_table_new_full (NULL, NULL, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  gint64 total = 0;

  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      GFileInfo *info = entries->pdata[i];
      g_autofree char *code = entry_code (info);
      gpointer row;
      GPtrArray *files;

      if (!g_hash_table_lookup_extended (codes, code, NULL, &row))
        {
          g_autoptr(GFile) child = g_file_get_child (self->documents, g_file_info_get_name (info));

          g_ptr_array_add (self->unmatched, g_file_get_parse_name (child));
          continue;
        }
      files = g_hash_table_lookup (by_row, row);
      if (files == NULL)
        {
          files = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_row, row, files);
        }
      if (!collect_entry (self->documents, info, files, error))
        return FALSE;
    }

  g_ptr_array_set_size (self->document_files, 0);
  for (guint i = 0; i < self->projects->len; i++)
    {
      guint row = i + 2;
      GPtrArray *files = g_hash_table_lookup (by_row, GUINT_TO_POINTER (row));

      if (files != NULL)
        check_row_files (self, row, files, &total);
      g_ptr_array_add (self->document_files,
                       files != NULL && g_ptr_array_index (self->projects, i) != NULL
                       ? g_ptr_array_ref (files) : NULL);
    }

  return store == NULL || nawat_store_check_call_files (store, self->call_id, total, error);
}

gboolean
nawat_import_check (NawatImport  *self,
                    NawatStore   *store,
                    GError      **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (NAWAT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (store == NULL || NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (self->fields == NULL, FALSE);

  if (self->rows->len == 0)
    {
      g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_HEADER,
                   _("the file is empty: it needs a header row and a row per project"));
      return FALSE;
    }
  if (!read_header (self, error))
    return FALSE;

  if (store != NULL)
    {
      g_autoptr(NawatCall) call = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *call_doc_id = g_strconcat ("call:", self->call_id, NULL);

      call = nawat_store_get_call (store, call_doc_id, &local_error);
      if (call == NULL)
        {
          if (g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
            g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_NO_CALL,
                         _("the call “%s” is not in the store"), self->call_id);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  for (guint i = 1; i < self->rows->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      NawatProject *project = convert_row (self, store, codes, i, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (self->projects, project);
    }

  if (self->documents != NULL && !check_documents (self, store, codes, error))
    return FALSE;

  /* The sort is stable: a column's problems stay in the order found. */
  g_ptr_array_sort (self->problems, compare_problems);
  return TRUE;
}

guint
nawat_import_get_n_rows (NawatImport *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT (self), 0);

  return self->rows->len > 0 ? self->rows->len - 1 : 0;
}

guint
nawat_import_get_n_invalid (NawatImport *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT (self), 0);

  return g_hash_table_size (self->invalid);
}

GPtrArray *
nawat_import_get_problems (NawatImport *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT (self), NULL);

  return self->problems;
}

char *
nawat_import_problem_to_string (const NawatImportProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->header != NULL)
    /* TRANSLATORS: a row's number in the sheet, its column's header, the reason */
    return g_strdup_printf (_("row %u, column “%s”: %s"), problem->row, problem->header,
                            problem->message);
  /* TRANSLATORS: a row's number in the sheet, the reason */
  return g_strdup_printf (_("row %u: %s"), problem->row, problem->message);
}

GPtrArray *
nawat_import_preview (NawatImport *self,
                      guint        n_rows)
{
  GPtrArray *preview = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (NAWAT_IS_IMPORT (self), preview);

  for (guint i = 0; i < self->projects->len && preview->len < n_rows; i++)
    if (g_ptr_array_index (self->projects, i) != NULL)
      g_ptr_array_add (preview, g_object_ref (g_ptr_array_index (self->projects, i)));
  return preview;
}

/* The reasons of row @row, one a line. */
static char *
row_reasons (NawatImport *self,
             guint        row)
{
  g_autoptr(GString) reasons = g_string_new (NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const NawatImportProblem *problem = g_ptr_array_index (self->problems, i);
      g_autofree char *text = NULL;

      if (problem->row != row)
        continue;
      text = nawat_import_problem_to_string (problem);
      if (reasons->len > 0)
        g_string_append_c (reasons, '\n');
      g_string_append (reasons, text);
    }
  return g_string_free (g_steal_pointer (&reasons), FALSE);
}

gboolean
nawat_import_write_skipped (NawatImport  *self,
                            const char   *path,
                            GError      **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  g_auto(GStrv) first = NULL;

  g_return_val_if_fail (NAWAT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->rows->len > 0, FALSE);

  /* With a byte order mark, spreadsheets open it as UTF-8. */
  g_strv_builder_addv (header, g_ptr_array_index (self->rows, 0));
  /* TRANSLATORS: the header of the column that says why a row was skipped */
  g_strv_builder_add (header, _("Reason"));
  first = g_strv_builder_end (header);
  nawat_csv_append_row (out, (const char * const *) first);

  for (guint i = 1; i < self->rows->len; i++)
    {
      g_autoptr(GStrvBuilder) row = NULL;
      g_auto(GStrv) cells = NULL;
      g_autofree char *reasons = NULL;
      const char * const *original = g_ptr_array_index (self->rows, i);
      guint n_cells = g_strv_length ((GStrv) original);

      if (!g_hash_table_contains (self->invalid, GUINT_TO_POINTER (i + 1)))
        continue;
      row = g_strv_builder_new ();
      g_strv_builder_addv (row, (const char **) original);
      for (guint c = n_cells; c < self->n_columns; c++)
        g_strv_builder_add (row, "");
      reasons = row_reasons (self, i + 1);
      g_strv_builder_add (row, reasons);
      cells = g_strv_builder_end (row);
      nawat_csv_append_row (out, (const char * const *) cells);
    }

  return g_file_set_contents (path, out->str, out->len, error);
}

/* Progress told to the caller of nawat_import_store_async(), in its
 * context: the files attached so far, of how many.
 */
typedef struct
{
  NawatStore              *store;
  gboolean                 skip_invalid;
  NawatImportProgressFunc  progress;
  gpointer                 progress_data;
  GDestroyNotify           progress_notify;
} StoreJob;

typedef struct
{
  GTask *task;
  guint  n_done;
  guint  n_total;
} StoreProgress;

static void
store_job_free (StoreJob *job)
{
  g_object_unref (job->store);
  if (job->progress_notify != NULL)
    job->progress_notify (job->progress_data);
  g_free (job);
}

static void
store_progress_free (StoreProgress *progress)
{
  g_object_unref (progress->task);
  g_free (progress);
}

static gboolean
report_store_progress_cb (gpointer data)
{
  StoreProgress *progress = data;
  StoreJob *job = g_task_get_task_data (progress->task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (progress->task)))
    job->progress (progress->n_done, progress->n_total, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_store_progress (GTask *task,
                       guint  n_done,
                       guint  n_total)
{
  StoreJob *job;
  StoreProgress *progress;

  if (task == NULL)
    return;
  job = g_task_get_task_data (task);
  if (job->progress == NULL)
    return;
  progress = g_new0 (StoreProgress, 1);
  progress->task = g_object_ref (task);
  progress->n_done = n_done;
  progress->n_total = n_total;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              report_store_progress_cb, progress,
                              (GDestroyNotify) store_progress_free);
}

/* nawat_import_store(), told to @task (may be NULL) as the files are
 * attached, and stopped by @cancellable between two projects' files.
 */
static gboolean
store_rows (NawatImport   *self,
            NawatStore    *store,
            gboolean       skip_invalid,
            guint         *n_imported,
            GTask         *task,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  guint n_invalid;
  guint n_total = nawat_import_get_n_documents (self);
  guint n_done = 0;

  n_invalid = nawat_import_get_n_invalid (self);
  if (n_invalid > 0 && !skip_invalid)
    {
      g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_INVALID_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row is invalid; nothing was imported",
                                "%u rows are invalid; nothing was imported", n_invalid),
                   n_invalid);
      return FALSE;
    }

  for (guint i = 0; i < self->projects->len; i++)
    if (g_ptr_array_index (self->projects, i) != NULL)
      g_ptr_array_add (documents, g_ptr_array_index (self->projects, i));

  if (self->unmatched->len > 0 && !skip_invalid)
    {
      g_set_error (error, NAWAT_IMPORT_ERROR, NAWAT_IMPORT_ERROR_DOCUMENTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u file of the documents folder matches no project; "
                                "nothing was imported",
                                "%u files of the documents folder match no project; "
                                "nothing was imported", self->unmatched->len),
                   self->unmatched->len);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (documents->len > 0 && !nawat_store_put_documents (store, documents, error))
    return FALSE;
  report_store_progress (task, 0, n_total);

  /* Checked with the rows: what is left to fail is the disk. */
  for (guint i = 0; i < self->document_files->len; i++)
    {
      GPtrArray *files = g_ptr_array_index (self->document_files, i);
      NawatProject *project = g_ptr_array_index (self->projects, i);
      g_autoptr(NawatProject) attached = NULL;

      if (files == NULL || project == NULL)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      attached = nawat_store_attach_files (store, nawat_document_get_id (NAWAT_DOCUMENT (project)),
                                           files, error);
      if (attached == NULL)
        return FALSE;
      n_done += files->len;
      report_store_progress (task, n_done, n_total);
    }

  if (n_imported != NULL)
    *n_imported = documents->len;
  return TRUE;
}

gboolean
nawat_import_store (NawatImport  *self,
                    NawatStore   *store,
                    gboolean      skip_invalid,
                    guint        *n_imported,
                    GError      **error)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (self->fields != NULL, FALSE);

  return store_rows (self, store, skip_invalid, n_imported, NULL, NULL, error);
}

void
nawat_import_set_documents (NawatImport *self,
                            GFile       *dir)
{
  g_return_if_fail (NAWAT_IS_IMPORT (self));
  g_return_if_fail (dir == NULL || G_IS_FILE (dir));
  g_return_if_fail (self->fields == NULL);

  g_set_object (&self->documents, dir);
}

GPtrArray *
nawat_import_get_unmatched_documents (NawatImport *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT (self), NULL);

  return self->unmatched;
}

guint
nawat_import_get_n_documents (NawatImport *self)
{
  guint n = 0;

  g_return_val_if_fail (NAWAT_IS_IMPORT (self), 0);

  for (guint i = 0; i < self->document_files->len; i++)
    {
      GPtrArray *files = g_ptr_array_index (self->document_files, i);

      if (files != NULL && g_ptr_array_index (self->projects, i) != NULL)
        n += files->len;
    }
  return n;
}

/* Storing in a thread */

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StoreJob *job = task_data;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  if (store_rows (source_object, job->store, job->skip_invalid, &n_imported, task, cancellable,
                  &error))
    g_task_return_int (task, n_imported);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
nawat_import_store_async (NawatImport             *self,
                          NawatStore              *store,
                          gboolean                 skip_invalid,
                          NawatImportProgressFunc  progress,
                          gpointer                 progress_data,
                          GDestroyNotify           progress_notify,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreJob *job;

  g_return_if_fail (NAWAT_IS_IMPORT (self));
  g_return_if_fail (NAWAT_IS_STORE (store));
  g_return_if_fail (self->fields != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (StoreJob, 1);
  job->store = g_object_ref (store);
  job->skip_invalid = skip_invalid;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_notify = progress_notify;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nawat_import_store_async);
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
nawat_import_store_finish (NawatImport   *self,
                           GAsyncResult  *result,
                           guint         *n_imported,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (NAWAT_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nawat_import_store_async,
                        FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_imported != NULL)
    *n_imported = n;
  return TRUE;
}
