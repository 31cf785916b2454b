/* nawat-dashboard.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-application.h"
#include "nawat-call.h"
#include "nawat-chart.h"
#include "nawat-chart-view.h"
#include "nawat-criterion.h"
#include "nawat-dashboard.h"
#include "nawat-domains.h"
#include "nawat-evaluation.h"
#include "nawat-places.h"
#include "nawat-project.h"
#include "nawat-project-page.h"
#include "nawat-round.h"
#include "nawat-rubric.h"
#include "nawat-rubric-group.h"
#include "nawat-scoring.h"
#include "nawat-store.h"
#include "nawat-vocabulary.h"

#include <math.h>
#include <string.h>

/* Projects are read from the store in pages of this many. */
/* Below this width the table shows fewer columns. */
#define NARROW_WIDTH 640

#define PAGE_SIZE 2000

/* Everything the worker thread computes for the dashboard. */
typedef struct
{
  gatomicrefcount  ref_count;
  NawatCallStats  *stats;
  NawatCall       *call;
  NawatRubric     *rubric;
  /* The title of each project of @stats (by index) in the language of
   * the dashboard, in @strings; NULL when the project has none.
   */
  GStringChunk    *strings;
  const char     **titles;
  /* Project indices in ranking order (by mean) */
  const guint     *ranking;
  double           coverage[NAWAT_N_DOMAINS * NAWAT_N_REGIONS];
  double          *means;
  /* of @means: the projects' mean composite scores */
  NawatSummary     means_summary;
  guint            n_projects;
  guint            submitted;
  guint            drafts;
  guint            conflicts;
} Snapshot;

static Snapshot *
snapshot_ref (Snapshot *snapshot)
{
  g_atomic_ref_count_inc (&snapshot->ref_count);
  return snapshot;
}

static void
snapshot_unref (Snapshot *snapshot)
{
  if (!g_atomic_ref_count_dec (&snapshot->ref_count))
    return;

  g_clear_object (&snapshot->stats);
  g_clear_object (&snapshot->call);
  g_clear_object (&snapshot->rubric);
  g_clear_pointer (&snapshot->strings, g_string_chunk_free);
  g_clear_pointer (&snapshot->titles, g_free);
  g_clear_pointer (&snapshot->means, g_free);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_unref)

static char *
format_number (double value,
               int    digits)
{
  if (isnan (value))
    return g_strdup ("—");
  /* No "-0.0" */
  if (fabs (value) < 0.5 * pow (10, -digits))
    value = 0.0;
  return g_strdup_printf ("%.*f", digits, value);
}

static char *
format_rank (guint    rank,
             gboolean tied)
{
  if (rank == 0)
    return g_strdup ("—");
  /* Translators: a rank shared by several projects, e.g. "=3" */
  return tied ? g_strdup_printf (_("=%u"), rank) : g_strdup_printf ("%u", rank);
}

static const char *
project_code (const char *project_id)
{
  const char *colon = strrchr (project_id, ':');

  return colon != NULL ? colon + 1 : project_id;
}

static const char *
text_in_language (const NawatText *text,
                  const char      *language)
{
  const char *value;

  if (text == NULL)
    return NULL;
  value = nawat_text_get (text, language);
  if (value == NULL || *value == '\0')
    value = nawat_text_get (text, g_strcmp0 (language, "th") == 0 ? "en" : "th");
  return value != NULL && *value != '\0' ? value : NULL;
}

/* NawatDashboardRow */

/* A row of the ranking table: the project at one position of the table.
 * When the table is sorted or filtered again, the rows it shows stay and
 * change their project, so that the table keeps its widgets.
 */
struct _NawatDashboardRow
{
  GObject   parent_instance;

  Snapshot *snapshot;
  /* of the project, in the statistics */
  guint     index;
  /* The RankingModel that made the row, while the row is at @position */
  gpointer  model;
  guint     position;
};

static void ranking_model_forget_row (gpointer model,
                                      guint    position);

G_DEFINE_FINAL_TYPE (NawatDashboardRow, nawat_dashboard_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_CODE,
  ROW_PROP_TITLE,
  ROW_PROP_RANK_TEXT,
  ROW_PROP_EVALUATIONS_TEXT,
  ROW_PROP_PROGRESS_TEXT,
  ROW_PROP_MEAN_TEXT,
  ROW_PROP_Z_TEXT,
  ROW_PROP_SPREAD_TEXT,
  ROW_PROP_DISAGREEMENT,
  ROW_PROP_DISAGREEMENT_TEXT,
  ROW_PROP_REASONS,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static NawatDashboardRow *
nawat_dashboard_row_new (Snapshot *snapshot,
                         guint     index)
{
  NawatDashboardRow *self = g_object_new (NAWAT_TYPE_DASHBOARD_ROW, NULL);

  self->snapshot = snapshot_ref (snapshot);
  self->index = index;
  return self;
}

static char *
row_dup_progress_text (const NawatProjectStats *ps)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u evaluation submitted", "%u evaluations submitted",
                                       ps->submitted),
                          ps->submitted);
  g_string_append (text, "\n");
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE, "%u draft", "%u drafts", ps->draft),
                          ps->draft);
  g_string_append (text, "\n");
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u evaluator assigned", "%u evaluators assigned",
                                       ps->assigned),
                          ps->assigned);
  if (ps->conflict > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u conflict of interest declared",
                                           "%u conflicts of interest declared",
                                           ps->conflict),
                              ps->conflict);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
nawat_dashboard_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NawatDashboardRow *self = NAWAT_DASHBOARD_ROW (object);
  const NawatProjectStats *ps = nawat_dashboard_row_get_stats (self);

  switch (prop_id)
    {
    case ROW_PROP_CODE:
      g_value_set_string (value, project_code (ps->project_id));
      break;
    case ROW_PROP_TITLE:
      g_value_set_string (value, nawat_dashboard_row_get_title (self));
      break;
    case ROW_PROP_RANK_TEXT:
      g_value_take_string (value, format_rank (ps->rank_mean, ps->rank_mean_tied));
      break;
    case ROW_PROP_EVALUATIONS_TEXT:
      if (ps->assigned > 0)
        /* Translators: evaluations submitted of evaluators assigned, "2 / 3" */
        g_value_take_string (value, g_strdup_printf (_("%u / %u"), ps->n_evaluations, ps->assigned));
      else
        g_value_take_string (value, g_strdup_printf ("%u", ps->n_evaluations));
      break;
    case ROW_PROP_PROGRESS_TEXT:
      g_value_take_string (value, row_dup_progress_text (ps));
      break;
    case ROW_PROP_MEAN_TEXT:
      g_value_take_string (value, format_number (ps->mean, 1));
      break;
    case ROW_PROP_Z_TEXT:
      if (isnan (ps->z_mean))
        g_value_set_string (value, "—");
      else
        g_value_take_string (value, g_strdup_printf ("%+.2f", fabs (ps->z_mean) < 0.005 ? 0.0 : ps->z_mean));
      break;
    case ROW_PROP_SPREAD_TEXT:
      g_value_take_string (value, format_number (ps->n_evaluations >= 2 ? ps->spread : NAN, 1));
      break;
    case ROW_PROP_DISAGREEMENT:
      g_value_set_boolean (value, ps->disagreement);
      break;
    case ROW_PROP_DISAGREEMENT_TEXT:
      g_value_set_string (value, ps->disagreement ? _("Flagged") : NULL);
      break;
    case ROW_PROP_REASONS:
      if (ps->reasons != NULL)
        g_value_take_string (value, g_strjoinv ("\n", ps->reasons));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_row_finalize (GObject *object)
{
  NawatDashboardRow *self = NAWAT_DASHBOARD_ROW (object);

  if (self->model != NULL)
    ranking_model_forget_row (self->model, self->position);
  g_clear_pointer (&self->snapshot, snapshot_unref);

  G_OBJECT_CLASS (nawat_dashboard_row_parent_class)->finalize (object);
}

static GParamSpec *
row_string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
nawat_dashboard_row_class_init (NawatDashboardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nawat_dashboard_row_finalize;
  object_class->get_property = nawat_dashboard_row_get_property;

  row_properties[ROW_PROP_CODE] = row_string_property ("code");
  row_properties[ROW_PROP_TITLE] = row_string_property ("title");
  row_properties[ROW_PROP_RANK_TEXT] = row_string_property ("rank-text");
  row_properties[ROW_PROP_EVALUATIONS_TEXT] = row_string_property ("evaluations-text");
  row_properties[ROW_PROP_PROGRESS_TEXT] = row_string_property ("progress-text");
  row_properties[ROW_PROP_MEAN_TEXT] = row_string_property ("mean-text");
  row_properties[ROW_PROP_Z_TEXT] = row_string_property ("z-text");
  row_properties[ROW_PROP_SPREAD_TEXT] = row_string_property ("spread-text");
  row_properties[ROW_PROP_DISAGREEMENT] = g_param_spec_boolean ("disagreement", NULL, NULL, FALSE, flags);
  row_properties[ROW_PROP_DISAGREEMENT_TEXT] = row_string_property ("disagreement-text");
  row_properties[ROW_PROP_REASONS] = row_string_property ("reasons");

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
nawat_dashboard_row_init (NawatDashboardRow *self)
{
}

const char *
nawat_dashboard_row_get_project_id (NawatDashboardRow *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD_ROW (self), NULL);

  return nawat_dashboard_row_get_stats (self)->project_id;
}

const NawatProjectStats *
nawat_dashboard_row_get_stats (NawatDashboardRow *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD_ROW (self), NULL);

  return nawat_call_stats_get_project (self->snapshot->stats, self->index);
}

/* The title of project @index, or its code when it has none */
static const char *
snapshot_get_title (const Snapshot *snapshot,
                    guint           index)
{
  const char *title = snapshot->titles[index];

  if (title != NULL)
    return title;
  return project_code (nawat_call_stats_get_project (snapshot->stats, index)->project_id);
}

const char *
nawat_dashboard_row_get_title (NawatDashboardRow *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD_ROW (self), NULL);

  return snapshot_get_title (self->snapshot, self->index);
}

/* The table is sorted in a worker thread over the statistics' arrays
 * (nawat_dashboard_update_order): GtkSortListModel would make a row
 * object for every project.  Each column still has a sorter, so that the
 * column view shows its headers as sortable; the sorters only tell which
 * key and direction the user chose (read_sort_order).  Figures sort
 * highest first, undefined ones last; rank, code and title in increasing
 * order.
 */

#define NAWAT_TYPE_DASHBOARD_SORTER (nawat_dashboard_sorter_get_type ())

G_DECLARE_FINAL_TYPE (NawatDashboardSorter, nawat_dashboard_sorter, NAWAT, DASHBOARD_SORTER, GtkSorter)

typedef enum
{
  SORT_RANK,
  SORT_CODE,
  SORT_TITLE,
  SORT_EVALUATIONS,
  SORT_MEAN,
  SORT_Z_MEAN,
  SORT_SPREAD,
  SORT_DISAGREEMENT,
} SortKey;

static const char * const sort_keys[] = {
  "rank", "code", "title", "n-evaluations", "mean", "z-mean", "spread", "disagreement",
};

struct _NawatDashboardSorter
{
  GtkSorter parent_instance;

  SortKey   key;
};

G_DEFINE_FINAL_TYPE (NawatDashboardSorter, nawat_dashboard_sorter, GTK_TYPE_SORTER)

enum {
  SORTER_PROP_0,
  SORTER_PROP_KEY,
  SORTER_N_PROPS
};

static GParamSpec *sorter_properties[SORTER_N_PROPS];

static int
compare_numbers (double a,
                 double b)
{
  /* Highest first; undefined last */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a < b) - (a > b);
}

/* Projects @index1 and @index2 of @snapshot in the order of @key */
static int
compare_projects (const Snapshot *snapshot,
                  SortKey         key,
                  guint           index1,
                  guint           index2)
{
  const NawatProjectStats *a = nawat_call_stats_get_project (snapshot->stats, index1);
  const NawatProjectStats *b = nawat_call_stats_get_project (snapshot->stats, index2);

  switch (key)
    {
    case SORT_RANK:
      /* Unranked (0) last */
      return (a->rank_mean - 1u > b->rank_mean - 1u) - (a->rank_mean - 1u < b->rank_mean - 1u);
    case SORT_CODE:
      return strcmp (a->project_id, b->project_id);
    case SORT_TITLE:
      return strcmp (snapshot_get_title (snapshot, index1), snapshot_get_title (snapshot, index2));
    case SORT_EVALUATIONS:
      return (a->n_evaluations < b->n_evaluations) - (a->n_evaluations > b->n_evaluations);
    case SORT_MEAN:
      return compare_numbers (a->mean, b->mean);
    case SORT_Z_MEAN:
      return compare_numbers (a->z_mean, b->z_mean);
    case SORT_SPREAD:
      return compare_numbers (a->n_evaluations >= 2 ? a->spread : NAN,
                              b->n_evaluations >= 2 ? b->spread : NAN);
    case SORT_DISAGREEMENT:
      return (int) b->disagreement - (int) a->disagreement;
    default:
      g_assert_not_reached ();
    }
}

static GtkOrdering
nawat_dashboard_sorter_compare (GtkSorter *sorter,
                                gpointer   item1,
                                gpointer   item2)
{
  NawatDashboardSorter *self = NAWAT_DASHBOARD_SORTER (sorter);
  NawatDashboardRow *row1 = item1;
  NawatDashboardRow *row2 = item2;

  /* A probe of read_sort_order(): note the key and stop there */
  if (row1->snapshot == NULL)
    {
      row1->index = self->key;
      return GTK_ORDERING_SMALLER;
    }
  return gtk_ordering_from_cmpfunc (compare_projects (row1->snapshot, self->key,
                                                      row1->index, row2->index));
}

static GtkSorterOrder
nawat_dashboard_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
nawat_dashboard_sorter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  NawatDashboardSorter *self = NAWAT_DASHBOARD_SORTER (object);

  switch (prop_id)
    {
    case SORTER_PROP_KEY:
      for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
        if (g_strcmp0 (g_value_get_string (value), sort_keys[i]) == 0 && self->key != i)
          {
            self->key = i;
            gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
            g_object_notify_by_pspec (object, pspec);
          }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_sorter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  NawatDashboardSorter *self = NAWAT_DASHBOARD_SORTER (object);

  switch (prop_id)
    {
    case SORTER_PROP_KEY:
      g_value_set_string (value, sort_keys[self->key]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_sorter_class_init (NawatDashboardSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->set_property = nawat_dashboard_sorter_set_property;
  object_class->get_property = nawat_dashboard_sorter_get_property;
  sorter_class->compare = nawat_dashboard_sorter_compare;
  sorter_class->get_order = nawat_dashboard_sorter_get_order;

  /* One of sort_keys[] */
  sorter_properties[SORTER_PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, "rank",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SORTER_N_PROPS, sorter_properties);
}

static void
nawat_dashboard_sorter_init (NawatDashboardSorter *self)
{
  self->key = SORT_RANK;
}

/* The ranking as a list model over the statistics' arrays: its rows are
 * made when asked for, so the table costs nothing per project it does not
 * show.  It shows the projects of @order (indices into the statistics),
 * or all of them in ranking order while it has none.
 */

#define RANKING_TYPE_MODEL (ranking_model_get_type ())

G_DECLARE_FINAL_TYPE (RankingModel, ranking_model, RANKING, MODEL, GObject)

struct _RankingModel
{
  GObject   parent_instance;

  Snapshot   *snapshot;
  GArray     *order;
  /* Position → the NawatDashboardRow made for it and still alive */
  GHashTable *rows;
};

static GType
ranking_model_get_item_type (GListModel *model)
{
  return NAWAT_TYPE_DASHBOARD_ROW;
}

static guint
ranking_model_get_n_items (GListModel *model)
{
  RankingModel *self = RANKING_MODEL (model);

  return self->order != NULL ? self->order->len : self->snapshot->n_projects;
}

static guint
ranking_model_get_index (RankingModel *self,
                         guint         position)
{
  if (self->order != NULL)
    return g_array_index (self->order, guint, position);
  return self->snapshot->ranking[position];
}

static gpointer
ranking_model_get_item (GListModel *model,
                        guint       position)
{
  RankingModel *self = RANKING_MODEL (model);
  NawatDashboardRow *row;

  if (position >= ranking_model_get_n_items (model))
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  row = nawat_dashboard_row_new (self->snapshot, ranking_model_get_index (self, position));
  row->model = self;
  row->position = position;
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
  return row;
}

static void
ranking_model_forget_row (gpointer model,
                          guint    position)
{
  g_hash_table_remove (RANKING_MODEL (model)->rows, GUINT_TO_POINTER (position));
}

/* Leaves @row to its holders, no longer a row of the model */
static gboolean
detach_row (gpointer key,
            gpointer value,
            gpointer user_data)
{
  NAWAT_DASHBOARD_ROW (value)->model = NULL;
  return TRUE;
}

static void
ranking_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ranking_model_get_item_type;
  iface->get_n_items = ranking_model_get_n_items;
  iface->get_item = ranking_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RankingModel, ranking_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ranking_model_list_model_init))

static void
ranking_model_finalize (GObject *object)
{
  RankingModel *self = RANKING_MODEL (object);

  g_hash_table_foreach_remove (self->rows, detach_row, NULL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->snapshot, snapshot_unref);
  g_clear_pointer (&self->order, g_array_unref);

  G_OBJECT_CLASS (ranking_model_parent_class)->finalize (object);
}

static void
ranking_model_class_init (RankingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ranking_model_finalize;
}

static void
ranking_model_init (RankingModel *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
}

static RankingModel *
ranking_model_new (Snapshot *snapshot)
{
  RankingModel *self = g_object_new (RANKING_TYPE_MODEL, NULL);

  self->snapshot = snapshot_ref (snapshot);
  return self;
}

/* Rows past the end of the table, once it is shorter */
static gboolean
detach_row_past (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  if (GPOINTER_TO_UINT (key) < GPOINTER_TO_UINT (user_data))
    return FALSE;
  return detach_row (key, value, NULL);
}

/* Shows the projects of @order, in that order.  The rows shown change
 * their project in place and only the difference in length is announced:
 * the table's widgets stay, where replacing every row would rebuild them.
 */
static void
ranking_model_set_order (RankingModel *self,
                         GArray       *order)
{
  guint old_n = ranking_model_get_n_items (G_LIST_MODEL (self));
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_clear_pointer (&self->order, g_array_unref);
  self->order = g_array_ref (order);
  g_hash_table_foreach_remove (self->rows, detach_row_past, GUINT_TO_POINTER (order->len));

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      NawatDashboardRow *row = value;
      guint index = ranking_model_get_index (self, row->position);

      if (row->index == index)
        continue;
      row->index = index;
      g_object_freeze_notify (G_OBJECT (row));
      for (guint i = 1; i < ROW_N_PROPS; i++)
        g_object_notify_by_pspec (G_OBJECT (row), row_properties[i]);
      g_object_thaw_notify (G_OBJECT (row));
    }

  if (order->len < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), order->len, old_n - order->len, 0);
  else if (order->len > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, order->len - old_n);
}

/* Ordering, in a worker thread */

typedef struct
{
  Snapshot *snapshot;
  SortKey   key;
  gboolean  descending;
  /* ASCII letters in lower case; NULL to show every project */
  char     *search;
  gboolean  flagged_only;
} OrderData;

static void
order_data_free (OrderData *data)
{
  snapshot_unref (data->snapshot);
  g_free (data->search);
  g_free (data);
}

/* Whether @needle (ASCII letters folded to lower case) occurs in
 * @haystack, ignoring the case of ASCII letters; Thai has no case.
 */
static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  gsize n = strlen (needle);

  if (haystack == NULL)
    return FALSE;
  for (const char *p = haystack; *p != '\0'; p++)
    {
      gsize i = 0;

      while (i < n && p[i] != '\0' && g_ascii_tolower (p[i]) == needle[i])
        i++;
      if (i == n)
        return TRUE;
    }
  return FALSE;
}

static gboolean
order_data_matches (const OrderData *data,
                    guint            index)
{
  const NawatProjectStats *ps = nawat_call_stats_get_project (data->snapshot->stats, index);

  if (data->flagged_only && !ps->disagreement)
    return FALSE;
  if (data->search == NULL)
    return TRUE;
  return contains_folded (project_code (ps->project_id), data->search) ||
         contains_folded (data->snapshot->titles[index], data->search);
}

/* Positions in the ranking, compared by the chosen key; ties keep the
 * ranking order whichever the direction.
 */
static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const OrderData *data = user_data;
  guint position1 = *(const guint *) a;
  guint position2 = *(const guint *) b;
  int order = compare_projects (data->snapshot, data->key,
                                data->snapshot->ranking[position1],
                                data->snapshot->ranking[position2]);

  if (data->descending)
    order = -order;
  if (order == 0)
    order = (position1 > position2) - (position1 < position2);
  return order;
}

static void
order_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OrderData *data = task_data;
  const Snapshot *snapshot = data->snapshot;
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), snapshot->n_projects);

  for (guint position = 0; position < snapshot->n_projects; position++)
    {
      if (position % 4096 == 0 && g_task_return_error_if_cancelled (task))
        return;
      if (order_data_matches (data, snapshot->ranking[position]))
        g_array_append_val (order, position);
    }

  if (data->key != SORT_RANK || data->descending)
    g_array_sort_with_data (order, compare_positions, data);
  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = 0; i < order->len; i++)
    g_array_index (order, guint, i) = snapshot->ranking[g_array_index (order, guint, i)];
  g_task_return_pointer (task, g_steal_pointer (&order), (GDestroyNotify) g_array_unref);
}

/* GTK 4.8 does not say which column the table is sorted by.  Comparing
 * two probe rows through the table's sorter tells: the table asks the
 * sorter of its primary column first, which writes its key into the first
 * probe and answers "smaller", and the table turns that answer round when
 * the column is sorted in descending order.
 */
static void
read_sort_order (GtkColumnView *view,
                 SortKey       *key,
                 gboolean      *descending)
{
  g_autoptr(NawatDashboardRow) probe = g_object_new (NAWAT_TYPE_DASHBOARD_ROW, NULL);
  g_autoptr(NawatDashboardRow) other = g_object_new (NAWAT_TYPE_DASHBOARD_ROW, NULL);
  GtkOrdering ordering = gtk_sorter_compare (gtk_column_view_get_sorter (view), probe, other);

  *key = ordering == GTK_ORDERING_EQUAL ? SORT_RANK : (SortKey) probe->index;
  *descending = ordering == GTK_ORDERING_LARGER;
}

/* A cell of the ranking table that shows its tooltip when asked for.
 * GtkWidget:tooltip-text looks for the pointer each time it is set, a
 * round trip to the display server for every row the table fills.
 */

#define NAWAT_TYPE_TOOLTIP_CELL (nawat_tooltip_cell_get_type ())

G_DECLARE_FINAL_TYPE (NawatTooltipCell, nawat_tooltip_cell, NAWAT, TOOLTIP_CELL, GtkWidget)

struct _NawatTooltipCell
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  char      *tooltip;
};

G_DEFINE_FINAL_TYPE (NawatTooltipCell, nawat_tooltip_cell, GTK_TYPE_WIDGET)

enum {
  CELL_PROP_0,
  CELL_PROP_CHILD,
  CELL_PROP_TOOLTIP,
  CELL_N_PROPS
};

static GParamSpec *cell_properties[CELL_N_PROPS];

static gboolean
nawat_tooltip_cell_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_tooltip,
                                  GtkTooltip *tooltip)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (widget);

  if (self->tooltip == NULL || *self->tooltip == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->tooltip);
  return TRUE;
}

static void
nawat_tooltip_cell_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (object);

  switch (prop_id)
    {
    case CELL_PROP_CHILD:
      g_clear_pointer (&self->child, gtk_widget_unparent);
      self->child = g_value_get_object (value);
      if (self->child != NULL)
        gtk_widget_set_parent (self->child, GTK_WIDGET (self));
      break;
    case CELL_PROP_TOOLTIP:
      g_free (self->tooltip);
      self->tooltip = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_tooltip_cell_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (object);

  switch (prop_id)
    {
    case CELL_PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case CELL_PROP_TOOLTIP:
      g_value_set_string (value, self->tooltip);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_tooltip_cell_dispose (GObject *object)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  g_clear_pointer (&self->tooltip, g_free);

  G_OBJECT_CLASS (nawat_tooltip_cell_parent_class)->dispose (object);
}

static void
nawat_tooltip_cell_class_init (NawatTooltipCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = nawat_tooltip_cell_set_property;
  object_class->get_property = nawat_tooltip_cell_get_property;
  object_class->dispose = nawat_tooltip_cell_dispose;
  widget_class->query_tooltip = nawat_tooltip_cell_query_tooltip;

  cell_properties[CELL_PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The text of the tooltip, or NULL for none */
  cell_properties[CELL_PROP_TOOLTIP] =
    g_param_spec_string ("tooltip", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CELL_N_PROPS, cell_properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nawat_tooltip_cell_init (NawatTooltipCell *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* NawatDashboard */

struct _NawatDashboard
{
  AdwWindow           parent_instance;

  /* Template children */
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *back_button;
  GtkWidget          *refresh_button;
  GtkStack           *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle     *project_title;
  GtkStack           *main_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  AdwViewStack       *view_stack;
  GtkLabel           *note_label;
  GtkFlowBox         *summary_box;
  AdwPreferencesGroup *agreement_group;
  AdwActionRow       *alpha_interval_row;
  AdwActionRow       *alpha_ordinal_row;
  AdwActionRow       *icc_row;
  GtkLabel           *alpha_interval_label;
  GtkLabel           *alpha_ordinal_label;
  GtkLabel           *icc_label;
  NawatChartView     *progress_chart;
  GtkListBox         *progress_list;
  NawatChartView     *heatmap_chart;
  NawatChartView     *distribution_chart;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *flagged_button;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *rank_column;
  GtkColumnViewColumn *evaluations_column;
  GtkColumnViewColumn *z_column;
  GtkColumnViewColumn *spread_column;
  GtkNoSelection     *selection;
  GtkStack           *project_stack;
  GtkSpinner         *project_spinner;
  GtkBox             *project_box;

  NawatStore         *store;
  char               *call_id;
  char               *language;
  GCancellable       *cancellable;
  GCancellable       *project_cancellable;
  Snapshot           *snapshot;
  /* Shown in the table, or NULL */
  RankingModel       *ranking;
  GCancellable       *order_cancellable;
  char               *project_id;
  /* Who reopens evaluations here (the window's evaluator), or NULL */
  char               *coordinator;

  guint               narrow_idle;
  guint               narrow : 1;
  guint               sorted : 1;
  guint               computing : 1;
  guint               loading_project : 1;
  guint               ordering : 1;
};

G_DEFINE_FINAL_TYPE (NawatDashboard, nawat_dashboard, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nawat_dashboard_set_busy (NawatDashboard *self,
                          gboolean        computing,
                          gboolean        loading_project)
{
  gboolean was_busy = nawat_dashboard_get_busy (self);

  self->computing = computing;
  self->loading_project = loading_project;
  gtk_spinner_set_spinning (self->spinner, computing);
  gtk_spinner_set_spinning (self->project_spinner, loading_project);
  if (was_busy != nawat_dashboard_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
nawat_dashboard_add_toast (NawatDashboard *self,
                           const char     *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Computing, in a worker thread */

typedef struct
{
  NawatStore *store;
  char       *call_id;
  char       *language;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_clear_object (&data->store);
  g_free (data->call_id);
  g_free (data->language);
  g_free (data);
}

/* Titles and domain × region coverage of every project, page by page. */
static gboolean
read_projects (Snapshot      *snapshot,
               NawatStore    *store,
               const char    *call_id,
               const char    *language,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *after = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      double cells[NAWAT_N_DOMAINS * NAWAT_N_REGIONS];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = nawat_store_list_projects_page (store, call_id, after, PAGE_SIZE, error);
      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        return TRUE;

      nawat_chart_count_coverage ((NawatProject * const *) page->pdata, page->len, FALSE, cells);
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        snapshot->coverage[i] += cells[i];

      for (guint i = 0; i < page->len; i++)
        {
          NawatProject *project = g_ptr_array_index (page, i);
          const NawatProjectStats *ps;
          const char *title;

          ps = nawat_call_stats_lookup_project (snapshot->stats,
                                                nawat_document_get_id (NAWAT_DOCUMENT (project)));
          title = text_in_language (nawat_project_get_title (project), language);
          if (ps != NULL && title != NULL)
            snapshot->titles[ps - nawat_call_stats_get_project (snapshot->stats, 0)] =
              g_string_chunk_insert (snapshot->strings, title);
        }

      g_free (after);
      after = g_strdup (nawat_project_get_code (g_ptr_array_index (page, page->len - 1)));
      if (page->len < PAGE_SIZE)
        return TRUE;
    }
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  g_autoptr(Snapshot) snapshot = g_new0 (Snapshot, 1);
  g_autofree char *call_doc_id = g_strdup_printf ("call:%s", data->call_id);
  GError *error = NULL;

  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->call = nawat_store_get_call (data->store, call_doc_id, &error);
  if (snapshot->call == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  snapshot->rubric = nawat_store_get_call_rubric (data->store, snapshot->call, &error);
  if (snapshot->rubric == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  snapshot->stats = nawat_call_stats_compute (data->store, data->call_id,
                                              NAWAT_STATS_DEFAULT_THRESHOLD,
                                              cancellable, &error);
  if (snapshot->stats == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  snapshot->n_projects = nawat_call_stats_get_n_projects (snapshot->stats);
  snapshot->ranking = nawat_call_stats_get_ranking (snapshot->stats, FALSE);
  snapshot->strings = g_string_chunk_new (64 * 1024);
  snapshot->titles = g_new0 (const char *, MAX (snapshot->n_projects, 1));
  snapshot->means = g_new (double, MAX (snapshot->n_projects, 1));
  for (guint i = 0; i < snapshot->n_projects; i++)
    snapshot->means[i] = nawat_call_stats_get_project (snapshot->stats, i)->mean;
  nawat_stats_summarise (snapshot->means, snapshot->n_projects, &snapshot->means_summary);
  for (guint i = 0; i < nawat_call_stats_get_n_evaluators (snapshot->stats); i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (snapshot->stats, i);

      snapshot->submitted += es->submitted;
      snapshot->drafts += es->draft;
      snapshot->conflicts += es->conflict;
    }

  if (!read_projects (snapshot, data->store, data->call_id, data->language, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&snapshot), (GDestroyNotify) snapshot_unref);
}

/* The overview */

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_BOX (widget))
        gtk_box_remove (GTK_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

/* A figure and what it counts, as a card. */
static GtkWidget *
new_card (const char *value,
          const char *caption,
          const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "dashboard-figure");
  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  if (name != NULL)
    gtk_widget_set_name (number, name);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
add_figure (GtkFlowBox *box,
            guint       value,
            const char *caption,
            const char *name)
{
  g_autofree char *text = nawat_format_integer (value);

  gtk_flow_box_append (box, new_card (text, caption, name));
}

static void
nawat_dashboard_fill_summary (NawatDashboard *self,
                              Snapshot       *s)
{
  guint n_flagged = 0;
  guint n_evaluators = nawat_call_stats_get_n_evaluators (s->stats);
  g_autofree char *mean = NULL;

  nawat_call_stats_get_disagreements (s->stats, &n_flagged);
  mean = format_number (s->means_summary.mean, 1);

  remove_children (GTK_WIDGET (self->summary_box));
  add_figure (self->summary_box, s->n_projects,
              g_dngettext (GETTEXT_PACKAGE, "Project", "Projects", s->n_projects), "projects");
  add_figure (self->summary_box, n_evaluators,
              g_dngettext (GETTEXT_PACKAGE, "Evaluator of the call", "Evaluators of the call", n_evaluators), "evaluators");
  add_figure (self->summary_box, s->submitted,
              g_dngettext (GETTEXT_PACKAGE, "Submitted evaluation", "Submitted evaluations",
                           s->submitted), "submitted");
  add_figure (self->summary_box, s->drafts,
              g_dngettext (GETTEXT_PACKAGE, "Draft in progress", "Drafts in progress", s->drafts),
              "drafts");
  add_figure (self->summary_box, n_flagged,
              g_dngettext (GETTEXT_PACKAGE, "Project flagged for disagreement",
                           "Projects flagged for disagreement", n_flagged), "flagged");
  gtk_flow_box_append (self->summary_box,
                       new_card (mean, _("Mean score of the projects"), "mean"));
}

static void
set_agreement (GtkLabel     *label,
               AdwActionRow *row,
               double        value,
               const char   *explanation)
{
  g_autofree char *text = format_number (value, 2);

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), explanation);
}

static void
nawat_dashboard_fill_agreement (NawatDashboard *self,
                                Snapshot       *s)
{
  NawatAgreement agreement;
  g_autofree char *description = NULL;
  const char *alpha_note = _("Krippendorff’s alpha is 1 when the evaluators agree perfectly "
                             "and 0 when they agree no more than chance would; from 0.67 "
                             "the agreement supports tentative conclusions, from 0.80 firm "
                             "ones. — means it cannot be computed yet.");

  nawat_call_stats_get_composite (s->stats, NULL, &agreement);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Over the composite scores of the projects scored by "
                                              "two evaluators or more: %u evaluation",
                                              "Over the composite scores of the projects scored by "
                                              "two evaluators or more: %u evaluations",
                                              agreement.n_pairable),
                                 agreement.n_pairable);
  adw_preferences_group_set_description (self->agreement_group, description);

  set_agreement (self->alpha_interval_label, self->alpha_interval_row,
                 agreement.alpha_interval, alpha_note);
  set_agreement (self->alpha_ordinal_label, self->alpha_ordinal_row,
                 agreement.alpha_ordinal, alpha_note);
  set_agreement (self->icc_label, self->icc_row, agreement.icc_1_1,
                 _("The one-way intraclass correlation ICC(1,1): the share of the variance of "
                   "the composite scores that lies between projects. 1 means the evaluators "
                   "of a project always agree; below 0.5 the agreement is poor. — means it "
                   "cannot be computed yet."));
}

/* The progress chart's data, copied from the statistics. */
typedef struct
{
  GStrv  labels;
  guint *submitted;
  guint *drafts;
  guint *assigned;
  guint  n;
} ProgressData;

static void
progress_data_free (ProgressData *data)
{
  g_strfreev (data->labels);
  g_free (data->submitted);
  g_free (data->drafts);
  g_free (data->assigned);
  g_free (data);
}

static void
draw_progress (cairo_t    *cr,
               double      width,
               double      height,
               const char *language,
               gpointer    user_data)
{
  ProgressData *data = user_data;

  nawat_chart_progress (cr, width, height, (const char * const *) data->labels,
                        data->submitted, data->drafts, data->assigned, data->n);
}

static GtkWidget *
new_progress_row (const NawatEvaluatorStats *es)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *mean = format_number (es->mean, 1);
  g_autofree char *suffix = NULL;
  GtkWidget *label;

  subtitle = g_strdup_printf (_("%u of %u submitted · %u in draft · %u conflicts declared"),
                              es->submitted, es->assigned, es->draft, es->conflict);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), es->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, es->name);

  /* Translators: an evaluator's mean composite score */
  suffix = g_strdup_printf (_("Mean %s"), mean);
  label = gtk_label_new (suffix);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (!es->normalised)
    {
      gtk_widget_set_tooltip_text (row, _("Not normalised: too few scored projects or no "
                                          "spread in the scores, so this evaluator’s scores "
                                          "take no part in the normalised ranking"));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      g_autofree char *sd = format_number (es->sd, 1);
      g_autofree char *tooltip = g_strdup_printf (_("Mean %s, standard deviation %s: each score "
                                                    "is normalised against them"), mean, sd);

      gtk_widget_set_tooltip_text (row, tooltip);
    }
  return row;
}

static void
nawat_dashboard_fill_progress (NawatDashboard *self,
                               Snapshot       *s)
{
  guint n = nawat_call_stats_get_n_evaluators (s->stats);
  ProgressData *data = g_new0 (ProgressData, 1);
  g_autoptr(GString) description = g_string_new (NULL);

  data->n = n;
  data->labels = g_new0 (char *, n + 1);
  data->submitted = g_new0 (guint, MAX (n, 1));
  data->drafts = g_new0 (guint, MAX (n, 1));
  data->assigned = g_new0 (guint, MAX (n, 1));

  remove_children (GTK_WIDGET (self->progress_list));
  for (guint i = 0; i < n; i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (s->stats, i);

      data->labels[i] = g_strdup (es->name);
      data->submitted[i] = es->submitted;
      data->drafts[i] = es->draft;
      data->assigned[i] = es->assigned;
      /* Translators: an evaluator's progress for screen readers */
      g_string_append_printf (description, _("%s: %u of %u submitted, %u in draft. "),
                              es->name, es->submitted, es->assigned, es->draft);
      gtk_list_box_append (self->progress_list, new_progress_row (es));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_list), n > 0);

  /* Room for each bar and the legend below. */
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_chart), -1, 72 + 34 * MAX (n, 1));
  nawat_chart_view_set_draw_func (self->progress_chart, draw_progress, data,
                                  (GDestroyNotify) progress_data_free,
                                  _("Progress per evaluator"), description->str);
}

static void
draw_heatmap (cairo_t    *cr,
              double      width,
              double      height,
              const char *language,
              gpointer    user_data)
{
  Snapshot *s = user_data;
  g_auto(GStrv) rows = nawat_chart_dup_domain_short_labels (language);
  g_auto(GStrv) cols = nawat_chart_dup_region_labels (language);

  nawat_chart_heatmap (cr, width, height, (const char * const *) rows, NAWAT_N_DOMAINS,
                       (const char * const *) cols, NAWAT_N_REGIONS, s->coverage);
}

static void
draw_distribution (cairo_t    *cr,
                   double      width,
                   double      height,
                   const char *language,
                   gpointer    user_data)
{
  Snapshot *s = user_data;

  nawat_chart_distribution (cr, width, height, s->means, s->n_projects, 10, language);
}

static void
nawat_dashboard_fill_charts (NawatDashboard *self,
                             Snapshot       *s)
{
  g_autoptr(GString) coverage = g_string_new (NULL);
  g_autofree char *distribution = NULL;
  const NawatSummary *summary = &s->means_summary;

  for (guint d = 0; d < NAWAT_N_DOMAINS; d++)
    {
      double total = 0;

      for (guint r = 0; r < NAWAT_N_REGIONS; r++)
        total += s->coverage[d * NAWAT_N_REGIONS + r];
      g_string_append_printf (coverage, "%s: %.0f. ",
                              nawat_term_get_label (&nawat_domains ()[d], self->language), total);
    }
  nawat_chart_view_set_draw_func (self->heatmap_chart, draw_heatmap, snapshot_ref (s),
                                  (GDestroyNotify) snapshot_unref,
                                  _("Projects by domain and region"), coverage->str);

  {
    g_autofree char *mean = format_number (summary->mean, 1);
    g_autofree char *median = format_number (summary->median, 1);

    distribution = g_strdup_printf (_("%u projects scored; mean %s, median %s"),
                                    summary->n, mean, median);
  }
  nawat_chart_view_set_draw_func (self->distribution_chart, draw_distribution, snapshot_ref (s),
                                  (GDestroyNotify) snapshot_unref,
                                  _("Distribution of mean composite scores"), distribution);
}

/* The ranking table */

static void
nawat_dashboard_update_count (NawatDashboard *self)
{
  g_autofree char *text = NULL;
  guint shown = self->ranking != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->ranking)) : 0;
  guint total = self->snapshot != NULL ? self->snapshot->n_projects : 0;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project, ranked by mean composite score",
                                         "%u projects, ranked by mean composite score", total),
                            total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u project", "%u of %u projects",
                                         total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
}

static void
nawat_dashboard_set_ordering (NawatDashboard *self,
                              gboolean        ordering)
{
  gboolean was_busy = nawat_dashboard_get_busy (self);

  self->ordering = ordering;
  if (was_busy != nawat_dashboard_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_order_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);
  g_autoptr(RankingModel) ranking = user_data;
  g_autoptr(GArray) order = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled: a newer order is on its way, or the window is gone */
  if (order == NULL || ranking != self->ranking)
    return;
  ranking_model_set_order (ranking, order);
  nawat_dashboard_update_count (self);
  nawat_dashboard_set_ordering (self, FALSE);
}

/* Filters and sorts the table as the search entry, the "flagged only"
 * button and the column headers say, in a worker thread; the rows shown
 * stay until the new order is ready.
 */
static void
nawat_dashboard_update_order (NawatDashboard *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *search = NULL;
  OrderData *data;

  g_cancellable_cancel (self->order_cancellable);
  g_clear_object (&self->order_cancellable);
  if (self->ranking == NULL)
    {
      nawat_dashboard_set_ordering (self, FALSE);
      return;
    }

  search = g_strstrip (g_ascii_strdown (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1));
  data = g_new0 (OrderData, 1);
  data->snapshot = snapshot_ref (self->ranking->snapshot);
  read_sort_order (self->column_view, &data->key, &data->descending);
  data->search = *search != '\0' ? g_steal_pointer (&search) : NULL;
  data->flagged_only = gtk_toggle_button_get_active (self->flagged_button);

  self->order_cancellable = g_cancellable_new ();
  nawat_dashboard_set_ordering (self, TRUE);
  task = g_task_new (self, self->order_cancellable, on_order_done_cb, g_object_ref (self->ranking));
  g_task_set_source_tag (task, nawat_dashboard_update_order);
  g_task_set_task_data (task, data, (GDestroyNotify) order_data_free);
  g_task_run_in_thread (task, order_thread);
}

static void
on_sorter_changed_cb (NawatDashboard  *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  nawat_dashboard_update_order (self);
}

static void
on_search_entry_search_changed_cb (NawatDashboard *self,
                                   GtkSearchEntry *entry)
{
  nawat_dashboard_update_order (self);
}

static void
on_flagged_button_toggled_cb (NawatDashboard  *self,
                              GtkToggleButton *button)
{
  nawat_dashboard_update_order (self);
}

static void
on_column_view_activate_cb (NawatDashboard *self,
                            guint           position,
                            GtkColumnView  *view)
{
  g_autoptr(NawatDashboardRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL)
    nawat_dashboard_open_project (self, nawat_dashboard_row_get_project_id (row));
}

static void
nawat_dashboard_set_ranking (NawatDashboard *self,
                             RankingModel   *ranking)
{
  g_set_object (&self->ranking, ranking);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (ranking));
  nawat_dashboard_update_count (self);
  /* An order made for the rows before is of no use now */
  if (ranking == NULL)
    nawat_dashboard_update_order (self);
}

static void
nawat_dashboard_show_snapshot (NawatDashboard *self,
                               Snapshot       *snapshot)
{
  g_autoptr(RankingModel) ranking = NULL;
  g_autofree char *description = NULL;
  const char *title;

  g_clear_pointer (&self->snapshot, snapshot_unref);
  self->snapshot = snapshot_ref (snapshot);

  title = text_in_language (nawat_call_get_title (snapshot->call), self->language);
  adw_view_switcher_title_set_subtitle (self->switcher_title, title != NULL ? title : self->call_id);

  if (snapshot->submitted == 0)
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The ranking, agreement and charts appear once "
                                                  "evaluators submit their evaluations. %u draft "
                                                  "is in progress.",
                                                  "The ranking, agreement and charts appear once "
                                                  "evaluators submit their evaluations. %u drafts "
                                                  "are in progress.",
                                                  snapshot->drafts),
                                     snapshot->drafts);
      adw_status_page_set_description (self->empty_page, description);
      nawat_dashboard_set_ranking (self, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  nawat_dashboard_fill_summary (self, snapshot);
  nawat_dashboard_fill_agreement (self, snapshot);
  nawat_dashboard_fill_progress (self, snapshot);
  nawat_dashboard_fill_charts (self, snapshot);

  ranking = ranking_model_new (snapshot);
  nawat_dashboard_set_ranking (self, ranking);
  /* The model comes in ranking order: this only shows it in the header.
   * Computed again, the table keeps the order the user chose.
   */
  if (!self->sorted)
    {
      /* The header's change orders the rows (on_sorter_changed_cb). */
      self->sorted = TRUE;
      gtk_column_view_sort_by_column (self->column_view, self->rank_column, GTK_SORT_ASCENDING);
    }
  else
    nawat_dashboard_update_order (self);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "project") != 0)
    gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
}

static void
on_compute_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);
  g_autoptr(Snapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  nawat_dashboard_set_busy (self, FALSE, self->loading_project);
  gtk_widget_set_sensitive (self->refresh_button, TRUE);
  if (snapshot == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      return;
    }

  nawat_dashboard_show_snapshot (self, snapshot);
}

void
nawat_dashboard_refresh (NawatDashboard *self)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Figures already shown stay until the new ones arrive. */
  if (self->snapshot == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  gtk_widget_set_sensitive (self->refresh_button, FALSE);
  nawat_dashboard_set_busy (self, TRUE, self->loading_project);

  data = g_new0 (ComputeData, 1);
  data->store = g_object_ref (self->store);
  data->call_id = g_strdup (self->call_id);
  data->language = g_strdup (self->language);

  task = g_task_new (self, self->cancellable, on_compute_done_cb, NULL);
  g_task_set_source_tag (task, nawat_dashboard_refresh);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

/* Every evaluator's scores of one project, side by side */

typedef struct
{
  NawatProject *project;
  GPtrArray    *evaluations;
} ProjectResult;

static void
project_result_free (ProjectResult *result)
{
  g_clear_object (&result->project);
  g_clear_pointer (&result->evaluations, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProjectResult, project_result_free)

static void
load_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  NawatStore *store = g_object_get_data (G_OBJECT (task), "store");
  const char *project_id = task_data;
  g_autoptr(ProjectResult) result = g_new0 (ProjectResult, 1);
  GError *error = NULL;

  result->project = nawat_store_get_project (store, project_id, &error);
  if (result->project != NULL)
    result->evaluations = nawat_store_list_evaluations (store, project_id, &error);
  if (result->evaluations == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) project_result_free);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static const char *
evaluation_status_text (NawatEvaluation *evaluation)
{
  if (nawat_evaluation_get_conflict_declared (evaluation))
    return nawat_vocabulary_get (NAWAT_WORD_CONFLICT, NULL);
  return nawat_vocabulary_evaluation_status (nawat_evaluation_get_status (evaluation), NULL);
}

/* One evaluator's level of one criterion, with the comment below it. */
static GtkWidget *
new_score_cell (NawatDashboard  *self,
                NawatCriterion  *criterion,
                const char      *key,
                NawatEvaluation *evaluation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *comment = nawat_evaluation_get_comment (evaluation, key);
  g_autofree char *name = g_strdup_printf ("level:%s:%s",
                                           nawat_evaluation_get_evaluator (evaluation), key);
  g_autofree char *text = NULL;
  g_autoptr(GString) tooltip = g_string_new (NULL);
  GtkWidget *level;
  double value;

  if (nawat_evaluation_get_score (evaluation, key, &value))
    {
      const NawatLevel *found = nawat_criterion_find_level (criterion, (int) value);
      const char *label = found != NULL ? text_in_language (found->label, self->language) : NULL;
      const char *descriptor = found != NULL ? text_in_language (found->descriptor, self->language) : NULL;

      text = label != NULL ? g_strdup_printf ("%g · %s", value, label) : g_strdup_printf ("%g", value);
      if (descriptor != NULL)
        g_string_append (tooltip, descriptor);
      level = new_label (text, "score-level");
    }
  else
    {
      level = new_label (_("Not scored"), "dim-label");
    }
  gtk_widget_set_name (level, name);
  gtk_box_append (GTK_BOX (box), level);

  if (comment != NULL && *comment != '\0')
    {
      GtkWidget *label = new_label (comment, "caption");

      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_label_set_lines (GTK_LABEL (label), 4);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      if (tooltip->len > 0)
        g_string_append (tooltip, "\n\n");
      g_string_append (tooltip, comment);
    }
  if (tooltip->len > 0)
    gtk_widget_set_tooltip_text (box, tooltip->str);
  return box;
}

static void
grid_add_heading (GtkGrid    *grid,
                  const char *text,
                  int         row,
                  int         width)
{
  GtkWidget *label = new_label (text, "heading");

  gtk_widget_set_margin_top (label, 12);
  gtk_grid_attach (grid, label, 0, row, width, 1);
}

/* A coordinator sends a submitted evaluation back to its evaluator. */
static GtkWidget *
new_reopen_button (NawatEvaluation *evaluation)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Reopen as Draft"));
  g_autofree char *name = g_strdup_printf ("reopen:%s", nawat_evaluation_get_evaluator (evaluation));

  gtk_widget_set_name (button, name);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 4);
  gtk_widget_add_css_class (button, "small");
  gtk_widget_set_tooltip_text (button, _("Send the evaluation back to its evaluator as a draft, "
                                         "whatever the deadline; the evaluation records who reopened it"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dashboard.reopen");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    nawat_document_get_id (NAWAT_DOCUMENT (evaluation)));

  return button;
}

static GtkWidget *
new_scores_grid (NawatDashboard *self,
                 GPtrArray      *evaluations)
{
  GtkWidget *grid = gtk_grid_new ();
  GListModel *groups = nawat_rubric_get_groups (self->snapshot->rubric);
  guint n = evaluations->len;
  int row = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_add_css_class (grid, "scores-grid");
  gtk_widget_set_name (grid, "scores-grid");

  /* The evaluators, with the state of their evaluation */
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (evaluations, e);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_box_append (GTK_BOX (box), new_label (nawat_evaluation_get_evaluator (evaluation), "heading"));
      gtk_box_append (GTK_BOX (box), new_label (evaluation_status_text (evaluation), "caption"));
      if (nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
        gtk_box_append (GTK_BOX (box), new_reopen_button (evaluation));
      gtk_widget_set_size_request (box, 180, -1);
      gtk_grid_attach (GTK_GRID (grid), box, 1 + e, row, 1, 1);
    }
  row++;

  for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);
      const char *group_label = text_in_language (nawat_rubric_group_get_label (group), self->language);

      grid_add_heading (GTK_GRID (grid), group_label != NULL ? group_label : nawat_rubric_group_get_key (group),
                        row++, 1 + n);
      for (guint c = 0; c < g_list_model_get_n_items (criteria); c++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, c);
          g_autofree char *key = g_strdup_printf ("%s.%s", nawat_rubric_group_get_key (group),
                                                  nawat_criterion_get_key (criterion));
          const char *label = text_in_language (nawat_criterion_get_label (criterion), self->language);
          GtkWidget *name = new_label (label != NULL ? label : key, NULL);

          gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
          gtk_label_set_width_chars (GTK_LABEL (name), 16);
          gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
          for (guint e = 0; e < n; e++)
            gtk_grid_attach (GTK_GRID (grid),
                             new_score_cell (self, criterion, key, g_ptr_array_index (evaluations, e)),
                             1 + e, row, 1, 1);
          row++;
        }
    }

  grid_add_heading (GTK_GRID (grid), _("Overall"), row++, 1 + n);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Composite score"), NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Recommendation"), NULL), 0, row + 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Overall comment"), NULL), 0, row + 2, 1, 1);
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (evaluations, e);
      const char *comment = nawat_evaluation_get_overall_comment (evaluation);
      g_autofree char *composite = NULL;
      NawatScore score;
      GtkWidget *label;

      nawat_scoring_compute (self->snapshot->rubric, evaluation, &score);
      if (score.complete)
        composite = format_number (score.composite, 1);
      else
        /* Translators: the share of the required criteria scored */
        composite = g_strdup_printf (_("Incomplete (%.0f%%)"), 100.0 * score.completeness);
      label = new_label (composite, score.complete ? "score-level" : "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_name (label, "composite");
      gtk_grid_attach (GTK_GRID (grid), label, 1 + e, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid),
                       new_label (nawat_vocabulary_recommendation (
                                    nawat_evaluation_get_recommendation (evaluation), NULL),
                                  NULL),
                       1 + e, row + 1, 1, 1);
      label = new_label (comment != NULL && *comment != '\0' ? comment : _("No comment"),
                         comment != NULL && *comment != '\0' ? NULL : "dim-label");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_grid_attach (GTK_GRID (grid), label, 1 + e, row + 2, 1, 1);
    }
  return grid;
}

/* Charts draw edge to edge: the card leaves them a margin. */
static GtkWidget *
new_chart_card (GtkWidget *chart)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_box_append (GTK_BOX (card), chart);
  return card;
}

/* The project's figures in the ranking, as cards. */
static GtkWidget *
new_project_figures (NawatDashboard *self)
{
  const NawatProjectStats *ps = nawat_call_stats_lookup_project (self->snapshot->stats, self->project_id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *flow = gtk_flow_box_new ();
  g_autofree char *rank = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *z = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *n = NULL;

  if (ps == NULL)
    return box;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);

  rank = format_rank (ps->rank_mean, ps->rank_mean_tied);
  mean = format_number (ps->mean, 1);
  z = isnan (ps->z_mean) ? g_strdup ("—") : g_strdup_printf ("%+.2f", ps->z_mean);
  spread = format_number (ps->n_evaluations >= 2 ? ps->spread : NAN, 1);
  n = g_strdup_printf ("%u", ps->n_evaluations);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), new_card (rank, _("Rank"), "rank"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), new_card (mean, _("Mean composite score"), "mean"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), new_card (z, _("Normalised score (z)"), "z-mean"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), new_card (spread, _("Spread (max − min)"), "spread"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), new_card (n, _("Evaluations submitted"), "n-evaluations"));
  gtk_box_append (GTK_BOX (box), flow);

  for (guint i = 0; ps->reasons != NULL && ps->reasons[i] != NULL; i++)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), new_label (ps->reasons[i], "warning"));
      gtk_box_append (GTK_BOX (box), line);
    }
  return box;
}

static void
nawat_dashboard_show_project (NawatDashboard *self,
                              ProjectResult  *result)
{
  g_autoptr(GPtrArray) scored = g_ptr_array_new ();
  NawatApplication *app = NAWAT_APPLICATION (g_application_get_default ());
  GSettings *settings = NAWAT_IS_APPLICATION (app) ? nawat_application_get_settings (app) : NULL;
  GtkWidget *page;
  GtkWidget *charts;
  GtkWidget *radar;
  GtkWidget *helix;
  GtkWidget *heading;
  GtkWidget *scroll;
  GtkBox *slot;
  const char *title;

  remove_children (GTK_WIDGET (self->project_box));

  title = text_in_language (nawat_project_get_title (result->project), self->language);
  adw_window_title_set_title (self->project_title, title != NULL ? title : self->project_id);
  adw_window_title_set_subtitle (self->project_title, nawat_project_get_code (result->project));

  gtk_box_append (self->project_box, new_project_figures (self));

  /* Every evaluator's scores, with the project's own facts after them */
  heading = new_label (_("Scores Side by Side"), "title-4");
  gtk_box_append (self->project_box, heading);
  if (result->evaluations->len == 0)
    gtk_box_append (self->project_box, new_label (_("No evaluator has scored this project yet."),
                                                  "dim-label"));
  else
    {
      scroll = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll),
                                     new_scores_grid (self, result->evaluations));
      gtk_widget_add_css_class (scroll, "card");
      gtk_widget_add_css_class (scroll, "scores-card");
      gtk_box_append (self->project_box, scroll);
    }

  for (guint i = 0; i < result->evaluations->len; i++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (result->evaluations, i);

      if (!nawat_evaluation_get_conflict_declared (evaluation))
        g_ptr_array_add (scored, evaluation);
    }

  page = nawat_project_page_new ();
  nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), self->language);
  if (settings != NULL)
    nawat_project_page_set_use_be_years (NAWAT_PROJECT_PAGE (page),
                                         g_settings_get_boolean (settings, "use-be-years"));
  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), result->project, self->snapshot->call);
  gtk_box_append (self->project_box, page);

  /* The radar and the helix profile of every evaluator, and their mean */
  slot = nawat_project_page_get_chart_slot (NAWAT_PROJECT_PAGE (page));
  heading = new_label (_("Every evaluator across the nine domains and the Quintuple Helix"), "heading");
  gtk_box_append (slot, heading);
  charts = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (charts), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (charts), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (charts), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (charts), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (charts), 12);
  radar = nawat_chart_view_new ();
  gtk_widget_set_name (radar, "evaluators-radar");
  gtk_widget_set_size_request (radar, 280, 400);
  nawat_chart_view_set_language (NAWAT_CHART_VIEW (radar), self->language);
  nawat_chart_view_set_domain_radar (NAWAT_CHART_VIEW (radar), self->snapshot->rubric,
                                     (NawatEvaluation * const *) scored->pdata, scored->len);
  helix = nawat_chart_view_new ();
  gtk_widget_set_size_request (helix, 280, 400);
  nawat_chart_view_set_language (NAWAT_CHART_VIEW (helix), self->language);
  nawat_chart_view_set_helix_profile (NAWAT_CHART_VIEW (helix), self->snapshot->rubric,
                                      (NawatEvaluation * const *) scored->pdata, scored->len,
                                      nawat_project_get_partners (result->project));
  gtk_flow_box_append (GTK_FLOW_BOX (charts), new_chart_card (radar));
  gtk_flow_box_append (GTK_FLOW_BOX (charts), new_chart_card (helix));
  gtk_box_append (slot, charts);

  /* The radar keeps pointers to the evaluations: they live with it. */
  g_object_set_data_full (G_OBJECT (radar), "evaluations",
                          g_ptr_array_ref (result->evaluations), (GDestroyNotify) g_ptr_array_unref);

  gtk_stack_set_visible_child_name (self->project_stack, "project");
}

static void
on_load_project_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);
  g_autoptr(ProjectResult) project = NULL;
  g_autoptr(GError) error = NULL;

  project = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  nawat_dashboard_set_busy (self, self->computing, FALSE);
  if (project == NULL)
    {
      nawat_dashboard_add_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
      return;
    }
  nawat_dashboard_show_project (self, project);
}

void
nawat_dashboard_open_project (NawatDashboard *self,
                              const char     *project_id)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (NAWAT_IS_DASHBOARD (self));
  g_return_if_fail (project_id != NULL);

  if (self->snapshot == NULL)
    return;

  g_cancellable_cancel (self->project_cancellable);
  g_clear_object (&self->project_cancellable);
  self->project_cancellable = g_cancellable_new ();

  g_free (self->project_id);
  self->project_id = g_strdup (project_id);

  adw_window_title_set_title (self->project_title, project_code (project_id));
  adw_window_title_set_subtitle (self->project_title, NULL);
  gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->project_title));
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_stack_set_visible_child_name (self->project_stack, "loading");
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  nawat_dashboard_set_busy (self, self->computing, TRUE);

  task = g_task_new (self, self->project_cancellable, on_load_project_done_cb, NULL);
  g_task_set_source_tag (task, nawat_dashboard_open_project);
  g_task_set_task_data (task, g_strdup (project_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_project_thread);
}

/* The coordinator's changes to the round: deadlines and reopening */

static NawatCall *
nawat_dashboard_dup_call (NawatDashboard  *self,
                          GError         **error)
{
  g_autofree char *call_doc_id = g_strdup_printf ("call:%s", self->call_id);

  return nawat_store_get_call (self->store, call_doc_id, error);
}

static char *
format_deadline (GDateTime *deadline)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (deadline);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

gboolean
nawat_dashboard_extend_deadline (NawatDashboard  *self,
                                 const char      *evaluator,
                                 GDateTime       *until,
                                 GError         **error)
{
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GDateTime) until_utc = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *iso = NULL;

  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), FALSE);
  g_return_val_if_fail (until != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  call = nawat_dashboard_dup_call (self, error);
  if (call == NULL)
    return FALSE;

  if (evaluator != NULL && !g_strv_contains (nawat_call_get_evaluators (call), evaluator))
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL,
                   _("%s is not one of this call’s evaluators"), evaluator);
      return FALSE;
    }

  /* An extension moves the deadline later: the rules use the later one. */
  current = nawat_round_dup_deadline (call, evaluator);
  if (current != NULL && g_date_time_compare (until, current) <= 0)
    {
      g_autofree char *when = format_deadline (current);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The new deadline must be later than the current one, %s"), when);
      return FALSE;
    }

  until_utc = g_date_time_to_utc (until);
  iso = g_date_time_format (until_utc, "%Y-%m-%dT%H:%M:%SZ");
  if (evaluator != NULL)
    nawat_call_set_extension (call, evaluator, iso);
  else
    nawat_call_set_deadline (call, iso);

  documents = g_ptr_array_new ();
  g_ptr_array_add (documents, call);
  if (!nawat_store_put_documents (self->store, documents, error))
    return FALSE;

  nawat_dashboard_refresh (self);

  return TRUE;
}

gboolean
nawat_dashboard_reopen (NawatDashboard  *self,
                        const char      *evaluation_id,
                        GError         **error)
{
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(NawatCall) call = NULL;

  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), FALSE);
  g_return_val_if_fail (evaluation_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The reopening records who did it: a name the user gave. */
  if (self->coordinator == NULL)
    {
      g_set_error_literal (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                           _("Say who you are first (in the main window): a reopening records "
                             "the coordinator’s name"));
      return FALSE;
    }

  evaluation = nawat_store_get_evaluation (self->store, evaluation_id, error);
  if (evaluation == NULL)
    return FALSE;
  call = nawat_dashboard_dup_call (self, error);
  if (call == NULL ||
      !nawat_round_reopen (call, evaluation, self->coordinator, TRUE, NULL, error) ||
      !nawat_store_save_evaluation (self->store, evaluation, error))
    return FALSE;

  if (self->project_id != NULL)
    {
      g_autofree char *project_id = g_strdup (self->project_id);

      nawat_dashboard_open_project (self, project_id);
    }
  nawat_dashboard_refresh (self);

  return TRUE;
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);
  const char *evaluation_id = g_variant_get_string (parameter, NULL);
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!nawat_dashboard_reopen (self, evaluation_id, &error))
    {
      nawat_dashboard_add_toast (self, error->message);
      return;
    }

  evaluation = nawat_store_get_evaluation (self->store, evaluation_id, NULL);
  /* Translators: %s is the evaluator's user name. */
  text = g_strdup_printf (_("%s’s evaluation is a draft again"),
                          evaluation != NULL ? nawat_evaluation_get_evaluator (evaluation) : evaluation_id);
  nawat_dashboard_add_toast (self, text);
}

/* The end of the day chosen in @calendar, in the local time zone. */
static GDateTime *
dup_end_of_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), 23, 59, 59);
}

static void
on_extend_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       NawatDashboard   *self)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkDropDown *who = g_object_get_data (G_OBJECT (extra), "who");
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (extra), "calendar");
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (who));
  guint position = gtk_drop_down_get_selected (who);
  const char *evaluator = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "extend") != 0)
    return;

  /* The first item is the whole call; the others are its evaluators. */
  if (position != GTK_INVALID_LIST_POSITION && position > 0)
    evaluator = gtk_string_list_get_string (names, position);
  until = dup_end_of_day (calendar);
  if (!nawat_dashboard_extend_deadline (self, evaluator, until, &error))
    {
      nawat_dashboard_add_toast (self, error->message);
      return;
    }

  when = format_deadline (until);
  if (evaluator != NULL)
    /* Translators: the evaluator's user name, then the date. */
    text = g_strdup_printf (_("%s’s deadline is now %s. Publish the call to put it on the server."),
                            evaluator, when);
  else
    text = g_strdup_printf (_("The call’s deadline is now %s. Publish the call to put it on the server."),
                            when);
  nawat_dashboard_add_toast (self, text);
}

/* A small dialog: for the whole call or for one evaluator, a new last day. */
static void
extend_deadline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) local = NULL;
  GtkStringList *names;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *who;
  GtkWidget *calendar;
  const char * const *evaluators;

  call = nawat_dashboard_dup_call (self, &error);
  if (call == NULL)
    {
      nawat_dashboard_add_toast (self, error->message);
      return;
    }

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Every evaluator (the call’s deadline)"));
  evaluators = nawat_call_get_evaluators (call);
  for (guint i = 0; evaluators != NULL && evaluators[i] != NULL; i++)
    gtk_string_list_append (names, evaluators[i]);
  /* The drop-down takes the list. */
  who = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_widget_set_name (who, "extend-who");
  gtk_accessible_update_property (GTK_ACCESSIBLE (who), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("For whom"), -1);

  /* The calendar starts on the current deadline (or today). */
  calendar = gtk_calendar_new ();
  gtk_widget_set_name (calendar, "extend-calendar");
  deadline = nawat_round_dup_deadline (call, NULL);
  if (deadline != NULL)
    {
      local = g_date_time_to_local (deadline);
      gtk_calendar_select_day (GTK_CALENDAR (calendar), local);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), calendar);
  g_object_set_data (G_OBJECT (box), "who", who);
  g_object_set_data (G_OBJECT (box), "calendar", calendar);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Extend the Deadline"),
                                   _("Scoring stays open until the end of the chosen day. An "
                                     "evaluator’s own deadline counts when it is later than the "
                                     "call’s."));
  gtk_widget_set_name (dialog, "extend-dialog");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "extend", _("_Extend"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "extend",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "extend");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_extend_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
nawat_dashboard_set_coordinator (NawatDashboard *self,
                                 const char     *name)
{
  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  g_free (self->coordinator);
  self->coordinator = g_strdup (name);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "project") != 0)
    return;

  g_cancellable_cancel (self->project_cancellable);
  nawat_dashboard_set_busy (self, self->computing, FALSE);
  g_clear_pointer (&self->project_id, g_free);
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->switcher_title));
  gtk_stack_set_visible_child_name (self->main_stack,
                                    self->snapshot == NULL ? "loading"
                                    : self->snapshot->submitted == 0 ? "empty" : "dashboard");
  remove_children (GTK_WIDGET (self->project_box));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  nawat_dashboard_refresh (NAWAT_DASHBOARD (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "dashboard") != 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "ranking");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
apply_narrow_cb (gpointer user_data)
{
  NawatDashboard *self = user_data;

  self->narrow_idle = 0;
  gtk_column_view_column_set_visible (self->evaluations_column, !self->narrow);
  gtk_column_view_column_set_visible (self->z_column, !self->narrow);
  gtk_column_view_column_set_visible (self->spread_column, !self->narrow);
  return G_SOURCE_REMOVE;
}

/* Narrow, the table keeps the columns that rank: rank, code, title, mean
 * and the disagreement flag.
 */
static void
nawat_dashboard_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (nawat_dashboard_parent_class)->size_allocate (widget, width, height, baseline);

  if (narrow == self->narrow)
    return;
  /* Columns change after this allocation, not during it. */
  self->narrow = narrow;
  if (self->narrow_idle == 0)
    self->narrow_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow_cb, self, NULL);
}

static void
nawat_dashboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, nawat_dashboard_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_dispose (GObject *object)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->project_cancellable);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_DASHBOARD);

  g_cancellable_cancel (self->order_cancellable);
  g_clear_object (&self->order_cancellable);
  g_clear_object (&self->ranking);
  g_clear_pointer (&self->snapshot, snapshot_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->project_cancellable);

  G_OBJECT_CLASS (nawat_dashboard_parent_class)->dispose (object);
}

static void
nawat_dashboard_finalize (GObject *object)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);

  g_free (self->call_id);
  g_free (self->coordinator);
  g_free (self->language);
  g_free (self->project_id);

  G_OBJECT_CLASS (nawat_dashboard_parent_class)->finalize (object);
}

static void
nawat_dashboard_class_init (NawatDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_dashboard_dispose;
  object_class->finalize = nawat_dashboard_finalize;
  object_class->get_property = nawat_dashboard_get_property;

  widget_class->size_allocate = nawat_dashboard_size_allocate;

  /**
   * NawatDashboard:busy:
   *
   * TRUE while the statistics or a project are being read.
   */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NAWAT_TYPE_CHART_VIEW);
  g_type_ensure (NAWAT_TYPE_DASHBOARD_ROW);
  g_type_ensure (NAWAT_TYPE_DASHBOARD_SORTER);
  g_type_ensure (NAWAT_TYPE_TOOLTIP_CELL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/nawat-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, back_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, title_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_title);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, error_page);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, view_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, note_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, summary_box);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, agreement_group);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_interval_row);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_ordinal_row);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, icc_row);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_interval_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_ordinal_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, icc_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, progress_chart);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, progress_list);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, heatmap_chart);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, distribution_chart);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, flagged_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, count_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, column_view);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, rank_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, evaluations_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, z_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, spread_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, selection);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_spinner);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flagged_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "dashboard.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "dashboard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dashboard.back", NULL);
  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "dashboard.extend-deadline", NULL,
                                   extend_deadline_action);
  gtk_widget_class_install_action (widget_class, "dashboard.reopen", "s", reopen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "dashboard.refresh", NULL);
  gtk_widget_class_install_action (widget_class, "dashboard.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "dashboard.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
nawat_dashboard_init (NawatDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  /* Blind review is enforced by the server (DESIGN.md): a store holds
   * only the evaluations its user may read, so the dashboard shows what
   * is here and says so.
   */
  gtk_label_set_label (self->note_label,
                       _("Figures over the evaluations held on this computer. The server gives a "
                         "coordinator every evaluator’s evaluations of the call and an evaluator "
                         "only their own, so an evaluator sees their own scores here."));
}

NawatDashboard *
nawat_dashboard_new (GtkWindow  *parent,
                     NawatStore *store,
                     const char *call_id,
                     const char *language)
{
  NawatDashboard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_DASHBOARD,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->language = g_strdup (g_strcmp0 (language, "th") == 0 ? "th" : "en");
  nawat_chart_view_set_language (self->heatmap_chart, self->language);
  nawat_chart_view_set_language (self->distribution_chart, self->language);
  nawat_chart_view_set_language (self->progress_chart, self->language);

  nawat_dashboard_refresh (self);
  return self;
}

NawatDashboard *
nawat_dashboard_present (GtkWindow  *parent,
                         NawatStore *store,
                         const char *call_id,
                         const char *language)
{
  GtkApplication *app;
  NawatDashboard *self = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  app = gtk_window_get_application (parent);
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (NAWAT_IS_DASHBOARD (l->data) &&
        gtk_window_get_transient_for (l->data) == parent &&
        g_strcmp0 (NAWAT_DASHBOARD (l->data)->call_id, call_id) == 0)
      self = l->data;

  if (self == NULL)
    self = nawat_dashboard_new (parent, store, call_id, language);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

const char *
nawat_dashboard_get_call_id (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->call_id;
}

gboolean
nawat_dashboard_get_busy (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), FALSE);

  return self->computing || self->loading_project || self->ordering;
}

const char *
nawat_dashboard_get_page (NawatDashboard *self)
{
  const char *page;

  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (page, "dashboard") == 0)
    return adw_view_stack_get_visible_child_name (self->view_stack);
  return page;
}

NawatCallStats *
nawat_dashboard_get_stats (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->snapshot != NULL ? self->snapshot->stats : NULL;
}

GtkColumnView *
nawat_dashboard_get_column_view (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->column_view;
}

GListModel *
nawat_dashboard_get_ranking_model (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return G_LIST_MODEL (self->selection);
}

void
nawat_dashboard_show_ranking (NawatDashboard *self)
{
  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "ranking");
}

void
nawat_dashboard_show_overview (NawatDashboard *self)
{
  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

const char *
nawat_dashboard_get_project_id (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->project_id;
}
