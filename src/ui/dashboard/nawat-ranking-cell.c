/* nawat-ranking-cell.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-accessible.h"
#include "nawat-dashboard-row-private.h"
#include "nawat-ranking-cell.h"
#include "nawat-vocabulary.h"

/* Between the mark (the "partial" pill, the flag's icon) and the text */
#define GAP 6
#define ICON_SIZE 16
/* The "caption" style class's font size */
#define CAPTION_SCALE 0.82

typedef enum
{
  FIELD_RANK,
  FIELD_CODE,
  FIELD_TITLE,
  FIELD_EVALUATIONS,
  FIELD_MEAN,
  FIELD_Z_MEAN,
  FIELD_SPREAD,
  FIELD_DISAGREEMENT,
} Field;

static const struct
{
  const char *name;
  /* The row's properties shown, and given as tooltip (or NULL) */
  const char *property;
  const char *tooltip;
  float       xalign;
  /* Digits of the same width */
  gboolean    numeric;
  /* The cell's width in characters; 0 for one of its own */
  guint       width_chars;
} fields[] = {
  [FIELD_RANK] = { "rank", "rank-text", NULL, 1.0, TRUE, 5 },
  [FIELD_CODE] = { "code", "code", NULL, 0.0, FALSE, 7 },
  [FIELD_TITLE] = { "title", "title", "title", 0.0, FALSE, 16 },
  [FIELD_EVALUATIONS] = { "evaluations", "evaluations-text", "progress-text", 1.0, TRUE, 0 },
  [FIELD_MEAN] = { "mean", "mean-text", NULL, 1.0, TRUE, 5 },
  [FIELD_Z_MEAN] = { "z-mean", "z-text", NULL, 1.0, TRUE, 5 },
  [FIELD_SPREAD] = { "spread", "spread-text", NULL, 1.0, TRUE, 5 },
  [FIELD_DISAGREEMENT] = { "disagreement", "disagreement-text", "reasons", 0.0, FALSE, 0 },
};

struct _NawatRankingCell
{
  GtkWidget             parent_instance;

  Field                 field;
  NawatDashboardRow    *row;
  gulong                changed_id;
  char                 *text;
  /* The "partial" pill, or the flag's icon */
  gboolean              mark;
  guint                 width_chars;

  /* Laid out when drawn, at @layout_width */
  PangoLayout          *layout;
  int                   layout_width;
  PangoLayout          *mark_layout;

  /* What the font gives, until it changes */
  PangoFontDescription *font;
  int                   line_height;
  int                   char_width;
  int                   mark_width;
  int                   text_width;
};

G_DEFINE_FINAL_TYPE (NawatRankingCell, nawat_ranking_cell, GTK_TYPE_WIDGET)

enum {
  CELL_PROP_0,
  CELL_PROP_FIELD,
  CELL_PROP_ROW,
  CELL_N_PROPS
};

static GParamSpec *cell_properties[CELL_N_PROPS];

static PangoLayout *
new_layout (NawatRankingCell *self,
            const char       *text,
            double            scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* As the "numeric" style class has it */
  if (fields[self->field].numeric)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static int
text_width (NawatRankingCell *self,
            const char       *text,
            double            scale)
{
  g_autoptr(PangoLayout) layout = new_layout (self, text, scale);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Measured once per font, for every row alike */
static void
ensure_metrics (NawatRankingCell *self)
{
  PangoContext *context;
  PangoFontMetrics *metrics;
  g_autoptr(PangoLayout) sample = NULL;
  g_autofree char *evaluations = NULL;

  if (self->line_height > 0)
    return;

  /* Thai marks above and below the line count in its height. */
  sample = new_layout (self, "Ág ทั้งปี่", 1.0);
  pango_layout_get_pixel_size (sample, NULL, &self->line_height);
  self->line_height = MAX (self->line_height, 1);

  /* As GtkLabel:width-chars counts */
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                             pango_font_metrics_get_approximate_digit_width (metrics)));
  pango_font_metrics_unref (metrics);

  switch (self->field)
    {
    case FIELD_EVALUATIONS:
      self->mark_width = text_width (self, _nawat_dashboard_row_get_partial_label (), CAPTION_SCALE);
      evaluations = nawat_vocabulary_dup_evaluations_of (88, 88, NULL);
      self->text_width = text_width (self, evaluations, 1.0);
      break;
    case FIELD_DISAGREEMENT:
      self->mark_width = ICON_SIZE;
      self->text_width = text_width (self, _nawat_dashboard_row_get_flagged_label (), 1.0);
      break;
    case FIELD_RANK:
    case FIELD_CODE:
    case FIELD_TITLE:
    case FIELD_MEAN:
    case FIELD_Z_MEAN:
    case FIELD_SPREAD:
    default:
      self->mark_width = 0;
      self->text_width = 0;
      break;
    }
}

static void
forget_layouts (NawatRankingCell *self)
{
  g_clear_object (&self->layout);
  g_clear_object (&self->mark_layout);
}

static void
nawat_ranking_cell_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (nawat_ranking_cell_parent_class)->css_changed (widget, change);

  /* A row's hover or selection changes the colour, drawn as it is */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && font != NULL && pango_font_description_equal (font, self->font))
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  self->line_height = 0;
  forget_layouts (self);
  gtk_widget_queue_resize (widget);
}

/* The text of the field, what the table shows */

static void
update_text (NawatRankingCell *self)
{
  g_autofree char *text = NULL;
  g_autofree char *spoken = NULL;
  gboolean mark = FALSE;

  if (self->row != NULL)
    {
      g_object_get (self->row, fields[self->field].property, &text, NULL);
      if (self->field == FIELD_EVALUATIONS)
        g_object_get (self->row, "partial", &mark, NULL);
      else if (self->field == FIELD_DISAGREEMENT)
        g_object_get (self->row, "disagreement", &mark, NULL);
    }

  if (g_strcmp0 (text, self->text) == 0 && mark == self->mark)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&text);
  self->mark = mark;
  g_clear_object (&self->layout);

  if (self->mark && self->field == FIELD_EVALUATIONS)
    spoken = g_strjoin (" ", _nawat_dashboard_row_get_partial_label (), self->text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken != NULL ? spoken : self->text != NULL ? self->text : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Ranks and codes as long as the call's longest */
static void
update_width_chars (NawatRankingCell *self)
{
  guint width_chars = fields[self->field].width_chars;

  if (self->row != NULL && self->field == FIELD_RANK)
    {
      /* "=" and the digits of the last rank */
      guint digits = 1;

      for (guint n = self->row->snapshot->n_projects; n >= 10; n /= 10)
        digits++;
      width_chars = MAX (width_chars, digits + 1);
    }
  else if (self->row != NULL && self->field == FIELD_CODE)
    width_chars = MAX (width_chars, self->row->snapshot->code_chars);

  if (width_chars != self->width_chars)
    {
      self->width_chars = width_chars;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

/* GTK 4.8 names a list's row after its type: the title's cell names its
 * row as a reader should say it (rank, code, title and mean).
 */
static void
name_list_row (NawatRankingCell *self)
{
  g_autofree char *spoken = NULL;

  if (self->field != FIELD_TITLE || self->row == NULL)
    return;
  g_object_get (self->row, "spoken", &spoken, NULL);
  nawat_accessible_name_list_rows (GTK_WIDGET (self), spoken);
}

static void
on_row_changed_cb (NawatRankingCell  *self,
                   NawatDashboardRow *row)
{
  update_text (self);
  name_list_row (self);
}

static void
nawat_ranking_cell_set_row (NawatRankingCell  *self,
                            NawatDashboardRow *row)
{
  if (self->row == row)
    return;

  g_clear_signal_handler (&self->changed_id, self->row);
  g_set_object (&self->row, row);
  if (row != NULL)
    self->changed_id = g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  update_width_chars (self);
  update_text (self);
  name_list_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), cell_properties[CELL_PROP_ROW]);
}

/* Size: from the font alone */

static void
nawat_ranking_cell_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (widget);

  ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = self->field == FIELD_DISAGREEMENT ? MAX (self->line_height, ICON_SIZE)
                                                              : self->line_height;
      return;
    }

  switch (self->field)
    {
    case FIELD_EVALUATIONS:
      *minimum = *natural = self->mark_width + GAP + self->text_width;
      break;
    case FIELD_DISAGREEMENT:
      /* The text is cut short before the icon */
      *minimum = ICON_SIZE;
      *natural = ICON_SIZE + GAP + self->text_width;
      break;
    case FIELD_RANK:
    case FIELD_CODE:
    case FIELD_TITLE:
    case FIELD_MEAN:
    case FIELD_Z_MEAN:
    case FIELD_SPREAD:
    default:
      *minimum = *natural = self->char_width * MAX (self->width_chars, fields[self->field].width_chars);
      break;
    }
}

/* Drawing: the rows on screen only */

static void
get_color (GtkWidget  *widget,
           const char *name,
           GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (name == NULL || !gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             int            x,
             int            height,
             const GdkRGBA *color)
{
  int layout_height;

  pango_layout_get_pixel_size (layout, NULL, &layout_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - layout_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_icon (NawatRankingCell *self,
           GtkSnapshot      *snapshot,
           int               x,
           int               height,
           const GdkRGBA    *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA colors[4];

  icon = gtk_icon_theme_lookup_icon (theme, "dialog-warning-symbolic", NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  colors[0] = *color;
  get_color (widget, "error_color", &colors[1]);
  colors[2] = *color;
  get_color (widget, "success_color", &colors[3]);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - ICON_SIZE) / 2));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

static void
nawat_ranking_cell_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  float xalign = rtl ? 1.0f - fields[self->field].xalign : fields[self->field].xalign;
  int lead = 0;
  int text_w = 0;
  int start;
  GdkRGBA color;
  GdkRGBA warning;

  ensure_metrics (self);
  if (self->mark)
    lead = self->mark_width + GAP;

  if (self->text != NULL && *self->text != '\0' && width - lead > 0)
    {
      if (self->layout == NULL || self->layout_width != width - lead)
        {
          g_clear_object (&self->layout);
          self->layout = new_layout (self, self->text, 1.0);
          self->layout_width = width - lead;
          pango_layout_set_width (self->layout, self->layout_width * PANGO_SCALE);
          pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
        }
      pango_layout_get_pixel_size (self->layout, &text_w, NULL);
    }
  else
    g_clear_object (&self->layout);

  get_color (widget, NULL, &color);
  get_color (widget, "warning_color", &warning);
  start = (int) ((width - lead - text_w) * xalign);
  start = MAX (start, 0);

  if (self->mark)
    {
      int mark_x = rtl ? start + text_w + GAP : start;

      if (self->field == FIELD_DISAGREEMENT)
        draw_icon (self, snapshot, mark_x, height, &warning);
      else
        {
          if (self->mark_layout == NULL)
            self->mark_layout = new_layout (self, _nawat_dashboard_row_get_partial_label (),
                                            CAPTION_SCALE);
          draw_layout (snapshot, self->mark_layout, mark_x, height, &warning);
        }
    }

  if (self->layout != NULL)
    draw_layout (snapshot, self->layout, rtl ? start : start + lead, height, &color);
}

static gboolean
nawat_ranking_cell_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_tooltip,
                                  GtkTooltip *tooltip)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (widget);
  g_autofree char *text = NULL;

  if (self->row == NULL || fields[self->field].tooltip == NULL)
    return FALSE;
  g_object_get (self->row, fields[self->field].tooltip, &text, NULL);
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
nawat_ranking_cell_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (object);

  switch (prop_id)
    {
    case CELL_PROP_FIELD:
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (g_strcmp0 (g_value_get_string (value), fields[i].name) == 0)
          self->field = i;
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), fields[self->field].tooltip != NULL);
      self->width_chars = fields[self->field].width_chars;
      self->line_height = 0;
      update_text (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case CELL_PROP_ROW:
      nawat_ranking_cell_set_row (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_ranking_cell_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (object);

  switch (prop_id)
    {
    case CELL_PROP_FIELD:
      g_value_set_string (value, fields[self->field].name);
      break;
    case CELL_PROP_ROW:
      g_value_set_object (value, self->row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_ranking_cell_dispose (GObject *object)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (object);

  g_clear_signal_handler (&self->changed_id, self->row);
  g_clear_object (&self->row);
  forget_layouts (self);

  G_OBJECT_CLASS (nawat_ranking_cell_parent_class)->dispose (object);
}

static void
nawat_ranking_cell_finalize (GObject *object)
{
  NawatRankingCell *self = NAWAT_RANKING_CELL (object);

  g_free (self->text);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (nawat_ranking_cell_parent_class)->finalize (object);
}

/* Given its row before its list row was in the list: named now */
static void
nawat_ranking_cell_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (nawat_ranking_cell_parent_class)->root (widget);
  name_list_row (NAWAT_RANKING_CELL (widget));
}

static void
nawat_ranking_cell_class_init (NawatRankingCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = nawat_ranking_cell_set_property;
  object_class->get_property = nawat_ranking_cell_get_property;
  object_class->dispose = nawat_ranking_cell_dispose;
  object_class->finalize = nawat_ranking_cell_finalize;
  widget_class->measure = nawat_ranking_cell_measure;
  widget_class->snapshot = nawat_ranking_cell_snapshot;
  widget_class->css_changed = nawat_ranking_cell_css_changed;
  widget_class->query_tooltip = nawat_ranking_cell_query_tooltip;
  widget_class->root = nawat_ranking_cell_root;

  /* One of fields[].name */
  cell_properties[CELL_PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, "rank",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  cell_properties[CELL_PROP_ROW] =
    g_param_spec_object ("row", NULL, NULL, NAWAT_TYPE_DASHBOARD_ROW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CELL_N_PROPS, cell_properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
nawat_ranking_cell_init (NawatRankingCell *self)
{
  self->width_chars = fields[FIELD_RANK].width_chars;
}

const char *
nawat_ranking_cell_get_field (NawatRankingCell *self)
{
  g_return_val_if_fail (NAWAT_IS_RANKING_CELL (self), NULL);

  return fields[self->field].name;
}

const char *
nawat_ranking_cell_get_text (NawatRankingCell *self)
{
  g_return_val_if_fail (NAWAT_IS_RANKING_CELL (self), NULL);

  return self->text;
}

NawatDashboardRow *
nawat_ranking_cell_get_row (NawatRankingCell *self)
{
  g_return_val_if_fail (NAWAT_IS_RANKING_CELL (self), NULL);

  return self->row;
}
