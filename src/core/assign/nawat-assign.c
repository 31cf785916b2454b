/* nawat-assign.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-assign.h"
#include "nawat-domains.h"
#include "nawat-partner.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The problems named one by one before "and N more". */
#define MAX_NAMED 10

typedef struct
{
  char    *name;
  guint32  domains;
  int      max_load;
  /* as compared (nawat_assign_normalise_name ()), NULL when not known */
  char    *organisation;
} Evaluator;

typedef struct
{
  char    *code;
  guint32  domains;
  int      primary;
} Project;

typedef struct
{
  guint project;
  guint evaluator;
} Pair;

struct _NawatAssignProblem
{
  guint   per_project;
  GArray *evaluators;  /* Evaluator */
  GArray *projects;    /* Project */
  GArray *excluded;    /* Pair */
};

static void
evaluator_clear (gpointer data)
{
  g_free (((Evaluator *) data)->name);
  g_free (((Evaluator *) data)->organisation);
}

static void
project_clear (gpointer data)
{
  g_free (((Project *) data)->code);
}

NawatAssignProblem *
nawat_assign_problem_new (guint per_project)
{
  NawatAssignProblem *self = g_new0 (NawatAssignProblem, 1);

  self->per_project = per_project;
  self->evaluators = g_array_new (FALSE, TRUE, sizeof (Evaluator));
  g_array_set_clear_func (self->evaluators, evaluator_clear);
  self->projects = g_array_new (FALSE, TRUE, sizeof (Project));
  g_array_set_clear_func (self->projects, project_clear);
  self->excluded = g_array_new (FALSE, TRUE, sizeof (Pair));
  return self;
}

void
nawat_assign_problem_free (NawatAssignProblem *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->evaluators);
  g_array_unref (self->projects);
  g_array_unref (self->excluded);
  g_free (self);
}

guint
nawat_assign_problem_add_evaluator (NawatAssignProblem *self,
                                    const char         *name,
                                    guint32             domains,
                                    int                 max_load)
{
  Evaluator evaluator = { g_strdup (name), domains, max_load, NULL };

  g_array_append_val (self->evaluators, evaluator);
  return self->evaluators->len - 1;
}

guint
nawat_assign_problem_add_project (NawatAssignProblem *self,
                                  const char         *code,
                                  guint32             domains,
                                  int                 primary)
{
  Project project = { g_strdup (code), domains, primary };

  g_array_append_val (self->projects, project);
  return self->projects->len - 1;
}

void
nawat_assign_problem_exclude (NawatAssignProblem *self,
                              guint               project,
                              guint               evaluator)
{
  Pair pair = { project, evaluator };

  g_return_if_fail (project < self->projects->len);
  g_return_if_fail (evaluator < self->evaluators->len);

  g_array_append_val (self->excluded, pair);
}

const char *
nawat_assign_problem_get_evaluator (NawatAssignProblem *self,
                                    guint               evaluator)
{
  g_return_val_if_fail (evaluator < self->evaluators->len, NULL);

  return g_array_index (self->evaluators, Evaluator, evaluator).name;
}

const char *
nawat_assign_problem_get_project (NawatAssignProblem *self,
                                  guint               project)
{
  g_return_val_if_fail (project < self->projects->len, NULL);

  return g_array_index (self->projects, Project, project).code;
}

char *
nawat_assign_normalise_name (const char *name)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  if (name == NULL)
    return NULL;

  stripped = g_strstrip (g_utf8_make_valid (name, -1));
  folded = g_utf8_casefold (stripped, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
}

static guint32
domain_mask (const char * const *keys)
{
  guint32 mask = 0;

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      int index = nawat_domain_index (keys[i]);

      if (index >= 0)
        mask |= 1u << index;
    }
  return mask;
}

NawatAssignProblem *
nawat_assign_problem_new_for_call (NawatCall *call,
                                   guint      per_project,
                                   int        max_load)
{
  NawatAssignProblem *self = nawat_assign_problem_new (per_project);
  const char * const *names = nawat_call_get_evaluators (call);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const NawatEvaluatorProfile *profile = nawat_call_get_profile (call, names[i]);
      int limit = profile != NULL ? profile->max_load : -1;

      guint index;

      if (max_load >= 0 && (limit < 0 || max_load < limit))
        limit = max_load;
      index = nawat_assign_problem_add_evaluator (self, names[i],
                                                  profile != NULL
                                                    ? domain_mask ((const char * const *) profile->domains)
                                                    : 0,
                                                  limit);
      /* Normalised once here, not once for every project. */
      if (profile != NULL && profile->organisation != NULL)
        {
          char *organisation = nawat_assign_normalise_name (profile->organisation);

          if (*organisation != '\0')
            g_array_index (self->evaluators, Evaluator, index).organisation = organisation;
          else
            g_free (organisation);
        }
    }
  return self;
}

guint
nawat_assign_problem_add_document (NawatAssignProblem *self,
                                   NawatCall          *call,
                                   NawatProject       *project,
                                   const char * const *conflicted)
{
  return nawat_assign_problem_add_document_full (self, call, project, conflicted, NULL);
}

static gboolean
organisations_contain (GPtrArray  *organisations,
                       const char *organisation,
                       guint       from)
{
  for (guint i = from; i < organisations->len; i++)
    if (g_str_equal (organisation, g_ptr_array_index (organisations, i)))
      return TRUE;
  return FALSE;
}

guint
nawat_assign_problem_add_document_full (NawatAssignProblem *self,
                                        NawatCall          *call,
                                        NawatProject       *project,
                                        const char * const *conflicted,
                                        guint8             *exclusions)
{
  const char * const *domains = nawat_project_get_domains (project);
  GPtrArray *partners = nawat_project_get_partners (project);
  g_autoptr(GPtrArray) organisations = g_ptr_array_new_with_free_func (g_free);
  gboolean has_own;
  guint index;

  index = nawat_assign_problem_add_project (self, nawat_project_get_code (project),
                                            domain_mask (domains),
                                            domains != NULL && domains[0] != NULL
                                              ? nawat_domain_index (domains[0])
                                              : -1);

  /* The project's own organisation first, then its partners'. */
  has_own = nawat_project_get_organisation (project) != NULL;
  if (has_own)
    g_ptr_array_add (organisations,
                     nawat_assign_normalise_name (nawat_project_get_organisation (project)));
  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      NawatPartner *partner = g_ptr_array_index (partners, i);

      if (partner->name != NULL)
        g_ptr_array_add (organisations, nawat_assign_normalise_name (partner->name));
    }

  for (guint e = 0; e < self->evaluators->len; e++)
    {
      const Evaluator *evaluator = &g_array_index (self->evaluators, Evaluator, e);
      NawatAssignExclusion exclusion = NAWAT_ASSIGN_ALLOWED;

      if (conflicted != NULL && g_strv_contains (conflicted, evaluator->name))
        exclusion = NAWAT_ASSIGN_EXCLUDED_CONFLICT;
      else if (evaluator->organisation != NULL && has_own
               && g_str_equal (evaluator->organisation, g_ptr_array_index (organisations, 0)))
        exclusion = NAWAT_ASSIGN_EXCLUDED_ORGANISATION;
      else if (evaluator->organisation != NULL
               && organisations_contain (organisations, evaluator->organisation, has_own ? 1 : 0))
        exclusion = NAWAT_ASSIGN_EXCLUDED_PARTNER;

      if (exclusions != NULL)
        exclusions[e] = exclusion;
      if (exclusion != NAWAT_ASSIGN_ALLOWED)
        nawat_assign_problem_exclude (self, index, e);
    }

  return index;
}

#define READ_PAGE_SIZE 1000

gboolean
nawat_assign_problem_read_store (NawatAssignProblem  *self,
                                 NawatStore          *store,
                                 NawatCall           *call,
                                 NawatAssignReadFunc  func,
                                 gpointer             user_data,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  const char *call_id = nawat_call_get_call_id (call);
  g_autoptr(GHashTable) conflicts = NULL;
  g_autofree guint8 *exclusions = g_new0 (guint8, MAX (self->evaluators->len, 1));
  g_autofree char *after = NULL;

  /* Every declared conflict of the call at once: a query per project
   * costs more than the solver on a large call.
   */
  conflicts = nawat_store_dup_declared_conflicts (store, call_id, error);
  if (conflicts == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = nawat_store_list_projects_page (store, call_id, after, READ_PAGE_SIZE, error);
      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          NawatProject *project = g_ptr_array_index (page, i);
          const char * const *declared =
            g_hash_table_lookup (conflicts, nawat_document_get_id (NAWAT_DOCUMENT (project)));
          g_autoptr(GStrvBuilder) conflicted = g_strv_builder_new ();
          g_auto(GStrv) recused = nawat_project_dup_recused (project);
          g_auto(GStrv) names = NULL;
          guint index;

          /* A coordinator's recusal counts as a declared conflict. */
          if (declared != NULL)
            g_strv_builder_addv (conflicted, (const char **) declared);
          g_strv_builder_addv (conflicted, (const char **) recused);
          names = g_strv_builder_end (conflicted);
          index = nawat_assign_problem_add_document_full (self, call, project,
                                                          (const char * const *) names,
                                                          exclusions);

          if (func != NULL && !func (project, index, exclusions, user_data, error))
            return FALSE;
        }

      if (page->len < READ_PAGE_SIZE)
        break;
      g_free (after);
      after = g_strdup (nawat_project_get_code (g_ptr_array_index (page, page->len - 1)));
    }

  return TRUE;
}

/* The flow network.  Edge i's reverse is edge i ^ 1. */
typedef struct
{
  guint    n_nodes;
  GArray  *to;      /* guint */
  GArray  *cap;     /* gint64: residual capacity */
  GArray  *cost;    /* gint64 */
  GArray  *next;    /* guint: the next edge out of the same node */
  guint   *head;    /* the first edge out of each node */
} Graph;

#define NO_EDGE G_MAXUINT
#define INFINITE G_MAXINT64

static void
graph_init (Graph *graph,
            guint  n_nodes)
{
  graph->n_nodes = n_nodes;
  graph->to = g_array_new (FALSE, FALSE, sizeof (guint));
  graph->cap = g_array_new (FALSE, FALSE, sizeof (gint64));
  graph->cost = g_array_new (FALSE, FALSE, sizeof (gint64));
  graph->next = g_array_new (FALSE, FALSE, sizeof (guint));
  graph->head = g_new (guint, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    graph->head[i] = NO_EDGE;
}

static void
graph_clear (Graph *graph)
{
  g_array_unref (graph->to);
  g_array_unref (graph->cap);
  g_array_unref (graph->cost);
  g_array_unref (graph->next);
  g_free (graph->head);
}

static void
half_edge (Graph  *graph,
           guint   from,
           guint   to,
           gint64  cap,
           gint64  cost)
{
  guint index = graph->to->len;

  g_array_append_val (graph->to, to);
  g_array_append_val (graph->cap, cap);
  g_array_append_val (graph->cost, cost);
  g_array_append_val (graph->next, graph->head[from]);
  graph->head[from] = index;
}

/* Returns the forward edge's index. */
static guint
add_edge (Graph  *graph,
          guint   from,
          guint   to,
          gint64  cap,
          gint64  cost)
{
  guint index = graph->to->len;

  half_edge (graph, from, to, cap, cost);
  half_edge (graph, to, from, 0, -cost);
  return index;
}

#define TO(g, e)   g_array_index ((g)->to, guint, e)
#define CAP(g, e)  g_array_index ((g)->cap, gint64, e)
#define COST(g, e) g_array_index ((g)->cost, gint64, e)
#define NEXT(g, e) g_array_index ((g)->next, guint, e)

typedef struct
{
  Graph  *graph;
  gint64 *potential;
  gint64 *dist;
  guint  *level;
  guint  *current;
  guint   source;
  guint   sink;
} Flow;

static gint64
reduced (Flow  *flow,
         guint  from,
         guint  edge)
{
  return COST (flow->graph, edge) + flow->potential[from] - flow->potential[TO (flow->graph, edge)];
}

/* A binary heap of (distance, node). */
typedef struct
{
  gint64 dist;
  guint  node;
} HeapItem;

/* Ties go to the lower node: the same input, the same paths. */
static gboolean
heap_less (const HeapItem *a,
           const HeapItem *b)
{
  return a->dist < b->dist || (a->dist == b->dist && a->node < b->node);
}

static void
heap_push (GArray   *heap,
           HeapItem  item)
{
  guint i;

  g_array_append_val (heap, item);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapItem *a = &g_array_index (heap, HeapItem, parent);
      HeapItem *b = &g_array_index (heap, HeapItem, i);
      HeapItem tmp;

      if (!heap_less (b, a))
        break;
      tmp = *a; *a = *b; *b = tmp;
      i = parent;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem top = g_array_index (heap, HeapItem, 0);
  guint i = 0;

  g_array_index (heap, HeapItem, 0) = g_array_index (heap, HeapItem, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, least = i;
      HeapItem *items = (HeapItem *) heap->data;
      HeapItem tmp;

      if (left < heap->len && heap_less (&items[left], &items[least]))
        least = left;
      if (right < heap->len && heap_less (&items[right], &items[least]))
        least = right;
      if (least == i)
        break;
      tmp = items[i]; items[i] = items[least]; items[least] = tmp;
      i = least;
    }
  return top;
}

/* Dijkstra on reduced costs; then every potential moves by its distance,
 * capped at the sink's, so that reduced costs stay non-negative and the
 * shortest paths to the sink have reduced cost 0.
 */
static gboolean
shortest_paths (Flow *flow)
{
  Graph *graph = flow->graph;
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));

  for (guint v = 0; v < graph->n_nodes; v++)
    flow->dist[v] = INFINITE;
  flow->dist[flow->source] = 0;
  heap_push (heap, (HeapItem) { 0, flow->source });

  while (heap->len > 0)
    {
      HeapItem item = heap_pop (heap);

      if (item.dist > flow->dist[item.node])
        continue;
      for (guint e = graph->head[item.node]; e != NO_EDGE; e = NEXT (graph, e))
        {
          guint to = TO (graph, e);
          gint64 d;

          if (CAP (graph, e) <= 0)
            continue;
          d = item.dist + reduced (flow, item.node, e);
          if (d < flow->dist[to])
            {
              flow->dist[to] = d;
              heap_push (heap, (HeapItem) { d, to });
            }
        }
    }

  if (flow->dist[flow->sink] == INFINITE)
    return FALSE;

  for (guint v = 0; v < graph->n_nodes; v++)
    flow->potential[v] += MIN (flow->dist[v], flow->dist[flow->sink]);
  return TRUE;
}

static gboolean
admissible (Flow  *flow,
            guint  from,
            guint  edge)
{
  return CAP (flow->graph, edge) > 0 && reduced (flow, from, edge) == 0;
}

/* Breadth-first levels over the admissible edges. */
static gboolean
levels (Flow *flow)
{
  Graph *graph = flow->graph;
  g_autofree guint *queue = g_new (guint, graph->n_nodes);
  guint first = 0, last = 0;

  for (guint v = 0; v < graph->n_nodes; v++)
    flow->level[v] = G_MAXUINT;
  flow->level[flow->source] = 0;
  queue[last++] = flow->source;

  while (first < last)
    {
      guint v = queue[first++];

      for (guint e = graph->head[v]; e != NO_EDGE; e = NEXT (graph, e))
        {
          guint to = TO (graph, e);

          if (flow->level[to] == G_MAXUINT && admissible (flow, v, e))
            {
              flow->level[to] = flow->level[v] + 1;
              queue[last++] = to;
            }
        }
    }
  return flow->level[flow->sink] != G_MAXUINT;
}

/* Pushes up to @limit from @v to the sink along the level graph, over as
 * many paths as it takes.
 */
static gint64
augment (Flow   *flow,
         guint   v,
         gint64  limit)
{
  Graph *graph = flow->graph;
  gint64 total = 0;

  if (v == flow->sink)
    return limit;

  for (; flow->current[v] != NO_EDGE; flow->current[v] = NEXT (graph, flow->current[v]))
    {
      guint e = flow->current[v];
      guint to = TO (graph, e);
      gint64 pushed;

      if (flow->level[to] != flow->level[v] + 1 || !admissible (flow, v, e))
        continue;
      pushed = augment (flow, to, MIN (limit - total, CAP (graph, e)));
      if (pushed > 0)
        {
          CAP (graph, e) -= pushed;
          CAP (graph, e ^ 1) += pushed;
          total += pushed;
          if (total == limit)
            return total;
        }
    }
  return total;
}

/* Primal-dual minimum-cost flow: shortest paths, then a maximum flow
 * (Dinic) on the edges of reduced cost 0, until the sink is out of reach.
 * The costs are few and small, so the phases are few.
 */
static void
min_cost_flow (Graph *graph,
               guint  source,
               guint  sink)
{
  Flow flow = { graph, NULL, NULL, NULL, NULL, source, sink };

  flow.potential = g_new0 (gint64, graph->n_nodes);
  flow.dist = g_new (gint64, graph->n_nodes);
  flow.level = g_new (guint, graph->n_nodes);
  flow.current = g_new (guint, graph->n_nodes);

  /* The network is acyclic and its edges were added in topological order:
   * one pass over them in that order gives the first potentials.
   */
  for (guint v = 0; v < graph->n_nodes; v++)
    flow.dist[v] = INFINITE;
  flow.dist[source] = 0;
  for (guint e = 0; e < graph->to->len; e += 2)
    {
      guint from = TO (graph, e ^ 1);

      if (flow.dist[from] != INFINITE && flow.dist[from] + COST (graph, e) < flow.dist[TO (graph, e)])
        flow.dist[TO (graph, e)] = flow.dist[from] + COST (graph, e);
    }
  for (guint v = 0; v < graph->n_nodes; v++)
    flow.potential[v] = flow.dist[v] == INFINITE ? 0 : flow.dist[v];

  while (shortest_paths (&flow))
    while (levels (&flow))
      {
        memcpy (flow.current, graph->head, graph->n_nodes * sizeof (guint));
        while (augment (&flow, source, INFINITE) > 0)
          ;
      }

  g_free (flow.potential);
  g_free (flow.dist);
  g_free (flow.level);
  g_free (flow.current);
}

/* Projects with the same domains, primary domain and excluded evaluators
 * are one node: the flow of n such projects splits into n projects with
 * distinct evaluators as long as no evaluator takes more than n of them
 * (dealt round, one after another).
 */
typedef struct
{
  guint32  domains;
  int      primary;
  guint    n_excluded;
  guint   *excluded;  /* evaluator ranks, ascending */
  GArray  *members;   /* guint: project indices, in code order */
} Group;

static guint
group_hash (gconstpointer key)
{
  const Group *group = key;
  guint hash = group->domains * 31u + (guint) (group->primary + 1);

  for (guint i = 0; i < group->n_excluded; i++)
    hash = hash * 16777619u ^ group->excluded[i];
  return hash;
}

static gboolean
group_equal (gconstpointer a,
             gconstpointer b)
{
  const Group *x = a, *y = b;

  return x->domains == y->domains && x->primary == y->primary && x->n_excluded == y->n_excluded
         && memcmp (x->excluded, y->excluded, x->n_excluded * sizeof (guint)) == 0;
}

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->excluded);
  g_array_unref (group->members);
  g_free (group);
}

static guint
weight (const Project   *project,
        const Evaluator *evaluator)
{
  guint w = (guint) __builtin_popcount (project->domains & evaluator->domains);

  if (project->primary >= 0 && (evaluator->domains & (1u << project->primary)) != 0)
    w++;
  return w;
}

static int
compare_evaluators (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  NawatAssignProblem *problem = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  return strcmp (g_array_index (problem->evaluators, Evaluator, x).name,
                 g_array_index (problem->evaluators, Evaluator, y).name);
}

static int
compare_projects (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  NawatAssignProblem *problem = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  return strcmp (g_array_index (problem->projects, Project, x).code,
                 g_array_index (problem->projects, Project, y).code);
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *x = a, *y = b;

  if (x->project != y->project)
    return x->project < y->project ? -1 : 1;
  if (x->evaluator != y->evaluator)
    return x->evaluator < y->evaluator ? -1 : 1;
  return 0;
}

static void
add_named (GString    *names,
           guint      *n_named,
           const char *name)
{
  if (*n_named < MAX_NAMED)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  (*n_named)++;
}

static char *
finish_names (GString *names,
              guint    n_named)
{
  if (n_named > MAX_NAMED)
    /* TRANSLATORS: after a list of names: "a, b, c and 12 more" */
    g_string_append_printf (names, _(" and %u more"), n_named - MAX_NAMED);
  return g_string_free (names, FALSE);
}

NawatAssignResult *
nawat_assign_solve (NawatAssignProblem *self)
{
  NawatAssignResult *result = g_new0 (NawatAssignResult, 1);
  guint n_p = self->projects->len, n_e = self->evaluators->len, k = self->per_project;
  g_autofree guint *e_order = g_new (guint, n_e);  /* rank → evaluator */
  g_autofree guint *e_rank = g_new (guint, n_e);   /* evaluator → rank */
  g_autofree guint *p_order = g_new (guint, n_p);
  g_autofree guint *eligible_projects = g_new0 (guint, n_e);
  g_autofree gint64 *limit = g_new0 (gint64, n_e);
  g_autofree gint64 *low = g_new0 (gint64, n_e);
  g_autofree gint64 *high = g_new0 (gint64, n_e);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (group_hash, group_equal, group_free, NULL);
  g_autoptr(GPtrArray) group_list = g_ptr_array_new ();
  g_autoptr(GArray) excluded = g_array_copy (self->excluded);
  g_autoptr(GString) short_names = g_string_new (NULL);
  g_autofree guint *class_edges = NULL;
  g_autofree guint *low_edges = g_new (guint, n_e);
  Graph graph;
  guint n_short_eligible = 0;
  gint64 total = (gint64) k * n_p, capacity = 0, big, level;
  guint source, sink, first_group, first_evaluator;

  result->n_projects = n_p;
  result->n_evaluators = n_e;
  result->per_project = k;
  result->offsets = g_new0 (guint, n_p + 1);
  result->load = g_new0 (guint, n_e);
  result->problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_e; i++)
    e_order[i] = i;
  g_qsort_with_data (e_order, n_e, sizeof (guint), compare_evaluators, self);
  for (guint i = 0; i < n_e; i++)
    e_rank[e_order[i]] = i;
  for (guint i = 0; i < n_p; i++)
    p_order[i] = i;
  g_qsort_with_data (p_order, n_p, sizeof (guint), compare_projects, self);

  /* Exclusions by project, then evaluator rank, without repeats. */
  for (guint i = 0; i < excluded->len; i++)
    g_array_index (excluded, Pair, i).evaluator = e_rank[g_array_index (excluded, Pair, i).evaluator];
  g_array_sort (excluded, compare_pairs);

  /* Group the projects, in code order. */
  {
    g_autofree guint *first_pair = g_new0 (guint, n_p + 1);

    for (guint i = 0; i < excluded->len; i++)
      first_pair[g_array_index (excluded, Pair, i).project + 1]++;
    for (guint p = 0; p < n_p; p++)
      first_pair[p + 1] += first_pair[p];

    for (guint i = 0; i < n_p; i++)
      {
        guint p = p_order[i];
        const Project *project = &g_array_index (self->projects, Project, p);
        Group key = { project->domains, project->primary, 0, NULL, NULL };
        g_autofree guint *ranks = g_new (guint, first_pair[p + 1] - first_pair[p] + 1);
        Group *group;
        guint eligible;

        for (guint j = first_pair[p]; j < first_pair[p + 1]; j++)
          {
            guint rank = g_array_index (excluded, Pair, j).evaluator;

            if (key.n_excluded == 0 || ranks[key.n_excluded - 1] != rank)
              ranks[key.n_excluded++] = rank;
          }
        key.excluded = ranks;

        eligible = n_e - key.n_excluded;
        if (eligible < k)
          {
            add_named (short_names, &n_short_eligible, project->code);
            /* TRANSLATORS: a project's code, then counts of evaluators */
            if (n_short_eligible <= MAX_NAMED)
              g_ptr_array_add (result->problems,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Project %s has only %u evaluator without a conflict "
                                                          "or the same organisation, and needs %u",
                                                          "Project %s has only %u evaluators without a conflict "
                                                          "or the same organisation, and needs %u",
                                                          eligible),
                                                project->code, eligible, k));
          }

        group = g_hash_table_lookup (groups, &key);
        if (group == NULL)
          {
            group = g_new0 (Group, 1);
            *group = key;
            group->excluded = g_steal_pointer (&ranks);
            group->members = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_add (groups, group);
            g_ptr_array_add (group_list, group);
          }
        g_array_append_val (group->members, p);
      }
  }
  if (n_short_eligible > MAX_NAMED)
    g_ptr_array_add (result->problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more project has too few evaluators without a conflict "
                                                "or the same organisation",
                                                "%u more projects have too few evaluators without a conflict "
                                                "or the same organisation",
                                                n_short_eligible - MAX_NAMED),
                                      n_short_eligible - MAX_NAMED));

  /* Each evaluator's limit: max_load, and the projects they may take. */
  for (guint g = 0; g < group_list->len; g++)
    {
      Group *group = g_ptr_array_index (group_list, g);
      guint j = 0;

      for (guint r = 0; r < n_e; r++)
        {
          if (j < group->n_excluded && group->excluded[j] == r)
            {
              j++;
              continue;
            }
          eligible_projects[r] += group->members->len;
        }
    }
  for (guint r = 0; r < n_e; r++)
    {
      int max_load = g_array_index (self->evaluators, Evaluator, e_order[r]).max_load;

      limit[r] = eligible_projects[r];
      if (max_load >= 0 && max_load < limit[r])
        limit[r] = max_load;
      capacity += limit[r];
    }

  if (capacity < total)
    g_ptr_array_add (result->problems,
                     g_strdup_printf (_("The evaluators can take %lld assignments at most "
                                        "(their maximum loads and conflicts allowing), and %u projects "
                                        "× %u evaluators need %lld"),
                                      (long long) capacity, n_p, k, (long long) total));

  /* The balanced level L: the least with Σ min(limit, L + 1) ≥ total. */
  {
    gint64 lo = 0, hi = n_p;

    while (lo < hi)
      {
        gint64 mid = (lo + hi) / 2, sum = 0;

        for (guint r = 0; r < n_e; r++)
          sum += MIN (limit[r], mid + 1);
        if (sum >= total)
          hi = mid;
        else
          lo = mid + 1;
      }
    level = lo;
  }
  for (guint r = 0; r < n_e; r++)
    {
      low[r] = MIN (limit[r], level);
      high[r] = MIN (limit[r], level + 1);
    }

  /* source → group (k × its projects) → evaluator (≤ its projects, cost
   * −weight) → sink: first up to the evaluator's low load at a cost so
   * negative that it outweighs any number of matched domains, then one
   * more at no cost.
   */
  big = 10 * total + 1;
  source = 0;
  sink = 1;
  first_group = 2;
  first_evaluator = first_group + group_list->len;
  graph_init (&graph, first_evaluator + n_e);
  for (guint g = 0; g < group_list->len; g++)
    {
      Group *group = g_ptr_array_index (group_list, g);

      add_edge (&graph, source, first_group + g, (gint64) k * group->members->len, 0);
    }
  class_edges = g_new (guint, (gsize) group_list->len * n_e);
  for (guint g = 0; g < group_list->len; g++)
    {
      Group *group = g_ptr_array_index (group_list, g);
      const Project *project = &g_array_index (self->projects, Project,
                                               g_array_index (group->members, guint, 0));
      guint j = 0;

      for (guint r = 0; r < n_e; r++)
        {
          if (j < group->n_excluded && group->excluded[j] == r)
            {
              j++;
              class_edges[(gsize) g * n_e + r] = NO_EDGE;
              continue;
            }
          class_edges[(gsize) g * n_e + r] =
            add_edge (&graph, first_group + g, first_evaluator + r, group->members->len,
                      -(gint64) weight (project, &g_array_index (self->evaluators, Evaluator,
                                                                 e_order[r])));
        }
    }
  for (guint r = 0; r < n_e; r++)
    {
      low_edges[r] = add_edge (&graph, first_evaluator + r, sink, low[r], -big);
      if (high[r] > low[r])
        add_edge (&graph, first_evaluator + r, sink, high[r] - low[r], 0);
    }

  min_cost_flow (&graph, source, sink);

  /* Deal each group's flow round its projects, evaluators in name order. */
  {
    g_autofree guint *count = g_new0 (guint, n_p);
    g_autofree guint *cursor = NULL;
    guint n_assigned = 0;

    for (guint g = 0; g < group_list->len; g++)
      {
        Group *group = g_ptr_array_index (group_list, g);
        guint position = 0, n = group->members->len;

        for (guint r = 0; r < n_e; r++)
          {
            guint e = class_edges[(gsize) g * n_e + r];
            gint64 f = e == NO_EDGE ? 0 : CAP (&graph, e ^ 1);

            for (gint64 u = 0; u < f; u++, position++)
              count[g_array_index (group->members, guint, position % n)]++;
            n_assigned += (guint) f;
          }
      }
    for (guint p = 0; p < n_p; p++)
      result->offsets[p + 1] = result->offsets[p] + count[p];
    result->assigned = g_new (guint, MAX (n_assigned, 1));
    cursor = g_memdup2 (result->offsets, n_p * sizeof (guint));

    for (guint g = 0; g < group_list->len; g++)
      {
        Group *group = g_ptr_array_index (group_list, g);
        const Project *project = &g_array_index (self->projects, Project,
                                                 g_array_index (group->members, guint, 0));
        guint position = 0, n = group->members->len;

        for (guint r = 0; r < n_e; r++)
          {
            guint e = class_edges[(gsize) g * n_e + r];
            gint64 f = e == NO_EDGE ? 0 : CAP (&graph, e ^ 1);
            const Evaluator *evaluator = &g_array_index (self->evaluators, Evaluator, e_order[r]);
            guint w = weight (project, evaluator);

            for (gint64 u = 0; u < f; u++, position++)
              {
                guint p = g_array_index (group->members, guint, position % n);

                result->assigned[cursor[p]++] = e_order[r];
                result->load[e_order[r]]++;
                result->pairs++;
                result->weight += w;
                if ((project->domains & evaluator->domains) != 0)
                  result->matched_pairs++;
              }
          }
      }
  }

  /* The rest of the problems, when the simple ones do not explain them. */
  {
    g_autoptr(GString) names = g_string_new (NULL);
    guint n_named = 0;

    for (guint i = 0; i < n_p; i++)
      {
        guint p = p_order[i];

        if (result->offsets[p + 1] - result->offsets[p] < k)
          {
            result->n_short++;
            add_named (names, &n_named, g_array_index (self->projects, Project, p).code);
          }
      }
    if (result->n_short > 0 && result->problems->len == 0)
      {
        g_autofree char *list = finish_names (g_steal_pointer (&names), n_named);

        g_ptr_array_add (result->problems,
                         g_strdup_printf (_("No assignment gives every project %u evaluators: the "
                                            "evaluators these projects may have are full: %s"),
                                          k, list));
      }
  }

  if (result->n_short == 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint n_named = 0;

      for (guint r = 0; r < n_e; r++)
        if (CAP (&graph, low_edges[r]) > 0)
          add_named (names, &n_named, g_array_index (self->evaluators, Evaluator, e_order[r]).name);
      if (n_named > 0)
        {
          g_autofree char *list = finish_names (g_steal_pointer (&names), n_named);

          g_ptr_array_add (result->problems,
                           g_strdup_printf (_("The loads cannot differ by at most one: these "
                                              "evaluators cannot reach the balanced load of "
                                              "%lld projects among the projects "
                                              "they may take: %s"),
                                            (long long) level, list));
        }
    }

  graph_clear (&graph);
  return result;
}

void
nawat_assign_result_free (NawatAssignResult *result)
{
  if (result == NULL)
    return;

  g_free (result->offsets);
  g_free (result->assigned);
  g_free (result->load);
  g_ptr_array_unref (result->problems);
  g_free (result);
}
