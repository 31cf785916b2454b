/* nawat-pdf-renderer.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <poppler.h>

#include "nawat-pdf-renderer.h"

/* The jobs wait in one queue, the most urgent first (the order of the
 * kinds below), in the order asked for within a kind.  Only the worker
 * touches the PopplerDocument; a result travels back to the main context
 * with a reference to the renderer, and is dropped there once it is
 * closed.
 */

typedef enum
{
  JOB_LOAD,
  JOB_SELECT,
  JOB_FIND,
  JOB_RENDER,
  JOB_THUMBNAIL,
} JobKind;

typedef struct
{
  JobKind       kind;
  GBytes       *bytes;
  guint         page;
  double        scale;
  char         *text;
  NawatPdfRect  rect;
} Job;

struct _NawatPdfRenderer
{
  gatomicrefcount       ref;
  GMutex                lock;
  GCond                 cond;
  GQueue                jobs;      /* of Job, under lock */
  gboolean              quit;      /* under lock */
  gboolean              closed;    /* main thread only */
  GMainContext         *context;
  NawatPdfLoadedFunc    loaded;
  NawatPdfRenderedFunc  rendered;
  NawatPdfFoundFunc     found;
  NawatPdfSelectedFunc  selected;
  gpointer              user_data;
};

typedef struct
{
  NawatPdfRenderer *renderer;
  JobKind           kind;
  guint             page;
  double            scale;
  /* load */
  guint             n_pages;
  double           *sizes;
  GError           *error;
  /* render */
  GBytes           *pixels;
  int               width, height, stride;
  /* find, select */
  char             *text;
  GArray           *rects;
} Result;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->text);
  g_free (job);
}

static NawatPdfRenderer *
renderer_ref (NawatPdfRenderer *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

static void
renderer_unref (NawatPdfRenderer *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_main_context_unref (self->context);
  g_free (self);
}

static void
result_free (Result *result)
{
  renderer_unref (result->renderer);
  g_free (result->sizes);
  g_clear_error (&result->error);
  g_clear_pointer (&result->pixels, g_bytes_unref);
  g_free (result->text);
  g_clear_pointer (&result->rects, g_array_unref);
  g_free (result);
}

static gboolean
result_dispatch (gpointer data)
{
  Result *result = data;
  NawatPdfRenderer *self = result->renderer;

  if (self->closed)
    return G_SOURCE_REMOVE;

  switch (result->kind)
    {
    case JOB_LOAD:
      self->loaded (self->user_data, result->n_pages, result->sizes, result->error);
      break;
    case JOB_RENDER:
    case JOB_THUMBNAIL:
      {
        g_autoptr(GdkTexture) texture = NULL;

        texture = gdk_memory_texture_new (result->width, result->height, GDK_MEMORY_DEFAULT,
                                          result->pixels, result->stride);
        self->rendered (self->user_data, result->page, result->scale,
                        result->kind == JOB_THUMBNAIL, texture);
      }
      break;
    case JOB_FIND:
      self->found (self->user_data, result->text, result->rects);
      break;
    case JOB_SELECT:
      self->selected (self->user_data, result->page, result->text, result->rects);
      break;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

static void
post (NawatPdfRenderer *self,
      Result           *result)
{
  result->renderer = renderer_ref (self);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, result_dispatch, result,
                              (GDestroyNotify) result_free);
}

static void
run_load (NawatPdfRenderer  *self,
          PopplerDocument  **document,
          Job               *job)
{
  Result *result = g_new0 (Result, 1);

  result->kind = JOB_LOAD;
  g_clear_object (document);
  *document = poppler_document_new_from_bytes (job->bytes, NULL, &result->error);
  if (*document != NULL)
    {
      result->n_pages = (guint) MAX (0, poppler_document_get_n_pages (*document));
      result->sizes = g_new0 (double, 2 * (gsize) MAX (result->n_pages, 1));
      for (guint i = 0; i < result->n_pages; i++)
        {
          PopplerPage *page = poppler_document_get_page (*document, (int) i);

          poppler_page_get_size (page, &result->sizes[2 * i], &result->sizes[2 * i + 1]);
          g_object_unref (page);
        }
    }
  post (self, result);
}

static void
run_render (NawatPdfRenderer *self,
            PopplerDocument  *document,
            Job              *job)
{
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  Result *result;
  double width, height;

  if (document == NULL || (int) job->page >= poppler_document_get_n_pages (document))
    return;
  page = poppler_document_get_page (document, (int) job->page);
  poppler_page_get_size (page, &width, &height);

  result = g_new0 (Result, 1);
  result->kind = job->kind;
  result->page = job->page;
  result->scale = job->scale;
  result->width = MAX (1, (int) ceil (width * job->scale));
  result->height = MAX (1, (int) ceil (height * job->scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, result->width, result->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, job->scale, job->scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_object_unref (page);
  cairo_surface_flush (surface);
  result->stride = cairo_image_surface_get_stride (surface);
  result->pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                               (gsize) result->stride * (gsize) result->height,
                                               (GDestroyNotify) cairo_surface_destroy, surface);
  post (self, result);
}

static void
run_find (NawatPdfRenderer *self,
          PopplerDocument  *document,
          Job              *job)
{
  Result *result = g_new0 (Result, 1);
  int n_pages = document != NULL ? poppler_document_get_n_pages (document) : 0;

  result->kind = JOB_FIND;
  result->text = g_strdup (job->text);
  result->rects = g_array_new (FALSE, FALSE, sizeof (NawatPdfRect));
  for (int i = 0; i < n_pages && *job->text != '\0'; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      GList *found = poppler_page_find_text_with_options (page, job->text, POPPLER_FIND_DEFAULT);
      gboolean continued = FALSE;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      for (GList *l = found; l != NULL; l = l->next)
        {
          PopplerRectangle *r = l->data;
          NawatPdfRect rect;

          /* A match across lines comes in parts: the first names it. */
          if (!continued)
            {
              rect.page = (guint) i;
              rect.x = MIN (r->x1, r->x2);
              rect.width = fabs (r->x2 - r->x1);
              rect.y = height - MAX (r->y1, r->y2);
              rect.height = fabs (r->y2 - r->y1);
              g_array_append_val (result->rects, rect);
            }
          continued = poppler_rectangle_find_get_match_continued (r);
        }
      g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
      g_object_unref (page);
    }
  post (self, result);
}

static void
run_select (NawatPdfRenderer *self,
            PopplerDocument  *document,
            Job              *job)
{
  PopplerPage *page;
  PopplerRectangle area;
  cairo_region_t *region;
  Result *result;

  if (document == NULL || (int) job->rect.page >= poppler_document_get_n_pages (document))
    return;
  page = poppler_document_get_page (document, (int) job->rect.page);
  area.x1 = job->rect.x;
  area.y1 = job->rect.y;
  area.x2 = job->rect.x + job->rect.width;
  area.y2 = job->rect.y + job->rect.height;

  result = g_new0 (Result, 1);
  result->kind = JOB_SELECT;
  result->page = job->rect.page;
  result->text = poppler_page_get_selected_text (page, POPPLER_SELECTION_GLYPH, &area);
  result->rects = g_array_new (FALSE, FALSE, sizeof (NawatPdfRect));
  region = poppler_page_get_selected_region (page, 1.0, POPPLER_SELECTION_GLYPH, &area);
  for (int i = 0; region != NULL && i < cairo_region_num_rectangles (region); i++)
    {
      cairo_rectangle_int_t r;
      NawatPdfRect rect;

      cairo_region_get_rectangle (region, i, &r);
      rect.page = job->rect.page;
      rect.x = r.x;
      rect.y = r.y;
      rect.width = r.width;
      rect.height = r.height;
      g_array_append_val (result->rects, rect);
    }
  g_clear_pointer (&region, cairo_region_destroy);
  g_object_unref (page);
  post (self, result);
}

static gpointer
worker (gpointer data)
{
  NawatPdfRenderer *self = data;
  PopplerDocument *document = NULL;

  for (;;)
    {
      Job *job;

      g_mutex_lock (&self->lock);
      while (!self->quit && g_queue_is_empty (&self->jobs))
        g_cond_wait (&self->cond, &self->lock);
      job = self->quit ? NULL : g_queue_pop_head (&self->jobs);
      g_mutex_unlock (&self->lock);
      if (job == NULL)
        break;

      switch (job->kind)
        {
        case JOB_LOAD:
          run_load (self, &document, job);
          break;
        case JOB_RENDER:
        case JOB_THUMBNAIL:
          run_render (self, document, job);
          break;
        case JOB_FIND:
          run_find (self, document, job);
          break;
        case JOB_SELECT:
          run_select (self, document, job);
          break;
        default:
          g_assert_not_reached ();
        }
      job_free (job);
    }

  g_clear_object (&document);
  renderer_unref (self);
  return NULL;
}

NawatPdfRenderer *
nawat_pdf_renderer_new (NawatPdfLoadedFunc   loaded,
                        NawatPdfRenderedFunc rendered,
                        NawatPdfFoundFunc    found,
                        NawatPdfSelectedFunc selected,
                        gpointer             user_data)
{
  NawatPdfRenderer *self = g_new0 (NawatPdfRenderer, 1);

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->jobs);
  self->context = g_main_context_ref_thread_default ();
  self->loaded = loaded;
  self->rendered = rendered;
  self->found = found;
  self->selected = selected;
  self->user_data = user_data;
  g_thread_unref (g_thread_new ("nawat-pdf", worker, renderer_ref (self)));
  return self;
}

/* Queues @job after those as urgent or more; under the lock. */
static void
push_locked (NawatPdfRenderer *self,
             Job              *job)
{
  GList *l;

  for (l = self->jobs.tail; l != NULL; l = l->prev)
    if (((Job *) l->data)->kind <= job->kind)
      break;
  if (l == NULL)
    g_queue_push_head (&self->jobs, job);
  else
    g_queue_insert_after (&self->jobs, l, job);
  g_cond_signal (&self->cond);
}

static void
push (NawatPdfRenderer *self,
      Job              *job)
{
  g_mutex_lock (&self->lock);
  push_locked (self, job);
  g_mutex_unlock (&self->lock);
}

void
nawat_pdf_renderer_load (NawatPdfRenderer *self,
                         GBytes           *bytes)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_LOAD;
  job->bytes = g_bytes_ref (bytes);
  push (self, job);
}

void
nawat_pdf_renderer_render (NawatPdfRenderer *self,
                           guint             page,
                           double            scale,
                           gboolean          thumbnail)
{
  JobKind kind = thumbnail ? JOB_THUMBNAIL : JOB_RENDER;
  Job *job;

  g_mutex_lock (&self->lock);
  for (GList *l = self->jobs.head; l != NULL; l = l->next)
    {
      Job *waiting = l->data;

      if (waiting->kind == kind && waiting->page == page && waiting->scale == scale)
        {
          g_mutex_unlock (&self->lock);
          return;
        }
    }
  job = g_new0 (Job, 1);
  job->kind = kind;
  job->page = page;
  job->scale = scale;
  push_locked (self, job);
  g_mutex_unlock (&self->lock);
}

void
nawat_pdf_renderer_cancel_renders (NawatPdfRenderer *self)
{
  GList *l, *next;

  g_mutex_lock (&self->lock);
  for (l = self->jobs.head; l != NULL; l = next)
    {
      next = l->next;
      if (((Job *) l->data)->kind == JOB_RENDER)
        {
          job_free (l->data);
          g_queue_delete_link (&self->jobs, l);
        }
    }
  g_mutex_unlock (&self->lock);
}

void
nawat_pdf_renderer_find (NawatPdfRenderer *self,
                         const char       *text)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_FIND;
  job->text = g_strdup (text);
  push (self, job);
}

void
nawat_pdf_renderer_select (NawatPdfRenderer   *self,
                           const NawatPdfRect *rect)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_SELECT;
  job->rect = *rect;
  push (self, job);
}

void
nawat_pdf_renderer_close (NawatPdfRenderer *self)
{
  if (self == NULL)
    return;
  self->closed = TRUE;
  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  renderer_unref (self);
}
