/* test-documents.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "nawat-pdf-view.h"
#include "nawat-pdf-view-private.h"
#include "nawat-project-page-private.h"
#include "nawat-score-form.h"
#include "nawat-store-attachments.h"
#include "nawat-test-pdf.h"
#include "nawat-ui-test.h"

/* The demo call's store, a project of which carries a Thai PDF of
 * N_PAGES pages and a second PDF whose contents the store does not hold.
 * The real window opens it, by mouse then by keyboard, pages it, finds a
 * Thai word in it and shows its pages: the pixels are checked, not only
 * the widgets.  Damaged on disk, the PDF is refused and forgotten.
 */

#if defined(__SANITIZE_ADDRESS__)
#define RUNNING_ON_ASAN 1
#else
#define RUNNING_ON_ASAN 0
#endif

#define N_PAGES   12
#define PDF_NAME  "proposal.pdf"
#define GONE_NAME "annex.pdf"
#define EVALUATOR "somchai"
/* Every page: the heading "หน้า N" (nawat-test-pdf.c), then this */
#define PDF_TEXT  "การประเมินโครงการนวัตกรรมสังคม ชุมชนเลขที่ %u"
/* Files the system's applications open, when World.others: a text file,
 * which the test's own default application (main ()) opens, and an office
 * document, which nothing opens under the test
 */
#define NOTE_NAME   "note.txt"
#define NOTE_TEXT   "บันทึกการลงพื้นที่\n"
#define LETTER_NAME "letter.odt"
#define LETTER_TEXT "PK not really an office document"

/* The test's home (main ()), and the marker its default application for
 * text/plain writes: the path of the file it was asked to open.
 */
static char *home;
static char *opened_marker;

typedef struct
{
  char       *dir;
  char       *path;
  char       *project_id;
  /* the SHA-256 of PDF_NAME's contents */
  char       *pdf_sha;
  const char *lang;
  gboolean    narrow;
  gboolean    others;          /* also a text file and an office document */
} World;

/* Conditions */

static gboolean
view_loaded (gpointer data)
{
  return nawat_pdf_view_get_loaded (data);
}

static gboolean
page_rendered (gpointer data)
{
  NawatPdfView *view = data;

  return nawat_pdf_view_get_page_texture (view, nawat_pdf_view_get_page (view)) != NULL;
}

static gboolean
found (gpointer data)
{
  return nawat_pdf_view_get_n_matches (data) >= 0;
}

static gboolean
selected (gpointer data)
{
  return nawat_pdf_view_get_selected_text (data) != NULL;
}

static gboolean
thumbnails_rendered (gpointer data)
{
  return nawat_pdf_view_get_n_thumbnails (data) == N_PAGES;
}

static gboolean
form_hidden (gpointer data)
{
  return !gtk_widget_get_visible (nawat_window_get_score_form (data));
}

static gboolean
form_shown (gpointer data)
{
  GtkWidget *form = nawat_window_get_score_form (data);

  return gtk_widget_get_visible (form) && gtk_widget_get_width (form) > 0;
}

static void
set_width (NawatWindow *window,
           int          width)
{
  for (guint i = 0; i < 10 && ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) > 20; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, 900);
      nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
    }
  g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width), <=, 20);
}

/* The split between the form and the document within a few pixels of
 * the middle of a paned as wide as the window (sidebar and list hidden).
 */
static gboolean
split_in_half (gpointer data)
{
  NawatWindow *window = data;
  GtkWidget *paned = gtk_widget_get_parent (nawat_window_get_score_form (window));
  int width = gtk_widget_get_width (paned);
  int form = gtk_widget_get_width (nawat_window_get_score_form (window));

  g_assert_true (GTK_IS_PANED (paned));
  return width > gtk_widget_get_width (GTK_WIDGET (window)) - 20
         && ABS (gtk_paned_get_position (GTK_PANED (paned)) - width / 2) <= 8
         && ABS (form - width / 2) <= 8;
}

static gboolean
document_closed (gpointer data)
{
  return !gtk_widget_get_visible (nawat_window_get_pdf_view (data));
}

/* The back buttons on screen: visible, mapped, an arrow back */
static void
collect_back_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_back_buttons (child, found);
}

typedef struct
{
  NawatWindow *window;
  guint        n_rows;
} FilesShown;

static gboolean
files_listed (gpointer data)
{
  FilesShown *shown = data;
  NawatProjectPage *page = NAWAT_PROJECT_PAGE (nawat_window_get_project_page (shown->window));
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (nawat_project_page_get_files_list (page));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n == shown->n_rows;
}

typedef struct
{
  NawatStore *store;
  const char *digest;
  guint       page;
} PlaceWanted;

static gboolean
place_saved (gpointer data)
{
  PlaceWanted *wanted = data;
  guint page = G_MAXUINT;

  return nawat_store_get_document_place (wanted->store, wanted->digest, &page, NULL)
         && page == wanted->page;
}

typedef struct
{
  NawatStore *store;
  const char *id;
  const char *text;
} CommentWanted;

static gboolean
comment_saved (gpointer data)
{
  CommentWanted *wanted = data;
  g_autoptr(NawatEvaluation) stored = nawat_store_get_evaluation (wanted->store, wanted->id, NULL);
  const char *comment = stored != NULL ? nawat_evaluation_get_overall_comment (stored) : NULL;

  return comment != NULL && strstr (comment, wanted->text) != NULL;
}

typedef struct
{
  NawatStore            *store;
  const NawatAttachment *attachment;
} Held;

static gboolean
not_held (gpointer data)
{
  Held *held = data;

  return !nawat_store_holds_attachment (held->store, held->attachment);
}

static gboolean
status_has (gpointer data)
{
  gpointer *args = data;

  return strstr (nawat_window_get_status (args[0]), args[1]) != NULL;
}

/* Pixels */

/* @widget as drawn now, rendered by its window's renderer. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = NULL;
  int width = 0, height = 0;

  for (guint frames = 0; node == NULL; frames++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot;

      g_assert_cmpuint (frames, <, 20);
      nawat_ui_test_wait_for_frame (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The share of dark pixels (each channel under 96) in the top @part of
 * @texture, in thousandths.
 */
static guint
dark_per_mille (GdkTexture *texture,
                double      part)
{
  int width = gdk_texture_get_width (texture);
  int height = (int) (gdk_texture_get_height (texture) * part);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * (gsize) gdk_texture_get_height (texture));
  guint64 dark = 0;

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + (gsize) y * stride + (gsize) x * 4;

        if (p[0] < 96 && p[1] < 96 && p[2] < 96 && p[3] > 200)
          dark++;
      }
  return (guint) (dark * 1000 / MAX ((guint64) width * (guint64) height, 1));
}

static gboolean
same_pixels (GdkTexture *a,
             GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  gsize size = (gsize) width * 4 * (gsize) height;
  g_autofree guchar *da = g_malloc (size);
  g_autofree guchar *db = g_malloc (size);

  if (width != gdk_texture_get_width (b) || height != gdk_texture_get_height (b))
    return FALSE;
  gdk_texture_download (a, da, (gsize) width * 4);
  gdk_texture_download (b, db, (gsize) width * 4);
  return memcmp (da, db, size) == 0;
}

static GtkWidget *
file_row (NawatWindow *window,
          const char  *name)
{
  GtkWidget *page = nawat_window_get_project_page (window);

  return nawat_ui_test_find_titled (page, ADW_TYPE_ACTION_ROW, name);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The store */

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
make_world (World *world)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GBytes) pdf = nawat_test_pdf_new (N_PAGES, PDF_TEXT, 0);
  g_autoptr(GBytes) gone = nawat_test_pdf_new (1, "ภาคผนวก %u", 0);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(NawatProject) attached = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *gone_path = NULL;
  g_autofree char *blobs = NULL;
  g_autofree char *gone_sha = sha256_of (gone);
  g_autofree char *gone_blob = NULL;
  g_autofree char *sub = NULL;
  g_autoptr(GPtrArray) calls = NULL;

  world->dir = g_dir_make_tmp ("nawat-documents-XXXXXX", &error);
  g_assert_no_error (error);
  world->path = g_build_filename (world->dir, "documents.db", NULL);
  world->pdf_sha = sha256_of (pdf);
  store = nawat_store_open (world->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) demo_data = g_resources_lookup_data (RESOURCE_BASE "/demo/demo.json", 0,
                                                           &error);
    g_autoptr(GPtrArray) problems = NULL;
    guint n = 0;

    g_assert_no_error (error);
    g_assert_true (nawat_store_import_data (store, g_bytes_get_data (demo_data, NULL),
                                            g_bytes_get_size (demo_data), &n, &problems, &error));
    g_assert_no_error (error);
  }

  /* A project of the evaluator's */
  calls = nawat_store_list_calls (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 1);
  projects = nawat_store_list_projects_page (store, nawat_call_get_call_id (calls->pdata[0]),
                                             NULL, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < projects->len && world->project_id == NULL; i++)
    {
      const char * const *assigned = nawat_project_get_assigned (projects->pdata[i]);

      const char *id = nawat_document_get_id (projects->pdata[i]);
      g_autoptr(GPtrArray) evaluations = NULL;
      gboolean scored = FALSE;

      if (assigned == NULL || !g_strv_contains (assigned, EVALUATOR))
        continue;
      /* not scored yet: the comment can be written */
      evaluations = nawat_store_list_evaluations (store, id, &error);
      g_assert_no_error (error);
      for (guint e = 0; e < evaluations->len; e++)
        if (g_strcmp0 (nawat_evaluation_get_evaluator (evaluations->pdata[e]), EVALUATOR) == 0)
          scored = TRUE;
      if (!scored)
        world->project_id = g_strdup (id);
    }
  g_assert_nonnull (world->project_id);

  pdf_path = g_build_filename (world->dir, PDF_NAME, NULL);
  gone_path = g_build_filename (world->dir, GONE_NAME, NULL);
  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), &error));
  g_assert_true (g_file_set_contents (gone_path, g_bytes_get_data (gone, NULL),
                                      (gssize) g_bytes_get_size (gone), &error));
  g_ptr_array_add (files, g_file_new_for_path (pdf_path));
  g_ptr_array_add (files, g_file_new_for_path (gone_path));
  if (world->others)
    {
      g_autofree char *note_path = g_build_filename (world->dir, NOTE_NAME, NULL);
      g_autofree char *letter_path = g_build_filename (world->dir, LETTER_NAME, NULL);

      g_assert_true (g_file_set_contents (note_path, NOTE_TEXT, -1, &error));
      g_assert_true (g_file_set_contents (letter_path, LETTER_TEXT, -1, &error));
      g_ptr_array_add (files, g_file_new_for_path (note_path));
      g_ptr_array_add (files, g_file_new_for_path (letter_path));
    }
  attached = nawat_store_attach_files (store, world->project_id, files, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nawat_project_get_attachments (attached)->len, ==, world->others ? 4 : 2);
  for (guint i = 2; i < files->len; i++)
    {
      g_autofree char *path = g_file_get_path (files->pdata[i]);

      g_unlink (path);
    }

  /* The annex's contents are not held (as before a sync brings them) */
  blobs = nawat_store_dup_blobs_dir (store);
  sub = g_strndup (gone_sha, 2);
  gone_blob = g_build_filename (blobs, sub, gone_sha, NULL);
  g_assert_cmpint (g_unlink (gone_blob), ==, 0);
  g_assert_false (nawat_store_holds_attachment (store,
                                                nawat_project_get_attachment (attached,
                                                                              GONE_NAME)));
  g_unlink (pdf_path);
  g_unlink (gone_path);
}

/* The driving */

static void
check_first_page (NawatPdfView *view,
                  guint         n_pages)
{
  GdkTexture *first;
  g_autofree char *label = NULL;

  nawat_ui_test_wait_until (view_loaded, view);
  g_assert_null (nawat_pdf_view_get_error (view));
  g_assert_cmpuint (nawat_pdf_view_get_n_pages (view), ==, n_pages);
  nawat_ui_test_wait_until (page_rendered, view);
  first = nawat_pdf_view_get_page_texture (view, nawat_pdf_view_get_page (view));
  /* The heading's dark glyphs in the page's top fifth, on white */
  g_assert_cmpuint (dark_per_mille (first, 0.2), >, 2);
  g_assert_cmpuint (dark_per_mille (first, 0.2), <, 300);
  g_assert_true (has_focus_within (nawat_pdf_view_get_pages_widget (view)));
}

static void
drive_documents (NawatApplication *app,
                 NawatWindow      *window,
                 gpointer          user_data)
{
  World *world = user_data;
  NawatStore *store = nawat_window_get_store (window);
  NawatPdfView *view = NAWAT_PDF_VIEW (nawat_window_get_pdf_view (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;
  const NawatAttachment *attachment;
  GtkWidget *row;
  GtkWidget *attach;
  FilesShown shown = { window, 2 };
  PlaceWanted wanted;
  CommentWanted comment;
  const char *selection;
  g_autoptr(GPtrArray) backs = g_ptr_array_new ();

  set_width (window, world->narrow ? 600 : 1280);
  nawat_ui_test_set_evaluator (app, window, EVALUATOR);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  g_assert_true (nawat_ui_test_open_project (window, world->project_id, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_until (files_listed, &shown);

  /* An evaluator reads the files; only a coordinator attaches */
  attach = nawat_ui_test_find (nawat_window_get_project_page (window), GTK_TYPE_BUTTON,
                               "attach-files");
  g_assert_nonnull (attach);
  g_assert_false (gtk_widget_get_visible (attach));

  /* The file not held says so, and does not open */
  row = file_row (window, GONE_NAME);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "file-row-missing");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            _("Not downloaded yet: sync to get it")));
  nawat_ui_test_click (row);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));

  /* The PDF, by mouse: the first page on screen, the keys in the pages */
  row = file_row (window, PDF_NAME);
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "file-row");
  nawat_ui_test_click (row);
  nawat_ui_test_wait_until (view_loaded, view);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 0);
  check_first_page (view, N_PAGES);
  /* Beside the form, or alone in a narrow window */
  if (world->narrow)
    nawat_ui_test_wait_until (form_hidden, window);
  else
    {
      nawat_ui_test_wait_until (form_shown, window);
      /* Half each, once the sidebar and the list gave their room */
      nawat_ui_test_wait_until (split_in_half, window);
    }
  /* One arrow back: the viewer's, or folded the header's */
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  collect_back_buttons (GTK_WIDGET (window), backs);
  g_assert_cmpuint (backs->len, ==, 1);
  g_test_message ("%d px: the form %d px, the document %d px",
                  gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_width (nawat_window_get_score_form (window)),
                  gtk_widget_get_width (GTK_WIDGET (view)));
  label = nawat_pdf_view_dup_page_text (view);
  expected = g_strdup_printf (_("Page %u of %u"), 1, N_PAGES);
  g_assert_cmpstr (label, ==, expected);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&expected, g_free);
  drawn = render_widget (nawat_pdf_view_get_page_widget (view, 0));
  g_assert_cmpuint (dark_per_mille (drawn, 0.2), >, 2);
  g_clear_object (&drawn);
  before = g_object_ref (nawat_pdf_view_get_page_texture (view, 0));

  /* Paging by keyboard: the label and the page drawn change */
  nawat_ui_test_press (GTK_WIDGET (window), "Next");
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 1);
  label = nawat_pdf_view_dup_page_text (view);
  expected = g_strdup_printf (_("Page %u of %u"), 2, N_PAGES);
  g_assert_cmpstr (label, ==, expected);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&expected, g_free);
  nawat_ui_test_wait_until (page_rendered, view);
  after = g_object_ref (nawat_pdf_view_get_page_texture (view, 1));
  g_assert_false (same_pixels (before, after));
  g_assert_cmpuint (dark_per_mille (after, 0.2), >, 2);
  g_assert_true (has_focus_within (nawat_pdf_view_get_pages_widget (view)));
  nawat_ui_test_press (GTK_WIDGET (window), "space");
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 2);
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+End");
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, N_PAGES - 1);
  nawat_ui_test_press (GTK_WIDGET (window), "Home");
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 0);
  nawat_ui_test_press (GTK_WIDGET (window), "Prior");
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 0);
  /* Zoom by keyboard, and back to the width */
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+plus");
  g_assert_cmpfloat (nawat_pdf_view_get_zoom (view), >, 0);
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+0");
  g_assert_cmpfloat (nawat_pdf_view_get_zoom (view), ==, 0);
  /* The cache keeps a bounded number of pages; every thumbnail comes */
  nawat_ui_test_wait_until (thumbnails_rendered, view);
  g_assert_cmpuint (nawat_pdf_view_get_n_cached (view), <=, 12);

  /* Find: Ctrl+F, then a Thai substring inside a run with no spaces */
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+f");
  g_assert_true (has_focus_within (nawat_pdf_view_get_search_entry (view)));
  nawat_pdf_view_find (view, "วัตกรร");
  nawat_ui_test_wait_until (found, view);
  g_assert_cmpint (nawat_pdf_view_get_n_matches (view), ==, N_PAGES);
  nawat_pdf_view_find (view, "เลขที่ 7");
  nawat_ui_test_wait_until (found, view);
  g_assert_cmpint (nawat_pdf_view_get_n_matches (view), ==, 1);
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 6);
  nawat_ui_test_wait_until (page_rendered, view);
  nawat_ui_test_press (GTK_WIDGET (window), "Escape");
  g_assert_true (has_focus_within (nawat_pdf_view_get_pages_widget (view)));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window),
                                 world->narrow ? "documents-narrow.png" : "documents-wide.png");

  /* A selection goes into the comment, and the autosave keeps it */
  g_assert_true (nawat_score_form_get_editable (NAWAT_SCORE_FORM (nawat_window_get_score_form (window))));
  nawat_pdf_view_select (view, 6, 0, 0, 600, 200);
  nawat_ui_test_wait_until (selected, view);
  selection = nawat_pdf_view_get_selected_text (view);
  g_assert_nonnull (strstr (selection, "7"));
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.copy-to-comment", NULL);
  comment.store = store;
  comment.id = nawat_document_get_id (NAWAT_DOCUMENT (nawat_window_get_evaluation (window)));
  comment.text = "7";
  nawat_ui_test_poll_until (comment_saved, &comment, "the comment saved");

  /* Closed, the place is remembered; opened by keyboard, it is back */
  attachment = nawat_project_get_attachment (nawat_window_get_project (window), PDF_NAME);
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.close", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_get_visible (nawat_window_get_score_form (window)));
  g_assert_true (has_focus_within (nawat_window_get_score_form (window)));
  wanted.store = store;
  wanted.digest = attachment->digest;
  wanted.page = 6;
  nawat_ui_test_poll_until (place_saved, &wanted, "the place saved");

  row = file_row (window, PDF_NAME);
  gtk_widget_grab_focus (row);
  nawat_ui_test_press (row, "Return");
  nawat_ui_test_wait_until (view_loaded, view);
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 6);
  nawat_ui_test_wait_until (page_rendered, view);
  g_assert_true (has_focus_within (nawat_pdf_view_get_pages_widget (view)));
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.close", NULL);

  /* Damaged on disk (one byte, same length): refused, and its contents
   * forgotten so that the next sync fetches them again
   */
  {
    g_autofree char *blobs = nawat_store_dup_blobs_dir (store);
    char sub[3] = { world->pdf_sha[0], world->pdf_sha[1], '\0' };
    g_autofree char *blob = g_build_filename (blobs, sub, world->pdf_sha, NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr(NawatAttachment) pdf = NULL;
    Held held = { store, NULL };

    g_assert_true (g_file_get_contents (blob, &contents, &length, &error));
    g_assert_no_error (error);
    contents[length / 2] ^= 1;
    g_assert_true (g_file_set_contents (blob, contents, (gssize) length, &error));
    g_assert_no_error (error);
    pdf = nawat_attachment_copy (nawat_project_get_attachment (nawat_window_get_project (window),
                                                               PDF_NAME));
    held.attachment = pdf;
    nawat_ui_test_click (file_row (window, PDF_NAME));
    nawat_ui_test_poll_until (not_held, &held, "the damaged file forgotten");
  }
}

/* A store an evaluator synced (tests/test-sync-attachments.sh --ui, which
 * names it, its project and its file in NAWAT_TEST_SYNCED_*), opened with
 * no server: the file pulled is read offline, paged by keyboard and
 * searched for a Thai word.  Its PDF has SYNCED_PAGES pages, each with
 * SYNCED_WORD once.
 */
#define SYNCED_PAGES 3
#define SYNCED_WORD  "ข้อเสนอ"

static gboolean
synced_row_shown (gpointer data)
{
  return file_row (data, g_getenv ("NAWAT_TEST_SYNCED_FILE")) != NULL;
}

static void
drive_synced (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  NawatPdfView *view = NAWAT_PDF_VIEW (nawat_window_get_pdf_view (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) first = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;
  GdkTexture *second;
  GtkWidget *row;

  set_width (window, 1280);
  nawat_ui_test_set_evaluator (app, window, EVALUATOR);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  g_assert_true (nawat_ui_test_open_project (window, g_getenv ("NAWAT_TEST_SYNCED_PROJECT"),
                                            &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_until (synced_row_shown, window);

  /* Held offline, it opens by keyboard: the first page on screen */
  row = file_row (window, g_getenv ("NAWAT_TEST_SYNCED_FILE"));
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "file-row");
  gtk_widget_grab_focus (row);
  nawat_ui_test_press (row, "Return");
  check_first_page (view, SYNCED_PAGES);
  first = g_object_ref (nawat_pdf_view_get_page_texture (view, 0));

  /* Page Down: the label and the pixels change */
  nawat_ui_test_press (GTK_WIDGET (window), "Next");
  g_assert_cmpuint (nawat_pdf_view_get_page (view), ==, 1);
  label = nawat_pdf_view_dup_page_text (view);
  expected = g_strdup_printf (_("Page %u of %u"), 2, SYNCED_PAGES);
  g_assert_cmpstr (label, ==, expected);
  nawat_ui_test_wait_until (page_rendered, view);
  second = nawat_pdf_view_get_page_texture (view, 1);
  g_assert_cmpuint (dark_per_mille (second, 0.2), >, 2);
  g_assert_false (same_pixels (first, second));

  /* A Thai word, once on each page */
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+f");
  g_assert_true (has_focus_within (nawat_pdf_view_get_search_entry (view)));
  nawat_pdf_view_find (view, SYNCED_WORD);
  nawat_ui_test_wait_until (found, view);
  g_assert_cmpint (nawat_pdf_view_get_n_matches (view), ==, SYNCED_PAGES);
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), "documents-synced.png");
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.close", NULL);
}

static void
test_synced (void)
{
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (g_getenv ("NAWAT_TEST_SYNCED_STORE"), NAWAT_UI_TEST_RUN_WAIT_FOR_CALL,
                         drive_synced, NULL);
  nawat_ui_test_set_language (NULL);
}

/* A coordinator (not among the call's evaluators) attaches in the window:
 * the list grows; a file over the limit is refused, saying so.
 */
static void
drive_attach (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  World *world = user_data;
  NawatProjectPage *page = NAWAT_PROJECT_PAGE (nawat_window_get_project_page (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *note = g_build_filename (world->dir, "note.txt", NULL);
  g_autofree char *huge = g_build_filename (world->dir, "huge.pdf", NULL);
  g_autofree char *chosen = g_build_filename (world->dir, "chosen.txt", NULL);
  g_autoptr(GFile) chosen_file = g_file_new_for_path (chosen);
  g_autofree char *limit = NULL;
  FilesShown shown = { window, 2 };
  GtkWidget *attach;
  gpointer args[2];
  int fd;

  nawat_ui_test_set_evaluator (app, window, "coordinator");
  g_assert_true (nawat_ui_test_open_project (window, world->project_id, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_until (files_listed, &shown);
  attach = nawat_ui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "attach-files");
  g_assert_true (gtk_widget_get_visible (attach));

  /* A file over the limit: refused, the limit in the message */
  fd = g_open (huge, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (NAWAT_STORE_MAX_FILE_MB + 1) * G_GINT64_CONSTANT (1048576)), ==, 0);
  g_close (fd, NULL);
  g_ptr_array_add (big, g_file_new_for_path (huge));
  g_signal_emit_by_name (page, "files-dropped", big);
  limit = g_strdup_printf ("%d", NAWAT_STORE_MAX_FILE_MB);
  args[0] = window;
  args[1] = limit;
  nawat_ui_test_wait_until (status_has, args);
  g_assert_true (files_listed (&shown));

  /* Dropped files are attached, off the main thread; the list grows */
  g_assert_true (g_file_set_contents (note, "บันทึก", -1, &error));
  g_ptr_array_add (files, g_file_new_for_path (note));
  g_signal_emit_by_name (page, "files-dropped", files);
  shown.n_rows = 3;
  nawat_ui_test_wait_until (files_listed, &shown);
  g_assert_nonnull (file_row (window, "note.txt"));

  /* Chosen in the file chooser the button opens: attached too.  Under
   * AddressSanitizer, GTK's own chooser leaks (its file system model's
   * threads): there the file comes as the chooser would give it.
   */
  g_assert_true (g_file_set_contents (chosen, "ภาคผนวก", -1, &error));
  if (RUNNING_ON_ASAN)
    {
      g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (given, g_object_ref (chosen_file));
      g_signal_emit_by_name (page, "files-dropped", given);
    }
  else
    {
      GtkFileChooser *chooser;

      gtk_widget_activate (attach);
      chooser = nawat_ui_test_wait_for_file_chooser ();
      g_assert_true (gtk_file_chooser_get_select_multiple (chooser));
      g_assert_true (gtk_file_chooser_set_file (chooser, chosen_file, &error));
      g_assert_no_error (error);
      nawat_ui_test_accept_file_chooser (chooser, chosen_file);
    }
  shown.n_rows = 4;
  nawat_ui_test_wait_until (files_listed, &shown);
  g_assert_nonnull (file_row (window, "chosen.txt"));
  g_unlink (chosen);
  g_unlink (note);
  g_unlink (huge);
}

/* A narrow window (the leaflet folded): the document covers the form,
 * and one back arrow, the header's, closes it, then goes back to the
 * list; Alt+Left does the same.
 */
static void
drive_narrow_back (NawatApplication *app,
                   NawatWindow      *window,
                   gpointer          user_data)
{
  World *world = user_data;
  NawatPdfView *view = NAWAT_PDF_VIEW (nawat_window_get_pdf_view (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backs = g_ptr_array_new ();
  FilesShown shown = { window, 2 };
  GtkWidget *back;

  set_width (window, 400);
  nawat_ui_test_set_evaluator (app, window, EVALUATOR);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  g_assert_true (nawat_ui_test_open_project (window, world->project_id, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_until (files_listed, &shown);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));

  /* By keyboard: the row may be below the screen's edge */
  gtk_widget_grab_focus (file_row (window, PDF_NAME));
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  nawat_ui_test_wait_until (view_loaded, view);
  nawat_ui_test_wait_until (form_hidden, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  collect_back_buttons (GTK_WIDGET (window), backs);
  g_assert_cmpuint (backs->len, ==, 1);
  back = backs->pdata[0];
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, _("Close Document"));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), "documents-narrow-back.png");

  /* The keyboard's back: the document closes, the project stays */
  g_assert_true (has_focus_within (nawat_pdf_view_get_pages_widget (view)));
  nawat_ui_test_press (GTK_WIDGET (window), "alt+Left");
  nawat_ui_test_wait_until (document_closed, window);
  nawat_ui_test_wait_until (form_shown, window);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) != window->list_pane);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, _("Back to the Projects"));

  /* Open again, the arrow closes it; once more, back to the list */
  gtk_widget_grab_focus (file_row (window, PDF_NAME));
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  nawat_ui_test_wait_until (view_loaded, view);
  nawat_ui_test_wait_until (form_hidden, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_ptr_array_set_size (backs, 0);
  collect_back_buttons (GTK_WIDGET (window), backs);
  g_assert_cmpuint (backs->len, ==, 1);
  g_assert_true (backs->pdata[0] == back);
  nawat_ui_test_click (back);
  nawat_ui_test_wait_until (document_closed, window);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) != window->list_pane);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  nawat_ui_test_click (back);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->list_pane);
}

/* "<cache>/nawat/files/<digest, Base64 made safe for a file name>/<name>" */
static char *
extracted_path (const NawatAttachment *attachment)
{
  g_autofree char *digest = g_strdup (attachment->digest);

  g_strdelimit (digest, "/+=", '_');
  return g_build_filename (g_get_user_cache_dir (), "nawat", "files", digest, attachment->name,
                           NULL);
}

/* The file written out holds @attachment's bytes: its digest is theirs */
static void
check_extracted (const NawatAttachment *attachment,
                 const char            *text)
{
  g_autofree char *path = extracted_path (attachment);
  g_autofree char *contents = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_autoptr(GError) error = NULL;
  guint8 sum[16];
  gsize length = 0, sum_length = sizeof sum;

  g_assert_true (g_str_has_prefix (path, home));
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, text);
  g_checksum_update (md5, (const guchar *) contents, (gssize) length);
  g_checksum_get_digest (md5, sum, &sum_length);
  digest = nawat_attachment_format_digest (sum);
  g_assert_cmpstr (digest, ==, attachment->digest);
}

static gboolean
file_opened (gpointer data)
{
  return g_file_test (opened_marker, G_FILE_TEST_EXISTS);
}

/* Files other than PDFs are written out and opened with the system's
 * application: none opens the office document (a message says so, and
 * the window goes on), the test's own opens the text file.
 */
static void
drive_launch (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  World *world = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *note_path = NULL;
  FilesShown shown = { window, 4 };
  NawatProject *project;
  gpointer args[2];

  nawat_ui_test_set_evaluator (app, window, EVALUATOR);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  g_assert_true (nawat_ui_test_open_project (window, world->project_id, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_until (files_listed, &shown);
  project = nawat_window_get_project (window);

  /* No application: said in the window's language, and nothing else */
  gtk_widget_grab_focus (file_row (window, LETTER_NAME));
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  args[0] = window;
  args[1] = (gpointer) _("No application on this computer opens this file");
  nawat_ui_test_wait_until (status_has, args);
  if (g_strcmp0 (world->lang, "th") == 0)
    g_assert_nonnull (strstr (nawat_window_get_status (window), "ไม่มีโปรแกรม"));
  check_extracted (nawat_project_get_attachment (project, LETTER_NAME), LETTER_TEXT);
  g_assert_false (gtk_widget_get_visible (nawat_window_get_pdf_view (window)));
  g_assert_false (file_opened (NULL));

  /* The window goes on: the text file opens in its application */
  gtk_widget_grab_focus (file_row (window, NOTE_NAME));
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  nawat_ui_test_poll_until (file_opened, NULL, "the text file opened");
  check_extracted (nawat_project_get_attachment (project, NOTE_NAME), NOTE_TEXT);
  g_assert_true (g_file_get_contents (opened_marker, &opened, NULL, &error));
  g_assert_no_error (error);
  note_path = extracted_path (nawat_project_get_attachment (project, NOTE_NAME));
  g_assert_cmpstr (opened, ==, note_path);
  g_assert_false (gtk_widget_get_visible (nawat_window_get_pdf_view (window)));
  g_unlink (opened_marker);
}

/* The store's files: "<store>.blobs/<2 hex>/<SHA-256>" */
static void
remove_blobs (const char *store_path)
{
  g_autoptr(NawatStore) store = nawat_store_open (store_path, NULL);
  g_autofree char *blobs = store != NULL ? nawat_store_dup_blobs_dir (store) : NULL;
  g_autoptr(GDir) dir = blobs != NULL ? g_dir_open (blobs, 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (blobs, name, NULL);

      if (g_file_test (sub, G_FILE_TEST_IS_DIR))
        nawat_ui_test_remove_dir (sub);
      else
        g_unlink (sub);
    }
  if (blobs != NULL)
    g_rmdir (blobs);
}

static void
run_world (World                *world,
           const char           *lang,
           NawatUiTestDriveFunc  drive)
{
  make_world (world);
  world->lang = lang;
  nawat_ui_test_set_language (lang);
  nawat_ui_test_run_app (world->path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive, world);
  nawat_ui_test_set_language (NULL);
  remove_blobs (world->path);
  nawat_ui_test_remove_dir (world->dir);
  g_free (world->dir);
  g_free (world->path);
  g_free (world->project_id);
  g_free (world->pdf_sha);
}

static void
run_in (const char *lang,
        gboolean    narrow,
        gboolean    attach)
{
  World world = { 0 };

  world.narrow = narrow;
  run_world (&world, lang, attach ? drive_attach : drive_documents);
}

static void
test_read (void)
{
  run_in ("en", FALSE, FALSE);
}

static void
test_read_thai_narrow (void)
{
  if (!nawat_ui_test_set_ui_locale ("th"))
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("No th_TH.UTF-8 locale in CI: build-aux/install-deps generates it");
      else
        g_test_skip ("No th_TH.UTF-8 locale");
      return;
    }
  run_in ("th", TRUE, FALSE);
  nawat_ui_test_set_ui_locale (NULL);
}

static void
test_attach (void)
{
  run_in ("en", FALSE, TRUE);
}

static void
test_launch (void)
{
  World world = { 0 };
  /* The message in Thai when the system has the locale */
  gboolean thai = nawat_ui_test_set_ui_locale ("th");

  world.others = TRUE;
  run_world (&world, thai ? "th" : "en", drive_launch);
  if (thai)
    nawat_ui_test_set_ui_locale (NULL);
}

static void
test_narrow_back (void)
{
  World world = { 0 };

  run_world (&world, "en", drive_narrow_back);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

/* A home of the test's own, set before GLib reads its directories: the
 * files opened are written to its cache, and its default application for
 * text/plain (its desktop file and mimeapps.list, as a desktop's) is a
 * script that writes the path it was given to opened_marker.
 */
static void
make_home (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *script = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *mimeapps = NULL;
  g_autofree char *text = NULL;

  home = g_dir_make_tmp ("nawat-documents-home-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (home, "cache", NULL);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  opened_marker = g_build_filename (home, "opened", NULL);
  script = g_build_filename (home, "open-file", NULL);
  text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                          opened_marker, opened_marker, opened_marker);
  write_file (script, text);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_clear_pointer (&text, g_free);

  desktop = g_build_filename (data, "applications", "nawat-test-open.desktop", NULL);
  text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Nawat Test Opener\n"
                          "Exec=%s %%f\nMimeType=text/plain;\n", script);
  write_file (desktop, text);
  mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  write_file (mimeapps, "[Default Applications]\ntext/plain=nawat-test-open.desktop\n");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  make_home ();
  if (nawat_ui_test_init (&argc, &argv, "/nawat/ui/documents/display"))
    {
      g_test_add_func ("/nawat/ui/documents/read", test_read);
      g_test_add_func ("/nawat/ui/documents/read-thai-narrow", test_read_thai_narrow);
      g_test_add_func ("/nawat/ui/documents/attach", test_attach);
      g_test_add_func ("/nawat/ui/documents/narrow-back", test_narrow_back);
      g_test_add_func ("/nawat/ui/documents/launch", test_launch);
      /* Only when tests/test-sync-attachments.sh --ui has synced a store */
      if (g_getenv ("NAWAT_TEST_SYNCED_STORE") != NULL)
        g_test_add_func ("/nawat/ui/documents/synced", test_synced);
    }

  status = g_test_run ();
  remove_tree (home);
  g_clear_pointer (&home, g_free);
  g_clear_pointer (&opened_marker, g_free);
  return status;
}
