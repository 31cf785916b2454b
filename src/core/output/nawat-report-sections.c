/* nawat-report-sections.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-report-private.h"

#include "nawat-chart.h"
#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-stats-private.h"
#include "nawat-store-file-text.h"

#include <math.h>
#include <string.h>

/* Numbers */

static char *
format_integer (gint64 value)
{
  char digits[32];
  GString *s = g_string_new (NULL);
  guint64 magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;
  guint len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  if (value < 0)
    g_string_append_c (s, '-');
  for (guint i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

/* One decimal (or @decimals), '.' whatever the locale; "—" for NAN. */
static char *
format_number (double value,
               int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("—");
  switch (decimals)
    {
    case 0:
      g_ascii_formatd (buf, sizeof buf, "%.0f", value);
      break;
    case 2:
      g_ascii_formatd (buf, sizeof buf, "%.2f", value);
      break;
    default:
      g_ascii_formatd (buf, sizeof buf, "%.1f", value);
      break;
    }
  if (g_str_equal (buf, "-0.0") || g_str_equal (buf, "-0") || g_str_equal (buf, "-0.00"))
    return g_strdup (buf + 1);
  return g_strdup (buf);
}

/* Why @ps is flagged, in the report's language (the statistics word their
 * reasons in the user interface's).
 */
static char **
report_dup_reasons (NawatReport             *self,
                    const NawatProjectStats *ps)
{
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  double threshold = nawat_call_stats_get_threshold (self->stats);
  NawatDisagreement why = _nawat_disagreement (ps->n_evaluations, ps->spread, ps->n_fund,
                                               ps->n_reject, threshold);

  if (why & NAWAT_DISAGREEMENT_SPREAD)
    {
      g_autofree char *reason = nawat_vocabulary_dup_spread_reason (ps->spread, threshold,
                                                                    self->language);

      g_strv_builder_add (reasons, reason);
    }
  if (why & NAWAT_DISAGREEMENT_FUND_REJECT)
    g_strv_builder_add (reasons, W (self, NAWAT_WORD_FUND_AND_REJECT));
  return g_strv_builder_end (reasons);
}

/* A spread needs two evaluations: "—" with fewer, never 0.0. */
static char *
format_spread (const NawatProjectStats *ps)
{
  return format_number (ps->n_evaluations >= 2 ? ps->spread : NAN, 1);
}

static char *
format_rank (NawatReport *self,
             guint        rank,
             gboolean     tied)
{
  if (rank == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%s%u", tied ? W (self, NAWAT_WORD_TIED) : "", rank);
}

/* "5 March 2026" or "5 มีนาคม 2569" (Buddhist Era), in Thailand's time. */
static char *
format_date (NawatReport *self,
             GDateTime   *date)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (THAI_OFFSET);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (date, tz);
  int month = g_date_time_get_month (local);

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (local),
                          nawat_vocabulary_month (month, self->language),
                          g_date_time_get_year (local) + (self->thai ? 543 : 0));
}

static char *
format_iso_date (NawatReport *self,
                 const char  *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("—");
  date = g_date_time_new_from_iso8601 (iso, utc);
  if (date == NULL && sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
    date = g_date_time_new (utc, y, m, d, 12, 0, 0);
  if (date == NULL)
    return g_strdup (iso);
  return format_date (self, date);
}

static char *
format_page_of (NawatReport *self,
                guint        page,
                guint        n_pages)
{
  return nawat_vocabulary_dup_page_of (page, n_pages, self->language);
}

static const char *
recommendation_word (NawatReport         *self,
                     NawatRecommendation  recommendation)
{
  switch (recommendation)
    {
    case NAWAT_RECOMMENDATION_FUND:
      return W (self, NAWAT_WORD_FUND);
    case NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS:
      return W (self, NAWAT_WORD_FUND_WITH_CONDITIONS);
    case NAWAT_RECOMMENDATION_REJECT:
      return W (self, NAWAT_WORD_REJECT);
    case NAWAT_RECOMMENDATION_NONE:
    default:
      return W (self, NAWAT_WORD_NO_RECOMMENDATION);
    }
}

/* "Confidence: High", or NULL when the evaluator gave none and the
 * rubric does not ask it.
 */
static char *
confidence_text (NawatReport     *self,
                 NawatEvaluation *evaluation)
{
  int confidence = nawat_evaluation_get_confidence (evaluation);

  if (confidence == NAWAT_CONFIDENCE_NONE && !nawat_rubric_get_asks_confidence (self->rubric))
    return NULL;
  return g_strdup_printf ("%s: %s", W (self, NAWAT_WORD_CONFIDENCE),
                          nawat_vocabulary_confidence (confidence, self->language));
}

static const char *
text_get_other (NawatReport     *self,
                const NawatText *text)
{
  const char *s;

  if (text == NULL)
    return NULL;
  s = nawat_text_get (text, self->thai ? "en" : "th");
  if (s == NULL || *s == '\0' || g_strcmp0 (s, text_get (self, text)) == 0)
    return NULL;
  return s;
}


/* A line of grey small text for the page furniture, @width wide (0: its
 * own width).
 */
static PangoLayout *
furniture_layout (NawatReport    *self,
                  const char     *text,
                  double          width,
                  PangoAlignment  align)
{
  PangoLayout *layout;
  NawatReportRich r;

  _nawat_rich_init (&r);
  r.align = align;
  _nawat_rich_add (&r, text, STYLE_GREY);
  layout = _nawat_rich_layout_new (self, &r, width, SIZE_SMALL);
  if (width > 0)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  _nawat_rich_clear (&r);
  return layout;
}

void
_nawat_report_draw_furniture (NawatReport *self,
                              cairo_t     *cr,
                              guint        page)
{
  g_autofree char *page_of = format_page_of (self, page + 1, self->n_pages);
  g_autoptr(PangoLayout) footer = NULL;
  int w, h;

  /* The header is the same on every page: laid out once. */
  if (self->header_date == NULL)
    {
      g_autofree char *date = format_date (self, self->date);

      self->header_date = furniture_layout (self, date, 0, PANGO_ALIGN_LEFT);
      pango_layout_get_size (self->header_date, &w, &h);
      self->header_title = furniture_layout (self,
                                             self->call != NULL ? text_get (self, nawat_call_get_title (self->call))
                                                                : self->call_id,
                                             BODY_W - (double) w / PANGO_SCALE - 24, PANGO_ALIGN_LEFT);
    }
  pango_layout_get_size (self->header_date, &w, &h);

  /* header: the call's title on the left, the date on the right */
  cairo_move_to (cr, PAGE_W - MARGIN_X - (double) w / PANGO_SCALE, 30);
  pango_cairo_show_layout (cr, self->header_date);
  cairo_move_to (cr, MARGIN_X, 30);
  pango_cairo_show_layout (cr, self->header_title);

  cairo_save (cr);
  _nawat_report_set_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, 30 + (double) h / PANGO_SCALE + 4);
  cairo_line_to (cr, PAGE_W - MARGIN_X, 30 + (double) h / PANGO_SCALE + 4);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* footer: "Page N of M", centred */
  footer = furniture_layout (self, page_of, 0, PANGO_ALIGN_CENTER);
  pango_layout_set_width (footer, (int) (BODY_W * PANGO_SCALE));
  cairo_move_to (cr, MARGIN_X, PAGE_H - 36);
  pango_cairo_show_layout (cr, footer);
}

/* Sections */

/* Adds a row of @n cells, then frees them. */
static void
add_row (NawatReportFlow *f,
         NawatReportRich *cells,
         guint            n)
{
  _nawat_flow_row (f, cells, n);
  for (guint c = 0; c < n; c++)
    _nawat_rich_clear (&cells[c]);
}

/* Begins a table of @n columns headed by the words @heads in bold; the
 * columns from @first_number on hold numbers and are aligned right.
 */
static void
begin_table (NawatReportFlow *f,
             NawatReport     *self,
             guint            n,
             const double    *widths,
             const NawatWord *heads,
             guint            first_number)
{
  NawatReportRich header[8];

  g_assert (n <= G_N_ELEMENTS (header));
  for (guint i = 0; i < n; i++)
    {
      _nawat_rich_init (&header[i]);
      if (i >= first_number)
        header[i].align = PANGO_ALIGN_RIGHT;
      _nawat_rich_add (&header[i], W (self, heads[i]), STYLE_BOLD);
    }
  _nawat_flow_table_begin (f, n, widths, header);
}

static void
add_fact (NawatReportFlow *f,
          const char      *label,
          const char      *value)
{
  NawatReportRich cells[2];

  _nawat_rich_init (&cells[0]);
  _nawat_rich_init (&cells[1]);
  _nawat_rich_add (&cells[0], label, STYLE_BOLD);
  cells[0].key = g_strconcat ("f:", label, NULL);
  _nawat_rich_add (&cells[1], value != NULL && *value != '\0' ? value : "—", 0);
  add_row (f, cells, 2);
}

typedef struct
{
  NawatRubric *rubric;
  GPtrArray   *evaluations;
  GPtrArray   *partners;
  const char  *language;
} ProjectCharts;

static void
draw_project_charts (NawatReport *self,
                     cairo_t     *cr,
                     double       width,
                     double       height,
                     gpointer     data)
{
  ProjectCharts *pc = data;
  double half = (width - 16) / 2;

  cairo_save (cr);
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_domain_radar (cr, half, height, pc->rubric,
                            (NawatEvaluation * const *) pc->evaluations->pdata,
                            pc->evaluations->len, pc->language);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_translate (cr, half + 16, 0);
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_helix_profile_evaluations (cr, half, height, pc->rubric,
                                         (NawatEvaluation * const *) pc->evaluations->pdata,
                                         pc->evaluations->len, pc->partners, pc->language);
  cairo_restore (cr);
}

/* The two titles are the same above every project's charts: they are
 * laid out once, not once per project.
 */
static void
draw_chart_titles (NawatReport *self,
                   cairo_t     *cr,
                   double       width,
                   double       height,
                   gpointer     data)
{
  double half = (width - 16) / 2;

  if (self->chart_titles[0] == NULL || self->chart_titles_width != half)
    {
      const char *titles[2] = { W (self, NAWAT_WORD_DOMAIN_PROFILE), W (self, NAWAT_WORD_HELIX_PROFILE) };
      PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

      pango_font_description_set_size (font, (int) (SIZE_BODY * PANGO_SCALE));
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      for (guint i = 0; i < 2; i++)
        {
          PangoLayout *layout = pango_layout_new (self->pango);

          pango_layout_set_font_description (layout, font);
          pango_layout_set_width (layout, (int) (half * PANGO_SCALE));
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_text (layout, titles[i], -1);
          g_clear_object (&self->chart_titles[i]);
          self->chart_titles[i] = layout;
        }
      pango_font_description_free (font);
      self->chart_titles_width = half;
    }
  for (guint i = 0; i < 2; i++)
    {
      cairo_move_to (cr, i * (half + 16), 0);
      pango_cairo_show_layout (cr, self->chart_titles[i]);
    }
}

static void
accumulate_coverage (NawatReport  *self,
                     NawatProject *project,
                     GPtrArray    *evaluations)
{
  const NawatProvince *province = nawat_province_lookup (nawat_project_get_province (project));
  const char * const *domains = nawat_project_get_domains (project);
  int region = province != NULL ? nawat_region_index (province->region) : -1;
  guint counts[NAWAT_N_HELIX];

  if (region >= 0 && domains != NULL)
    for (guint i = 0; domains[i] != NULL; i++)
      {
        int d = nawat_domain_index (domains[i]);

        if (d >= 0)
          self->heat[d * NAWAT_N_REGIONS + region] += 1;
      }
  nawat_reach_totals_add (self->reach_totals, nawat_project_get_reach (project),
                          nawat_project_get_budget_thb (project));
  nawat_chart_count_partners (nawat_project_get_partners (project), counts);
  for (guint i = 0; i < NAWAT_N_HELIX; i++)
    self->partner_counts[i] += counts[i];
  for (guint e = 0; e < evaluations->len; e++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, e);
      double values[NAWAT_N_HELIX];

      if (nawat_evaluation_get_status (ev) != NAWAT_EVALUATION_SUBMITTED ||
          nawat_evaluation_get_conflict_declared (ev))
        continue;
      nawat_chart_helix_values (self->rubric, ev, values);
      for (guint i = 0; i < NAWAT_N_HELIX; i++)
        if (!isnan (values[i]))
          {
            self->helix_sum[i] += values[i];
            self->helix_n[i]++;
          }
    }
}

static char *
evaluation_status_text (NawatReport     *self,
                        NawatEvaluation *ev)
{
  NawatScore score;

  if (nawat_evaluation_get_conflict_declared (ev) &&
      nawat_evaluation_get_conflict_type (ev) != NAWAT_CONFLICT_TYPE_NONE)
    return g_strdup_printf ("%s (%s)", W (self, NAWAT_WORD_CONFLICT),
                            nawat_vocabulary_conflict_type (nawat_evaluation_get_conflict_type (ev),
                                                            self->language));
  if (nawat_evaluation_get_conflict_declared (ev))
    return g_strdup (W (self, NAWAT_WORD_CONFLICT));
  nawat_scoring_compute (self->rubric, ev, &score);
  if (score.complete)
    {
      g_autofree char *n = format_number (score.composite, 1);

      return g_strdup_printf ("%s · %s %s",
                              nawat_evaluation_get_status (ev) == NAWAT_EVALUATION_SUBMITTED ?
                                W (self, NAWAT_WORD_SUBMITTED) : W (self, NAWAT_WORD_DRAFT),
                              W (self, NAWAT_WORD_COMPOSITE), n);
    }
  else
    {
      g_autofree char *n = format_number (score.completeness * 100, 0);

      return g_strdup_printf ("%s · %s %s%%",
                              nawat_evaluation_get_status (ev) == NAWAT_EVALUATION_SUBMITTED ?
                                W (self, NAWAT_WORD_SUBMITTED) : W (self, NAWAT_WORD_DRAFT),
                              W (self, NAWAT_WORD_COMPLETENESS), n);
    }
}

static void
project_scores (NawatReportFlow *f,
                NawatReport     *self,
                GPtrArray       *evaluations,
                guint            first,
                guint            n_cols)
{
  GListModel *groups = nawat_rubric_get_groups (self->rubric);
  guint n_groups = g_list_model_get_n_items (groups);
  double widths[8];
  NawatReportRich header[8];
  double crit_w = n_cols >= 3 ? 0.22 : 0.26;

  widths[0] = crit_w;
  for (guint c = 0; c < n_cols; c++)
    widths[c + 1] = (1 - crit_w) / n_cols;

  for (guint c = 0; c <= n_cols; c++)
    _nawat_rich_init (&header[c]);
  _nawat_rich_add (&header[0], W (self, NAWAT_WORD_CRITERION), STYLE_BOLD);
  for (guint c = 0; c < n_cols; c++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, first + c);
      g_autofree char *status = evaluation_status_text (self, ev);

      g_autofree char *confidence = confidence_text (self, ev);

      _nawat_rich_add (&header[c + 1], nawat_evaluation_get_evaluator (ev), STYLE_BOLD);
      _nawat_rich_newline (&header[c + 1]);
      _nawat_rich_add (&header[c + 1], status, STYLE_SMALL | STYLE_GREY);
      if (confidence != NULL)
        {
          _nawat_rich_newline (&header[c + 1]);
          _nawat_rich_add (&header[c + 1], confidence, STYLE_SMALL | STYLE_GREY);
        }
    }
  _nawat_flow_table_begin (f, n_cols + 1, widths, header);

  for (guint g = 0; g < n_groups && !f->done; g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);
      guint n_criteria = g_list_model_get_n_items (criteria);
      NawatReportRich row[8];

      /* the group, across the table */
      _nawat_rich_init (&row[0]);
      _nawat_rich_add (&row[0], text_get (self, nawat_rubric_group_get_label (group)), STYLE_BOLD);
      row[0].key = g_strconcat ("g:", nawat_rubric_group_get_key (group), NULL);
      _nawat_flow_row_full (f, row, 1, SIZE_BODY, SHADE_LIGHT, TRUE, KEEP_WITH_NEXT);
      _nawat_rich_clear (&row[0]);

      for (guint k = 0; k < n_criteria && !f->done; k++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, k);
          g_autofree char *key = nawat_rubric_group_dup_score_key (group, criterion);
          g_autofree char *range = g_strdup_printf ("%d–%d", nawat_criterion_get_min (criterion),
                                                    nawat_criterion_get_max (criterion));
          double sum = 0;
          guint n_scores = 0;

          for (guint c = 0; c <= n_cols; c++)
            _nawat_rich_init (&row[c]);
          _nawat_rich_add (&row[0], text_get (self, nawat_criterion_get_label (criterion)), STYLE_BOLD);
          _nawat_rich_newline (&row[0]);
          _nawat_rich_add (&row[0], range, STYLE_SMALL | STYLE_GREY);
          row[0].key = g_strconcat ("c:", key, NULL);

          for (guint c = 0; c < n_cols; c++)
            {
              NawatEvaluation *ev = g_ptr_array_index (evaluations, first + c);
              const char *comment = nawat_evaluation_get_comment (ev, key);
              double value;

              if (nawat_evaluation_get_conflict_declared (ev))
                {
                  _nawat_rich_add (&row[c + 1], "—", STYLE_GREY);
                  row[c + 1].key = g_strdup ("x:none");
                }
              else if (nawat_evaluation_get_score (ev, key, &value) && !isnan (value))
                {
                  const NawatLevel *level = nawat_criterion_find_level (criterion, (int) value);
                  g_autofree char *v = format_number (value, 0);
                  g_autofree char *line = NULL;

                  line = g_strdup_printf ("%s · %s", v,
                                          level != NULL ? text_get (self, level->label) : "");
                  _nawat_rich_add (&row[c + 1], level != NULL ? line : v, STYLE_BOLD);
                  if (level != NULL && level->descriptor != NULL &&
                      *text_get (self, level->descriptor) != '\0')
                    {
                      _nawat_rich_newline (&row[c + 1]);
                      _nawat_rich_add (&row[c + 1], text_get (self, level->descriptor),
                                       STYLE_SMALL | STYLE_GREY);
                    }
                  row[c + 1].key = g_strdup_printf ("s:%s:%s", key, v);
                  sum += value;
                  n_scores++;
                }
              else
                {
                  _nawat_rich_add (&row[c + 1], W (self, NAWAT_WORD_NOT_SCORED), STYLE_GREY);
                  row[c + 1].key = g_strdup ("x:unscored");
                }

              if (comment != NULL && *comment != '\0')
                {
                  NawatReportRich *below = _nawat_rich_below (&row[c + 1]);

                  _nawat_rich_add (below, W (self, NAWAT_WORD_COMMENT), STYLE_SMALL | STYLE_GREY);
                  _nawat_rich_add (below, ": ", STYLE_SMALL | STYLE_GREY);
                  _nawat_rich_add (below, comment, 0);
                }
            }
          if (self->evaluator == NULL && n_scores >= 2 && first == 0)
            {
              g_autofree char *mean = format_number (sum / n_scores, 1);
              g_autofree char *line = g_strdup_printf ("%s %s", W (self, NAWAT_WORD_MEAN), mean);

              _nawat_rich_add (_nawat_rich_below (&row[0]), line, STYLE_SMALL | STYLE_GREY);
            }
          add_row (f, row, n_cols + 1);
        }
    }
  _nawat_flow_table_end (f);
}

static void
project_statistics (NawatReportFlow *f,
                    NawatReport     *self,
                    const char      *project_id)
{
  const NawatProjectStats *ps;
  NawatReportRich cells[8];
  double widths[8] = { 0.08, 0.12, 0.12, 0.12, 0.14, 0.14, 0.14, 0.14 };
  const NawatWord heads[8] = {
      NAWAT_WORD_N, NAWAT_WORD_MEAN, NAWAT_WORD_MEDIAN, NAWAT_WORD_SPREAD, NAWAT_WORD_MIN_MAX,
      NAWAT_WORD_Z_MEAN, NAWAT_WORD_RANK_MEAN, NAWAT_WORD_RANK_Z };
  g_autofree char *n = NULL, *mean = NULL, *median = NULL, *spread = NULL;
  g_autofree char *min = NULL, *max = NULL, *range = NULL, *z = NULL, *rm = NULL, *rz = NULL;
  const char *values[8];

  if (self->stats == NULL)
    return;
  ps = nawat_call_stats_lookup_project (self->stats, project_id);
  if (ps == NULL)
    return;

  _nawat_flow_heading (f, W (self, NAWAT_WORD_STATISTICS), SIZE_SUBHEADING);
  begin_table (f, self, 8, widths, heads, 8);

  n = nawat_vocabulary_dup_evaluations_of (ps->n_evaluations, ps->expected, self->language);
  mean = format_number (ps->mean, 1);
  median = format_number (ps->median, 1);
  spread = format_spread (ps);
  min = format_number (ps->min, 1);
  max = format_number (ps->max, 1);
  range = isnan (ps->min) ? g_strdup ("—") : g_strdup_printf ("%s–%s", min, max);
  z = format_number (ps->z_mean, 2);
  rm = format_rank (self, ps->rank_mean, ps->rank_mean_tied);
  rz = format_rank (self, ps->rank_z, ps->rank_z_tied);
  values[0] = n; values[1] = mean; values[2] = median; values[3] = spread;
  values[4] = range; values[5] = z; values[6] = rm; values[7] = rz;
  for (guint i = 0; i < 8; i++)
    {
      _nawat_rich_init (&cells[i]);
      _nawat_rich_add (&cells[i], values[i], 0);
    }
  add_row (f, cells, 8);
  _nawat_flow_table_end (f);

  {
    g_autofree char *fund = NULL;

    fund = g_strdup_printf ("%s: %s %u · %s %u · %s %u", W (self, NAWAT_WORD_RECOMMENDATIONS),
                            W (self, NAWAT_WORD_FUND), ps->n_fund,
                            W (self, NAWAT_WORD_FUND_WITH_CONDITIONS), ps->n_fund_with_conditions,
                            W (self, NAWAT_WORD_REJECT), ps->n_reject);
    _nawat_flow_text (f, fund, 0);
  }
  if (ps->disagreement)
    {
      g_auto(GStrv) reasons = report_dup_reasons (self, ps);
      NawatReportRich r;

      _nawat_rich_init (&r);
      _nawat_rich_add (&r, W (self, NAWAT_WORD_FLAG), STYLE_BOLD);
      _nawat_rich_add (&r, ": ", STYLE_BOLD);
      for (guint i = 0; reasons[i] != NULL; i++)
        {
          if (i > 0)
            _nawat_rich_add (&r, "; ", 0);
          _nawat_rich_add (&r, reasons[i], 0);
        }
      _nawat_flow_row_full (f, &r, 1, SIZE_BODY, 0, FALSE, 0);
      _nawat_rich_clear (&r);
    }
}

static int
compare_attachments (gconstpointer a,
                     gconstpointer b)
{
  const NawatAttachment *x = *(const NawatAttachment * const *) a;
  const NawatAttachment *y = *(const NawatAttachment * const *) b;

  return strcmp (x->name, y->name);
}

static char *
format_size (gint64 bytes)
{
  if (bytes < 1024 * 1024)
    return g_strdup_printf ("%.0f KB", MAX (1.0, (double) bytes / 1024));
  return g_strdup_printf ("%.1f MB", (double) bytes / (1024 * 1024));
}

/* The project's files: name, pages (when the store has read them) and
 * size.
 */
static void
project_documents (NawatReportFlow *f,
                   NawatReport     *self,
                   NawatProject    *project)
{
  GPtrArray *attachments = nawat_project_get_attachments (project);
  g_autoptr(GPtrArray) sorted = NULL;
  double widths[3] = { 0.64, 0.16, 0.20 };
  const NawatWord heads[3] = { NAWAT_WORD_FILE, NAWAT_WORD_PAGES, NAWAT_WORD_SIZE };

  if (attachments == NULL || attachments->len == 0)
    return;

  sorted = g_ptr_array_sized_new (attachments->len);
  for (guint i = 0; i < attachments->len; i++)
    g_ptr_array_add (sorted, attachments->pdata[i]);
  g_ptr_array_sort (sorted, compare_attachments);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_DOCUMENTS), SIZE_SUBHEADING);
  begin_table (f, self, 3, widths, heads, 1);
  for (guint i = 0; i < sorted->len; i++)
    {
      const NawatAttachment *attachment = sorted->pdata[i];
      g_autofree char *pages = NULL;
      g_autofree char *size = format_size (attachment->length);
      NawatReportRich cells[3];
      int n_pages = 0;

      if (nawat_store_get_file_text_state (self->store, attachment, &n_pages) ==
          NAWAT_FILE_TEXT_READ)
        pages = format_integer (n_pages);
      for (guint c = 0; c < 3; c++)
        _nawat_rich_init (&cells[c]);
      cells[1].align = PANGO_ALIGN_RIGHT;
      cells[2].align = PANGO_ALIGN_RIGHT;
      _nawat_rich_add (&cells[0], attachment->name, 0);
      _nawat_rich_add (&cells[1], pages != NULL ? pages : "—", 0);
      _nawat_rich_add (&cells[2], size, 0);
      add_row (f, cells, 3);
    }
  _nawat_flow_table_end (f);
}

static char *
project_heading (const char *code,
                 const char *title,
                 guint       rank,
                 gboolean    tied)
{
  if (rank > 0)
    return g_strdup_printf ("%s%u. %s (%s)", tied ? "=" : "", rank, title, code);
  return g_strdup_printf ("%s (%s)", title, code);
}

static void
section_project (NawatReportFlow *f,
                 NawatReport     *self,
                 guint            section,
                 const char      *project_id,
                 gboolean         new_page)
{
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  g_autoptr(GPtrArray) submitted = NULL;
  const NawatProjectStats *ps = self->stats != NULL && self->evaluator == NULL ?
    nawat_call_stats_lookup_project (self->stats, project_id) : NULL;
  GError *error = NULL;

  _nawat_flow_section (f, section, new_page);
  if (f->done)
    return;
  project = _nawat_report_load_project (self, project_id, &error);
  if (project != NULL)
    evaluations = _nawat_report_load_evaluations (self, project_id, &error);
  if (evaluations == NULL)
    {
      if (f->error == NULL)
        f->error = error;
      else
        g_clear_error (&error);
      f->done = TRUE;
      return;
    }
  if (f->measuring && self->kind == NAWAT_REPORT_PORTFOLIO)
    accumulate_coverage (self, project, evaluations);

  /* Title and facts */
  {
    g_autofree char *heading = project_heading (nawat_project_get_code (project),
                                                text_get (self, nawat_project_get_title (project)),
                                                ps != NULL ? ps->rank_mean : 0,
                                                ps != NULL && ps->rank_mean_tied);
    const char *other = text_get_other (self, nawat_project_get_title (project));

    _nawat_flow_heading (f, heading, SIZE_HEADING);
    if (other != NULL)
      _nawat_flow_text (f, other, STYLE_GREY);
  }

  {
    NawatReportRich header[2];
    double widths[2] = { 0.22, 0.78 };
    const NawatProvince *province = nawat_province_lookup (nawat_project_get_province (project));
    const char * const *domains = nawat_project_get_domains (project);
    GPtrArray *partners = nawat_project_get_partners (project);
    g_autoptr(GString) s = g_string_new (NULL);
    g_autofree char *budget = format_integer (nawat_project_get_budget_thb (project));
    g_autofree char *submitted_on = format_iso_date (self, nawat_project_get_submitted (project));
    int reach = nawat_reach_index (nawat_project_get_reach (project));

    _nawat_rich_init (&header[0]);
    _nawat_rich_init (&header[1]);
    _nawat_rich_add (&header[0], W (self, NAWAT_WORD_PROJECT), STYLE_BOLD);
    _nawat_rich_add (&header[1], nawat_project_get_code (project), STYLE_BOLD);
    _nawat_flow_table_begin (f, 2, widths, header);

    add_fact (f, W (self, NAWAT_WORD_ORGANISATION), nawat_project_get_organisation (project));
    if (province != NULL)
      {
        int region = nawat_region_index (province->region);

        g_string_printf (s, "%s (%s)", nawat_province_get_label (province, self->language),
                         region >= 0 ? nawat_term_get_label (&nawat_regions ()[region], self->language) : "");
      }
    else
      g_string_assign (s, nawat_project_get_province (project) != NULL ? nawat_project_get_province (project) : "");
    add_fact (f, W (self, NAWAT_WORD_PROVINCE), s->str);
    add_fact (f, W (self, NAWAT_WORD_REACH), reach >= 0 ? nawat_term_get_label (&nawat_reach_levels ()[reach], self->language) :
                                                 nawat_project_get_reach (project));
    g_string_truncate (s, 0);
    for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
      {
        int d = nawat_domain_index (domains[i]);

        if (i > 0)
          g_string_append (s, "\n");
        g_string_append (s, d >= 0 ? nawat_term_get_label (&nawat_domains ()[d], self->language) : domains[i]);
      }
    add_fact (f, W (self, NAWAT_WORD_DOMAINS), s->str);

    g_string_truncate (s, 0);
    for (guint h = 0; h < NAWAT_N_HELIX; h++)
      {
        const NawatTerm *sector = &nawat_helix_sectors ()[h];
        gboolean any = FALSE;

        for (guint i = 0; partners != NULL && i < partners->len; i++)
          {
            NawatPartner *p = g_ptr_array_index (partners, i);

            if (g_strcmp0 (p->sector, sector->key) != 0)
              continue;
            if (!any)
              {
                if (s->len > 0)
                  g_string_append_c (s, '\n');
                g_string_append_printf (s, "%s: ", nawat_term_get_label (sector, self->language));
              }
            else
              g_string_append (s, ", ");
            g_string_append (s, p->name != NULL ? p->name : "");
            any = TRUE;
          }
      }
    add_fact (f, W (self, NAWAT_WORD_PARTNERS), s->len > 0 ? s->str : W (self, NAWAT_WORD_NONE));

    if (self->thai)
      g_string_printf (s, "%s บาท", budget);
    else
      g_string_printf (s, "THB %s", budget);
    add_fact (f, W (self, NAWAT_WORD_BUDGET), s->str);
    g_string_printf (s, "%d %s", nawat_project_get_duration_months (project),
                     W (self, nawat_project_get_duration_months (project) == 1 ? NAWAT_WORD_MONTH
                                                                                 : NAWAT_WORD_MONTHS));
    add_fact (f, W (self, NAWAT_WORD_DURATION), s->str);
    add_fact (f, W (self, NAWAT_WORD_SUBMITTED_ON), submitted_on);
    if (self->evaluator == NULL)
      {
        const char * const *assigned = nawat_project_get_assigned (project);
        g_autofree char *list = assigned != NULL ? g_strjoinv (", ", (char **) assigned) : NULL;

        add_fact (f, W (self, NAWAT_WORD_EVALUATORS), list);
      }
    _nawat_flow_table_end (f);
  }

  project_documents (f, self, project);

  {
    const char *summary = text_get (self, nawat_project_get_summary (project));

    if (*summary != '\0')
      {
        _nawat_flow_heading (f, W (self, NAWAT_WORD_PROPOSAL_SUMMARY), SIZE_SUBHEADING);
        _nawat_flow_text (f, summary, 0);
      }
  }

  /* Charts: of the submitted evaluations for a coordinator, of one's own
   * (draft or not) for an evaluator.
   */
  submitted = g_ptr_array_new ();
  for (guint i = 0; i < evaluations->len; i++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, i);

      if (nawat_evaluation_get_conflict_declared (ev))
        continue;
      if (self->evaluator == NULL && nawat_evaluation_get_status (ev) != NAWAT_EVALUATION_SUBMITTED)
        continue;
      g_ptr_array_add (submitted, ev);
    }
  {
    ProjectCharts pc = { self->rubric, submitted, nawat_project_get_partners (project), self->language };

    _nawat_flow_space (f, 4);
    _nawat_flow_chart (f, 16, draw_chart_titles, NULL);
    _nawat_flow_chart (f, 230, draw_project_charts, &pc);
  }

  if (self->evaluator == NULL)
    project_statistics (f, self, project_id);

  /* Scores side by side */
  _nawat_flow_heading (f, W (self, NAWAT_WORD_SCORES), SIZE_SUBHEADING);
  if (evaluations->len == 0)
    _nawat_flow_text (f, W (self, NAWAT_WORD_NO_EVALUATIONS), STYLE_GREY);
  for (guint first = 0; first < evaluations->len && !f->done; first += MAX_EVALUATOR_COLUMNS)
    project_scores (f, self, evaluations, first,
                    MIN (MAX_EVALUATOR_COLUMNS, evaluations->len - first));

  /* Overall comments and recommendations */
  if (evaluations->len > 0)
    _nawat_flow_heading (f, W (self, NAWAT_WORD_OVERALL), SIZE_SUBHEADING);
  for (guint i = 0; i < evaluations->len && !f->done; i++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, i);
      g_autofree char *status = evaluation_status_text (self, ev);
      g_autofree char *confidence = confidence_text (self, ev);
      const char *comment = nawat_evaluation_get_overall_comment (ev);
      NawatReportRich r;

      _nawat_rich_init (&r);
      _nawat_rich_add (&r, nawat_evaluation_get_evaluator (ev), STYLE_BOLD);
      _nawat_rich_add (&r, " · ", 0);
      _nawat_rich_add (&r, W (self, NAWAT_WORD_RECOMMENDATION), 0);
      _nawat_rich_add (&r, ": ", 0);
      _nawat_rich_add (&r, recommendation_word (self, nawat_evaluation_get_recommendation (ev)),
                       STYLE_BOLD);
      if (confidence != NULL)
        {
          _nawat_rich_add (&r, " · ", 0);
          _nawat_rich_add (&r, confidence, 0);
        }
      _nawat_rich_add (&r, " · ", STYLE_GREY);
      _nawat_rich_add (&r, status, STYLE_GREY);
      _nawat_rich_newline (&r);
      if (nawat_evaluation_get_conflict_declared (ev))
        _nawat_rich_add (&r, nawat_evaluation_get_conflict_note (ev), STYLE_GREY);
      else if (comment != NULL && *comment != '\0')
        _nawat_rich_add (&r, comment, 0);
      else
        _nawat_rich_add (&r, W (self, NAWAT_WORD_NO_COMMENT), STYLE_GREY);
      _nawat_flow_row_full (f, &r, 1, SIZE_BODY, 0, TRUE, 0);
      _nawat_rich_clear (&r);
    }
}

/* The portfolio's own sections */

static void
add_summary_fact (NawatReportFlow *f,
                  const char      *label,
                  const char      *value)
{
  add_fact (f, label, value);
}

static void
section_cover (NawatReportFlow *f,
               NawatReport     *self)
{
  g_autofree char *year = g_strdup_printf ("%d", self->thai ? nawat_call_get_year_be (self->call) :
                                           nawat_call_get_year_be (self->call) - 543);
  g_autofree char *date = format_date (self, self->date);
  g_autofree char *deadline = format_iso_date (self, nawat_call_get_deadline (self->call));

  _nawat_flow_section (f, SECTION_COVER, FALSE);
  _nawat_flow_line (f, W (self, NAWAT_WORD_PORTFOLIO_REPORT), STYLE_GREY, SIZE_SUBHEADING, 0);
  _nawat_flow_line (f, text_get (self, nawat_call_get_title (self->call)), STYLE_BOLD,
                    SIZE_TITLE, 0);
  if (text_get_other (self, nawat_call_get_title (self->call)) != NULL)
    _nawat_flow_text (f, text_get_other (self, nawat_call_get_title (self->call)), STYLE_GREY);
  _nawat_flow_text (f, date, STYLE_GREY);
  _nawat_flow_space (f, 12);

  _nawat_flow_heading (f, W (self, NAWAT_WORD_SUMMARY), SIZE_HEADING);
  {
    NawatReportRich header[2];
    double widths[2] = { 0.45, 0.55 };
    guint assigned = 0, draft = 0, submitted_n = 0, conflict = 0, disagreements = 0, n_projects;
    g_autofree char *s_projects = NULL, *s_evaluators = NULL, *s_submitted = NULL;
    g_autofree char *s_drafts = NULL, *s_conflicts = NULL, *s_dis = NULL, *s_progress = NULL;
    g_autofree char *s_mean = NULL, *s_median = NULL, *s_sd = NULL, *pct = NULL;
    NawatSummary composite = { 0, NAN, NAN, NAN, NAN, NAN };

    n_projects = self->projects->len;
    if (self->stats != NULL)
      {
        for (guint i = 0; i < nawat_call_stats_get_n_projects (self->stats); i++)
          {
            const NawatProjectStats *ps = nawat_call_stats_get_project (self->stats, i);

            assigned += ps->assigned;
            draft += ps->draft;
            submitted_n += ps->submitted;
            conflict += ps->conflict;
          }
        nawat_call_stats_get_disagreements (self->stats, &disagreements);
        nawat_call_stats_get_composite (self->stats, &composite, NULL);
      }

    _nawat_rich_init (&header[0]);
    _nawat_rich_init (&header[1]);
    _nawat_rich_add (&header[0], W (self, NAWAT_WORD_YEAR), STYLE_BOLD);
    _nawat_rich_add (&header[1], year, STYLE_BOLD);
    _nawat_flow_table_begin (f, 2, widths, header);
    /* The theme of the call's year, so that the reports of calls of
     * different years compare.
     */
    {
      int theme = nawat_theme_index (nawat_call_get_theme (self->call));

      add_summary_fact (f, W (self, NAWAT_WORD_THEME),
                        theme >= 0 ? nawat_term_get_label (&nawat_call_themes ()[theme], self->language)
                                   : W (self, NAWAT_WORD_NOT_STATED));
    }
    if (self->rubric != NULL)
      add_summary_fact (f, W (self, NAWAT_WORD_RUBRIC), text_get (self, nawat_rubric_get_title (self->rubric)));
    add_summary_fact (f, W (self, NAWAT_WORD_DEADLINE), deadline);
    s_projects = format_integer (n_projects);
    add_summary_fact (f, W (self, NAWAT_WORD_PROJECTS), s_projects);
    if (self->stats != NULL)
      {
        s_evaluators = g_strdup_printf ("%u", nawat_call_stats_get_n_evaluators (self->stats));
        add_summary_fact (f, W (self, NAWAT_WORD_EVALUATORS), s_evaluators);
        pct = format_number (assigned > 0 ? 100.0 * submitted_n / assigned : NAN, 0);
        s_progress = g_strdup_printf ("%u / %u (%s%%)", submitted_n, assigned, pct);
        add_summary_fact (f, W (self, NAWAT_WORD_OVERALL_PROGRESS), s_progress);
        s_drafts = g_strdup_printf ("%u", draft);
        add_summary_fact (f, W (self, NAWAT_WORD_DRAFTS), s_drafts);
        s_conflicts = g_strdup_printf ("%u", conflict);
        add_summary_fact (f, W (self, NAWAT_WORD_CONFLICTS), s_conflicts);
        s_dis = g_strdup_printf ("%u", disagreements);
        add_summary_fact (f, W (self, NAWAT_WORD_DISAGREEMENTS), s_dis);
        s_mean = format_number (composite.mean, 1);
        s_median = format_number (composite.median, 1);
        s_sd = format_number (composite.sd, 1);
        {
          g_autofree char *line = g_strdup_printf ("%s %s · %s %s · %s %s", W (self, NAWAT_WORD_MEAN), s_mean,
                                                   W (self, NAWAT_WORD_MEDIAN), s_median, W (self, NAWAT_WORD_SD), s_sd);

          add_summary_fact (f, W (self, NAWAT_WORD_COMPOSITE_SCORE), line);
        }
      }
    _nawat_flow_table_end (f);
  }
}

static guint
report_n_toc_entries (NawatReport *self)
{
  /* the fixed sections after the contents, then the projects */
  return (N_FIXED_SECTIONS - SECTION_RANKING) + self->projects->len;
}

static void
section_contents (NawatReportFlow *f,
                  NawatReport     *self)
{
  static const NawatWord titles[] = {
      NAWAT_WORD_RANKING, NAWAT_WORD_DISAGREEMENTS, NAWAT_WORD_AGREEMENT, NAWAT_WORD_COVERAGE,
      NAWAT_WORD_PROGRESS };
  guint n = report_n_toc_entries (self);
  double widths[2] = { 0.88, 0.12 };
  NawatReportRich header[2];

  _nawat_flow_section (f, SECTION_CONTENTS, TRUE);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_CONTENTS), SIZE_HEADING);

  _nawat_rich_init (&header[0]);
  _nawat_rich_init (&header[1]);
  _nawat_rich_add (&header[0], W (self, NAWAT_WORD_TITLE), STYLE_BOLD);
  header[1].align = PANGO_ALIGN_RIGHT;
  _nawat_rich_add (&header[1], W (self, NAWAT_WORD_PAGE), STYLE_BOLD);
  _nawat_flow_table_begin (f, 2, widths, header);

  for (guint i = 0; i < n && !f->done; i++)
    {
      NawatReportRich cells[2];
      guint section = SECTION_RANKING + i;
      guint page = 0;
      g_autofree char *num = NULL;

      if (_nawat_flow_skip (f))
        continue;
      if (self->section_pages->len > section)
        page = g_array_index (self->section_pages, guint, section) + 1;
      num = g_strdup_printf ("%u", page);
      _nawat_rich_init (&cells[0]);
      _nawat_rich_init (&cells[1]);
      cells[1].align = PANGO_ALIGN_RIGHT;
      if (i < G_N_ELEMENTS (titles))
        _nawat_rich_add (&cells[0], W (self, titles[i]), STYLE_BOLD);
      else
        {
          const char *id = g_ptr_array_index (self->projects, i - G_N_ELEMENTS (titles));
          const NawatProjectStats *ps = self->stats != NULL ? nawat_call_stats_lookup_project (self->stats, id) : NULL;
          g_autofree char *line = NULL;

          g_autofree char *code = NULL;
          g_autofree char *title = _nawat_report_dup_title (self, id, &code);

          if (title != NULL)
            line = project_heading (code, title, ps != NULL ? ps->rank_mean : 0,
                                    ps != NULL && ps->rank_mean_tied);
          _nawat_rich_add (&cells[0], line != NULL ? line : id, 0);
        }
      _nawat_rich_add (&cells[1], num, 0);

      /* One line per entry: the height does not depend on the title or on
       * the page number, so the first pass, which has no page numbers yet,
       * lays out the same pages.
       */
      {
        PangoLayout *layout = _nawat_flow_layout (f, &cells[0], f->table.w[0] - 2 * CELL_PAD, SIZE_BODY);

        if (pango_layout_get_line_count (layout) > 1)
          {
            PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
            const char *end = g_utf8_find_prev_char (cells[0].text->str,
                                                     cells[0].text->str + line->start_index + line->length);

            g_string_truncate (cells[0].text, end != NULL ? (gsize) (end - cells[0].text->str) : 0);
            g_string_append (cells[0].text, "…");
          }
        g_object_unref (layout);
      }
      {
        double y0 = f->y;
        guint page0 = f->page;

        _nawat_flow_row (f, cells, 2);
        /* a link to the entry's page */
        if (_nawat_flow_drawing (f) && f->page == page0 && page > 0 &&
            cairo_surface_get_type (cairo_get_target (f->cr)) == CAIRO_SURFACE_TYPE_PDF)
          {
            g_autofree char *link = g_strdup_printf ("page=%u rect=[%d %d %d %d]", page,
                                                     (int) MARGIN_X, (int) y0, (int) BODY_W,
                                                     (int) (f->y - y0));

            cairo_tag_begin (f->cr, CAIRO_TAG_LINK, link);
            cairo_tag_end (f->cr, CAIRO_TAG_LINK);
          }
      }
      _nawat_rich_clear (&cells[0]);
      _nawat_rich_clear (&cells[1]);
    }
  _nawat_flow_table_end (f);
}

static void
section_ranking (NawatReportFlow *f,
                 NawatReport     *self)
{
  const NawatWord heads[] = {
      NAWAT_WORD_RANK_MEAN, NAWAT_WORD_CODE, NAWAT_WORD_TITLE, NAWAT_WORD_N, NAWAT_WORD_MEAN,
      NAWAT_WORD_SPREAD, NAWAT_WORD_Z_MEAN, NAWAT_WORD_RANK_Z };
  double widths[8] = { 0.09, 0.11, 0.30, 0.09, 0.08, 0.08, 0.13, 0.12 };
  NawatReportRich header[8];
  const guint *order;
  guint n;

  _nawat_flow_section (f, SECTION_RANKING, TRUE);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_RANKING), SIZE_HEADING);
  _nawat_flow_text (f, W (self, NAWAT_WORD_RANKING_NOTE), STYLE_GREY);
  if (self->stats_flags & NAWAT_STATS_WEIGHT_CONFIDENCE)
    _nawat_flow_text (f, W (self, NAWAT_WORD_CONFIDENCE_WEIGHTED), STYLE_GREY);
  _nawat_flow_text (f, W (self, NAWAT_WORD_PARTIAL_NOTE), STYLE_GREY);
  if (self->stats == NULL)
    return;
  for (guint i = 0; i < 8; i++)
    {
      _nawat_rich_init (&header[i]);
      if (i != 2 && i != 1)
        header[i].align = PANGO_ALIGN_RIGHT;
      _nawat_rich_add (&header[i], W (self, heads[i]), STYLE_BOLD);
    }
  _nawat_flow_table_begin (f, 8, widths, header);
  order = nawat_call_stats_get_ranking (self->stats, FALSE);
  n = nawat_call_stats_get_n_projects (self->stats);
  for (guint i = 0; i < n && !f->done; i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (self->stats, order[i]);
      g_autofree char *rank = NULL, *count = NULL, *mean = NULL, *spread = NULL, *z = NULL, *rz = NULL;
      g_autofree char *code = NULL;
      g_autofree char *title = NULL;
      NawatReportRich cells[8];
      const char *values[8];

      if (_nawat_flow_skip (f))
        continue;
      rank = format_rank (self, ps->rank_mean, ps->rank_mean_tied);
      count = nawat_vocabulary_dup_evaluations_of (ps->n_evaluations, ps->expected, self->language);
      mean = format_number (ps->mean, 1);
      spread = format_spread (ps);
      z = format_number (ps->z_mean, 2);
      rz = format_rank (self, ps->rank_z, ps->rank_z_tied);
      code = g_strdup (strrchr (ps->project_id, ':') != NULL ? strrchr (ps->project_id, ':') + 1 : ps->project_id);
      values[0] = rank; values[1] = code; values[2] = NULL; values[3] = count;
      values[4] = mean; values[5] = spread; values[6] = z; values[7] = rz;
      for (guint c = 0; c < 8; c++)
        {
          _nawat_rich_init (&cells[c]);
          if (c != 2 && c != 1)
            cells[c].align = PANGO_ALIGN_RIGHT;
          if (c != 2)
            _nawat_rich_add (&cells[c], values[c], c == 0 ? STYLE_BOLD : 0);
        }
      title = _nawat_report_dup_title (self, ps->project_id, NULL);
      _nawat_rich_add (&cells[2], title, 0);
      if (ps->disagreement)
        {
          _nawat_rich_newline (&cells[2]);
          _nawat_rich_add (&cells[2], W (self, NAWAT_WORD_DISAGREEMENT_MARK), STYLE_BOLD | STYLE_SMALL);
        }
      if (ps->n_evaluations > 0 && !nawat_project_stats_is_complete (ps))
        {
          _nawat_rich_newline (&cells[2]);
          _nawat_rich_add (&cells[2], W (self, NAWAT_WORD_PARTIAL_MARK), STYLE_BOLD | STYLE_SMALL);
        }
      add_row (f, cells, 8);
    }
  _nawat_flow_table_end (f);
}

static void
section_disagreements (NawatReportFlow *f,
                       NawatReport     *self)
{
  const guint *flagged;
  guint n = 0;
  double widths[4] = { 0.11, 0.34, 0.09, 0.46 };
  const NawatWord heads[4] = {
      NAWAT_WORD_CODE, NAWAT_WORD_TITLE, NAWAT_WORD_SPREAD, NAWAT_WORD_REASONS };

  _nawat_flow_section (f, SECTION_DISAGREEMENTS, FALSE);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_DISAGREEMENTS), SIZE_HEADING);
  if (self->stats == NULL)
    return;
  flagged = nawat_call_stats_get_disagreements (self->stats, &n);
  if (n == 0)
    {
      _nawat_flow_text (f, W (self, NAWAT_WORD_DISAGREEMENT_NONE), STYLE_GREY);
      return;
    }
  begin_table (f, self, 4, widths, heads, 4);
  for (guint i = 0; i < n && !f->done; i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (self->stats, flagged[i]);
      g_autofree char *spread = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) reasons = NULL;
      const char *code = strrchr (ps->project_id, ':');
      NawatReportRich cells[4];

      if (_nawat_flow_skip (f))
        continue;
      spread = format_number (ps->spread, 1);
      for (guint c = 0; c < 4; c++)
        _nawat_rich_init (&cells[c]);
      _nawat_rich_add (&cells[0], code != NULL ? code + 1 : ps->project_id, 0);
      title = _nawat_report_dup_title (self, ps->project_id, NULL);
      _nawat_rich_add (&cells[1], title, 0);
      _nawat_rich_add (&cells[2], spread, 0);
      reasons = report_dup_reasons (self, ps);
      for (guint k = 0; reasons != NULL && reasons[k] != NULL; k++)
        {
          _nawat_rich_newline (&cells[3]);
          _nawat_rich_add (&cells[3], reasons[k], 0);
        }
      add_row (f, cells, 4);
    }
  _nawat_flow_table_end (f);
}

static void
agreement_row (NawatReportFlow      *f,
               NawatReport          *self,
               const char           *label,
               const NawatSummary   *s,
               const NawatAgreement *a,
               gboolean              bold)
{
  g_autofree char *n = g_strdup_printf ("%u", s->n);
  g_autofree char *mean = format_number (s->mean, 2);
  g_autofree char *median = format_number (s->median, 2);
  g_autofree char *sd = format_number (s->sd, 2);
  gboolean enough = nawat_stats_agreement_is_enough (a);
  g_autofree char *ai = format_number (enough ? a->alpha_interval : NAN, 2);
  g_autofree char *ao = format_number (enough ? a->alpha_ordinal : NAN, 2);
  g_autofree char *icc = format_number (enough ? a->icc_1_1 : NAN, 2);
  const char *values[8] = { label, n, mean, median, sd, ai, ao, icc };
  NawatReportRich cells[8];

  for (guint c = 0; c < 8; c++)
    {
      _nawat_rich_init (&cells[c]);
      if (c > 0)
        cells[c].align = PANGO_ALIGN_RIGHT;
      _nawat_rich_add (&cells[c], values[c], c == 0 && bold ? STYLE_BOLD : 0);
    }
  add_row (f, cells, 8);
}

static void
section_agreement (NawatReportFlow *f,
                   NawatReport     *self)
{
  const NawatWord heads[8] = {
      NAWAT_WORD_CRITERION, NAWAT_WORD_N, NAWAT_WORD_MEAN, NAWAT_WORD_MEDIAN, NAWAT_WORD_SD_SHORT,
      NAWAT_WORD_ALPHA_INTERVAL, NAWAT_WORD_ALPHA_ORDINAL, NAWAT_WORD_ICC };
  double widths[8] = { 0.34, 0.07, 0.09, 0.09, 0.09, 0.11, 0.11, 0.10 };
  NawatSummary summary;
  NawatAgreement agreement;
  const char * const *keys;
  g_autofree char *shortfall = NULL;

  _nawat_flow_section (f, SECTION_AGREEMENT, FALSE);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_AGREEMENT), SIZE_HEADING);
  _nawat_flow_text (f, W (self, NAWAT_WORD_AGREEMENT_NOTE), STYLE_GREY);
  if (self->stats == NULL)
    return;
  nawat_call_stats_get_composite (self->stats, &summary, &agreement);
  shortfall = nawat_stats_agreement_dup_shortfall (&agreement, self->language);
  if (shortfall != NULL)
    _nawat_flow_text (f, shortfall, STYLE_BOLD);
  begin_table (f, self, 8, widths, heads, 1);
  agreement_row (f, self, W (self, NAWAT_WORD_COMPOSITE_SCORE), &summary, &agreement, TRUE);
  keys = nawat_call_stats_get_criteria (self->stats);
  for (guint i = 0; keys != NULL && keys[i] != NULL && !f->done; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (self->rubric, keys[i], NULL);

      if (!nawat_call_stats_get_criterion (self->stats, keys[i], &summary, &agreement))
        continue;
      agreement_row (f, self, criterion != NULL ? text_get (self, nawat_criterion_get_label (criterion)) : keys[i],
                     &summary, &agreement, FALSE);
    }
  _nawat_flow_table_end (f);
}

static void
draw_heat_map (NawatReport *self,
               cairo_t     *cr,
               double       width,
               double       height,
               gpointer     data)
{
  g_auto(GStrv) rows = nawat_chart_dup_domain_labels (self->language);
  g_auto(GStrv) cols = nawat_chart_dup_region_labels (self->language);

  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_heatmap (cr, width, height, (const char * const *) rows, NAWAT_N_DOMAINS,
                       (const char * const *) cols, NAWAT_N_REGIONS, self->heat);
}

static void
draw_helix_coverage (NawatReport *self,
                     cairo_t     *cr,
                     double       width,
                     double       height,
                     gpointer     data)
{
  double mean[NAWAT_N_HELIX];
  NawatChartSeries series = { W (self, NAWAT_WORD_MEAN), mean, TRUE };

  for (guint i = 0; i < NAWAT_N_HELIX; i++)
    mean[i] = self->helix_n[i] > 0 ? self->helix_sum[i] / self->helix_n[i] : NAN;
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_helix_profile (cr, width, height, &series, 1, self->partner_counts, self->language);
}

static void
draw_distribution (NawatReport *self,
                   cairo_t     *cr,
                   double       width,
                   double       height,
                   gpointer     data)
{
  guint n = nawat_call_stats_get_n_projects (self->stats);
  g_autofree double *values = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    values[i] = nawat_call_stats_get_project (self->stats, i)->mean;
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_distribution (cr, width, height, values, n, 10, self->language);
}

static void
reach_row (NawatReportFlow       *f,
           NawatReport           *self,
           const char            *label,
           const NawatReachTotal *total,
           guint                  style)
{
  g_autofree char *n = g_strdup_printf ("%u", total->n_projects);
  g_autofree char *number = nawat_format_integer (total->budget_thb);
  g_autofree char *budget = self->thai ? g_strdup_printf ("%s บาท", number)
                                       : g_strdup_printf ("THB %s", number);
  const char *values[3] = { label, n, budget };
  NawatReportRich cells[3];

  for (guint c = 0; c < 3; c++)
    {
      _nawat_rich_init (&cells[c]);
      if (c > 0)
        cells[c].align = PANGO_ALIGN_RIGHT;
      _nawat_rich_add (&cells[c], values[c], style);
    }
  add_row (f, cells, 3);
}

/* The projects and their budget per reach level, beside the domains and
 * regions of the heat map.
 */
static void
reach_table (NawatReportFlow *f,
             NawatReport     *self)
{
  const NawatWord heads[3] = { NAWAT_WORD_REACH, NAWAT_WORD_PROJECTS, NAWAT_WORD_BUDGET };
  double widths[3] = { 0.5, 0.2, 0.3 };
  NawatReachTotal sum = { 0, 0 };

  _nawat_flow_heading (f, W (self, NAWAT_WORD_REACH_TOTALS), SIZE_SUBHEADING);
  begin_table (f, self, 3, widths, heads, 1);
  for (guint i = 0; i <= NAWAT_N_REACH; i++)
    {
      const NawatReachTotal *total = &self->reach_totals[i];

      sum.n_projects += total->n_projects;
      sum.budget_thb += total->budget_thb;
      /* Every level, even empty, so that calls compare row by row. */
      if (i < NAWAT_N_REACH)
        reach_row (f, self, nawat_term_get_label (&nawat_reach_levels ()[i], self->language), total, 0);
      else if (total->n_projects > 0)
        reach_row (f, self, W (self, NAWAT_WORD_NOT_STATED), total, 0);
    }
  reach_row (f, self, W (self, NAWAT_WORD_TOTAL), &sum, STYLE_BOLD);
  _nawat_flow_table_end (f);
}

static void
section_coverage (NawatReportFlow *f,
                  NawatReport     *self)
{
  _nawat_flow_section (f, SECTION_COVERAGE, TRUE);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_COVERAGE), SIZE_HEADING);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_HEAT_MAP), SIZE_SUBHEADING);
  _nawat_flow_chart (f, 250, draw_heat_map, NULL);
  reach_table (f, self);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_HELIX_COVERAGE), SIZE_SUBHEADING);
  _nawat_flow_chart (f, 150, draw_helix_coverage, NULL);
  if (self->stats != NULL)
    {
      _nawat_flow_heading (f, W (self, NAWAT_WORD_DISTRIBUTION), SIZE_SUBHEADING);
      _nawat_flow_chart (f, 170, draw_distribution, NULL);
    }
}

static void
draw_progress (NawatReport *self,
               cairo_t     *cr,
               double       width,
               double       height,
               gpointer     data)
{
  guint n = nawat_call_stats_get_n_evaluators (self->stats);
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree guint *submitted = g_new0 (guint, n + 1);
  g_autofree guint *drafts = g_new0 (guint, n + 1);
  g_autofree guint *assigned = g_new0 (guint, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (self->stats, i);

      labels[i] = es->name;
      submitted[i] = es->submitted;
      drafts[i] = es->draft;
      assigned[i] = es->assigned;
    }
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_progress (cr, width, height, labels, submitted, drafts, assigned, n);
}

static void
section_progress (NawatReportFlow *f,
                  NawatReport     *self)
{
  const NawatWord heads[8] = {
      NAWAT_WORD_EVALUATORS, NAWAT_WORD_ASSIGNED_COUNT, NAWAT_WORD_SUBMITTED, NAWAT_WORD_DRAFTS,
      NAWAT_WORD_CONFLICTS, NAWAT_WORD_MEAN, NAWAT_WORD_SD_SHORT, NAWAT_WORD_NORMALISED };
  double widths[8] = { 0.22, 0.11, 0.11, 0.11, 0.11, 0.1, 0.1, 0.14 };
  guint n;

  _nawat_flow_section (f, SECTION_PROGRESS, TRUE);
  _nawat_flow_heading (f, W (self, NAWAT_WORD_PROGRESS), SIZE_HEADING);
  if (self->stats == NULL)
    return;
  n = nawat_call_stats_get_n_evaluators (self->stats);
  if (n > 0)
    _nawat_flow_chart (f, MIN (24.0 * n + 40, BODY_BOTTOM - BODY_TOP - 60), draw_progress, NULL);
  begin_table (f, self, 8, widths, heads, 1);
  for (guint i = 0; i < n && !f->done; i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (self->stats, i);
      g_autofree char *a = g_strdup_printf ("%u", es->assigned);
      g_autofree char *s = g_strdup_printf ("%u", es->submitted);
      g_autofree char *d = g_strdup_printf ("%u", es->draft);
      g_autofree char *c = g_strdup_printf ("%u", es->conflict);
      g_autofree char *mean = format_number (es->mean, 1);
      g_autofree char *sd = format_number (es->sd, 1);
      const char *values[8] = { es->name, a, s, d, c, mean, sd,
                                es->normalised ? W (self, NAWAT_WORD_YES) : W (self, NAWAT_WORD_NO) };
      NawatReportRich cells[8];

      for (guint k = 0; k < 8; k++)
        {
          _nawat_rich_init (&cells[k]);
          if (k > 0)
            cells[k].align = PANGO_ALIGN_RIGHT;
          _nawat_rich_add (&cells[k], values[k], k == 0 ? STYLE_BOLD : 0);
        }
      add_row (f, cells, 8);
    }
  _nawat_flow_table_end (f);
  _nawat_flow_text (f, W (self, NAWAT_WORD_NOT_NORMALISED), STYLE_GREY | STYLE_SMALL);
}

typedef void (*SectionFunc) (NawatReportFlow        *f,
                             NawatReport *self);

static const SectionFunc fixed_sections[N_FIXED_SECTIONS] = {
  [SECTION_COVER] = section_cover,
  [SECTION_CONTENTS] = section_contents,
  [SECTION_RANKING] = section_ranking,
  [SECTION_DISAGREEMENTS] = section_disagreements,
  [SECTION_AGREEMENT] = section_agreement,
  [SECTION_COVERAGE] = section_coverage,
  [SECTION_PROGRESS] = section_progress,
};

guint
_nawat_report_n_sections (NawatReport *self)
{
  return self->n_fixed + self->projects->len;
}

void
_nawat_report_run_section (NawatReportFlow *f,
                           NawatReport     *self,
                           guint            section)
{
  if (section >= self->n_fixed)
    {
      section_project (f, self, section, g_ptr_array_index (self->projects, section - self->n_fixed),
                       section > 0);
      return;
    }
  g_assert (section < N_FIXED_SECTIONS);
  fixed_sections[section] (f, self);
}
