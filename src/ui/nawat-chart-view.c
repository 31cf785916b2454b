/* nawat-chart-view.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-chart-view.h"
#include "nawat-chart-view-private.h"
#include "nawat-text.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

typedef enum
{
  CHART_NONE,
  CHART_DOMAIN_RADAR,
  CHART_HELIX_PROFILE,
  CHART_CUSTOM,
} ChartKind;

struct _NawatChartView
{
  GtkWidget               parent_instance;

  ChartKind               kind;
  NawatRubric            *rubric;
  GPtrArray              *evaluations;
  GPtrArray              *partners;

  NawatChartViewDrawFunc  func;
  gpointer                func_data;
  GDestroyNotify          func_destroy;

  char                   *language;
  char                   *label;
  char                   *description;
};

G_DEFINE_FINAL_TYPE (NawatChartView, nawat_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
effective_language (NawatChartView *self)
{
  if (self->language != NULL)
    return self->language;
  /* Translators: the language code of the charts' labels, "th" in Thai. */
  return C_("chart language", "en");
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
free_func (NawatChartView *self)
{
  if (self->func_destroy != NULL && self->func_data != NULL)
    self->func_destroy (self->func_data);
  self->func = NULL;
  self->func_data = NULL;
  self->func_destroy = NULL;
}

static void
set_accessible (NawatChartView *self,
                const char     *label,
                const char     *description)
{
  nawat_set_str (&self->label, label);
  nawat_set_str (&self->description, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label ? self->label : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description ? self->description : "",
                                  -1);
}

/* "3" or "2.5": a level as people read it. */
static char *
format_level (double level)
{
  if (fabs (level - round (level)) < 0.05)
    return g_strdup_printf ("%.0f", level);
  return g_strdup_printf ("%.1f", level);
}

/* One clause per term: "Health: 3 of 4", or "Health: not scored";
 * @values are normalised and mapped back to the criterion's scale.
 */
static void
describe_values (GString         *out,
                 NawatRubric     *rubric,
                 const char      *group_key,
                 const NawatTerm *terms,
                 guint            n_terms,
                 const double    *values,
                 const guint     *partners,
                 const char      *language)
{
  NawatRubricGroup *group = rubric ? nawat_rubric_find_group (rubric, group_key) : NULL;

  for (guint i = 0; i < n_terms; i++)
    {
      NawatCriterion *criterion = group ? nawat_rubric_group_find_criterion (group, terms[i].key) : NULL;
      const char *name = nawat_term_get_label (&terms[i], language);

      if (out->len > 0)
        g_string_append (out, "; ");
      if (criterion != NULL && isfinite (values[i]))
        {
          int min = nawat_criterion_get_min (criterion);
          int max = nawat_criterion_get_max (criterion);
          g_autofree char *level = format_level (min + values[i] * (max - min));

          /* Translators: a chart value for screen readers: "Health: 3 of 4". */
          g_string_append_printf (out, _("%s: %s of %d"), name, level, max);
        }
      else
        {
          /* Translators: a chart value for screen readers. */
          g_string_append_printf (out, _("%s: not scored"), name);
        }
      if (partners != NULL)
        {
          g_string_append (out, ", ");
          g_string_append_printf (out, ngettext ("%u partner", "%u partners",
                                                    partners[i]),
                                  partners[i]);
        }
    }
}

static void
update_description (NawatChartView *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *language = effective_language (self);
  gboolean helix = self->kind == CHART_HELIX_PROFILE;
  guint n_values = helix ? NAWAT_N_HELIX : NAWAT_N_DOMAINS;
  guint n = self->evaluations ? self->evaluations->len : 0;
  g_autofree double *values = g_new0 (double, (n + 1) * n_values);
  g_autofree const double **rows = g_new0 (const double *, n + 1);
  double *shown = values + n * n_values;
  guint counts[NAWAT_N_HELIX];
  g_autofree char *prefix = NULL;

  if (self->kind != CHART_DOMAIN_RADAR && self->kind != CHART_HELIX_PROFILE)
    return;

  for (guint i = 0; i < n; i++)
    {
      rows[i] = values + i * n_values;
      if (helix)
        nawat_chart_helix_values (self->rubric, g_ptr_array_index (self->evaluations, i), values + i * n_values);
      else
        nawat_chart_domain_values (self->rubric, g_ptr_array_index (self->evaluations, i), values + i * n_values);
    }
  nawat_chart_mean_values (rows, n, n_values, shown);

  if (n == 0)
    prefix = g_strdup (_("No scores yet."));
  else if (n > 1)
    prefix = g_strdup_printf (ngettext ("Mean of %u evaluation.",
                                           "Mean of %u evaluations.", n), n);
  if (helix && self->partners)
    nawat_chart_count_partners (self->partners, counts);
  if (n > 0 || (helix && self->partners))
    describe_values (out, self->rubric, helix ? "helix" : "domains",
                     helix ? nawat_helix_sectors () : nawat_domains (), n_values, shown,
                     helix && self->partners ? counts : NULL, language);
  if (prefix)
    g_string_prepend (out, out->len > 0 ? " " : "");
  if (prefix)
    g_string_prepend (out, prefix);

  set_accessible (self,
                  helix ? _("Quintuple Helix profile chart") : _("Nine-domain radar chart"),
                  out->str);
}

static double
font_size_for (NawatChartView *self,
               double          width,
               double          height)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double dpi = pango_cairo_context_get_resolution (context);
  /* The text scale (GNOME's Large Text, gtk-xft-dpi) is in the layouts'
   * resolution; the core draws in pixels.
   */
  double scale = dpi > 0 ? dpi / 96.0 : 1.0;
  double size = 11.0 * 4 / 3 * scale;

  if (desc != NULL && pango_font_description_get_size (desc) > 0)
    {
      size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (desc))
        size = size * 4 / 3 * scale;
    }
  /* Chart labels a little smaller than body text, and smaller still when
   * the widget is small; the bounds grow with the text scale.
   */
  return CLAMP (MIN (size * 0.85, MIN (width, height) / 20 * scale), 8.0 * scale, 16.0 * scale);
}

static void
nawat_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  NawatChartView *self = NAWAT_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const char *language = effective_language (self);
  NawatEvaluation *const *evaluations = NULL;
  guint n = 0;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->kind == CHART_NONE)
    return;

  if (self->evaluations)
    {
      evaluations = (NawatEvaluation *const *) self->evaluations->pdata;
      n = self->evaluations->len;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  nawat_chart_set_style (cr, is_dark () ? NAWAT_CHART_STYLE_DARK : NAWAT_CHART_STYLE_LIGHT);
  nawat_chart_set_language (cr, language);
  nawat_chart_set_font_size (cr, font_size_for (self, width, height));

  switch (self->kind)
    {
    case CHART_DOMAIN_RADAR:
      nawat_chart_domain_radar (cr, width, height, self->rubric, evaluations, n, language);
      break;
    case CHART_HELIX_PROFILE:
      nawat_chart_helix_profile_evaluations (cr, width, height, self->rubric, evaluations, n,
                                             self->partners, language);
      break;
    case CHART_CUSTOM:
      if (self->func)
        self->func (cr, width, height, language, self->func_data);
      break;
    case CHART_NONE:
    default:
      break;
    }
  cairo_destroy (cr);
}

static void
nawat_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  NawatChartView *self = NAWAT_CHART_VIEW (widget);

  /* Room for Thai labels around a readable plot; the radar is squarish,
   * the bar profile wide.
   */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 440;
    }
  else
    {
      *minimum = self->kind == CHART_HELIX_PROFILE ? 180 : 240;
      *natural = self->kind == CHART_HELIX_PROFILE ? 260 : 400;
    }
}

static void
reset (NawatChartView *self)
{
  g_clear_object (&self->rubric);
  g_clear_pointer (&self->evaluations, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  free_func (self);
}

static void
set_evaluations (NawatChartView         *self,
                 ChartKind               kind,
                 NawatRubric            *rubric,
                 NawatEvaluation *const *evaluations,
                 guint                   n_evaluations)
{
  reset (self);
  self->kind = kind;
  self->rubric = rubric ? g_object_ref (rubric) : NULL;
  self->evaluations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_evaluations; i++)
    if (evaluations[i] != NULL)
      g_ptr_array_add (self->evaluations, g_object_ref (evaluations[i]));
}

void
nawat_chart_view_set_domain_radar (NawatChartView         *self,
                                   NawatRubric            *rubric,
                                   NawatEvaluation *const *evaluations,
                                   guint                   n_evaluations)
{
  g_return_if_fail (NAWAT_IS_CHART_VIEW (self));
  g_return_if_fail (evaluations != NULL || n_evaluations == 0);

  set_evaluations (self, CHART_DOMAIN_RADAR, rubric, evaluations, n_evaluations);
  nawat_chart_view_refresh (self);
}

void
nawat_chart_view_set_helix_profile (NawatChartView         *self,
                                    NawatRubric            *rubric,
                                    NawatEvaluation *const *evaluations,
                                    guint                   n_evaluations,
                                    GPtrArray              *partners)
{
  g_return_if_fail (NAWAT_IS_CHART_VIEW (self));
  g_return_if_fail (evaluations != NULL || n_evaluations == 0);

  set_evaluations (self, CHART_HELIX_PROFILE, rubric, evaluations, n_evaluations);
  if (partners != NULL)
    {
      self->partners = g_ptr_array_new_full (partners->len, (GDestroyNotify) nawat_partner_free);
      for (guint i = 0; i < partners->len; i++)
        g_ptr_array_add (self->partners, nawat_partner_copy (g_ptr_array_index (partners, i)));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  nawat_chart_view_refresh (self);
}

void
nawat_chart_view_set_draw_func (NawatChartView         *self,
                                NawatChartViewDrawFunc  func,
                                gpointer                user_data,
                                GDestroyNotify          destroy,
                                const char             *label,
                                const char             *description)
{
  g_return_if_fail (NAWAT_IS_CHART_VIEW (self));

  reset (self);
  self->kind = func ? CHART_CUSTOM : CHART_NONE;
  self->func = func;
  self->func_data = user_data;
  self->func_destroy = destroy;
  set_accessible (self, label, description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
nawat_chart_view_clear (NawatChartView *self)
{
  g_return_if_fail (NAWAT_IS_CHART_VIEW (self));

  reset (self);
  self->kind = CHART_NONE;
  set_accessible (self, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
nawat_chart_view_refresh (NawatChartView *self)
{
  g_return_if_fail (NAWAT_IS_CHART_VIEW (self));

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
nawat_chart_view_get_language (NawatChartView *self)
{
  g_return_val_if_fail (NAWAT_IS_CHART_VIEW (self), NULL);

  return self->language;
}

void
nawat_chart_view_set_language (NawatChartView *self,
                               const char     *language)
{
  g_return_if_fail (NAWAT_IS_CHART_VIEW (self));

  if (nawat_set_str (&self->language, language))
    {
      nawat_chart_view_refresh (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
    }
}

const char *
nawat_chart_view_get_label (NawatChartView *self)
{
  g_return_val_if_fail (NAWAT_IS_CHART_VIEW (self), NULL);

  return self->label;
}

const char *
nawat_chart_view_get_description (NawatChartView *self)
{
  g_return_val_if_fail (NAWAT_IS_CHART_VIEW (self), NULL);

  return self->description;
}

GtkWidget *
nawat_chart_view_new (void)
{
  return g_object_new (NAWAT_TYPE_CHART_VIEW, NULL);
}

static void
nawat_chart_view_dispose (GObject *object)
{
  NawatChartView *self = NAWAT_CHART_VIEW (object);

  reset (self);
  G_OBJECT_CLASS (nawat_chart_view_parent_class)->dispose (object);
}

static void
nawat_chart_view_finalize (GObject *object)
{
  NawatChartView *self = NAWAT_CHART_VIEW (object);

  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);
  G_OBJECT_CLASS (nawat_chart_view_parent_class)->finalize (object);
}

static void
nawat_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NawatChartView *self = NAWAT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_chart_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NawatChartView *self = NAWAT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      nawat_chart_view_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_chart_view_class_init (NawatChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_chart_view_dispose;
  object_class->finalize = nawat_chart_view_finalize;
  object_class->get_property = nawat_chart_view_get_property;
  object_class->set_property = nawat_chart_view_set_property;

  widget_class->snapshot = nawat_chart_view_snapshot;
  widget_class->measure = nawat_chart_view_measure;

  /**
   * NawatChartView:language:
   *
   * The language of the chart's labels, "th" or "en"; %NULL follows the
   * interface language.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "nawatchartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nawat_chart_view_init (NawatChartView *self)
{
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}
