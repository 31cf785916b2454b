/* nawat-assign-window.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-assign-window-private.h"

#include "nawat-assign.h"
#include "nawat-domains.h"
#include "nawat-vocabulary.h"

/* The matrix as read from the store: a project's evaluators are bits
 * (a call of 100,000 projects and 300 evaluators takes under 4 MB), the
 * cells nobody may take are kept apart, with their reason.
 */
typedef struct
{
  NawatCall  *call;
  GStrv       evaluators;    /* names, in the call's order */
  guint       n_projects;
  guint       n_evaluators;
  guint       words;         /* guint32 per project */
  GPtrArray  *ids;           /* char *, in code order */
  GPtrArray  *codes;
  GPtrArray  *titles;
  GPtrArray  *folded;        /* code and title, casefolded, for the search */
  GArray     *domains;       /* guint32 */
  guint32    *bits;          /* n_projects × words */
  /* p × n_evaluators + e + 1 to a NawatAssignExclusion, with a
   * conflict's NawatConflictType << 8 and RECUSED
   */
  GHashTable *exclusions;
  guint      *load;
} Matrix;

static void
matrix_free (Matrix *m)
{
  g_clear_object (&m->call);
  g_clear_pointer (&m->evaluators, g_strfreev);
  g_clear_pointer (&m->ids, g_ptr_array_unref);
  g_clear_pointer (&m->codes, g_ptr_array_unref);
  g_clear_pointer (&m->titles, g_ptr_array_unref);
  g_clear_pointer (&m->folded, g_ptr_array_unref);
  g_clear_pointer (&m->domains, g_array_unref);
  g_clear_pointer (&m->bits, g_free);
  g_clear_pointer (&m->exclusions, g_hash_table_unref);
  g_clear_pointer (&m->load, g_free);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Matrix, matrix_free)

/* In an exclusion: the coordinator recused the evaluator. */
#define RECUSED (1u << 16)
#define CONFLICT_TYPE(x) ((NawatConflictType) (((x) >> 8) & 0xff))

static gboolean
matrix_get (Matrix *m,
            guint   p,
            guint   e)
{
  return (m->bits[p * m->words + e / 32] >> (e % 32)) & 1;
}

static void
matrix_set (Matrix   *m,
            guint     p,
            guint     e,
            gboolean  on)
{
  guint32 *word = &m->bits[p * m->words + e / 32];
  guint32 bit = 1u << (e % 32);

  if (on == ((*word & bit) != 0))
    return;
  if (on)
    {
      *word |= bit;
      m->load[e]++;
    }
  else
    {
      *word &= ~bit;
      m->load[e]--;
    }
}

/* The NawatAssignExclusion with the conflict's type and RECUSED. */
static guint
matrix_exclusion_full (Matrix *m,
                       guint   p,
                       guint   e)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (m->exclusions,
                                                GUINT_TO_POINTER (p * m->n_evaluators + e + 1)));
}

static NawatAssignExclusion
matrix_exclusion (Matrix *m,
                  guint   p,
                  guint   e)
{
  return matrix_exclusion_full (m, p, e) & 0xff;
}

static guint
matrix_count (Matrix *m,
              guint   p)
{
  guint n = 0;

  for (guint w = 0; w < m->words; w++)
    n += __builtin_popcount (m->bits[p * m->words + w]);
  return n;
}

static GStrv
matrix_dup_names (Matrix *m,
                  guint   p)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint e = 0; e < m->n_evaluators; e++)
    if (matrix_get (m, p, e))
      g_strv_builder_add (builder, m->evaluators[e]);
  return g_strv_builder_end (builder);
}

struct _NawatAssignWindow
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkStack            *main_stack;
  AdwStatusPage       *error_page;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *domain_dropdown;
  GtkToggleButton     *short_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *count_column;
  GtkLabel            *summary_label;
  GtkDropDown         *evaluator_dropdown;
  GtkSpinButton       *k_spin;
  GtkCheckButton      *limit_check;
  GtkSpinButton       *limit_spin;
  GtkWidget           *auto_button;

  NawatStore          *store;
  char                *call_id;
  char                *language;
  Matrix              *matrix;
  NawatAssignModel    *model;
  GPtrArray           *evaluator_columns;
  GCancellable        *cancellable;
  AdwMessageDialog    *report;
  AdwMessageDialog    *recusal;
  /* the cell that had the focus last, for recusal; G_MAXUINT for none */
  guint                focus_p;
  guint                focus_e;
  AdwToast            *progress_toast;
  /* the assignment before the last automatic one, for Undo */
  GHashTable          *undo;
  guint                busy;
};

G_DEFINE_FINAL_TYPE (NawatAssignWindow, nawat_assign_window, ADW_TYPE_WINDOW)

static void refilter (NawatAssignWindow *self);
static void update_summary (NawatAssignWindow *self);
static void update_loads (NawatAssignWindow *self);

static void
add_toast (NawatAssignWindow *self,
           const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
set_busy (NawatAssignWindow *self,
          gboolean           busy)
{
  if (busy)
    self->busy++;
  else
    self->busy--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_button), self->busy == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assign.bulk-assign", self->busy == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assign.bulk-unassign", self->busy == 0);
}

/* Reading the call */

typedef struct
{
  Matrix     *m;
  char       *call_id;
  char       *language;
  /* project id to evaluator to the declared NawatConflictType */
  GHashTable *conflict_types;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_pointer (&job->m, matrix_free);
  g_free (job->call_id);
  g_free (job->language);
  g_clear_pointer (&job->conflict_types, g_hash_table_unref);
  g_free (job);
}

static gboolean
load_project (NawatProject  *project,
              guint          index,
              const guint8  *exclusions,
              gpointer       user_data,
              GError       **error)
{
  LoadJob *job = user_data;
  Matrix *m = job->m;
  const char * const *assigned = nawat_project_get_assigned (project);
  const char * const *domains = nawat_project_get_domains (project);
  const char *title = nawat_text_get (nawat_project_get_title (project), job->language);
  guint32 mask = 0;
  g_autofree char *both = NULL;
  GHashTable *declared;

  g_assert (index == m->ids->len);
  g_ptr_array_add (m->ids, g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (project))));
  g_ptr_array_add (m->codes, g_strdup (nawat_project_get_code (project)));
  g_ptr_array_add (m->titles, g_strdup (title != NULL ? title : ""));
  both = g_strconcat (nawat_project_get_code (project), "\n", title != NULL ? title : "", NULL);
  g_ptr_array_add (m->folded, g_utf8_casefold (both, -1));
  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    if (nawat_domain_index (domains[i]) >= 0)
      mask |= 1u << nawat_domain_index (domains[i]);
  g_array_append_val (m->domains, mask);

  m->bits = g_renew (guint32, m->bits, (gsize) (index + 1) * m->words);
  memset (&m->bits[index * m->words], 0, m->words * sizeof (guint32));
  declared = g_hash_table_lookup (job->conflict_types,
                                  nawat_document_get_id (NAWAT_DOCUMENT (project)));
  for (guint e = 0; e < m->n_evaluators; e++)
    {
      guint exclusion = exclusions[e];

      if (exclusion == NAWAT_ASSIGN_EXCLUDED_CONFLICT)
        {
          NawatConflictType type = nawat_project_get_recusal (project, m->evaluators[e]);

          if (type != NAWAT_CONFLICT_TYPE_NONE)
            exclusion |= RECUSED;
          else if (declared != NULL)
            type = GPOINTER_TO_INT (g_hash_table_lookup (declared, m->evaluators[e]));
          exclusion |= (guint) type << 8;
        }
      if (exclusion != NAWAT_ASSIGN_ALLOWED)
        g_hash_table_insert (m->exclusions, GUINT_TO_POINTER (index * m->n_evaluators + e + 1),
                             GUINT_TO_POINTER (exclusion));
      if (assigned != NULL && g_strv_contains (assigned, m->evaluators[e]))
        matrix_set (m, index, e, TRUE);
    }
  m->n_projects = index + 1;
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  NawatStore *store = source_object;
  LoadJob *job = task_data;
  g_autoptr(NawatAssignProblem) problem = NULL;
  g_autofree char *call_doc_id = g_strconcat ("call:", job->call_id, NULL);
  GError *error = NULL;
  Matrix *m = g_new0 (Matrix, 1);

  job->m = m;
  m->call = nawat_store_get_call (store, call_doc_id, &error);
  if (m->call == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  m->evaluators = g_strdupv ((char **) nawat_call_get_evaluators (m->call));
  m->n_evaluators = g_strv_length (m->evaluators);
  m->words = MAX ((m->n_evaluators + 31) / 32, 1);
  m->ids = g_ptr_array_new_with_free_func (g_free);
  m->codes = g_ptr_array_new_with_free_func (g_free);
  m->titles = g_ptr_array_new_with_free_func (g_free);
  m->folded = g_ptr_array_new_with_free_func (g_free);
  m->domains = g_array_new (FALSE, FALSE, sizeof (guint32));
  m->exclusions = g_hash_table_new (NULL, NULL);
  m->load = g_new0 (guint, MAX (m->n_evaluators, 1));

  job->conflict_types = nawat_store_dup_declared_conflict_types (store, job->call_id, &error);
  if (job->conflict_types == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  problem = nawat_assign_problem_new_for_call (m->call, 1, -1);
  if (!nawat_assign_problem_read_store (problem, store, m->call, load_project, job,
                                        cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&job->m), (GDestroyNotify) matrix_free);
}

/* The header of evaluator @e's column: the name and the load. */
static void
update_column_title (NawatAssignWindow *self,
                     guint              e)
{
  Matrix *m = self->matrix;
  const NawatEvaluatorProfile *profile = nawat_call_get_profile (m->call, m->evaluators[e]);
  const char *name = profile != NULL && profile->display_name != NULL
                     ? profile->display_name : m->evaluators[e];
  /* Translators: a column's header: an evaluator's name and the number
   * of projects assigned to them, e.g. "somchai (12)"
   */
  g_autofree char *title = g_strdup_printf (_("%s (%u)"), name, m->load[e]);

  gtk_column_view_column_set_title (g_ptr_array_index (self->evaluator_columns, e), title);
}

static void
update_loads (NawatAssignWindow *self)
{
  for (guint e = 0; self->matrix != NULL && e < self->matrix->n_evaluators; e++)
    update_column_title (self, e);
  refilter (self);
}

/* The cells */

static GtkWidget *
cell_check (GtkListItem *item)
{
  return gtk_list_item_get_child (item);
}

/* @exclusion: as matrix_exclusion_full() gives it */
static char *
exclusion_reason (guint exclusion)
{
  NawatConflictType type = CONFLICT_TYPE (exclusion);

  switch ((NawatAssignExclusion) (exclusion & 0xff))
    {
    case NAWAT_ASSIGN_EXCLUDED_CONFLICT:
      /* Translators: the type is a conflict of interest's, e.g. "Recused: Financial" */
      if ((exclusion & RECUSED) != 0)
        return g_strdup_printf (_("Recused: %s"), nawat_vocabulary_conflict_type (type, NULL));
      if (type != NAWAT_CONFLICT_TYPE_NONE)
        /* Translators: the type of the conflict, e.g. "…with this proposal (Financial)" */
        return g_strdup_printf (_("Declared a conflict of interest with this proposal (%s)"),
                                nawat_vocabulary_conflict_type (type, NULL));
      return g_strdup (_("Declared a conflict of interest with this proposal"));
    case NAWAT_ASSIGN_EXCLUDED_ORGANISATION:
      return g_strdup (_("Works for the proposal’s organisation"));
    case NAWAT_ASSIGN_EXCLUDED_PARTNER:
      return g_strdup (_("Works for one of the proposal’s partners"));
    case NAWAT_ASSIGN_ALLOWED:
    default:
      return NULL;
    }
}

static void
sync_cell (GtkListItem *item)
{
  NawatAssignWindow *self = g_object_get_data (G_OBJECT (item), "nawat-window");
  guint e = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "nawat-evaluator"));
  NawatAssignRow *row = gtk_list_item_get_item (item);
  GtkWidget *check = cell_check (item);
  Matrix *m = self->matrix;
  guint p;
  NawatAssignExclusion exclusion;
  g_autofree char *reason = NULL;
  g_autofree char *label = NULL;

  if (row == NULL || m == NULL)
    return;
  p = nawat_assign_row_get_index (row);
  exclusion = matrix_exclusion (m, p, e);
  reason = exclusion_reason (matrix_exclusion_full (m, p, e));

  g_object_set_data (G_OBJECT (check), "nawat-syncing", GINT_TO_POINTER (TRUE));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), matrix_get (m, p, e));
  g_object_set_data (G_OBJECT (check), "nawat-syncing", NULL);
  /* An assignment that breaks a rule (made before the conflict was
   * declared) can still be taken away.
   */
  gtk_widget_set_sensitive (check, exclusion == NAWAT_ASSIGN_ALLOWED || matrix_get (m, p, e));
  gtk_widget_set_tooltip_text (check, reason);
  if (reason != NULL)
    gtk_widget_add_css_class (check, "excluded");
  else
    gtk_widget_remove_css_class (check, "excluded");

  /* Translators: a check box's name for screen readers: "somchai for p001" */
  label = g_strdup_printf (_("%s for %s"), m->evaluators[e], (char *) g_ptr_array_index (m->codes, p));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason != NULL ? reason : "",
                                  -1);
  g_object_set_data_full (G_OBJECT (check), "nawat-label", g_steal_pointer (&label), g_free);
  /* GTK 4.8 cannot read an accessible property back: for the tests. */
  g_object_set_data_full (G_OBJECT (check), "nawat-description", g_steal_pointer (&reason), g_free);
}

static void
write_assigned_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(NawatAssignWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* What the window shows is no longer what is stored. */
      add_toast (self, error->message);
      nawat_assign_window_reload (self);
    }
}

static void
write_assigned_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;

  if (nawat_store_set_assigned (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Writes @assigned (project id to GStrv, taken) on the store's thread. */
static void
write_assigned (NawatAssignWindow *self,
                GHashTable        *assigned)
{
  g_autoptr(GTask) task = g_task_new (self->store, NULL, write_assigned_done, g_object_ref (self));

  g_task_set_source_tag (task, write_assigned);
  g_task_set_task_data (task, assigned, (GDestroyNotify) g_hash_table_unref);
  set_busy (self, TRUE);
  nawat_store_run_async (self->store, task, write_assigned_thread);
}

static GHashTable *
new_assigned_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     GtkListItem    *item)
{
  NawatAssignWindow *self = g_object_get_data (G_OBJECT (item), "nawat-window");
  guint e = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "nawat-evaluator"));
  NawatAssignRow *row = gtk_list_item_get_item (item);
  GHashTable *assigned;
  guint p;

  if (g_object_get_data (G_OBJECT (check), "nawat-syncing") != NULL || row == NULL)
    return;

  p = nawat_assign_row_get_index (row);
  matrix_set (self->matrix, p, e, gtk_check_button_get_active (check));
  assigned = new_assigned_table ();
  g_hash_table_insert (assigned, g_strdup (g_ptr_array_index (self->matrix->ids, p)),
                       matrix_dup_names (self->matrix, p));
  write_assigned (self, assigned);

  update_column_title (self, e);
  nawat_assign_model_changed (self->model, p);
  /* The rows stay as they are under the focus, even when "short of K"
   * no longer holds for this one: the counts change.
   */
  update_summary (self);
}

static void
on_row_changed_cb (NawatAssignRow *row,
                   GtkListItem    *item)
{
  sync_cell (item);
}

static void
setup_check_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                NawatAssignWindow        *self)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, check);
  g_object_set_data (G_OBJECT (check), "nawat-item", item);
  g_object_set_data (G_OBJECT (item), "nawat-window", self);
  g_object_set_data (G_OBJECT (item), "nawat-evaluator",
                     g_object_get_data (G_OBJECT (factory), "nawat-evaluator"));
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), item);
}

static void
bind_check_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               NawatAssignWindow        *self)
{
  g_signal_connect (gtk_list_item_get_item (item), "changed", G_CALLBACK (on_row_changed_cb), item);
  sync_cell (item);
}

static void
unbind_check_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 NawatAssignWindow        *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_row_changed_cb, item);
}

/* The code, title and count columns */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                NawatAssignWindow        *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "nawat-window", self);
}

static void
sync_label (GtkListItem *item)
{
  NawatAssignWindow *self = g_object_get_data (G_OBJECT (item), "nawat-window");
  const char *what = g_object_get_data (G_OBJECT (item), "nawat-column");
  NawatAssignRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  Matrix *m = self->matrix;
  guint p;

  if (row == NULL || m == NULL)
    return;
  p = nawat_assign_row_get_index (row);
  if (g_str_equal (what, "code"))
    gtk_label_set_text (label, g_ptr_array_index (m->codes, p));
  else if (g_str_equal (what, "title"))
    {
      gtk_label_set_text (label, g_ptr_array_index (m->titles, p));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), g_ptr_array_index (m->titles, p));
    }
  else
    {
      guint n = matrix_count (m, p);
      g_autofree char *text = g_strdup_printf ("%u", n);

      gtk_label_set_text (label, text);
      if (n < (guint) gtk_spin_button_get_value_as_int (self->k_spin))
        gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
    }
}

static void
on_label_row_changed_cb (NawatAssignRow *row,
                         GtkListItem    *item)
{
  sync_label (item);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               NawatAssignWindow        *self)
{
  g_object_set_data (G_OBJECT (item), "nawat-column", g_object_get_data (G_OBJECT (factory), "nawat-column"));
  g_signal_connect (gtk_list_item_get_item (item), "changed", G_CALLBACK (on_label_row_changed_cb), item);
  sync_label (item);
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 NawatAssignWindow        *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_label_row_changed_cb, item);
}

static GtkListItemFactory *
label_factory (NawatAssignWindow *self,
               const char        *what)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "nawat-column", (gpointer) what);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label_cb), self);
  return factory;
}

/* Building the matrix */

static void
remove_evaluator_columns (NawatAssignWindow *self)
{
  for (guint i = 0; i < self->evaluator_columns->len; i++)
    gtk_column_view_remove_column (self->column_view, g_ptr_array_index (self->evaluator_columns, i));
  g_ptr_array_set_size (self->evaluator_columns, 0);
}

static void
add_evaluator_columns (NawatAssignWindow *self)
{
  Matrix *m = self->matrix;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint e = 0; e < m->n_evaluators; e++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "nawat-evaluator", GUINT_TO_POINTER (e));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_check_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_check_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_check_cb), self);
      column = gtk_column_view_column_new (NULL, factory);
      gtk_column_view_append_column (self->column_view, column);
      g_ptr_array_add (self->evaluator_columns, column);
      update_column_title (self, e);
      gtk_string_list_append (names, m->evaluators[e]);
    }
  gtk_drop_down_set_model (self->evaluator_dropdown, G_LIST_MODEL (names));
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(NawatAssignWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Matrix *m = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  if (m == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      return;
    }

  remove_evaluator_columns (self);
  g_clear_pointer (&self->matrix, matrix_free);
  self->matrix = m;
  adw_window_title_set_subtitle (self->window_title,
                                 nawat_text_get (nawat_call_get_title (m->call), self->language));
  add_evaluator_columns (self);
  refilter (self);
  nawat_assign_model_changed_all (self->model);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    m->n_evaluators == 0 ? "no-evaluators" : "matrix");
}

void
nawat_assign_window_reload (NawatAssignWindow *self)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);

  g_return_if_fail (NAWAT_IS_ASSIGN_WINDOW (self));

  job->call_id = g_strdup (self->call_id);
  job->language = g_strdup (self->language);
  task = g_task_new (self->store, self->cancellable, load_done, g_object_ref (self));
  g_task_set_source_tag (task, nawat_assign_window_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  set_busy (self, TRUE);
  if (self->matrix == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  nawat_store_run_async (self->store, task, load_thread);
}

/* Filtering */

static gboolean
project_shown (NawatAssignWindow *self,
               guint              p,
               const char        *folded,
               int                domain,
               guint              short_of)
{
  Matrix *m = self->matrix;

  if (domain >= 0 && (g_array_index (m->domains, guint32, p) & (1u << domain)) == 0)
    return FALSE;
  if (short_of > 0 && matrix_count (m, p) >= short_of)
    return FALSE;
  return folded == NULL || strstr (g_ptr_array_index (m->folded, p), folded) != NULL;
}

/* How many projects are shown, and how many are short of K. */
static void
update_summary (NawatAssignWindow *self)
{
  Matrix *m = self->matrix;
  guint k = (guint) gtk_spin_button_get_value_as_int (self->k_spin);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint n_short = 0;
  g_autofree char *summary = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *lacking = NULL;

  if (m == NULL)
    return;
  for (guint p = 0; p < m->n_projects; p++)
    if (matrix_count (m, p) < k)
      n_short++;

  /* Translators: "120 of 400 projects shown" */
  shown = g_strdup_printf (ngettext ("%u of %u project shown", "%u of %u projects shown", m->n_projects),
                           n_shown, m->n_projects);
  /* Translators: how many projects have fewer than K evaluators */
  lacking = g_strdup_printf (ngettext ("%u project short of %u evaluators",
                                       "%u projects short of %u evaluators", n_short),
                             n_short, k);
  summary = g_strdup_printf ("%s\n%s", shown, lacking);
  gtk_label_set_text (self->summary_label, summary);
}

static void
refilter (NawatAssignWindow *self)
{
  Matrix *m = self->matrix;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *folded = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  guint selected = gtk_drop_down_get_selected (self->domain_dropdown);
  int domain = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;
  guint k = (guint) gtk_spin_button_get_value_as_int (self->k_spin);
  guint short_of = gtk_toggle_button_get_active (self->short_button) ? k : 0;
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean same;

  if (m == NULL)
    {
      nawat_assign_model_set_indices (self->model, indices);
      return;
    }

  for (guint p = 0; p < m->n_projects; p++)
    if (project_shown (self, p, folded, domain, short_of))
      g_array_append_val (indices, p);

  /* Only when the rows shown change: a cell toggled keeps its focus. */
  same = indices->len == g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint i = 0; i < indices->len && same; i++)
    same = g_array_index (indices, guint, i) == nawat_assign_model_get_index (self->model, i);
  if (same)
    g_array_unref (indices);
  else
    nawat_assign_model_set_indices (self->model, indices);
  update_summary (self);
}

static void
on_filter_changed_cb (NawatAssignWindow *self)
{
  refilter (self);
}

static void
on_k_changed_cb (NawatAssignWindow *self)
{
  refilter (self);
  nawat_assign_model_changed_all (self->model);
}

/* Bulk actions on the projects shown */

static void
bulk (NawatAssignWindow *self,
      gboolean           assign)
{
  Matrix *m = self->matrix;
  guint e = gtk_drop_down_get_selected (self->evaluator_dropdown);
  GListModel *model = G_LIST_MODEL (self->model);
  g_autoptr(GHashTable) assigned = new_assigned_table ();
  guint n = g_list_model_get_n_items (model);
  guint skipped = 0;

  if (m == NULL || e == GTK_INVALID_LIST_POSITION || e >= m->n_evaluators)
    return;

  for (guint i = 0; i < n; i++)
    {
      guint p = nawat_assign_model_get_index (self->model, i);

      if (matrix_get (m, p, e) == assign)
        continue;
      if (assign && matrix_exclusion (m, p, e) != NAWAT_ASSIGN_ALLOWED)
        {
          skipped++;
          continue;
        }
      matrix_set (m, p, e, assign);
      g_hash_table_insert (assigned, g_strdup (g_ptr_array_index (m->ids, p)), matrix_dup_names (m, p));
    }

  if (g_hash_table_size (assigned) > 0)
    write_assigned (self, g_steal_pointer (&assigned));
  if (skipped > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%s was not assigned to %u project they may not evaluate",
                                   "%s was not assigned to %u projects they may not evaluate", skipped),
                         m->evaluators[e], skipped);
      add_toast (self, text);
    }
  nawat_assign_model_changed_all (self->model);
  update_loads (self);
}

static void
bulk_assign_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  bulk (NAWAT_ASSIGN_WINDOW (widget), TRUE);
}

static void
bulk_unassign_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  bulk (NAWAT_ASSIGN_WINDOW (widget), FALSE);
}

/* Automatic assignment */

typedef struct
{
  char               *call_id;
  guint               k;
  int                 max_load;
  NawatAssignProblem *problem;
  NawatAssignResult  *result;
  GPtrArray          *ids;
  guint               n_replaced;
} SolveJob;

static void
solve_job_free (SolveJob *job)
{
  g_free (job->call_id);
  g_clear_pointer (&job->problem, nawat_assign_problem_free);
  g_clear_pointer (&job->result, nawat_assign_result_free);
  g_clear_pointer (&job->ids, g_ptr_array_unref);
  g_free (job);
}

static gboolean
collect_id (NawatProject  *project,
            guint          index,
            const guint8  *exclusions,
            gpointer       user_data,
            GError       **error)
{
  SolveJob *job = user_data;
  const char * const *assigned = nawat_project_get_assigned (project);

  g_ptr_array_add (job->ids, g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (project))));
  if (assigned != NULL && assigned[0] != NULL)
    job->n_replaced++;
  return TRUE;
}

static void
solve_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SolveJob *job = task_data;
  g_autofree char *call_doc_id = g_strconcat ("call:", job->call_id, NULL);
  g_autoptr(NawatCall) call = NULL;
  GError *error = NULL;

  call = nawat_store_get_call (source_object, call_doc_id, &error);
  if (call == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->problem = nawat_assign_problem_new_for_call (call, job->k, job->max_load);
  job->ids = g_ptr_array_new_with_free_func (g_free);
  if (!nawat_assign_problem_read_store (job->problem, source_object, call, collect_id, job,
                                        cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->result = nawat_assign_solve (job->problem);
  g_task_return_boolean (task, TRUE);
}

static GHashTable *
snapshot (Matrix *m)
{
  GHashTable *table = new_assigned_table ();

  for (guint p = 0; p < m->n_projects; p++)
    g_hash_table_insert (table, g_strdup (g_ptr_array_index (m->ids, p)), matrix_dup_names (m, p));
  return table;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NawatAssignWindow *self = NAWAT_ASSIGN_WINDOW (widget);

  if (self->undo == NULL)
    return;
  write_assigned (self, g_steal_pointer (&self->undo));
  nawat_assign_window_reload (self);
  add_toast (self, _("The assignment before was put back"));
}

static void
apply_result (NawatAssignWindow *self,
              SolveJob          *job)
{
  GHashTable *assigned = new_assigned_table ();
  g_autofree char *text = NULL;
  AdwToast *toast;

  for (guint p = 0; p < job->ids->len; p++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = job->result->offsets[p]; i < job->result->offsets[p + 1]; i++)
        g_strv_builder_add (builder,
                            nawat_assign_problem_get_evaluator (job->problem, job->result->assigned[i]));
      g_hash_table_insert (assigned, g_strdup (g_ptr_array_index (job->ids, p)),
                           g_strv_builder_end (builder));
    }

  g_clear_pointer (&self->undo, g_hash_table_unref);
  if (self->matrix != NULL)
    self->undo = snapshot (self->matrix);
  write_assigned (self, assigned);
  nawat_assign_window_reload (self);

  text = g_strdup_printf (ngettext ("Evaluators assigned to %u project",
                                    "Evaluators assigned to %u projects", job->ids->len),
                          job->ids->len);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "assign.undo");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_report_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  NawatAssignWindow *self = NAWAT_ASSIGN_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  SolveJob *job = user_data;

  if (g_strcmp0 (response, "apply") == 0)
    apply_result (self, job);
  if (self->report == dialog)
    self->report = NULL;
}

static void
free_solve_job_closure (gpointer  data,
                        GClosure *closure)
{
  solve_job_free (data);
}

/* The loads, one evaluator a line. */
static GtkWidget *
loads_view (SolveJob *job)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label;

  for (guint e = 0; e < job->result->n_evaluators; e++)
    {
      /* Translators: an evaluator and their load: "somchai: 12 projects" */
      g_string_append_printf (text, ngettext ("%s: %u project", "%s: %u projects", job->result->load[e]),
                              nawat_assign_problem_get_evaluator (job->problem, e), job->result->load[e]);
      if (e + 1 < job->result->n_evaluators)
        g_string_append_c (text, '\n');
    }
  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Projects per evaluator"), -1);
  return scrolled;
}

static void
show_report (NawatAssignWindow *self,
             SolveJob          *job)
{
  NawatAssignResult *result = job->result;
  AdwMessageDialog *dialog;
  g_autoptr(GString) body = g_string_new (NULL);

  if (result->problems->len > 0)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("No Assignment Keeps the Rules"), NULL));
      for (guint i = 0; i < result->problems->len; i++)
        g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "",
                                (char *) g_ptr_array_index (result->problems, i));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      adw_message_dialog_set_default_response (dialog, "close");
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Assign These Evaluators?"), NULL));
      g_string_append_printf (body, _("Expertise match: %llu of %llu assignments (%.1f%%)"),
                              (unsigned long long) result->matched_pairs,
                              (unsigned long long) result->pairs,
                              result->pairs > 0 ? 100.0 * result->matched_pairs / result->pairs : 0.0);
      g_string_append_c (body, '\n');
      g_string_append_printf (body, ngettext ("%u project has fewer than %u evaluators",
                                              "%u projects have fewer than %u evaluators",
                                              result->n_short),
                              result->n_short, result->per_project);
      if (job->n_replaced > 0)
        {
          g_string_append (body, "\n\n");
          g_string_append_printf (body, ngettext ("This replaces the evaluators of %u project, "
                                                  "who are assigned already; Undo puts them back.",
                                                  "This replaces the evaluators of %u projects, "
                                                  "who are assigned already; Undo puts them back.",
                                                  job->n_replaced),
                                  job->n_replaced);
        }
      adw_message_dialog_set_extra_child (dialog, loads_view (job));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Assign"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "apply");
    }
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_set_close_response (dialog, result->problems->len > 0 ? "close" : "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_report_response_cb), job,
                         free_solve_job_closure, 0);
  self->report = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
solve_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(NawatAssignWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SolveJob *job = g_task_get_task_data (G_TASK (result));

  set_busy (self, FALSE);
  if (self->progress_toast != NULL)
    adw_toast_dismiss (self->progress_toast);
  g_clear_object (&self->progress_toast);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, error->message);
      solve_job_free (job);
      return;
    }
  /* The dialog owns the job from here. */
  show_report (self, job);
}

static void
auto_assign_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NawatAssignWindow *self = NAWAT_ASSIGN_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  SolveJob *job = g_new0 (SolveJob, 1);

  if (self->busy > 0)
    {
      solve_job_free (job);
      return;
    }
  job->call_id = g_strdup (self->call_id);
  job->k = (guint) gtk_spin_button_get_value_as_int (self->k_spin);
  job->max_load = gtk_check_button_get_active (self->limit_check)
                  ? gtk_spin_button_get_value_as_int (self->limit_spin) : -1;
  task = g_task_new (self->store, self->cancellable, solve_done, g_object_ref (self));
  g_task_set_source_tag (task, auto_assign_action);
  /* solve_done() takes it: the report's dialog keeps it. */
  g_task_set_task_data (task, job, NULL);
  set_busy (self, TRUE);
  g_clear_object (&self->progress_toast);
  self->progress_toast = adw_toast_new (_("Assigning evaluators…"));
  adw_toast_set_timeout (self->progress_toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->progress_toast));
  nawat_store_run_async (self->store, task, solve_thread);
}

/* Return in K or the most per evaluator runs it. */
static void
on_spin_activate_cb (NawatAssignWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "assign.auto", NULL);
}

/* Recusal */

/* The cell that has the focus, or had it last. */
static gboolean
focused_cell (NawatAssignWindow *self,
              guint             *p,
              guint             *e)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkListItem *item = focus != NULL ? g_object_get_data (G_OBJECT (focus), "nawat-item") : NULL;

  if (item != NULL && gtk_list_item_get_item (item) != NULL)
    {
      self->focus_p = nawat_assign_row_get_index (gtk_list_item_get_item (item));
      self->focus_e = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "nawat-evaluator"));
    }
  if (self->matrix == NULL || self->focus_p >= self->matrix->n_projects
      || self->focus_e >= self->matrix->n_evaluators)
    return FALSE;
  *p = self->focus_p;
  *e = self->focus_e;
  return TRUE;
}

static void
on_focus_changed_cb (NawatAssignWindow *self)
{
  guint p, e;

  focused_cell (self, &p, &e);
}

typedef struct
{
  NawatCall         *call;
  char              *project_id;
  char              *evaluator;
  NawatConflictType  type;
  char              *note;
  guint              p;
  guint              e;
} RecuseJob;

static void
recuse_job_free (RecuseJob *job)
{
  g_clear_object (&job->call);
  g_free (job->project_id);
  g_free (job->evaluator);
  g_free (job->note);
  g_free (job);
}

static void
recuse_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RecuseJob *job = task_data;
  GError *error = NULL;

  if (nawat_store_recuse (source_object, job->call, job->project_id, job->evaluator,
                          job->type, job->note, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
recuse_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(NawatAssignWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  RecuseJob *job = g_task_get_task_data (G_TASK (result));
  Matrix *m = self->matrix;
  guint exclusion;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      add_toast (self, error->message);
      return;
    }
  /* The matrix may have been read again meanwhile: it is the store's. */
  if (m == NULL || job->p >= m->n_projects || job->e >= m->n_evaluators
      || g_strcmp0 (g_ptr_array_index (m->ids, job->p), job->project_id) != 0
      || g_strcmp0 (m->evaluators[job->e], job->evaluator) != 0)
    {
      nawat_assign_window_reload (self);
      return;
    }
  matrix_set (m, job->p, job->e, FALSE);
  exclusion = NAWAT_ASSIGN_EXCLUDED_CONFLICT | RECUSED | ((guint) job->type << 8);
  g_hash_table_insert (m->exclusions, GUINT_TO_POINTER (job->p * m->n_evaluators + job->e + 1),
                       GUINT_TO_POINTER (exclusion));
  update_column_title (self, job->e);
  nawat_assign_model_changed (self->model, job->p);
  update_summary (self);
  /* Translators: "somchai recused from p001" */
  {
    g_autofree char *text = g_strdup_printf (_("%s recused from %s"), job->evaluator,
                                             (char *) g_ptr_array_index (m->codes, job->p));
    add_toast (self, text);
  }
}

static void
on_recusal_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        NawatAssignWindow *self)
{
  RecuseJob *job = g_object_get_data (G_OBJECT (dialog), "nawat-job");
  GtkWidget *types = g_object_get_data (G_OBJECT (dialog), "nawat-types");
  NawatConflictType type = NAWAT_CONFLICT_TYPE_NONE;
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "nawat-note");
  g_autoptr(GTask) task = NULL;

  self->recusal = NULL;
  for (GtkWidget *radio = gtk_widget_get_first_child (types);
       radio != NULL;
       radio = gtk_widget_get_next_sibling (radio))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (radio)))
      type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (radio), "nawat-type"));
  if (!g_str_equal (response, "recuse") || self->busy > 0 || type == NAWAT_CONFLICT_TYPE_NONE)
    return;

  job = g_memdup2 (job, sizeof *job);
  job->call = g_object_ref (job->call);
  job->project_id = g_strdup (job->project_id);
  job->evaluator = g_strdup (job->evaluator);
  job->type = type;
  job->note = g_strstrip (g_strdup (gtk_editable_get_text (note)));
  task = g_task_new (self->store, NULL, recuse_done, g_object_ref (self));
  g_task_set_source_tag (task, on_recusal_response_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) recuse_job_free);
  set_busy (self, TRUE);
  nawat_store_run_async (self->store, task, recuse_thread);
}

static void
recuse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NawatAssignWindow *self = NAWAT_ASSIGN_WINDOW (widget);
  Matrix *m = self->matrix;
  AdwMessageDialog *dialog;
  GtkWidget *box, *label, *types, *note;
  GtkWidget *first = NULL;
  RecuseJob *job;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint p, e;

  if (self->busy > 0 || self->recusal != NULL)
    return;
  if (!focused_cell (self, &p, &e))
    {
      add_toast (self, _("Move the focus to a cell of the matrix first"));
      return;
    }

  job = g_new0 (RecuseJob, 1);
  job->call = g_object_ref (m->call);
  job->project_id = g_strdup (g_ptr_array_index (m->ids, p));
  job->evaluator = g_strdup (m->evaluators[e]);
  job->p = p;
  job->e = e;

  /* Translators: "Recuse somchai from p001?" */
  heading = g_strdup_printf (_("Recuse %s from %s?"), m->evaluators[e],
                             (char *) g_ptr_array_index (m->codes, p));
  body = g_strdup (_("The evaluator is taken off the project, the conflict of interest is "
                     "recorded in it, and once the call is published the server refuses "
                     "their evaluation of it."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Type of conflict"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  /* Radio buttons, not a drop-down: the arrows choose, Tab goes on. */
  types = g_object_new (GTK_TYPE_BOX,
                        "orientation", GTK_ORIENTATION_VERTICAL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                        NULL);
  gtk_widget_set_name (types, "recusal-type");
  gtk_accessible_update_property (GTK_ACCESSIBLE (types), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Type of conflict"), -1);
  for (NawatConflictType t = NAWAT_CONFLICT_TYPE_NONE + 1; t < NAWAT_N_CONFLICT_TYPES; t++)
    {
      GtkWidget *radio = gtk_check_button_new_with_label (nawat_vocabulary_conflict_type (t, NULL));

      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), GTK_CHECK_BUTTON (first));
      else
        first = radio;
      g_object_set_data (G_OBJECT (radio), "nawat-type", GINT_TO_POINTER (t));
      gtk_box_append (GTK_BOX (types), radio);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), first);
  gtk_box_append (GTK_BOX (box), types);
  label = gtk_label_new_with_mnemonic (_("_Note (optional)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  note = gtk_entry_new ();
  gtk_widget_set_name (note, "recusal-note");
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), note);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_box_append (GTK_BOX (box), note);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "recuse", _("_Recuse"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "recuse", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "recuse");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "nawat-job", job, (GDestroyNotify) recuse_job_free);
  g_object_set_data (G_OBJECT (dialog), "nawat-types", types);
  g_object_set_data (G_OBJECT (dialog), "nawat-note", note);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recusal_response_cb), self, 0);
  self->recusal = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
}

/* The window */

static void
nawat_assign_window_dispose (GObject *object)
{
  NawatAssignWindow *self = NAWAT_ASSIGN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_ASSIGN_WINDOW);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (nawat_assign_window_parent_class)->dispose (object);
}

static void
nawat_assign_window_finalize (GObject *object)
{
  NawatAssignWindow *self = NAWAT_ASSIGN_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->matrix, matrix_free);
  g_clear_pointer (&self->evaluator_columns, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_hash_table_unref);
  g_clear_object (&self->progress_toast);

  G_OBJECT_CLASS (nawat_assign_window_parent_class)->finalize (object);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (NAWAT_ASSIGN_WINDOW (widget)->search_entry));
}

static void
nawat_assign_window_class_init (NawatAssignWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_assign_window_dispose;
  object_class->finalize = nawat_assign_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nawat/Nawat/ui/assign/nawat-assign-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, domain_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, short_button);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, code_column);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, title_column);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, count_column);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, evaluator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, k_spin);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, limit_check);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, NawatAssignWindow, auto_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_k_changed_cb);

  gtk_widget_class_install_action (widget_class, "assign.auto", NULL, auto_assign_action);
  gtk_widget_class_install_action (widget_class, "assign.bulk-assign", NULL, bulk_assign_action);
  gtk_widget_class_install_action (widget_class, "assign.bulk-unassign", NULL, bulk_unassign_action);
  gtk_widget_class_install_action (widget_class, "assign.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "assign.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "assign.recuse", NULL, recuse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "assign.recuse", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "assign.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nawat_assign_window_init (NawatAssignWindow *self)
{
  g_autoptr(GtkStringList) domains = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) code = NULL;
  g_autoptr(GtkListItemFactory) title = NULL;
  g_autoptr(GtkListItemFactory) count = NULL;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->focus_p = G_MAXUINT;
  self->focus_e = G_MAXUINT;
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_changed_cb), NULL);
  self->evaluator_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->model = nawat_assign_model_new ();
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  code = label_factory (self, "code");
  title = label_factory (self, "title");
  count = label_factory (self, "count");
  gtk_column_view_column_set_factory (self->code_column, code);
  gtk_column_view_column_set_factory (self->title_column, title);
  gtk_column_view_column_set_factory (self->count_column, count);

  /* GtkSpinButton has no "activate" before GTK 4.14: its text has. */
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->k_spin)), "activate",
                           G_CALLBACK (on_spin_activate_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->limit_spin)), "activate",
                           G_CALLBACK (on_spin_activate_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_string_list_append (domains, _("All Domains"));
  self->language = g_strdup ("en");
  gtk_drop_down_set_model (self->domain_dropdown, G_LIST_MODEL (domains));
}

static void
set_domain_labels (NawatAssignWindow *self)
{
  g_autoptr(GtkStringList) domains = gtk_string_list_new (NULL);
  const NawatTerm *terms = nawat_domains ();

  gtk_string_list_append (domains, _("All Domains"));
  for (guint i = 0; i < NAWAT_N_DOMAINS; i++)
    gtk_string_list_append (domains, nawat_term_get_label (&terms[i], self->language));
  gtk_drop_down_set_model (self->domain_dropdown, G_LIST_MODEL (domains));
  gtk_drop_down_set_selected (self->domain_dropdown, 0);
}

NawatAssignWindow *
nawat_assign_window_present (GtkWindow  *parent,
                             NawatStore *store,
                             const char *call_id,
                             const char *language)
{
  GtkApplication *app;
  NawatAssignWindow *self = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  app = gtk_window_get_application (parent);
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (NAWAT_IS_ASSIGN_WINDOW (l->data) &&
        gtk_window_get_transient_for (l->data) == parent &&
        g_strcmp0 (NAWAT_ASSIGN_WINDOW (l->data)->call_id, call_id) == 0)
      self = l->data;

  if (self == NULL)
    {
      self = g_object_new (NAWAT_TYPE_ASSIGN_WINDOW,
                           "transient-for", parent,
                           "application", app,
                           NULL);
      self->store = g_object_ref (store);
      self->call_id = g_strdup (call_id);
      g_free (self->language);
      self->language = g_strdup (g_strcmp0 (language, "th") == 0 ? "th" : "en");
      set_domain_labels (self);
      nawat_assign_window_reload (self);
    }

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* For the tests */

gboolean
nawat_assign_window_get_busy (NawatAssignWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_ASSIGN_WINDOW (self), FALSE);

  return self->busy > 0;
}

const char *
nawat_assign_window_get_call_id (NawatAssignWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_ASSIGN_WINDOW (self), NULL);

  return self->call_id;
}

NawatAssignModel *
nawat_assign_window_get_model (NawatAssignWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_ASSIGN_WINDOW (self), NULL);

  return self->model;
}

AdwMessageDialog *
nawat_assign_window_get_report (NawatAssignWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_ASSIGN_WINDOW (self), NULL);

  return self->report;
}

AdwMessageDialog *
nawat_assign_window_get_recusal (NawatAssignWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_ASSIGN_WINDOW (self), NULL);

  return self->recusal;
}

static GtkWidget *
find_labelled (GtkWidget  *widget,
               const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget))
    {
      const char *mine = g_object_get_data (G_OBJECT (widget), "nawat-label");

      if (g_strcmp0 (mine, label) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
nawat_assign_window_find_cell (NawatAssignWindow *self,
                               const char        *code,
                               const char        *evaluator)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (NAWAT_IS_ASSIGN_WINDOW (self), NULL);

  label = g_strdup_printf (_("%s for %s"), evaluator, code);
  return find_labelled (GTK_WIDGET (self->column_view), label);
}
