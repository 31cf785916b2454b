/* bench-common.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

/* What every benchmark measures with: seconds, peak memory, percentiles. */

static inline double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static inline long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* The resident memory that is the process's own (RssAnon: its heap and
 * stacks, not the files it maps), in KiB; 0 when /proc does not say.
 */
static inline long
private_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nRssAnon:");
  return line != NULL ? strtol (line + strlen ("\nRssAnon:"), NULL, 10) : 0;
}

/* The peak of private_rss_kib (), which the kernel does not keep: a
 * thread of its own samples it every 10 ms between bench_peak_start ()
 * and bench_peak_stop ().
 */
typedef struct
{
  GThread *thread;
  gint     stop;
  long     peak_kib;
} BenchPeak;

static inline gpointer
bench_peak_sample (gpointer data)
{
  BenchPeak *self = data;

  while (!g_atomic_int_get (&self->stop))
    {
      self->peak_kib = MAX (self->peak_kib, private_rss_kib ());
      g_usleep (10000);
    }
  return NULL;
}

static inline void
bench_peak_start (BenchPeak *self)
{
  self->stop = 0;
  self->peak_kib = private_rss_kib ();
  self->thread = g_thread_new ("bench-peak", bench_peak_sample, self);
}

/* Returns the peak in KiB. */
static inline long
bench_peak_stop (BenchPeak *self)
{
  g_atomic_int_set (&self->stop, 1);
  g_thread_join (g_steal_pointer (&self->thread));
  return MAX (self->peak_kib, private_rss_kib ());
}

/* The processor time of this process so far, user and system, in seconds */
static inline double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* A figure that grows by more than this per unit of data (project or
 * document), from the first size to a larger one, grows faster than the
 * data.
 */
#define GROWTH_LIMIT 1.3

/* Wall and processor time of one measured piece of work, in seconds */
typedef struct
{
  double wall;
  double cpu;
} Timing;

/* Prints how a time per @unit grew from @small for @n_small units to
 * @big for @n_big, flagged when faster than the data.
 */
static inline void
bench_print_growth (const char *what,
                    double      small,
                    double      big,
                    double      n_small,
                    double      n_big,
                    const char *unit)
{
  double growth = (big / n_big) / (small / n_small);

  g_print ("  %s: x%.2f per %s%s\n", what, growth, unit,
           growth > GROWTH_LIMIT ? ": GROWS FASTER THAN THE DATA" : "");
}

/* The processor time of this process's children that ended so far */
static inline double
children_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* What the sqlite3 shell prints for the query @sql on @db, read-only,
 * without the spaces around it.
 */
static inline char *
bench_sqlite_query (const char *db,
                    const char *sql)
{
  const char *argv[] = { "sqlite3", "-readonly", db, sql, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 failed: %s", error->message);
  return g_strdup (g_strstrip (out));
}

/* Runs the sqlite3 shell with @options (may be empty) over @db on the
 * script @script_path: its wall and processor time.
 */
static inline Timing
bench_run_sqlite (const char *options,
                  const char *db,
                  const char *script_path)
{
  g_autofree char *command = NULL;
  double start = now ();
  double cpu_start = children_cpu_seconds ();
  int status;

  command = g_strdup_printf ("sqlite3 %s '%s' < '%s'", options, db, script_path);
  status = system (command);
  if (status == -1 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("sqlite3 failed (%d): is the sqlite3 shell installed?", status);
  return (Timing) { now () - start, children_cpu_seconds () - cpu_start };
}

/* The processor time of the calling thread so far, in seconds: what a
 * thread did itself, whatever else the machine runs.
 */
static inline double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wall-clock figures depend on what else the machine runs: says how busy
 * it was, @when, beside them.
 */
static inline void
bench_print_load (const char *when)
{
  double load[3];

  if (getloadavg (load, 3) == 3)
    g_print ("# load average %s: %.2f %.2f %.2f (%u processors)\n",
             when, load[0], load[1], load[2], g_get_num_processors ());
}

/* Runs the benchmark @self again as "--phase @phase" with up to three
 * arguments (NULL ends them early), so that each phase's time and memory
 * are its own; returns the words of what the phase printed.
 */
static inline char **
bench_run_phase (const char *self,
                 const char *phase,
                 const char *arg1,
                 const char *arg2,
                 const char *arg3)
{
  const char *argv[] = { self, "--phase", phase, arg1, arg2, arg3, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDERR, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("phase %s: %s", phase, error->message);

  return g_strsplit (g_strstrip (out), " ", -1);
}

static inline int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @p quantile (0 to 1) of @samples, which it sorts. */
static inline double
percentile (GArray *samples,
            double  p)
{
  guint index;

  if (samples->len == 0)
    return NAN;

  g_array_sort (samples, compare_doubles);
  index = (guint) ceil (p * samples->len);
  index = index > 0 ? index - 1 : 0;
  return g_array_index (samples, double, MIN (index, samples->len - 1));
}

/* The medians of the wall and the processor times of @samples (Timing) */
static inline Timing
bench_median_timing (GArray *samples)
{
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < samples->len; i++)
    {
      g_array_append_val (walls, g_array_index (samples, Timing, i).wall);
      g_array_append_val (cpus, g_array_index (samples, Timing, i).cpu);
    }
  return (Timing) { percentile (walls, 0.5), percentile (cpus, 0.5) };
}

/* When run by meson without arguments, the options in NAWAT_BENCH_ARGS
 * (e.g. "--projects 20000"): @argc and @argv then point into the
 * returned vector, which the caller frees; NULL when nothing changed.
 */
static inline char **
bench_args_from_env (int    *argc,
                     char ***argv)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) env_argv = NULL;
  char **all;

  if (*argc != 1 || g_getenv ("NAWAT_BENCH_ARGS") == NULL ||
      !g_shell_parse_argv (g_getenv ("NAWAT_BENCH_ARGS"), NULL, &env_argv, NULL))
    return NULL;

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, (*argv)[0]);
  g_strv_builder_addv (builder, (const char **) env_argv);
  all = g_strv_builder_end (builder);
  *argc = g_strv_length (all);
  *argv = all;
  return all;
}
