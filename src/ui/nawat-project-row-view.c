/* nawat-project-row-view.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-project-row-view.h"
#include "nawat-project-row-view-private.h"
#include "nawat-text.h"
#include "nawat-vocabulary.h"

/* Below this width the province and the domain give their room to the title. */
#define NARROW_WIDTH 520

#define PADDING_X 14
#define PADDING_Y 10
#define GAP 12
#define LINE_GAP 2
#define PILL_PADDING_X 10
#define PILL_PADDING_Y 2

/* Font sizes relative to the row's, as the style sheet's classes have them */
#define CODE_SCALE 0.9
#define CAPTION_SCALE 0.82
#define PILL_SCALE 0.8
#define TITLE_WEIGHT 600
/* The title wraps to at most this many lines. */
#define TITLE_LINES 2

/* What the font gives every row: measured once per font, not per row. */
typedef struct
{
  char *font;
  int   title_line_height;
  int   caption_height;
  int   pill_height;
  int   code_width;
  int   place_width;
  /* The widest status pill: statuses are named in the interface's
   * language, so measured for it too.
   */
  const char *status_key;
  int   status_width;
} Metrics;

static const NawatProjectStatus statuses[] = {
  NAWAT_PROJECT_STATUS_NOT_STARTED,
  NAWAT_PROJECT_STATUS_DRAFT,
  NAWAT_PROJECT_STATUS_SUBMITTED,
  NAWAT_PROJECT_STATUS_CONFLICT,
};

struct _NawatProjectRowView
{
  GtkWidget        parent_instance;

  NawatProjectRow *row;
  gulong           notify_id;
  char            *language;
  char            *text;
  /* The id of the project open in the window */
  char            *open_id;
  /* What the font gives, until the style changes */
  const Metrics   *metrics;
};

G_DEFINE_FINAL_TYPE (NawatProjectRowView, nawat_project_row_view, GTK_TYPE_WIDGET)

static Metrics metrics;

static PangoLayout *
new_layout (GtkWidget  *widget,
            const char *text,
            double      scale,
            int         weight)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (weight != PANGO_WEIGHT_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static int
text_width (GtkWidget  *widget,
            const char *text,
            double      scale,
            int         weight,
            int        *height)
{
  g_autoptr(PangoLayout) layout = new_layout (widget, text, scale, weight);
  int width;

  pango_layout_get_pixel_size (layout, &width, height);
  return width;
}

static void
measure_statuses (GtkWidget *widget)
{
  metrics.status_width = 0;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      int height;

      metrics.status_width = MAX (metrics.status_width,
                                  text_width (widget, nawat_project_status_label (statuses[i]),
                                              PILL_SCALE, PANGO_WEIGHT_BOLD, &height));
    }
  metrics.status_width += 2 * PILL_PADDING_X;
}

static const Metrics *
get_metrics (GtkWidget *widget)
{
  NawatProjectRowView *self = NAWAT_PROJECT_ROW_VIEW (widget);
  PangoContext *context;
  g_autofree char *font = NULL;
  /* The translation's own string: another language, another pointer */
  const char *status_key = nawat_project_status_label (NAWAT_PROJECT_STATUS_CONFLICT);

  /* Asked for by every measure and drawing of every row: the font is
   * looked at again only when the style changes.
   */
  if (self->metrics != NULL && self->metrics->status_key == status_key)
    return self->metrics;

  context = gtk_widget_get_pango_context (widget);
  font = pango_font_description_to_string (pango_context_get_font_description (context));
  if (g_strcmp0 (font, metrics.font) != 0 || status_key != metrics.status_key)
    {
      int height;

      /* Thai marks above and below the line count in its height. */
      text_width (widget, "Ág ทั้งปี่", 1.0, TITLE_WEIGHT, &metrics.title_line_height);
      text_width (widget, "Ág ทั้งปี่", CAPTION_SCALE, PANGO_WEIGHT_NORMAL, &metrics.caption_height);
      text_width (widget, "Ág ทั้งปี่", PILL_SCALE, PANGO_WEIGHT_BOLD, &metrics.pill_height);
      metrics.pill_height += 2 * PILL_PADDING_Y;
      metrics.code_width = text_width (widget, "0000000", CODE_SCALE, PANGO_WEIGHT_NORMAL, &height);
      metrics.place_width = text_width (widget, "mmmmmmmmmmmmmmmmmmmm", CAPTION_SCALE,
                                        PANGO_WEIGHT_NORMAL, &height);
      measure_statuses (widget);
      metrics.status_key = status_key;
      g_free (metrics.font);
      metrics.font = g_steal_pointer (&font);
    }

  self->metrics = &metrics;
  return &metrics;
}

const char *
nawat_project_status_label (NawatProjectStatus status)
{
  return nawat_vocabulary_project_status (status, NULL);
}

/* The title in the other language, unless it is the one shown as fallback. */
static const char *
other_title (NawatProjectRowView *self)
{
  const char *title = nawat_project_row_get_title (self->row, self->language);
  const char *other = g_strcmp0 (self->language, "th") == 0
    ? nawat_project_row_get_title_en (self->row)
    : nawat_project_row_get_title_th (self->row);

  if (other == NULL || *other == '\0' || g_strcmp0 (other, title) == 0)
    return NULL;

  return other;
}

static const char *
subtitle_text (NawatProjectRowView *self)
{
  const char *organisation = nawat_project_row_get_organisation (self->row);

  if (organisation != NULL && *organisation != '\0')
    return organisation;

  return other_title (self);
}

static const char *
province_text (NawatProjectRowView *self)
{
  const char *code = nawat_project_row_get_province (self->row);
  const NawatProvince *province = nawat_province_lookup (code);

  return province != NULL ? nawat_province_get_label (province, self->language) : code;
}

static const char *
domain_text (NawatProjectRowView *self)
{
  const char *key = nawat_project_row_get_primary_domain (self->row);
  int index = nawat_domain_index (key);

  return index >= 0 ? nawat_term_get_label (&nawat_domains ()[index], self->language) : key;
}

static gboolean
is_loaded (NawatProjectRowView *self)
{
  return self->row != NULL && !nawat_project_row_get_loading (self->row);
}

static void
update_text (NawatProjectRowView *self)
{
  GString *text = g_string_new (NULL);

  if (self->row == NULL)
    ;
  else if (!is_loaded (self))
    g_string_append (text, _("Loading…"));
  else
    {
      const char *parts[] = {
        nawat_project_row_get_code (self->row),
        nawat_project_row_get_title (self->row, self->language),
        subtitle_text (self),
        province_text (self),
        domain_text (self),
        nawat_project_status_label (nawat_project_row_get_status (self->row)),
      };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          if (parts[i] == NULL || *parts[i] == '\0')
            continue;
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, parts[i]);
        }
    }

  /* A row filled in tells each of its fields: say it once. */
  if (g_strcmp0 (self->text, text->str) == 0)
    {
      g_string_free (text, TRUE);
      return;
    }

  g_free (self->text);
  self->text = g_string_free (text, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  -1);
  /* The list's row takes the focus and is what a reader announces; GTK 4.8
   * has no way to name it (GtkListItem is not accessible before GTK 4.12)
   * but through the widget that holds this view.
   */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                    -1);
}

/* The open project's row is the selected one, for a reader (the list
 * itself selects nothing: rows are activated).  The list may fill this
 * row with another project: it follows.
 */
static void
update_open (NawatProjectRowView *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  gboolean open = is_loaded (self) && self->open_id != NULL &&
                  g_strcmp0 (nawat_project_row_get_id (self->row), self->open_id) == 0;

  if (parent != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (parent),
                                 GTK_ACCESSIBLE_STATE_SELECTED, open,
                                 -1);
}

static void
on_row_notify_cb (NawatProjectRowView *self,
                  GParamSpec          *pspec,
                  NawatProjectRow     *row)
{
  update_text (self);
  update_open (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Layout */

/* Where the parts of a row go.  Wide, from the start: the code, the title
 * over the caption (organisation, other title or search snippet), the
 * province over the domain, the status.  Narrow, the title takes the
 * whole width and the caption line holds the code and the status too.
 */
typedef struct
{
  int      code_x;
  int      text_x;
  int      text_width;
  int      caption_x;
  int      caption_width;
  int      place_x;
  int      place_width;
  int      status_x;
  int      status_width;
  gboolean narrow;
} Columns;

static int
mirror (int width,
        int x,
        int w)
{
  return width - x - w;
}

static void
get_columns (NawatProjectRowView *self,
             const Metrics       *m,
             Columns             *c)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  c->narrow = width < NARROW_WIDTH;
  c->code_x = PADDING_X;
  if (c->narrow)
    {
      c->text_x = PADDING_X;
      c->text_width = MAX (0, width - 2 * PADDING_X);
      c->caption_x = c->code_x + m->code_width + GAP;
      /* The caption gives up its room before a status is cut (large
       * text in a narrow list).
       */
      c->status_width = MIN (m->status_width, MAX (0, width - PADDING_X - c->caption_x));
      c->status_x = width - PADDING_X - c->status_width;
      c->caption_width = MAX (0, c->status_x - GAP - c->caption_x);
      c->place_width = 0;
      c->place_x = c->status_x;
    }
  else
    {
      c->text_x = c->code_x + m->code_width + GAP;
      c->status_width = m->status_width;
      c->status_x = width - PADDING_X - c->status_width;
      c->place_width = m->place_width;
      c->place_x = c->status_x - GAP - c->place_width;
      c->text_width = MAX (0, c->place_x - GAP - c->text_x);
      c->caption_x = c->text_x;
      c->caption_width = c->text_width;
    }

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    {
      c->code_x = mirror (width, c->code_x, m->code_width);
      c->text_x = mirror (width, c->text_x, c->text_width);
      c->caption_x = mirror (width, c->caption_x, c->caption_width);
      c->place_x = mirror (width, c->place_x, c->place_width);
      c->status_x = mirror (width, c->status_x, c->status_width);
    }
}

static int
caption_line_height (const Metrics *m)
{
  return MAX (m->caption_height, m->pill_height);
}

/* The same for every row, whatever its text: the list view measures none. */
static int
row_height (const Metrics *m)
{
  return 2 * PADDING_Y + TITLE_LINES * m->title_line_height + LINE_GAP + caption_line_height (m);
}

static void
nawat_project_row_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  const Metrics *m = get_metrics (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = row_height (m);
      return;
    }

  *minimum = 2 * PADDING_X + 120;
  *natural = 2 * PADDING_X + m->code_width + GAP + 360 + GAP + m->place_width + GAP +
             m->status_width;
}

/* Drawing */

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
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           int            x,
           int            y,
           const GdkRGBA *color,
           double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &c);
  gtk_snapshot_restore (snapshot);
}

/* A layout of @text on one line of @width, ellipsized; NULL when there is
 * nothing to show.
 */
static PangoLayout *
line_layout (NawatProjectRowView *self,
             const char          *text,
             double               scale,
             int                  weight,
             int                  width)
{
  PangoLayout *layout;

  if (text == NULL || *text == '\0' || width <= 0)
    return NULL;

  layout = new_layout (GTK_WIDGET (self), text, scale, weight);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
draw_line (NawatProjectRowView *self,
           GtkSnapshot         *snapshot,
           const char          *text,
           double               scale,
           int                  weight,
           int                  x,
           int                  y,
           int                  width,
           const GdkRGBA       *color,
           double               alpha)
{
  g_autoptr(PangoLayout) layout = line_layout (self, text, scale, weight, width);

  if (layout != NULL)
    draw_text (snapshot, layout, x, y, color, alpha);
}

/* The search snippet, its matches in bold, after the name of the text it
 * comes from; NULL when the row has none.  From its first match on, with
 * @from_match, and "…" for what is left out before.
 */
static char *
snippet_markup (NawatProjectRowView *self,
                gboolean             from_match)
{
  NawatProjectMatch match;
  GArray *ranges;
  const char *snippet = nawat_project_row_get_snippet (self->row, &match, &ranges);
  const char *names[] = {
    [NAWAT_PROJECT_MATCH_NONE] = NULL,
    [NAWAT_PROJECT_MATCH_ORGANISATION] = _("Organisation"),
    [NAWAT_PROJECT_MATCH_TITLE] = _("Title"),
    [NAWAT_PROJECT_MATCH_SUMMARY] = _("Summary"),
    [NAWAT_PROJECT_MATCH_PARTNERS] = _("Partners"),
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *after = NULL;
  gsize done = 0;

  if (snippet == NULL || (guint) match >= G_N_ELEMENTS (names) || names[match] == NULL)
    return NULL;

  if (from_match && ranges != NULL && ranges->len > 0 &&
      g_array_index (ranges, NawatTextRange, 0).start > 0)
    {
      done = g_array_index (ranges, NawatTextRange, 0).start;
      g_string_append (text, "…");
    }

  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const NawatTextRange *range = &g_array_index (ranges, NawatTextRange, i);
      g_autofree char *before = g_markup_escape_text (snippet + done, range->start - done);
      g_autofree char *matched = g_markup_escape_text (snippet + range->start,
                                                       range->end - range->start);

      g_string_append_printf (text, "%s<b>%s</b>", before, matched);
      done = range->end;
    }
  after = g_markup_escape_text (snippet + done, -1);
  g_string_append (text, after);

  name = g_markup_escape_text (names[match], -1);
  /* Translators: where a search matched a project, when not in its
   * title: the name of the text ("Summary"), then a part of it.
   */
  return g_strdup_printf (_("%s: %s"), name, text->str);
}

/* Sets @markup as the text of @layout, at the size @scale of the row's
 * (markup replaces the layout's attributes).
 */
static void
set_markup (PangoLayout *layout,
            const char  *markup,
            double       scale)
{
  PangoAttrList *attrs;

  pango_layout_set_markup (layout, markup, -1);
  attrs = pango_layout_get_attributes (layout);
  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  pango_attr_list_insert_before (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* The width of "…" in the font of @layout. */
static int
ellipsis_width (PangoLayout *layout)
{
  g_autoptr(PangoLayout) ellipsis = pango_layout_copy (layout);
  int width;

  pango_layout_set_text (ellipsis, "…", -1);
  pango_layout_get_pixel_size (ellipsis, &width, NULL);

  return width;
}

/* Where the first bold text of @layout ends, in pixels from its start,
 * on one line however long.
 */
static int
first_bold_end (PangoLayout *layout)
{
  g_autoptr(PangoLayout) whole = pango_layout_copy (layout);
  PangoAttrList *list = pango_layout_get_attributes (layout);
  GSList *attrs = list != NULL ? pango_attr_list_get_attributes (list) : NULL;
  PangoRectangle pos = { 0 };

  pango_layout_set_width (whole, -1);
  for (GSList *l = attrs; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_WEIGHT)
        {
          pango_layout_index_to_pos (whole, attr->end_index, &pos);
          break;
        }
    }
  g_slist_free_full (attrs, (GDestroyNotify) pango_attribute_destroy);

  return PANGO_PIXELS (pos.x);
}

/* The search snippet on one line of the caption's width, its first match
 * in view: the words before it give way when the line is too short.  NULL
 * when the row shows none.
 */
static PangoLayout *
snippet_layout (NawatProjectRowView *self,
                const Columns       *c)
{
  g_autofree char *markup = snippet_markup (self, FALSE);
  g_autofree char *from_match = NULL;
  PangoLayout *layout;

  if (markup == NULL)
    return NULL;

  layout = line_layout (self, " ", CAPTION_SCALE, PANGO_WEIGHT_NORMAL, c->caption_width);
  if (layout == NULL)
    return NULL;

  set_markup (layout, markup, CAPTION_SCALE);
  if (pango_layout_is_ellipsized (layout) &&
      first_bold_end (layout) > c->caption_width - ellipsis_width (layout))
    {
      from_match = snippet_markup (self, TRUE);
      set_markup (layout, from_match, CAPTION_SCALE);
    }

  return layout;
}

static void
draw_caption (NawatProjectRowView *self,
              GtkSnapshot         *snapshot,
              const Columns       *c,
              int                  y,
              const GdkRGBA       *fg)
{
  g_autoptr(PangoLayout) layout = snippet_layout (self, c);

  if (layout != NULL)
    draw_text (snapshot, layout, c->caption_x, y, fg, 0.75);
  else
    draw_line (self, snapshot, subtitle_text (self), CAPTION_SCALE, PANGO_WEIGHT_NORMAL,
               c->caption_x, y, c->caption_width, fg, 0.55);
}

/* The title wraps to two lines, then ends in an ellipsis; NULL when there
 * is none.
 */
static PangoLayout *
title_layout (NawatProjectRowView *self,
              const Columns       *c)
{
  PangoLayout *title = line_layout (self, nawat_project_row_get_title (self->row, self->language),
                                    1.0, TITLE_WEIGHT, c->text_width);

  if (title != NULL)
    {
      pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (title, -TITLE_LINES);
    }

  return title;
}

/* @status's label, as a pill of @c's status column shows it */
static PangoLayout *
new_status_layout (NawatProjectRowView *self,
                   const Columns       *c,
                   NawatProjectStatus   status)
{
  PangoLayout *layout = new_layout (GTK_WIDGET (self), nawat_project_status_label (status),
                                    PILL_SCALE, PANGO_WEIGHT_BOLD);

  pango_layout_set_width (layout, MAX (0, c->status_width - 2 * PILL_PADDING_X) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

/* Whether every status fits its pill whole in the row as it is now */
gboolean
nawat_project_row_view_get_statuses_fit (NawatProjectRowView *self)
{
  Columns c;

  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW_VIEW (self), FALSE);

  get_columns (self, get_metrics (GTK_WIDGET (self)), &c);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(PangoLayout) layout = new_status_layout (self, &c, statuses[i]);

      if (pango_layout_is_ellipsized (layout))
        return FALSE;
    }

  return TRUE;
}

static void
draw_status (NawatProjectRowView *self,
             GtkSnapshot         *snapshot,
             const Columns       *c,
             int                  y,
             int                  height)
{
  static const char * const colors[] = {
    [NAWAT_PROJECT_STATUS_NOT_STARTED] = NULL,
    [NAWAT_PROJECT_STATUS_DRAFT] = "warning_color",
    [NAWAT_PROJECT_STATUS_SUBMITTED] = "success_color",
    [NAWAT_PROJECT_STATUS_CONFLICT] = "error_color",
  };
  NawatProjectStatus status = nawat_project_row_get_status (self->row);
  g_autoptr(PangoLayout) layout = NULL;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  GskRoundedRect pill;
  GdkRGBA color;
  GdkRGBA background;
  int text_width;
  int text_height;
  int pill_width;
  int pill_height;
  int x;

  get_color (GTK_WIDGET (self), (guint) status < G_N_ELEMENTS (colors) ? colors[status] : NULL,
             &color);
  background = color;
  background.alpha *= status == NAWAT_PROJECT_STATUS_NOT_STARTED ? 0.08 : 0.18;
  if (status == NAWAT_PROJECT_STATUS_NOT_STARTED)
    color.alpha *= 0.7;

  layout = new_status_layout (self, c, status);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  pill_width = text_width + 2 * PILL_PADDING_X;
  pill_height = text_height + 2 * PILL_PADDING_Y;
  x = rtl ? c->status_x : c->status_x + c->status_width - pill_width;

  gsk_rounded_rect_init_from_rect (&pill,
                                   &GRAPHENE_RECT_INIT (x, y + (height - pill_height) / 2,
                                                        pill_width, pill_height),
                                   pill_height / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &background, &pill.bounds);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (x + PILL_PADDING_X,
                                               y + (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
nawat_project_row_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  NawatProjectRowView *self = NAWAT_PROJECT_ROW_VIEW (widget);
  const Metrics *m = get_metrics (widget);
  int height = gtk_widget_get_height (widget);
  int caption_height = caption_line_height (m);
  g_autoptr(PangoLayout) title = NULL;
  int title_height;
  int top;
  int second;
  Columns c;
  GdkRGBA fg;

  if (self->row == NULL)
    return;

  get_color (widget, NULL, &fg);
  get_columns (self, m, &c);

  if (!is_loaded (self))
    {
      draw_line (self, snapshot, _("Loading…"), 1.0, PANGO_WEIGHT_NORMAL,
                 c.text_x, (height - m->title_line_height) / 2, c.text_width, &fg, 0.55);
      return;
    }

  /* The block of the title and the caption line stays in the middle of
   * the row.
   */
  title = title_layout (self, &c);
  title_height = m->title_line_height *
    MIN (TITLE_LINES, title != NULL ? pango_layout_get_line_count (title) : 1);
  top = (height - (title_height + LINE_GAP + caption_height)) / 2;
  second = top + title_height + LINE_GAP;

  if (title != NULL)
    draw_text (snapshot, title, c.text_x, top, &fg, 1.0);
  draw_line (self, snapshot, nawat_project_row_get_code (self->row), CODE_SCALE,
             PANGO_WEIGHT_NORMAL, c.code_x,
             c.narrow ? second + (caption_height - m->caption_height) / 2
                      : (height - m->caption_height) / 2,
             m->code_width, &fg, 0.55);
  draw_caption (self, snapshot, &c, second + (caption_height - m->caption_height) / 2, &fg);
  if (c.narrow)
    draw_status (self, snapshot, &c, second, caption_height);
  else
    {
      draw_line (self, snapshot, province_text (self), CAPTION_SCALE, PANGO_WEIGHT_NORMAL,
                 c.place_x, top, c.place_width, &fg, 1.0);
      draw_line (self, snapshot, domain_text (self), CAPTION_SCALE, PANGO_WEIGHT_NORMAL,
                 c.place_x, top + m->title_line_height, c.place_width, &fg, 0.55);
      draw_status (self, snapshot, &c, 0, height);
    }
}

/* The title in the other language over the title; the whole text of the
 * province and the domain over theirs.
 */
static gboolean
nawat_project_row_view_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard,
                                      GtkTooltip *tooltip)
{
  NawatProjectRowView *self = NAWAT_PROJECT_ROW_VIEW (widget);
  const Metrics *m;
  const char *text = NULL;
  Columns c;

  if (!is_loaded (self))
    return FALSE;

  m = get_metrics (widget);
  get_columns (self, m, &c);

  if (keyboard || (x >= c.text_x && x < c.text_x + c.text_width))
    text = other_title (self);
  else if (!c.narrow && x >= c.place_x && x < c.place_x + c.place_width)
    text = y < gtk_widget_get_height (widget) / 2 ? province_text (self) : domain_text (self);

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
nawat_project_row_view_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (nawat_project_row_view_parent_class)->css_changed (widget, change);

  /* A new font measures again the next time it is asked for. */
  NAWAT_PROJECT_ROW_VIEW (widget)->metrics = NULL;
  gtk_widget_queue_resize (widget);
}

static void
nawat_project_row_view_dispose (GObject *object)
{
  NawatProjectRowView *self = NAWAT_PROJECT_ROW_VIEW (object);

  nawat_project_row_view_set_row (self, NULL);

  G_OBJECT_CLASS (nawat_project_row_view_parent_class)->dispose (object);
}

static void
nawat_project_row_view_finalize (GObject *object)
{
  NawatProjectRowView *self = NAWAT_PROJECT_ROW_VIEW (object);

  g_free (self->language);
  g_free (self->text);
  g_free (self->open_id);

  G_OBJECT_CLASS (nawat_project_row_view_parent_class)->finalize (object);
}

static void
nawat_project_row_view_class_init (NawatProjectRowViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_project_row_view_dispose;
  object_class->finalize = nawat_project_row_view_finalize;

  widget_class->measure = nawat_project_row_view_measure;
  widget_class->snapshot = nawat_project_row_view_snapshot;
  widget_class->query_tooltip = nawat_project_row_view_query_tooltip;
  widget_class->css_changed = nawat_project_row_view_css_changed;

  gtk_widget_class_set_css_name (widget_class, "projectrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nawat_project_row_view_init (NawatProjectRowView *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
nawat_project_row_view_new (const char *language)
{
  NawatProjectRowView *self = g_object_new (NAWAT_TYPE_PROJECT_ROW_VIEW, NULL);

  self->language = g_strdup (language != NULL ? language : "en");

  return GTK_WIDGET (self);
}

void
nawat_project_row_view_set_row (NawatProjectRowView *self,
                                NawatProjectRow     *row)
{
  g_return_if_fail (NAWAT_IS_PROJECT_ROW_VIEW (self));
  g_return_if_fail (row == NULL || NAWAT_IS_PROJECT_ROW (row));

  if (self->row == row)
    return;

  if (self->row != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->row);
      g_clear_object (&self->row);
    }

  if (row != NULL)
    {
      self->row = g_object_ref (row);
      /* A row still loading fills in when its page arrives. */
      self->notify_id = g_signal_connect_object (row, "notify",
                                                 G_CALLBACK (on_row_notify_cb), self,
                                                 G_CONNECT_SWAPPED);
    }

  update_text (self);
  update_open (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
nawat_project_row_view_set_open (NawatProjectRowView *self,
                                 const char          *project_id)
{
  g_return_if_fail (NAWAT_IS_PROJECT_ROW_VIEW (self));

  if (nawat_set_str (&self->open_id, project_id))
    update_open (self);
}

NawatProjectRow *
nawat_project_row_view_get_row (NawatProjectRowView *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW_VIEW (self), NULL);

  return self->row;
}

const char *
nawat_project_row_view_get_text (NawatProjectRowView *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW_VIEW (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
_nawat_project_row_view_get_layouts (NawatProjectRowView  *self,
                                     PangoLayout         **title,
                                     PangoLayout         **snippet)
{
  Columns c;

  g_return_if_fail (NAWAT_IS_PROJECT_ROW_VIEW (self));

  *title = NULL;
  *snippet = NULL;
  if (!is_loaded (self))
    return;

  get_columns (self, get_metrics (GTK_WIDGET (self)), &c);
  *title = title_layout (self, &c);
  *snippet = snippet_layout (self, &c);
}
