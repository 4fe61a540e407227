/* The commands an install step runs: a clean environment, apt kept to its state folder, output streamed as log events. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "matou-events.h"
#include "matou-install-private.h"

#define KEPT_LINES 200

static void
child_setup (gpointer data)
{
  /* A Ctrl+C meant for the GUI's terminal must not cut dpkg off mid-way. */
  setpgid (0, 0);
  signal (SIGPIPE, SIG_DFL);
}

GSubprocessLauncher *
_matou_install_new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  const char * const env[] = {
    "PATH=" MATOU_HELPER_SAFE_PATH,
    "LC_ALL=C",
    "DEBIAN_FRONTEND=noninteractive",
    "APT_LISTCHANGES_FRONTEND=none",
    /* Ubuntu's needrestart would otherwise ask which services to restart. */
    "NEEDRESTART_MODE=a",
    "NEEDRESTART_SUSPEND=1",
    NULL
  };

  g_subprocess_launcher_set_environ (launcher, (char **) env);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  return launcher;
}

/* apt with --config state-dir: only the test's sources, lists and cache. */
static char **
runtime_argv (Install *t,
              char   **argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *state = t->config->apt_state_dir;

  g_strv_builder_add (builder, argv[0]);
  if (state != NULL && g_str_equal (argv[0], "apt-get"))
    {
      g_autofree char *parts = g_strconcat ("Dir::Etc::SourceParts=", t->config->apt_sources_dir, NULL);
      g_autofree char *lists = g_strconcat ("Dir::State::Lists=", state, "/lists", NULL);
      g_autofree char *cache = g_strconcat ("Dir::Cache=", state, "/cache", NULL);
      g_autofree char *lists_partial = g_build_filename (state, "lists", "partial", NULL);
      g_autofree char *cache_partial = g_build_filename (state, "cache", "archives", "partial", NULL);

      g_mkdir_with_parents (lists_partial, 0755);
      g_mkdir_with_parents (cache_partial, 0755);
      g_strv_builder_add_many (builder, "-o", "Dir::Etc::SourceList=/dev/null", "-o", parts,
                               "-o", lists, "-o", cache, NULL);
    }
  g_strv_builder_addv (builder, (const char **) argv + 1);

  return g_strv_builder_end (builder);
}

/* Runs @argv to the end, its output streaming as "log" events; the last lines are kept. */
gboolean
_matou_install_run_command (Install    *t,
                            char      **argv,
                            GPtrArray  *kept,
                            int        *exit_status,
                            GError    **error)
{
  g_autoptr(GSubprocessLauncher) launcher = _matou_install_new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_auto(GStrv) full = runtime_argv (t, argv);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *source = g_path_get_basename (argv[0]);
  gboolean said_waiting = FALSE;
  char *line;

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full, error);
  if (process == NULL)
    return FALSE;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (line, -1);

      g_free (line);
      matou_events_log (source, valid);
      if (!said_waiting && g_str_has_prefix (valid, "Waiting for cache lock"))
        {
          said_waiting = TRUE;
          matou_events_step (_("Another program is using the package system; apt waits up to %d seconds for it to finish"),
                             MATOU_INSTALL_LOCK_TIMEOUT_SECONDS);
        }
      if (kept->len >= KEPT_LINES)
        g_ptr_array_remove_index (kept, 0);
      g_ptr_array_add (kept, g_steal_pointer (&valid));
    }

  if (!g_subprocess_wait (process, NULL, error))
    return FALSE;
  *exit_status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : 128;

  return TRUE;
}

const char *
_matou_install_last_line (GPtrArray *kept)
{
  for (guint i = kept->len; i > 0; i--)
    {
      const char *line = g_ptr_array_index (kept, i - 1);

      if (*line != '\0' && !g_str_has_prefix (line, "Reading package lists") &&
          !g_str_has_prefix (line, "Building dependency tree") && !g_str_has_prefix (line, "Reading state information"))
        {
          /* apt's error lines are the clearest: prefer the last "E:" line. */
          for (guint j = kept->len; j > 0; j--)
            if (g_str_has_prefix (g_ptr_array_index (kept, j - 1), "E: "))
              return g_ptr_array_index (kept, j - 1);
          return line;
        }
    }

  return NULL;
}
