/* nawat-report.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-report-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (nawat-report-error-quark, nawat_report_error)

G_DEFINE_FINAL_TYPE (NawatReport, nawat_report, G_TYPE_OBJECT)

/* Object */

static void
nawat_report_finalize (GObject *object)
{
  NawatReport *self = NAWAT_REPORT (object);

  _nawat_report_close_db (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->project_id, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->evaluator, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_object (&self->pango);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_object (&self->call);
  g_clear_object (&self->rubric);
  g_clear_object (&self->stats);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->section_pages, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->header_widths, g_hash_table_unref);
  g_clear_object (&self->header_date);
  g_clear_object (&self->header_title);
  g_clear_object (&self->chart_titles[0]);
  g_clear_object (&self->chart_titles[1]);

  G_OBJECT_CLASS (nawat_report_parent_class)->finalize (object);
}

static void
nawat_report_class_init (NawatReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nawat_report_finalize;
}

static void
nawat_report_init (NawatReport *self)
{
  self->pages = g_array_new (FALSE, FALSE, sizeof (NawatReportPageStart));
  self->section_pages = g_array_new (FALSE, TRUE, sizeof (guint));
  self->projects = g_ptr_array_new_with_free_func (g_free);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->header_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

const char *
nawat_report_get_font_family (void)
{
  return FONT_FAMILY;
}

NawatReport *
nawat_report_new (NawatStore      *store,
                  const char      *call_id,
                  NawatReportKind  kind,
                  const char      *project_id,
                  const char      *language,
                  const char      *evaluator)
{
  NawatReport *self;
  cairo_font_options_t *options;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_REPORT, NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->kind = kind;
  self->project_id = g_strdup (project_id);
  self->thai = g_strcmp0 (language, "th") == 0;
  self->language = g_strdup (self->thai ? "th" : "en");
  self->evaluator = evaluator != NULL && *evaluator != '\0' ? g_strdup (evaluator) : NULL;

  /* A font map and context of our own, in points, with metrics that do
   * not depend on the device: the pages measured in the first pass are
   * the pages drawn on a PDF, an image or a printer.
   */
  self->font = pango_font_description_from_string (FONT_FAMILY);
  self->font_map = pango_cairo_font_map_new ();
  self->pango = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->pango, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango, FALSE);
  pango_context_set_language (self->pango, pango_language_from_string (self->thai ? "th" : "en"));
  return self;
}

void
nawat_report_set_date (NawatReport *self,
                       GDateTime   *date)
{
  g_return_if_fail (NAWAT_IS_REPORT (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
  g_clear_object (&self->header_date);
  g_clear_object (&self->header_title);
}

static GDateTime *
default_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (epoch != NULL && *epoch != '\0')
    {
      gint64 seconds = g_ascii_strtoll (epoch, NULL, 10);

      if (seconds > 0)
        return g_date_time_new_from_unix_utc (seconds);
    }
  return g_date_time_new_now_utc ();
}

void
nawat_report_set_stats_flags (NawatReport     *self,
                              NawatStatsFlags  flags)
{
  g_return_if_fail (NAWAT_IS_REPORT (self));

  self->stats_flags = flags;
}

gboolean
nawat_report_prepare (NawatReport   *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *call_doc_id = NULL;
  NawatReportFlow f;
  gboolean ok;

  g_return_val_if_fail (NAWAT_IS_REPORT (self), FALSE);

  self->prepared = FALSE;
  self->n_pages = 0;
  g_array_set_size (self->pages, 0);
  memset (self->heat, 0, sizeof self->heat);
  memset (self->partner_counts, 0, sizeof self->partner_counts);
  memset (self->helix_sum, 0, sizeof self->helix_sum);
  memset (self->helix_n, 0, sizeof self->helix_n);
  memset (self->reach_totals, 0, sizeof self->reach_totals);
  g_clear_object (&self->call);
  g_clear_object (&self->rubric);
  g_clear_object (&self->stats);
  g_clear_object (&self->header_date);
  g_clear_object (&self->header_title);

  if (self->kind == NAWAT_REPORT_PROJECT && self->project_id == NULL)
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_INVALID,
                   _("A project report needs a project"));
      return FALSE;
    }
  if (self->kind == NAWAT_REPORT_PORTFOLIO && self->evaluator != NULL)
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_INVALID,
                   _("The portfolio report is a coordinator’s report: an evaluator’s own report is per project"));
      return FALSE;
    }
  if (self->date == NULL)
    self->date = default_date ();

  call_doc_id = g_strconcat ("call:", self->call_id, NULL);
  self->call = nawat_store_get_call (self->store, call_doc_id, error);
  if (self->call == NULL)
    return FALSE;
  self->rubric = nawat_store_get_call_rubric (self->store, self->call, error);
  if (self->rubric == NULL)
    return FALSE;
  if (!_nawat_report_open_db (self, error))
    return FALSE;

  if (self->kind == NAWAT_REPORT_PROJECT)
    {
      g_autoptr(NawatProject) project = _nawat_report_load_project (self, self->project_id, error);

      if (project == NULL)
        return FALSE;
      if (g_strcmp0 (nawat_project_get_call (project), self->call_id) != 0)
        {
          g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                       _("Project “%s” is not in call “%s”"), self->project_id, self->call_id);
          return FALSE;
        }
    }

  if (self->evaluator == NULL)
    {
      self->stats = nawat_call_stats_compute_full (self->store, self->call_id,
                                                   NAWAT_STATS_DEFAULT_THRESHOLD, self->stats_flags,
                                                   cancellable, error);
      if (self->stats == NULL)
        return FALSE;
    }
  if (!_nawat_report_list_projects (self, error))
    return FALSE;

  self->n_fixed = self->kind == NAWAT_REPORT_PORTFOLIO ? N_FIXED_SECTIONS : 0;
  g_array_set_size (self->section_pages, _nawat_report_n_sections (self));

  /* The first pass: measure, recording where every page starts. */
  _nawat_flow_init (&f, self);
  f.measuring = TRUE;
  f.cancellable = cancellable;
  {
    NawatReportPageStart first = { 0, 0, 0 };

    g_array_append_val (self->pages, first);
  }
  _nawat_store_reader_begin (self->reader, NULL);
  for (guint s = 0; s < _nawat_report_n_sections (self) && !f.done; s++)
    _nawat_report_run_section (&f, self, s);
  _nawat_store_reader_commit (self->reader);

  ok = f.error == NULL && !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (f.error != NULL)
    g_propagate_error (error, g_steal_pointer (&f.error));
  _nawat_flow_clear (&f);
  if (!ok)
    return FALSE;

  self->n_pages = self->pages->len;
  self->prepared = TRUE;
  return TRUE;
}

guint
nawat_report_get_n_pages (NawatReport *self)
{
  g_return_val_if_fail (NAWAT_IS_REPORT (self), 0);

  return self->prepared ? self->n_pages : 0;
}

int
nawat_report_get_project_page (NawatReport *self,
                               const char  *project_id)
{
  g_return_val_if_fail (NAWAT_IS_REPORT (self), -1);

  if (!self->prepared || project_id == NULL)
    return -1;
  for (guint i = 0; i < self->projects->len; i++)
    if (g_str_equal (g_ptr_array_index (self->projects, i), project_id))
      return (int) g_array_index (self->section_pages, guint, self->n_fixed + i);
  return -1;
}

static void
draw_error (NawatReport  *self,
            cairo_t      *cr,
            const GError *error)
{
  NawatReportFlow f;
  g_autofree char *text = g_strdup_printf ("%s %s", W (self, NAWAT_WORD_ERROR_PAGE), error->message);

  _nawat_flow_init (&f, self);
  f.cr = cr;
  f.target = -1;
  _nawat_flow_text (&f, text, STYLE_BOLD);
  _nawat_flow_clear (&f);
}

static gboolean
render_page (NawatReport  *self,
             cairo_t      *cr,
             guint         page,
             GError      **error)
{
  NawatReportPageStart start = g_array_index (self->pages, NawatReportPageStart, page);
  NawatReportFlow f;
  gboolean ok;

  _nawat_flow_init (&f, self);
  f.cr = cr;
  f.target = (int) page;
  f.page = page;
  f.skipping = TRUE;
  f.skip_to = start;

  cairo_save (cr);
  _nawat_report_set_rgb (cr, 0xffffff);
  cairo_paint (cr);
  cairo_restore (cr);
  for (guint s = start.section; s < _nawat_report_n_sections (self) && !f.done; s++)
    _nawat_report_run_section (&f, self, s);
  /* after the body, as when the PDF is written in one go */
  _nawat_report_draw_furniture (self, cr, page);
  ok = f.error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&f.error));
  _nawat_flow_clear (&f);
  return ok;
}

void
nawat_report_render_page (NawatReport *self,
                          cairo_t     *cr,
                          guint        page,
                          double       width_pt,
                          double       height_pt)
{
  g_autoptr(GError) error = NULL;
  double scale;

  g_return_if_fail (NAWAT_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  if (!self->prepared || page >= self->n_pages)
    return;
  scale = MIN (1.0, MIN (width_pt / PAGE_W, height_pt / PAGE_H));
  cairo_save (cr);
  cairo_translate (cr, (width_pt - PAGE_W * scale) / 2, (height_pt - PAGE_H * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_clip (cr);
  if (!render_page (self, cr, page, &error))
    draw_error (self, cr, error);
  cairo_restore (cr);
}
