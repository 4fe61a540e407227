/* Benchmark, not a test: a million log lines into the real MatouLogView, against a plain list in the same run. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "matou-log-view.h"

/* Each view runs in a child process of its own, so that the memory one
 * leaves behind does not count against the other. */

static guint  n_lines = 1000000;
static guint  burst = 2000;
static guint  runs = 3;
static char  *phase = NULL;
static gboolean wrap = FALSE;

typedef struct {
  GtkWidget     *window;
  GtkWidget     *view;
  GListModel    *shown;         /* what the view counts as its lines */
  MatouLogModel *model;         /* the log view's */
  GtkStringList *strings;       /* the baseline's */
  GtkScrolledWindow *scrolled;  /* the baseline follows the end too */

  guint          fed;
  gint64         started;
  gint64         fed_at;
  gint64         last_beat;
  gint64         longest_stall;
  gint64         last_beat_cpu;  /* the main thread's CPU time at the last beat */
  gint64         longest_hold_cpu;
  gint64         last_frame;
  gint64         longest_frame_gap;
  guint          frames;
  guint          settle_frames;
  gboolean       done;
  GMainLoop     *loop;
} Bench;

/* What dockerd and apt print, with a warning, an error and a proxy password now and then. */
static char *
make_line (guint i)
{
  if (i % 1000 == 999)
    return g_strdup_printf ("time=\"2024-05-01T10:%02u:%02u.%06uZ\" level=info msg=\"Using proxy http://alice:s3cret@proxy.corp:3128 for line %u\"",
                            (i / 60000) % 60, (i / 1000) % 60, i % 1000000, i);
  if (i % 200 == 199)
    return g_strdup_printf ("time=\"2024-05-01T10:%02u:%02u.%06uZ\" level=error msg=\"Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled (line %u)\"",
                            (i / 60000) % 60, (i / 1000) % 60, i % 1000000, i);
  if (i % 50 == 49)
    return g_strdup_printf ("time=\"2024-05-01T10:%02u:%02u.%06uZ\" level=warning msg=\"Your kernel does not support swap memory limit (line %u)\"",
                            (i / 60000) % 60, (i / 1000) % 60, i % 1000000, i);

  return g_strdup_printf ("time=\"2024-05-01T10:%02u:%02u.%06uZ\" level=info msg=\"Pulling fs layer sha256:%08x%08x (line %u)\"",
                          (i / 60000) % 60, (i / 1000) % 60, i % 1000000, g_str_hash (&i), i * 2654435761u, i);
}

static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gint64
process_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* A high-priority beat every 5 ms: a late beat is a main loop that was busy.
 * On a busy machine a late beat may also be a process that waited for a
 * core: the main thread's CPU time between two beats is the work it did in
 * one go, whatever the load. */
static gboolean
beat_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (bench->last_beat != 0)
    {
      bench->longest_stall = MAX (bench->longest_stall, now - bench->last_beat);
      bench->longest_hold_cpu = MAX (bench->longest_hold_cpu, cpu - bench->last_beat_cpu);
    }
  bench->last_beat = now;
  bench->last_beat_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->started != 0 && !bench->done)
    {
      if (bench->last_frame != 0)
        bench->longest_frame_gap = MAX (bench->longest_frame_gap, now - bench->last_frame);
      bench->last_frame = now;
      bench->frames++;
    }

  /* The baseline keeps the newest line in sight, as the log view does. */
  if (bench->scrolled != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (bench->scrolled);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
    }

  /* Done when everything fed is in the list and a few frames have shown it. */
  if (bench->fed == n_lines && !bench->done)
    {
      gboolean all_in = bench->model != NULL
                        ? g_list_model_get_n_items (bench->shown) == MIN (n_lines, matou_log_model_get_max_lines (bench->model))
                        : g_list_model_get_n_items (bench->shown) == n_lines;

      if (all_in && ++bench->settle_frames >= 3)
        {
          bench->done = TRUE;
          g_main_loop_quit (bench->loop);
        }
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
feed_cb (gpointer user_data)
{
  Bench *bench = user_data;
  guint count = MIN (burst, n_lines - bench->fed);

  if (bench->started == 0)
    bench->started = g_get_monotonic_time ();

  if (bench->model != NULL)
    {
      for (guint i = 0; i < count; i++)
        {
          g_autofree char *line = make_line (bench->fed + i);

          matou_log_model_append (bench->model, matou_log_level_guess (line), "dockerd", line);
        }
    }
  else
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_full (count + 1, g_free);

      for (guint i = 0; i < count; i++)
        g_ptr_array_add (lines, make_line (bench->fed + i));
      g_ptr_array_add (lines, NULL);
      gtk_string_list_splice (bench->strings, g_list_model_get_n_items (G_LIST_MODEL (bench->strings)), 0,
                              (const char * const *) lines->pdata);
    }
  bench->fed += count;

  if (bench->fed < n_lines)
    return G_SOURCE_CONTINUE;

  bench->fed_at = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
baseline_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Rows like the log view's by default: one line, ellipsized. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (item, label);
}

static void
baseline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static gint64
rss_kib (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) || sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return -1;

  return (gint64) resident * sysconf (_SC_PAGESIZE) / 1024;
}

static int
run_phase (gboolean log_view)
{
  Bench bench = { 0 };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GtkAdjustment *adjustment;
  gint64 rss_before;
  gint64 cpu_before;
  double seconds;
  double cpu_seconds;

  adw_init ();
  gtk_css_provider_load_from_resource (css, "/io/github/matou/Matou/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 900, 700);

  if (log_view)
    {
      bench.model = matou_log_model_new (MATOU_LOG_MODEL_DEFAULT_MAX_LINES);
      bench.view = matou_log_view_new ();
      matou_log_view_set_model (MATOU_LOG_VIEW (bench.view), bench.model);
      g_object_set (bench.view, "wrap-lines", wrap, NULL);
      gtk_window_set_child (GTK_WINDOW (bench.window), bench.view);
    }
  else
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      GtkWidget *list;

      bench.strings = gtk_string_list_new (NULL);
      g_signal_connect (factory, "setup", G_CALLBACK (baseline_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (baseline_bind_cb), NULL);
      list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (bench.strings)))),
                                g_steal_pointer (&factory));
      bench.view = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (bench.view), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (bench.view), list);
      gtk_window_set_child (GTK_WINDOW (bench.window), bench.view);
      bench.shown = G_LIST_MODEL (bench.strings);
      bench.scrolled = GTK_SCROLLED_WINDOW (bench.view);
    }
  if (log_view)
    bench.shown = G_LIST_MODEL (bench.model);

  gtk_window_present (GTK_WINDOW (bench.window));
  /* Let the window map before the clock starts. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200000);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  rss_before = rss_kib ();
  cpu_before = process_cpu_us ();
  gtk_widget_add_tick_callback (bench.window, frame_cb, &bench, NULL);
  g_timeout_add_full (G_PRIORITY_HIGH, 5, beat_cb, &bench, NULL);
  /* The producer runs below redraws, as a reader of a pipe would. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, feed_cb, &bench, NULL);
  g_main_loop_run (bench.loop);

  seconds = (g_get_monotonic_time () - bench.started) / (double) G_USEC_PER_SEC;
  cpu_seconds = (process_cpu_us () - cpu_before) / (double) G_USEC_PER_SEC;
  adjustment = gtk_scrolled_window_get_vadjustment (log_view ? find_scrolled (bench.view) : bench.scrolled);

  printf ("lines_per_second=%.0f\n", n_lines / seconds);
  printf ("seconds=%.2f\n", seconds);
  printf ("cpu_seconds=%.2f\n", cpu_seconds);
  printf ("lines_per_cpu_second=%.0f\n", n_lines / cpu_seconds);
  printf ("feed_seconds=%.2f\n", (bench.fed_at - bench.started) / (double) G_USEC_PER_SEC);
  /* The beat is due every 5 ms: what exceeds that is time the loop was held. */
  printf ("longest_stall_ms=%.1f\n", MAX (0, bench.longest_stall - 5000) / 1000.0);
  printf ("longest_hold_cpu_ms=%.1f\n", bench.longest_hold_cpu / 1000.0);
  printf ("longest_frame_gap_ms=%.1f\n", bench.longest_frame_gap / 1000.0);
  printf ("frames=%u\n", bench.frames);
  printf ("rss_mib=%.1f\n", rss_kib () / 1024.0);
  printf ("rss_growth_mib=%.1f\n", (rss_kib () - rss_before) / 1024.0);
  printf ("rows_kept=%u\n", g_list_model_get_n_items (bench.shown));
  printf ("at_end=%d\n", gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
                         >= gtk_adjustment_get_upper (adjustment) - 8);
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_object (&bench.model);
  g_clear_object (&bench.strings);
  g_main_loop_unref (bench.loop);

  return 0;
}

static int
compare_doubles (const double *a,
                 const double *b)
{
  return *a < *b ? -1 : *a > *b;
}

static GHashTable *
run_child (const char *self_path,
           const char *name)
{
  g_autofree char *phase_arg = g_strdup_printf ("--phase=%s", name);
  g_autofree char *lines_arg = g_strdup_printf ("--lines=%u", n_lines);
  g_autofree char *burst_arg = g_strdup_printf ("--burst=%u", burst);
  const char *argv[] = { self_path, phase_arg, lines_arg, burst_arg, NULL };
  const char *phase_name = name;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-log-view: the %s run failed: %s\n", phase_name, error->message);
      exit (1);
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (eq != NULL)
        g_hash_table_insert (values, g_strndup (lines[i], eq - lines[i]), g_strdup (eq + 1));
    }

  return values;
}

/* The median of one figure over the runs of one phase. */
static double
median_of (GPtrArray  *phase_runs,
           const char *key)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < phase_runs->len; i++)
    {
      const char *value = g_hash_table_lookup (g_ptr_array_index (phase_runs, i), key);
      double number = value != NULL ? g_ascii_strtod (value, NULL) : 0;

      g_array_append_val (values, number);
    }
  g_array_sort (values, (GCompareFunc) compare_doubles);

  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) + g_array_index (values, double, values->len / 2)) / 2;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "lines", 0, 0, G_OPTION_ARG_INT, &n_lines, "How many lines to feed (1000000)", "N" },
    { "burst", 0, 0, G_OPTION_ARG_INT, &burst, "Lines per burst (2000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each view, alternated; medians are shown (3)", "N" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };
  static const struct {
    const char *key;
    const char *title;
    int         decimals;
  } rows[] = {
    { "lines_per_second", "lines per second (fed and shown)", 0 },
    { "seconds", "seconds, first line to last shown", 2 },
    { "feed_seconds", "seconds feeding", 2 },
    { "cpu_seconds", "CPU seconds (all threads)", 2 },
    { "lines_per_cpu_second", "lines per CPU second", 0 },
    { "longest_stall_ms", "longest main-loop stall (ms)", 1 },
    { "longest_hold_cpu_ms", "longest main-loop hold, CPU time (ms)", 1 },
    { "longest_frame_gap_ms", "longest gap between frames (ms)", 1 },
    { "frames", "frames drawn", 0 },
    { "rss_mib", "resident memory at the end (MiB)", 1 },
    { "rss_growth_mib", "resident memory growth (MiB)", 1 },
    { "rows_kept", "rows kept", 0 },
    { "at_end", "still showing the newest line (1 = yes)", 0 },
  };
  static const char * const phases[] = { "log-view", "log-view-wrapped", "baseline" };
  g_autoptr(GOptionContext) context = g_option_context_new ("— feed MatouLogView a million lines");
  g_autoptr(GError) error = NULL;
  GPtrArray *results[G_N_ELEMENTS (phases)] = { NULL, };
  g_autofree char *self_path = NULL;
  double stall, wrapped_stall, baseline_stall, speed, wrapped_speed, baseline_speed;
  double hold, wrapped_hold, baseline_hold, cpu_speed, wrapped_cpu_speed, baseline_cpu_speed;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_lines == 0 || burst == 0 || runs == 0)
    {
      g_printerr ("--lines, --burst and --runs must be positive\n");
      return 2;
    }

  if (phase != NULL)
    {
      gtk_init ();
      if (g_str_equal (phase, "log-view-wrapped"))
        wrap = TRUE;
      return run_phase (g_str_has_prefix (phase, "log-view"));
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    results[p] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  /* Alternated, so that a busy moment of the machine falls on all three alike. */
  for (guint run = 0; run < runs; run++)
    for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
      g_ptr_array_add (results[p], run_child (self_path != NULL ? self_path : argv[0], phases[p]));

  printf ("Feeding %u lines in bursts of %u, each view in a process of its own, same machine, same run,\n"
          "%u runs of each, alternated; medians. MatouLogView keeps the newest %u lines; the baseline\n"
          "(GtkListView over a GtkStringList) keeps all.\n\n",
          n_lines, burst, runs, MATOU_LOG_MODEL_DEFAULT_MAX_LINES);
  printf ("%-42s %14s %14s %14s\n", "", "MatouLogView", "(wrapping)", "baseline");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      printf ("%-42s", rows[i].title);
      for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
        {
          printf (" %14.*f", rows[i].decimals, median_of (results[p], rows[i].key));
        }
      printf ("\n");
    }

  stall = median_of (results[0], "longest_stall_ms");
  wrapped_stall = median_of (results[1], "longest_stall_ms");
  baseline_stall = median_of (results[2], "longest_stall_ms");
  speed = median_of (results[0], "lines_per_second");
  wrapped_speed = median_of (results[1], "lines_per_second");
  baseline_speed = median_of (results[2], "lines_per_second");
  hold = median_of (results[0], "longest_hold_cpu_ms");
  wrapped_hold = median_of (results[1], "longest_hold_cpu_ms");
  baseline_hold = median_of (results[2], "longest_hold_cpu_ms");
  cpu_speed = median_of (results[0], "lines_per_cpu_second");
  wrapped_cpu_speed = median_of (results[1], "lines_per_cpu_second");
  baseline_cpu_speed = median_of (results[2], "lines_per_cpu_second");
  printf ("\nOn a busy machine wall times stretch with the load; the CPU figures much less.\n");
  printf ("lines per CPU second, ratio to the baseline: %.2f (wrapping %.2f)\n",
          cpu_speed / MAX (baseline_cpu_speed, 1), wrapped_cpu_speed / MAX (baseline_cpu_speed, 1));
  printf ("longest main-loop hold in CPU time, ratio to the baseline: %.2f (wrapping %.2f)\n",
          hold / MAX (baseline_hold, 0.1), wrapped_hold / MAX (baseline_hold, 0.1));
  printf ("\nGoals: stall at most the baseline's and at most 50 ms; at least 500000 lines per second.\n");
  printf ("throughput ratio to the baseline: %.2f (wrapping %.2f)\n",
          speed / MAX (baseline_speed, 1), wrapped_speed / MAX (baseline_speed, 1));
  printf ("stall ratio to the baseline: %.2f (wrapping %.2f)\n",
          stall / MAX (baseline_stall, 0.1), wrapped_stall / MAX (baseline_stall, 0.1));

  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    g_ptr_array_unref (results[p]);

  return 0;
}
