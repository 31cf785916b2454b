/* nawat-pdf-view.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nawat-pdf-renderer.h"
#include "nawat-pdf-view-private.h"

/* The pages are widgets of their own (NawatPdfPage, below) in a vertical
 * box: each knows its size in points and draws the texture it was given,
 * stretched while a sharper one renders.  The view asks the renderer for
 * the pages near the one shown, keeps NAWAT_PDF_CACHE_PAGES of them and
 * drops those farthest away, and asks for every thumbnail after them.
 */

#define NAWAT_PDF_CACHE_PAGES 12
#define NAWAT_PDF_MARGIN      12
#define NAWAT_PDF_SPACING     12
#define NAWAT_PDF_THUMB_WIDTH 96
#define NAWAT_PDF_MIN_ZOOM    0.25
#define NAWAT_PDF_MAX_ZOOM    4.0

/* One page */

#define NAWAT_TYPE_PDF_PAGE (nawat_pdf_page_get_type ())
G_DECLARE_FINAL_TYPE (NawatPdfPage, nawat_pdf_page, NAWAT, PDF_PAGE, GtkWidget)

struct _NawatPdfPage
{
  GtkWidget     parent_instance;

  NawatPdfView *view;     /* weak: the view owns the page */
  guint         index;
  double        width, height;    /* points */
  double        scale;            /* pixels per point shown */
  GdkTexture   *texture;
  double        texture_scale;
  GArray       *matches;          /* NawatPdfRect of this page */
  int           current_match;    /* in matches, or -1 */
  GArray       *selection;        /* NawatPdfRect */
  double        drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (NawatPdfPage, nawat_pdf_page, GTK_TYPE_WIDGET)

struct _NawatPdfView
{
  AdwBin            parent_instance;

  NawatPdfRenderer *renderer;
  GtkWidget        *close_button;
  GtkWidget        *title_label;
  GtkWidget        *thumbs_button;
  GtkWidget        *page_entry;
  GtkWidget        *n_pages_label;
  GtkWidget        *zoom_button;
  GtkWidget        *continuous_button;
  GtkWidget        *search_button;
  GtkWidget        *copy_button;
  GtkWidget        *search_bar;
  GtkWidget        *search_entry;
  GtkWidget        *match_label;
  GtkWidget        *status_page;
  GtkWidget        *stack;
  GtkWidget        *thumbs_scroll;
  GtkWidget        *thumbs_list;
  GtkWidget        *scroll;
  GtkWidget        *pages_box;

  GPtrArray        *pages;       /* NawatPdfPage */
  GPtrArray        *thumbs;      /* GtkPicture */
  GError           *error;
  guint             page;
  double            scale;
  gboolean          fit_width;
  gboolean          continuous;
  gboolean          loaded;
  gboolean          can_copy;
  /* set while the view scrolls itself: the page is the one it went to */
  gboolean          scrolling;
  int               pending_page;   /* to scroll to once laid out, or -1 */
  guint             n_thumbnails;
  guint             fit_idle;
  GArray           *matches;        /* NawatPdfRect of every page */
  int               match;
  gboolean          finding;
  char             *selected_text;
};

G_DEFINE_FINAL_TYPE (NawatPdfView, nawat_pdf_view, ADW_TYPE_BIN)

enum
{
  SIGNAL_LOADED,
  SIGNAL_PLACE_CHANGED,
  SIGNAL_COPY_TO_COMMENT,
  SIGNAL_CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void nawat_pdf_view_select_rect (NawatPdfView       *self,
                                        const NawatPdfRect *rect);

static void
nawat_pdf_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  NawatPdfPage *self = NAWAT_PDF_PAGE (widget);
  double points = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;

  *minimum = *natural = MAX (1, (int) ceil (points * self->scale));
}

static void
append_rects (GtkSnapshot  *snapshot,
              GArray       *rects,
              double        scale,
              int           only,
              const GdkRGBA *color)
{
  for (guint i = 0; rects != NULL && i < rects->len; i++)
    {
      const NawatPdfRect *r = &g_array_index (rects, NawatPdfRect, i);

      if (only >= 0 && (int) i != only)
        continue;
      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (r->x * scale, r->y * scale,
                                                      r->width * scale, r->height * scale));
    }
}

static void
nawat_pdf_page_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  NawatPdfPage *self = NAWAT_PDF_PAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA match = { 1.0, 0.85, 0.0, 0.4 };
  GdkRGBA current = { 1.0, 0.5, 0.0, 0.5 };
  GdkRGBA selection = { 0.21, 0.52, 0.89, 0.35 };
  graphene_rect_t bounds;

  /* The pages out of sight are not drawn: a renderer may copy a
   * texture's pixels however clipped it is.
   */
  if (self->view != NULL && gtk_widget_compute_bounds (widget, self->view->scroll, &bounds)
      && (bounds.origin.y + bounds.size.height < 0
          || bounds.origin.y > gtk_widget_get_height (self->view->scroll)))
    return;

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture,
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
  else
    gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (0, 0, width, height));
  append_rects (snapshot, self->matches, self->scale, -1, &match);
  if (self->current_match >= 0)
    append_rects (snapshot, self->matches, self->scale, self->current_match, &current);
  append_rects (snapshot, self->selection, self->scale, -1, &selection);
}

static void
on_page_drag_begin_cb (GtkGestureDrag *gesture,
                       double          x,
                       double          y,
                       NawatPdfPage   *self)
{
  self->drag_x = x;
  self->drag_y = y;
}

static void
on_page_drag_end_cb (GtkGestureDrag *gesture,
                     double          dx,
                     double          dy,
                     NawatPdfPage   *self)
{
  NawatPdfRect rect;

  if (self->view == NULL || self->scale <= 0 || (fabs (dx) < 3 && fabs (dy) < 3))
    return;
  rect.page = self->index;
  rect.x = MIN (self->drag_x, self->drag_x + dx) / self->scale;
  rect.y = MIN (self->drag_y, self->drag_y + dy) / self->scale;
  rect.width = fabs (dx) / self->scale;
  rect.height = fabs (dy) / self->scale;
  nawat_pdf_view_select_rect (self->view, &rect);
}

static void
nawat_pdf_page_finalize (GObject *object)
{
  NawatPdfPage *self = NAWAT_PDF_PAGE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->selection, g_array_unref);
  G_OBJECT_CLASS (nawat_pdf_page_parent_class)->finalize (object);
}

static void
nawat_pdf_page_class_init (NawatPdfPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = nawat_pdf_page_finalize;
  widget_class->measure = nawat_pdf_page_measure;
  widget_class->snapshot = nawat_pdf_page_snapshot;
  gtk_widget_class_set_css_name (widget_class, "pdfpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nawat_pdf_page_init (NawatPdfPage *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->current_match = -1;
  self->matches = g_array_new (FALSE, FALSE, sizeof (NawatPdfRect));
  self->selection = g_array_new (FALSE, FALSE, sizeof (NawatPdfRect));
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "text");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_page_drag_begin_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_page_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

static NawatPdfPage *
nawat_pdf_page_new (NawatPdfView *view,
                    guint         index,
                    double        width,
                    double        height)
{
  NawatPdfPage *self = g_object_new (NAWAT_TYPE_PDF_PAGE, NULL);
  g_autofree char *label = NULL;

  self->view = view;
  self->index = index;
  self->width = width;
  self->height = height;
  self->scale = 1.0;
  /* Translators: the accessible name of a page of a document */
  label = g_strdup_printf (_("Page %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return self;
}

static void
nawat_pdf_page_set_scale (NawatPdfPage *self,
                          double        scale)
{
  if (self->scale == scale)
    return;
  self->scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The view */

static NawatPdfPage *
get_page (NawatPdfView *self,
          guint         index)
{
  return self->pages != NULL && index < self->pages->len ? self->pages->pdata[index] : NULL;
}

static double
render_scale (NawatPdfView *self)
{
  return self->scale * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* Where page @index begins in the scrolled box, in pixels. */
static double
page_top (NawatPdfView *self,
          guint         index)
{
  double top = NAWAT_PDF_MARGIN;

  if (!self->continuous)
    return top;
  for (guint i = 0; i < index && i < self->pages->len; i++)
    top += ceil (get_page (self, i)->height * self->scale) + NAWAT_PDF_SPACING;
  return top;
}

static void
update_page_label (NawatPdfView *self)
{
  g_autofree char *number = g_strdup_printf ("%u", self->page + 1);
  g_autofree char *of = NULL;
  g_autofree char *text = nawat_pdf_view_dup_page_text (self);

  /* Translators: after the entry of the page number: "of 12" pages */
  of = g_strdup_printf (_("of %u"), self->pages != NULL ? self->pages->len : 0);
  gtk_label_set_text (GTK_LABEL (self->n_pages_label), of);
  if (!gtk_widget_has_focus (self->page_entry)
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->page_entry)), number) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_zoom_label (NawatPdfView *self)
{
  g_autofree char *text = g_strdup_printf ("%d %%", (int) round (self->scale * 100));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->zoom_button), text);
}

/* Drops the renderings farthest from the page shown, beyond the cache. */
static void
trim_cache (NawatPdfView *self)
{
  guint n = 0;

  for (guint i = 0; i < self->pages->len; i++)
    if (get_page (self, i)->texture != NULL)
      n++;
  for (guint distance = self->pages->len; n > NAWAT_PDF_CACHE_PAGES && distance > 1; distance--)
    {
      NawatPdfPage *before = self->page >= distance ? get_page (self, self->page - distance) : NULL;
      NawatPdfPage *after = get_page (self, self->page + distance);

      if (before != NULL && before->texture != NULL)
        {
          g_clear_object (&before->texture);
          n--;
        }
      if (after != NULL && after->texture != NULL && n > NAWAT_PDF_CACHE_PAGES)
        {
          g_clear_object (&after->texture);
          n--;
        }
    }
}

/* Asks for the pages on screen, and one either side, at the zoom shown. */
static void
request_pages (NawatPdfView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroll));
  double top = gtk_adjustment_get_value (adjustment);
  double bottom = top + MAX (gtk_adjustment_get_page_size (adjustment), 1);
  double scale = render_scale (self);
  guint first = self->page, last = self->page;

  if (!self->loaded || self->pages->len == 0)
    return;
  if (self->continuous)
    {
      first = G_MAXUINT;
      for (guint i = 0; i < self->pages->len; i++)
        {
          double begin = page_top (self, i);
          double end = begin + get_page (self, i)->height * self->scale;

          if (end >= top && begin <= bottom)
            {
              first = MIN (first, i);
              last = i;
            }
        }
      if (first == G_MAXUINT)
        first = last = self->page;
    }
  first = first > 0 ? first - 1 : 0;
  last = MIN (last + 1, self->pages->len - 1);
  /* the page shown first, then the others */
  for (guint i = 0; i <= last - first + 1; i++)
    {
      guint index = i == 0 ? self->page : first + i - 1;
      NawatPdfPage *page = get_page (self, index);

      if (page != NULL && page->texture_scale != scale && index >= first && index <= last)
        nawat_pdf_renderer_render (self->renderer, index, scale, FALSE);
    }
}

static void
set_page (NawatPdfView *self,
          guint         page)
{
  if (self->pages == NULL || self->pages->len == 0)
    return;
  page = MIN (page, self->pages->len - 1);
  if (page == self->page)
    return;
  self->page = page;
  update_page_label (self);
  if (!self->continuous)
    for (guint i = 0; i < self->pages->len; i++)
      gtk_widget_set_visible (GTK_WIDGET (get_page (self, i)), i == page);
  if (self->thumbs->len > page)
    gtk_list_box_select_row (GTK_LIST_BOX (self->thumbs_list),
                             gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->thumbs_list),
                                                            (int) page));
  g_signal_emit (self, signals[SIGNAL_PLACE_CHANGED], 0);
}

static void
scroll_to (NawatPdfView *self,
           guint         page,
           double        offset)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroll));
  double value = page_top (self, page) - NAWAT_PDF_MARGIN + offset;

  self->scrolling = TRUE;
  gtk_adjustment_set_value (adjustment, value);
  self->scrolling = FALSE;
  /* Laid out later (after a zoom): scrolled once the box is as tall. */
  self->pending_page = value > gtk_adjustment_get_upper (adjustment)
                         - gtk_adjustment_get_page_size (adjustment) + 1 ? (int) page : -1;
}

/* Shows @page: scrolls to it, or shows it alone. */
static void
go_to_page (NawatPdfView *self,
            guint         page)
{
  if (self->pages == NULL || self->pages->len == 0)
    return;
  page = MIN (page, self->pages->len - 1);
  set_page (self, page);
  scroll_to (self, page, 0);
  request_pages (self);
}

static void
set_scale (NawatPdfView *self,
           double        scale,
           gboolean      fit_width)
{
  scale = CLAMP (scale, NAWAT_PDF_MIN_ZOOM, NAWAT_PDF_MAX_ZOOM);
  self->fit_width = fit_width;
  if (fabs (scale - self->scale) < 0.001)
    return;
  self->scale = scale;
  nawat_pdf_renderer_cancel_renders (self->renderer);
  for (guint i = 0; self->pages != NULL && i < self->pages->len; i++)
    nawat_pdf_page_set_scale (get_page (self, i), scale);
  update_zoom_label (self);
  scroll_to (self, self->page, 0);
  request_pages (self);
  g_signal_emit (self, signals[SIGNAL_PLACE_CHANGED], 0);
}

static double
fit_width_scale (NawatPdfView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroll));
  double width = gtk_adjustment_get_page_size (adjustment);
  double widest = 0;

  if (width <= 0)
    width = gtk_widget_get_width (self->scroll);
  for (guint i = 0; self->pages != NULL && i < self->pages->len; i++)
    widest = MAX (widest, get_page (self, i)->width);
  if (widest <= 0 || width <= 2 * NAWAT_PDF_MARGIN)
    return self->scale;
  return (width - 2 * NAWAT_PDF_MARGIN) / widest;
}

static gboolean
fit_width_idle_cb (gpointer user_data)
{
  NawatPdfView *self = user_data;

  self->fit_idle = 0;
  if (self->fit_width && self->loaded)
    set_scale (self, fit_width_scale (self), TRUE);
  return G_SOURCE_REMOVE;
}

/* The width changes while the view is laid out: the pages are resized
 * after, not in the middle of it.
 */
static void
on_hadjustment_changed_cb (NawatPdfView *self)
{
  if (self->fit_width && self->loaded && self->fit_idle == 0)
    self->fit_idle = g_idle_add (fit_width_idle_cb, self);
}

static void
on_vadjustment_changed_cb (NawatPdfView *self)
{
  if (self->pending_page >= 0)
    scroll_to (self, (guint) self->pending_page, 0);
  request_pages (self);
}

/* The reader scrolled: the page is the one at the top third. */
static void
on_vadjustment_value_changed_cb (GtkAdjustment *adjustment,
                                 NawatPdfView  *self)
{
  double at = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) / 3;

  if (!self->loaded || self->scrolling)
    return;
  if (self->continuous)
    {
      guint page = 0;

      for (guint i = 0; i < self->pages->len; i++)
        if (page_top (self, i) <= at)
          page = i;
      set_page (self, page);
    }
  request_pages (self);
}

/* From the renderer */

static void
on_loaded (gpointer      user_data,
           guint         n_pages,
           const double *sizes,
           const GError *error)
{
  NawatPdfView *self = user_data;
  guint page = self->page;

  self->loaded = TRUE;
  self->page = G_MAXUINT;
  if (error != NULL || n_pages == 0)
    {
      self->error = error != NULL ? g_error_copy (error)
                                  : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                         _("The document has no pages"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), self->error->message);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->status_page);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }

  for (guint i = 0; i < n_pages; i++)
    {
      NawatPdfPage *widget = nawat_pdf_page_new (self, i, sizes[2 * i], sizes[2 * i + 1]);
      GtkWidget *picture = gtk_picture_new ();
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *label = g_strdup_printf (_("Page %u"), i + 1);
      double thumb_scale = NAWAT_PDF_THUMB_WIDTH / MAX (sizes[2 * i], 1);

      nawat_pdf_page_set_scale (widget, self->scale);
      gtk_widget_set_visible (GTK_WIDGET (widget), self->continuous || i == page);
      g_ptr_array_add (self->pages, g_object_ref_sink (widget));
      gtk_box_append (GTK_BOX (self->pages_box), GTK_WIDGET (widget));

      gtk_widget_set_size_request (picture, NAWAT_PDF_THUMB_WIDTH,
                                   (int) ceil (sizes[2 * i + 1] * thumb_scale));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_add_css_class (picture, "card");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), picture);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_set_tooltip_text (row, label);
      g_ptr_array_add (self->thumbs, picture);
      gtk_list_box_append (GTK_LIST_BOX (self->thumbs_list), row);
      nawat_pdf_renderer_render (self->renderer, i,
                                 thumb_scale * gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                 TRUE);
    }
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->scroll);
  if (self->fit_width)
    self->scale = fit_width_scale (self);
  for (guint i = 0; i < n_pages; i++)
    nawat_pdf_page_set_scale (get_page (self, i), self->scale);
  update_zoom_label (self);
  go_to_page (self, MIN (page, n_pages - 1));
  gtk_widget_set_sensitive (self->search_button, TRUE);
  gtk_widget_set_sensitive (self->zoom_button, TRUE);
  gtk_widget_set_sensitive (self->page_entry, TRUE);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
on_rendered (gpointer    user_data,
             guint       index,
             double      scale,
             gboolean    thumbnail,
             GdkTexture *texture)
{
  NawatPdfView *self = user_data;
  NawatPdfPage *page = get_page (self, index);

  if (page == NULL)
    return;
  if (thumbnail)
    {
      gtk_picture_set_paintable (self->thumbs->pdata[index], GDK_PAINTABLE (texture));
      self->n_thumbnails++;
      return;
    }
  g_set_object (&page->texture, texture);
  page->texture_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (page));
  trim_cache (self);
}

static void
show_match (NawatPdfView *self)
{
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->pages->len; i++)
    {
      NawatPdfPage *page = get_page (self, i);

      page->current_match = -1;
      gtk_widget_queue_draw (GTK_WIDGET (page));
    }
  if (self->finding)
    text = g_strdup (_("Finding…"));
  else if (self->matches == NULL || self->matches->len == 0)
    text = g_strdup (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0'
                       ? _("No matches") : "");
  else
    {
      const NawatPdfRect *r = &g_array_index (self->matches, NawatPdfRect, self->match);
      NawatPdfPage *page = get_page (self, r->page);
      int in_page = 0;

      for (int i = 0; i < self->match; i++)
        if (g_array_index (self->matches, NawatPdfRect, i).page == r->page)
          in_page++;
      page->current_match = in_page;
      set_page (self, r->page);
      scroll_to (self, r->page, MAX (0, r->y * self->scale - 48));
      request_pages (self);
      /* Translators: the match shown of those found: "2 of 5" */
      text = g_strdup_printf (_("%d of %u"), self->match + 1, self->matches->len);
    }
  gtk_label_set_text (GTK_LABEL (self->match_label), text);
}

static void
on_found (gpointer    user_data,
          const char *text,
          GArray     *matches)
{
  NawatPdfView *self = user_data;

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    return;
  self->finding = FALSE;
  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = g_array_ref (matches);
  self->match = 0;
  for (guint i = 0; i < self->pages->len; i++)
    g_array_set_size (get_page (self, i)->matches, 0);
  for (guint i = 0; i < matches->len; i++)
    {
      const NawatPdfRect *r = &g_array_index (matches, NawatPdfRect, i);
      NawatPdfPage *page = get_page (self, r->page);

      if (page != NULL)
        g_array_append_val (page->matches, *r);
    }
  /* The first match from the page shown on */
  for (guint i = 0; i < matches->len; i++)
    if (g_array_index (matches, NawatPdfRect, i).page >= self->page)
      {
        self->match = (int) i;
        break;
      }
  show_match (self);
}

static void
on_selected (gpointer    user_data,
             guint       index,
             const char *text,
             GArray     *rects)
{
  NawatPdfView *self = user_data;
  NawatPdfPage *page = get_page (self, index);

  for (guint i = 0; i < self->pages->len; i++)
    {
      NawatPdfPage *other = get_page (self, i);

      if (other->selection->len > 0)
        {
          g_array_set_size (other->selection, 0);
          gtk_widget_queue_draw (GTK_WIDGET (other));
        }
    }
  g_clear_pointer (&self->selected_text, g_free);
  if (page == NULL)
    return;
  g_array_append_vals (page->selection, rects->data, rects->len);
  gtk_widget_queue_draw (GTK_WIDGET (page));
  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped != '\0')
        self->selected_text = g_strdup (text);
    }
  gtk_widget_set_sensitive (self->copy_button, self->selected_text != NULL && self->can_copy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.copy",
                                 self->selected_text != NULL);
}

static void
nawat_pdf_view_select_rect (NawatPdfView       *self,
                            const NawatPdfRect *rect)
{
  nawat_pdf_renderer_select (self->renderer, rect);
}

/* Actions */

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);

  set_scale (self, self->scale * 1.25, FALSE);
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);

  set_scale (self, self->scale / 1.25, FALSE);
}

static void
zoom_fit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);

  set_scale (self, fit_width_scale (self), TRUE);
}

static void
zoom_reset_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);

  set_scale (self, 1.0, FALSE);
}

/* The keys of paging go to the entries when they have the focus. */
static gboolean
typing (NawatPdfView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (gtk_widget_is_ancestor (focus, self->search_bar)
                           || focus == self->page_entry
                           || gtk_widget_is_ancestor (focus, self->page_entry));
}

static gboolean
page_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);
  int step = g_variant_get_int32 (args);

  if (typing (self) || !self->loaded || self->pages->len == 0)
    return FALSE;
  if (step == G_MININT32)
    go_to_page (self, 0);
  else if (step == G_MAXINT32)
    go_to_page (self, self->pages->len - 1);
  else if (step < 0 && self->page < (guint) -step)
    go_to_page (self, 0);
  else
    go_to_page (self, (guint) ((int) self->page + step));
  return TRUE;
}

static void
find_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
}

static void
move_match (NawatPdfView *self,
            int           step)
{
  if (self->matches == NULL || self->matches->len == 0)
    return;
  self->match = (self->match + step + (int) self->matches->len) % (int) self->matches->len;
  show_match (self);
}

static void
find_next_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  move_match (NAWAT_PDF_VIEW (widget), 1);
}

static void
find_previous_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  move_match (NAWAT_PDF_VIEW (widget), -1);
}

static void
copy_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);

  if (self->selected_text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->selected_text);
}

static void
copy_to_comment_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (widget);

  if (self->selected_text != NULL && self->can_copy)
    g_signal_emit (self, signals[SIGNAL_COPY_TO_COMMENT], 0, self->selected_text);
}

static void
close_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_CLOSE], 0);
}

static void
on_continuous_toggled_cb (GtkToggleButton *button,
                          NawatPdfView    *self)
{
  nawat_pdf_view_set_continuous (self, gtk_toggle_button_get_active (button));
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      NawatPdfView   *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->matches, g_array_unref);
  for (guint i = 0; self->pages != NULL && i < self->pages->len; i++)
    {
      g_array_set_size (get_page (self, i)->matches, 0);
      gtk_widget_queue_draw (self->pages->pdata[i]);
    }
  self->finding = *text != '\0' && self->loaded;
  if (self->finding)
    nawat_pdf_renderer_find (self->renderer, text);
  show_match (self);
}

static void
on_search_activate_cb (GtkSearchEntry *entry,
                       NawatPdfView   *self)
{
  move_match (self, 1);
}

static void
on_search_stop_cb (GtkSearchEntry *entry,
                   NawatPdfView   *self)
{
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
  gtk_widget_grab_focus (self->scroll);
}

static void
on_page_entry_activate_cb (GtkEntry     *entry,
                           NawatPdfView *self)
{
  guint64 number = 0;

  if (g_ascii_string_to_unsigned (gtk_editable_get_text (GTK_EDITABLE (entry)), 10, 1,
                                  MAX (self->pages->len, 1), &number, NULL))
    go_to_page (self, (guint) number - 1);
  else
    gtk_widget_error_bell (GTK_WIDGET (entry));
  update_page_label (self);
  gtk_widget_grab_focus (self->scroll);
}

static void
on_thumb_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       NawatPdfView  *self)
{
  go_to_page (self, (guint) gtk_list_box_row_get_index (row));
}

/* A button of @type (GtkButton or GtkToggleButton) showing @icon, named
 * by @tooltip, activating @action unless it is NULL.
 */
static GtkWidget *
icon_button (GType       type,
             const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = g_object_new (type, "icon-name", icon, NULL);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  /* Only when given: a toggle button given an action name, even NULL,
   * no longer toggles itself.
   */
  if (action != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
nawat_pdf_view_dispose (GObject *object)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (object);

  g_clear_pointer (&self->renderer, nawat_pdf_renderer_close);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  G_OBJECT_CLASS (nawat_pdf_view_parent_class)->dispose (object);
}

static void
nawat_pdf_view_finalize (GObject *object)
{
  NawatPdfView *self = NAWAT_PDF_VIEW (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->thumbs, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_error (&self->error);
  g_free (self->selected_text);
  G_OBJECT_CLASS (nawat_pdf_view_parent_class)->finalize (object);
}

static void
nawat_pdf_view_class_init (NawatPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_pdf_view_dispose;
  object_class->finalize = nawat_pdf_view_finalize;

  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PLACE_CHANGED] = g_signal_new ("place-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
  signals[SIGNAL_COPY_TO_COMMENT] = g_signal_new ("copy-to-comment", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "pdf.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "pdf.find-previous", NULL, find_previous_action);
  gtk_widget_class_install_action (widget_class, "pdf.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "pdf.copy-to-comment", NULL,
                                   copy_to_comment_action);
  gtk_widget_class_install_action (widget_class, "pdf.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "pdf.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "pdf.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "pdf.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "pdf.copy", NULL);

  gtk_widget_class_set_css_name (widget_class, "pdfview");
}

static void
nawat_pdf_view_init (NawatPdfView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *search_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *page_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *zoom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button;
  GtkShortcutController *paging;
  GtkAdjustment *adjustment;
  g_autoptr(GMenu) zoom_menu = g_menu_new ();

  self->pages = g_ptr_array_new_with_free_func (g_object_unref);
  self->thumbs = g_ptr_array_new ();
  self->scale = 1.0;
  self->fit_width = TRUE;
  self->continuous = TRUE;
  self->can_copy = TRUE;
  self->pending_page = -1;
  self->renderer = nawat_pdf_renderer_new (on_loaded, on_rendered, on_found, on_selected, self);

  /* The bar: close, thumbnails, page, zoom, view, find, copy */
  gtk_widget_add_css_class (bar, "toolbar");
  self->close_button = icon_button (GTK_TYPE_BUTTON, "go-previous-symbolic", _("Close Document"),
                                    "pdf.close");
  gtk_box_append (GTK_BOX (bar), self->close_button);
  self->thumbs_button = icon_button (GTK_TYPE_TOGGLE_BUTTON, "sidebar-show-symbolic",
                                     _("Page Thumbnails"), NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->thumbs_button), TRUE);
  gtk_box_append (GTK_BOX (bar), self->thumbs_button);

  self->page_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->page_entry), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->page_entry), 4);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->page_entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_alignment (GTK_ENTRY (self->page_entry), 1.0);
  gtk_widget_set_sensitive (self->page_entry, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Page number"), -1);
  g_signal_connect (self->page_entry, "activate", G_CALLBACK (on_page_entry_activate_cb), self);
  self->n_pages_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->n_pages_label, "numeric");
  gtk_box_append (GTK_BOX (page_box), self->page_entry);
  gtk_box_append (GTK_BOX (page_box), self->n_pages_label);
  gtk_box_append (GTK_BOX (bar), page_box);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_box_append (GTK_BOX (bar), self->title_label);

  gtk_widget_add_css_class (zoom_box, "linked");
  gtk_box_append (GTK_BOX (zoom_box), icon_button (GTK_TYPE_BUTTON, "zoom-out-symbolic",
                                                   _("Zoom Out"), "pdf.zoom-out"));
  g_menu_append (zoom_menu, _("Fit _Width"), "pdf.zoom-fit");
  g_menu_append (zoom_menu, _("_Actual Size"), "pdf.zoom-reset");
  self->zoom_button = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->zoom_button), G_MENU_MODEL (zoom_menu));
  gtk_widget_set_tooltip_text (self->zoom_button, _("Zoom"));
  gtk_widget_set_sensitive (self->zoom_button, FALSE);
  gtk_box_append (GTK_BOX (zoom_box), self->zoom_button);
  gtk_box_append (GTK_BOX (zoom_box), icon_button (GTK_TYPE_BUTTON, "zoom-in-symbolic",
                                                   _("Zoom In"), "pdf.zoom-in"));
  gtk_box_append (GTK_BOX (bar), zoom_box);

  self->continuous_button = icon_button (GTK_TYPE_TOGGLE_BUTTON, "view-continuous-symbolic",
                                         _("Continuous Pages"), NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->continuous_button), TRUE);
  g_signal_connect (self->continuous_button, "toggled", G_CALLBACK (on_continuous_toggled_cb),
                    self);
  gtk_box_append (GTK_BOX (bar), self->continuous_button);
  self->search_button = icon_button (GTK_TYPE_TOGGLE_BUTTON, "edit-find-symbolic",
                                     _("Find in the Document"), NULL);
  gtk_widget_set_sensitive (self->search_button, FALSE);
  gtk_box_append (GTK_BOX (bar), self->search_button);
  self->copy_button = icon_button (GTK_TYPE_BUTTON, "edit-paste-symbolic",
                                   _("Copy the Selection to the Comment"),
                                   "pdf.copy-to-comment");
  gtk_widget_set_sensitive (self->copy_button, FALSE);
  gtk_box_append (GTK_BOX (bar), self->copy_button);
  gtk_box_append (GTK_BOX (box), bar);

  /* Find */
  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find in the Document"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_search_stop_cb), self);
  gtk_box_append (GTK_BOX (search_box), self->search_entry);
  self->match_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->match_label, "dim-label");
  gtk_widget_add_css_class (self->match_label, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->match_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Matches"), -1);
  gtk_box_append (GTK_BOX (search_box), self->match_label);
  button = icon_button (GTK_TYPE_BUTTON, "go-up-symbolic", _("Previous Match"),
                        "pdf.find-previous");
  gtk_box_append (GTK_BOX (search_box), button);
  button = icon_button (GTK_TYPE_BUTTON, "go-down-symbolic", _("Next Match"), "pdf.find-next");
  gtk_box_append (GTK_BOX (search_box), button);
  self->search_bar = gtk_search_bar_new ();
  gtk_search_bar_set_child (GTK_SEARCH_BAR (self->search_bar), search_box);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar),
                                GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), self->search_bar);

  /* Thumbnails beside the pages */
  self->thumbs_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->thumbs_list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->thumbs_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Page Thumbnails"), -1);
  g_signal_connect (self->thumbs_list, "row-activated", G_CALLBACK (on_thumb_activated_cb), self);
  self->thumbs_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->thumbs_scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->thumbs_scroll), self->thumbs_list);
  g_object_bind_property (self->thumbs_button, "active", self->thumbs_scroll, "visible",
                          G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (body), self->thumbs_scroll);
  gtk_box_append (GTK_BOX (body), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  self->pages_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, NAWAT_PDF_SPACING);
  gtk_widget_set_margin_top (self->pages_box, NAWAT_PDF_MARGIN);
  gtk_widget_set_margin_bottom (self->pages_box, NAWAT_PDF_MARGIN);
  gtk_widget_set_margin_start (self->pages_box, NAWAT_PDF_MARGIN);
  gtk_widget_set_margin_end (self->pages_box, NAWAT_PDF_MARGIN);
  gtk_widget_set_halign (self->pages_box, GTK_ALIGN_CENTER);
  self->scroll = gtk_scrolled_window_new ();
  gtk_widget_set_hexpand (self->scroll, TRUE);
  gtk_widget_set_vexpand (self->scroll, TRUE);
  gtk_widget_set_focusable (self->scroll, TRUE);
  gtk_widget_set_focus_on_click (self->scroll, TRUE);
  gtk_widget_add_css_class (self->scroll, "pdf-pages");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scroll), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pages"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroll), self->pages_box);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroll));
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_vadjustment_value_changed_cb),
                    self);
  g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (on_vadjustment_changed_cb), self);
  adjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroll));
  g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (on_hadjustment_changed_cb), self);

  self->status_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status_page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Cannot Open the Document"));
  self->stack = gtk_stack_new ();
  gtk_widget_set_hexpand (self->stack, TRUE);
  gtk_stack_add_child (GTK_STACK (self->stack), gtk_spinner_new ());
  gtk_stack_add_child (GTK_STACK (self->stack), self->scroll);
  gtk_stack_add_child (GTK_STACK (self->stack), self->status_page);
  gtk_box_append (GTK_BOX (body), self->stack);
  gtk_box_append (GTK_BOX (box), body);
  adw_bin_set_child (ADW_BIN (self), box);

  /* Paging, before the scrolled window takes the keys for itself */
  paging = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (paging), GTK_PHASE_CAPTURE);
  {
    struct { guint key; GdkModifierType mods; int step; } keys[] = {
      { GDK_KEY_Page_Down, 0, 1 }, { GDK_KEY_KP_Page_Down, 0, 1 }, { GDK_KEY_space, 0, 1 },
      { GDK_KEY_Page_Up, 0, -1 }, { GDK_KEY_KP_Page_Up, 0, -1 },
      { GDK_KEY_space, GDK_SHIFT_MASK, -1 },
      { GDK_KEY_Home, 0, G_MININT32 }, { GDK_KEY_Home, GDK_CONTROL_MASK, G_MININT32 },
      { GDK_KEY_End, 0, G_MAXINT32 }, { GDK_KEY_End, GDK_CONTROL_MASK, G_MAXINT32 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key,
                                                                          keys[i].mods),
                                                  gtk_callback_action_new (page_shortcut_cb,
                                                                           NULL, NULL));

        gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (keys[i].step));
        gtk_shortcut_controller_add_shortcut (paging, shortcut);
      }
  }
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (paging));

  update_page_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.copy", FALSE);
}

GtkWidget *
nawat_pdf_view_new (void)
{
  return g_object_new (NAWAT_TYPE_PDF_VIEW, NULL);
}

void
nawat_pdf_view_clear (NawatPdfView *self)
{
  GtkWidget *child;

  g_return_if_fail (NAWAT_IS_PDF_VIEW (self));

  /* A new worker: the old one's results are dropped. */
  nawat_pdf_renderer_close (self->renderer);
  self->renderer = nawat_pdf_renderer_new (on_loaded, on_rendered, on_found, on_selected, self);
  while ((child = gtk_widget_get_first_child (self->pages_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->pages_box), child);
  while ((child = gtk_widget_get_first_child (self->thumbs_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->thumbs_list), child);
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->thumbs, 0);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->selected_text, g_free);
  self->loaded = FALSE;
  self->finding = FALSE;
  self->page = 0;
  self->n_thumbnails = 0;
  self->pending_page = -1;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
  gtk_widget_set_sensitive (self->search_button, FALSE);
  gtk_widget_set_sensitive (self->zoom_button, FALSE);
  gtk_widget_set_sensitive (self->page_entry, FALSE);
  gtk_widget_set_sensitive (self->copy_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.copy", FALSE);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), gtk_widget_get_first_child (self->stack));
  gtk_label_set_text (GTK_LABEL (self->title_label), "");
  update_page_label (self);
}

void
nawat_pdf_view_load (NawatPdfView *self,
                     GBytes       *bytes,
                     const char   *title,
                     guint         page,
                     double        zoom)
{
  g_return_if_fail (NAWAT_IS_PDF_VIEW (self));
  g_return_if_fail (bytes != NULL);

  nawat_pdf_view_clear (self);
  gtk_label_set_text (GTK_LABEL (self->title_label), title != NULL ? title : "");
  gtk_widget_set_tooltip_text (self->title_label, title);
  self->page = page;
  self->fit_width = zoom <= 0;
  if (zoom > 0)
    self->scale = CLAMP (zoom, NAWAT_PDF_MIN_ZOOM, NAWAT_PDF_MAX_ZOOM);
  nawat_pdf_renderer_load (self->renderer, bytes);
}

gboolean
nawat_pdf_view_get_loaded (NawatPdfView *self)
{
  g_return_val_if_fail (NAWAT_IS_PDF_VIEW (self), FALSE);
  return self->loaded;
}

const GError *
nawat_pdf_view_get_error (NawatPdfView *self)
{
  g_return_val_if_fail (NAWAT_IS_PDF_VIEW (self), NULL);
  return self->error;
}

guint
nawat_pdf_view_get_n_pages (NawatPdfView *self)
{
  g_return_val_if_fail (NAWAT_IS_PDF_VIEW (self), 0);
  return self->pages->len;
}

guint
nawat_pdf_view_get_page (NawatPdfView *self)
{
  g_return_val_if_fail (NAWAT_IS_PDF_VIEW (self), 0);
  return self->page;
}

void
nawat_pdf_view_set_page (NawatPdfView *self,
                         guint         page)
{
  g_return_if_fail (NAWAT_IS_PDF_VIEW (self));
  go_to_page (self, page);
}

double
nawat_pdf_view_get_zoom (NawatPdfView *self)
{
  g_return_val_if_fail (NAWAT_IS_PDF_VIEW (self), 0);
  return self->fit_width ? 0 : self->scale;
}

void
nawat_pdf_view_focus_pages (NawatPdfView *self)
{
  g_return_if_fail (NAWAT_IS_PDF_VIEW (self));
  gtk_widget_grab_focus (self->scroll);
}

void
nawat_pdf_view_set_closable (NawatPdfView *self,
                             gboolean      closable)
{
  g_return_if_fail (NAWAT_IS_PDF_VIEW (self));
  gtk_widget_set_visible (self->close_button, closable);
}

void
nawat_pdf_view_set_can_copy_to_comment (NawatPdfView *self,
                                        gboolean      can)
{
  g_return_if_fail (NAWAT_IS_PDF_VIEW (self));
  self->can_copy = can;
  gtk_widget_set_sensitive (self->copy_button, can && self->selected_text != NULL);
}

/* For the tests */

GtkWidget *
nawat_pdf_view_get_pages_widget (NawatPdfView *self)
{
  return self->scroll;
}

GtkWidget *
nawat_pdf_view_get_page_widget (NawatPdfView *self,
                                guint         page)
{
  return GTK_WIDGET (get_page (self, page));
}

GtkWidget *
nawat_pdf_view_get_search_entry (NawatPdfView *self)
{
  return self->search_entry;
}

char *
nawat_pdf_view_dup_page_text (NawatPdfView *self)
{
  /* Translators: the page shown of a document's pages: "Page 3 of 12" */
  return g_strdup_printf (_("Page %u of %u"), self->pages->len > 0 ? self->page + 1 : 0,
                          self->pages->len);
}

GdkTexture *
nawat_pdf_view_get_page_texture (NawatPdfView *self,
                                 guint         page)
{
  NawatPdfPage *widget = get_page (self, page);

  if (widget == NULL || widget->texture_scale != render_scale (self))
    return NULL;
  return widget->texture;
}

guint
nawat_pdf_view_get_n_cached (NawatPdfView *self)
{
  guint n = 0;

  for (guint i = 0; i < self->pages->len; i++)
    if (get_page (self, i)->texture != NULL)
      n++;
  return n;
}

guint
nawat_pdf_view_get_n_thumbnails (NawatPdfView *self)
{
  return self->n_thumbnails;
}

int
nawat_pdf_view_get_n_matches (NawatPdfView *self)
{
  if (self->finding || self->matches == NULL)
    return -1;
  return (int) self->matches->len;
}

int
nawat_pdf_view_get_match (NawatPdfView *self)
{
  return self->match;
}

void
nawat_pdf_view_find (NawatPdfView *self,
                     const char   *text)
{
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* at once, not after the entry's delay */
  on_search_changed_cb (GTK_SEARCH_ENTRY (self->search_entry), self);
}

void
nawat_pdf_view_select (NawatPdfView *self,
                       guint         page,
                       double        x,
                       double        y,
                       double        width,
                       double        height)
{
  NawatPdfRect rect = { page, x, y, width, height };

  g_clear_pointer (&self->selected_text, g_free);
  nawat_pdf_view_select_rect (self, &rect);
}

const char *
nawat_pdf_view_get_selected_text (NawatPdfView *self)
{
  return self->selected_text;
}

gboolean
nawat_pdf_view_get_continuous (NawatPdfView *self)
{
  return self->continuous;
}

void
nawat_pdf_view_set_continuous (NawatPdfView *self,
                               gboolean      continuous)
{
  if (self->continuous == continuous)
    return;
  self->continuous = continuous;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->continuous_button)) != continuous)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->continuous_button), continuous);
  for (guint i = 0; i < self->pages->len; i++)
    gtk_widget_set_visible (GTK_WIDGET (get_page (self, i)), continuous || i == self->page);
  scroll_to (self, self->page, 0);
  request_pages (self);
}
