/* The helper's install verb: runs an install plan step by step, skipping what is done, rolling back a repository that does not answer. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "matou-atomic-write.h"
#include "matou-diagnosis.h"
#include "matou-engine-sync.h"
#include "matou-error.h"
#include "matou-events.h"
#include "matou-helper-lock.h"
#include "matou-install-plan.h"
#include "matou-install-request.h"
#include "matou-docker-detect.h"
#include "matou-install.h"
#include "matou-presets.h"
#include "matou-service.h"
#include "matou-signing-key.h"

#define KEPT_LINES 200
#define MAX_KEY_BYTES "1048576"

typedef enum {
  STATE_WAITING,
  STATE_RUNNING,
  STATE_DONE,
  STATE_ALREADY_DONE,
  STATE_FAILED,
  STATE_ROLLED_BACK,
} StepState;

static const char * const state_names[] = {
  "waiting", "running", "done", "already-done", "failed", "rolled-back",
};

/* A file this run wrote and that no later step has proven yet. */
typedef struct {
  char     *step_id;
  char     *path;
  gboolean  existed;
  char     *old;          /* what was there, when it existed */
  gsize     old_length;
  char     *moved_from;   /* an older file moved aside for it (docker.list) */
  char     *moved_to;
} Written;

typedef struct {
  const MatouHelperConfig *config;
  MatouInstallRequest     *request;
  MatouInstallPlans       *plans;
  GPtrArray               *mirrors;
  MatouInstallPlan        *plan;
  MatouService            *service;
  char                    *user;
  StepState               *states;
  GPtrArray               *written;      /* Written, unproven */
  GPtrArray               *removed;      /* paths a rollback removed or restored */
  gboolean                 group_added;
  char                    *failed_step;
  const char              *failure;
  gboolean                 cancelled;
  char                    *engine_version;
  int                      lock_fd;
} Install;

/* Set from a signal handler, or from the thread that reads "stop". */
static volatile sig_atomic_t stop_signal;
static gint stop_line;

static void
written_free (Written *w)
{
  g_free (w->step_id);
  g_free (w->path);
  g_free (w->old);
  g_free (w->moved_from);
  g_free (w->moved_to);
  g_free (w);
}

static void
install_clear (Install *t)
{
  g_clear_pointer (&t->request, matou_install_request_free);
  g_clear_pointer (&t->plans, matou_install_plans_free);
  g_clear_pointer (&t->mirrors, g_ptr_array_unref);
  g_clear_pointer (&t->plan, matou_install_plan_free);
  g_clear_pointer (&t->service, matou_service_free);
  g_clear_pointer (&t->written, g_ptr_array_unref);
  g_clear_pointer (&t->removed, g_ptr_array_unref);
  g_free (t->user);
  g_free (t->states);
  g_free (t->failed_step);
  g_free (t->engine_version);
  if (t->lock_fd >= 0)
    close (t->lock_fd);
}

/* --- stopping ----------------------------------------------------------------- */

static void
on_stop_signal (int signum)
{
  stop_signal = 1;
}

/* A GUI that went away cannot read the rest: finish the step, then stop. */
static gboolean
stop_wanted (void)
{
  return stop_signal || g_atomic_int_get (&stop_line) || ferror (stdout);
}

static gpointer
read_stop_lines (gpointer data)
{
  g_autoptr(GString) line = g_string_new (NULL);
  char c;

  while (read (STDIN_FILENO, &c, 1) == 1)
    {
      if (c != '\n')
        {
          if (line->len < 64)
            g_string_append_c (line, c);
          continue;
        }
      if (g_str_equal (line->str, MATOU_INSTALL_STOP_LINE))
        g_atomic_int_set (&stop_line, 1);
      g_string_truncate (line, 0);
    }

  return NULL;
}

static void
install_stop_handlers (void)
{
  struct sigaction action = { 0 };

  action.sa_handler = on_stop_signal;
  action.sa_flags = SA_RESTART;
  sigemptyset (&action.sa_mask);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
  /* A closed stdout is noticed between steps, not a reason to die in one. */
  signal (SIGPIPE, SIG_IGN);
}

/* The request: standard input up to the first newline. NULL when it is too long. */
static GString *
read_request_line (void)
{
  GString *text = g_string_new (NULL);
  char c;

  while (read (STDIN_FILENO, &c, 1) == 1 && c != '\n')
    {
      g_string_append_c (text, c);
      if (text->len > MATOU_INSTALL_REQUEST_MAX_SIZE)
        {
          g_string_free (text, TRUE);
          return NULL;
        }
    }

  return text;
}

/* --- events -------------------------------------------------------------------- */

/* A "step" event that also says which step and how far: the page's progress. */
static void
emit_step (Install    *t,
           guint       index,
           StepState   state,
           const char *text)
{
  const MatouInstallStep *step = g_ptr_array_index (t->plan->steps, index);
  g_autofree char *line = NULL;

  t->states[index] = state;
  line = matou_helper_step_line (text, step->id, state_names[state], index + 1, t->plan->steps->len);
  matou_events_write (line);
}

static MatouHelperExit
emit_result (Install         *t,
             MatouHelperExit  status,
             const char      *error_message)
{
  g_autoptr(MatouHelperResult) result = matou_helper_result_new (MATOU_HELPER_RESULT_INSTALL);
  g_autoptr(GStrvBuilder) removed = g_strv_builder_new ();

  result->status = status;
  result->error = g_strdup (error_message);
  result->plan = g_strdup (t->request != NULL ? matou_install_method_to_string (t->request->method) : NULL);
  result->mirror = g_strdup (t->plan != NULL ? t->plan->mirror_id : NULL);
  result->failed_step = g_strdup (t->failed_step);
  result->failure = g_strdup (t->failure);
  result->cancelled = t->cancelled;
  result->rolled_back = t->removed != NULL && t->removed->len > 0;
  for (guint i = 0; t->removed != NULL && i < t->removed->len; i++)
    g_strv_builder_add (removed, g_ptr_array_index (t->removed, i));
  result->removed = g_strv_builder_end (removed);
  result->engine_version = g_strdup (t->engine_version);

  for (guint i = 0; t->plan != NULL && i < t->plan->steps->len; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (t->plan->steps, i);

      matou_helper_result_add_step (result, step->id, step->title, state_names[t->states[i]]);
    }

  if (t->plan != NULL && t->plan->user != NULL)
    {
      result->group_user = g_strdup (t->plan->user);
      result->group_member = matou_user_in_docker_group (t->plan->user);
      result->group_added = t->group_added;
    }

  return matou_events_result (result);
}

static MatouHelperExit
refuse (Install    *t,
        const char *message)
{
  return emit_result (t, MATOU_HELPER_EXIT_REFUSED, message);
}

/* --- running commands -------------------------------------------------------------- */

static void
child_setup (gpointer data)
{
  /* A Ctrl+C meant for the GUI's terminal must not cut dpkg off mid-way. */
  setpgid (0, 0);
  signal (SIGPIPE, SIG_DFL);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
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
static gboolean
run_command (Install    *t,
             char      **argv,
             GPtrArray  *kept,
             int        *exit_status,
             GError    **error)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
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

static const char *
last_line (GPtrArray *kept)
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

/* --- the step kinds ------------------------------------------------------------------ */

typedef struct {
  MatouInstallFailure  failure;
  char                *said;     /* the line that says what went wrong */
} Failure;

static gboolean
step_failed (Failure             *failure,
             MatouInstallFailure  kind,
             const char          *said)
{
  failure->failure = kind;
  g_free (failure->said);
  failure->said = g_strdup (said);
  return FALSE;
}

static gboolean
run_step_run (Install                *t,
              const MatouInstallStep *step,
              Failure                *failure)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) t->config->apt_lock_wait * G_USEC_PER_SEC;
  gboolean waiting = FALSE;
  int status = 0;

  for (;;)
    {
      if (!run_command (t, step->argv, kept, &status, &error))
        return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);

      /* apt waits for dpkg's lock itself, but not for its lists' lock: wait here, where the user sees it. */
      g_ptr_array_add (kept, NULL);
      if (status == 0 || g_get_monotonic_time () > deadline || stop_wanted () ||
          matou_install_classify_output ((const char * const *) kept->pdata, NULL) != MATOU_INSTALL_FAILURE_LOCK)
        break;
      g_ptr_array_remove_index (kept, kept->len - 1);
      if (!waiting)
        matou_events_step (_("Another program is using the package system; waiting up to %u seconds for it to finish"),
                           t->config->apt_lock_wait);
      waiting = TRUE;
      g_ptr_array_set_size (kept, 0);
      g_usleep (2 * G_USEC_PER_SEC);
    }

  if (status != 0 ||
      (step->verifies != NULL &&
       matou_install_output_names_failed_repository ((const char * const *) kept->pdata, step->repository)))
    {
      MatouInstallFailure kind = matou_install_classify_output ((const char * const *) kept->pdata, step->repository);
      const char *said;

      g_ptr_array_remove_index (kept, kept->len - 1);
      said = last_line (kept);
      /* A repository that exit status 0 and no words explain did not answer. */
      if (kind == MATOU_INSTALL_FAILURE_OTHER && step->verifies != NULL)
        kind = MATOU_INSTALL_FAILURE_NETWORK;
      return step_failed (failure, kind, said);
    }

  return TRUE;
}

static gboolean
check_no_symlink (const char  *path,
                  Failure     *failure)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_autofree char *said = g_strdup_printf (_("%s is a symbolic link or not a regular file; Matou does not write through it"), path);

      return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, said);
    }

  return TRUE;
}

/* Writes @data to @path for @step, remembering what was there for a rollback. */
static gboolean
write_file (Install                *t,
            const MatouInstallStep *step,
            const char             *data,
            gsize                   length,
            Written                *w,
            Failure                *failure)
{
  g_autofree char *dir = g_path_get_dirname (step->path);
  g_autoptr(GError) error = NULL;

  if (!check_no_symlink (step->path, failure))
    return FALSE;

  w->path = g_strdup (step->path);
  w->existed = g_file_get_contents (step->path, &w->old, &w->old_length, NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0 ||
      !matou_atomic_write (step->path, data, length, NULL, &error) ||
      g_chmod (step->path, step->mode) != 0)
    return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER,
                        error != NULL ? error->message : g_strerror (errno));

  matou_events_step (_("Wrote %s"), step->path);
  return TRUE;
}

static gboolean
run_step_download (Install                *t,
                   const MatouInstallStep *step,
                   Failure                *failure)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url_arg = g_strdup (step->url);
  const char *argv[] = {
    "curl", "-fsSL", "--max-time", "60", "--max-filesize", MAX_KEY_BYTES,
    /* http only reaches a loopback mirror (see find_mirror), and no redirect leaves HTTPS. */
    "--proto", "=https,http", "--proto-redir", "=https",
    url_arg, NULL
  };
  Written *w;
  const char *data;
  gsize length;

  matou_events_step (_("Downloading %s"), step->url);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate (process, NULL, NULL, &out, &err, &error))
    return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);

  if (err != NULL && g_bytes_get_size (err) > 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
      g_auto(GStrv) lines = g_strsplit (g_strstrip (text), "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *valid = g_utf8_make_valid (lines[i], -1);

          matou_events_log ("curl", valid);
          g_ptr_array_add (kept, g_steal_pointer (&valid));
        }
    }

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_ptr_array_add (kept, NULL);
      return step_failed (failure, matou_install_classify_output ((const char * const *) kept->pdata, NULL),
                          kept->len > 1 ? g_ptr_array_index (kept, kept->len - 2) : NULL);
    }

  data = g_bytes_get_data (out, &length);
  if (!matou_install_text_is_key (data, length))
    return step_failed (failure, MATOU_INSTALL_FAILURE_KEY,
                        _("what the server sent is not an OpenPGP public key"));
  /* Whatever mirror served it, only Docker's own key is written. */
  if (!matou_signing_key_check (data, length, MATOU_DOCKER_KEY_FINGERPRINT, &error))
    return step_failed (failure, MATOU_INSTALL_FAILURE_KEY, error->message);

  w = g_new0 (Written, 1);
  w->step_id = g_strdup (step->id);
  if (!write_file (t, step, data, length, w, failure))
    {
      written_free (w);
      return FALSE;
    }
  g_ptr_array_add (t->written, w);

  return TRUE;
}

static gboolean
run_step_write (Install                *t,
                const MatouInstallStep *step,
                Failure                *failure)
{
  Written *w = g_new0 (Written, 1);
  g_autoptr(GError) error = NULL;

  w->step_id = g_strdup (step->id);

  /* docker.list and docker.sources for the same repository would make apt refuse both. */
  if (step->replaces != NULL && g_file_test (step->replaces, G_FILE_TEST_EXISTS))
    {
      g_autofree char *old = NULL;
      g_autofree char *backup_dir = g_path_get_dirname (step->replaces_backup);
      gsize length;

      if (!check_no_symlink (step->replaces, failure) ||
          !g_file_get_contents (step->replaces, &old, &length, &error) ||
          g_mkdir_with_parents (backup_dir, 0700) != 0 ||
          !matou_atomic_write (step->replaces_backup, old, length, NULL, &error) ||
          g_unlink (step->replaces) != 0)
        {
          if (failure->said == NULL)
            step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error != NULL ? error->message : g_strerror (errno));
          written_free (w);
          return FALSE;
        }
      w->moved_from = g_strdup (step->replaces);
      w->moved_to = g_strdup (step->replaces_backup);
      matou_events_step (_("Moved %s to %s"), step->replaces, step->replaces_backup);
    }

  if (!write_file (t, step, step->content, strlen (step->content), w, failure))
    {
      /* Put the moved file back: this step leaves nothing half done. */
      if (w->moved_from != NULL)
        {
          g_autofree char *old = NULL;
          gsize length;

          if (g_file_get_contents (w->moved_to, &old, &length, NULL))
            matou_atomic_write (w->moved_from, old, length, NULL, NULL);
        }
      written_free (w);
      return FALSE;
    }
  g_ptr_array_add (t->written, w);

  return TRUE;
}

/* The one way the helper starts Docker, shared with the service verb: the backend's start, then
 * the Engine wait that notices a dying daemon; the reason goes into words. */
static gboolean
run_step_service (Install                *t,
                  const MatouInstallStep *step,
                  Failure                *failure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouLogFollower) log = NULL;
  g_autoptr(MatouEngineSnapshot) snapshot = NULL;
  gboolean answers = matou_install_socket_answers (t->config->socket, 5);

  log = matou_service_follow_log (t->service, NULL);

  if (!matou_service_enable (t->service, &error) ||
      (!answers && !matou_service_start (t->service, NULL, &error)))
    {
      g_autofree char *line = log != NULL ? matou_log_follower_dup_error_line (log) : NULL;
      g_autofree char *explained = NULL;
      g_autofree char *said = NULL;

      if (line == NULL)
        line = matou_service_dup_tool_said (t->service);
      explained = matou_daemon_failure_explain (line);
      said = g_strdup_printf (_("Docker did not start. %s"), explained);
      return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, said);
    }

  snapshot = matou_service_wait_for_engine (t->service, log, &error);
  if (snapshot == NULL)
    return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);

  g_free (t->engine_version);
  t->engine_version = g_strdup (snapshot->version->version);
  return TRUE;
}

static gboolean
run_step_group (Install                *t,
                const MatouInstallStep *step,
                Failure                *failure)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* The packages create the group; a system where they did not gets it here. */
  if (!matou_lookup_group ("docker", NULL, NULL))
    {
      char *groupadd[] = { "groupadd", "--system", "docker", NULL };

      if (!run_command (t, groupadd, kept, &status, &error))
        return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);
      if (status != 0)
        return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, last_line (kept));
    }

  if (!run_command (t, step->argv, kept, &status, &error))
    return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);
  if (status != 0 || !matou_user_in_docker_group (t->plan->user))
    return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, last_line (kept));

  t->group_added = TRUE;
  return TRUE;
}

static gboolean
run_step (Install                *t,
          const MatouInstallStep *step,
          Failure                *failure)
{
  switch (step->kind)
    {
    case MATOU_INSTALL_STEP_RUN:
      return run_step_run (t, step, failure);
    case MATOU_INSTALL_STEP_DOWNLOAD:
      return run_step_download (t, step, failure);
    case MATOU_INSTALL_STEP_WRITE:
      return run_step_write (t, step, failure);
    case MATOU_INSTALL_STEP_SERVICE:
      return run_step_service (t, step, failure);
    case MATOU_INSTALL_STEP_GROUP:
      return run_step_group (t, step, failure);
    default:
      g_assert_not_reached ();
    }
}

/* --- rolling back ---------------------------------------------------------------------- */

static void
mark_rolled_back (Install    *t,
                  const char *step_id)
{
  guint n = t->plan->steps->len;

  for (guint i = 0; i < n; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (t->plan->steps, i);

      if (g_str_equal (step->id, step_id))
        {
          /* TRANSLATORS: "Taken back (4 of 9): Add Docker’s repository" */
          g_autofree char *text = g_strdup_printf (_("Taken back (%u of %u): %s"), i + 1, n, step->title);

          emit_step (t, i, STATE_ROLLED_BACK, text);
        }
    }
}

/* Takes back, newest first, what this run wrote and nothing has proven. */
static gboolean
roll_back (Install  *t,
           GError  **error)
{
  while (t->written->len > 0)
    {
      Written *w = g_ptr_array_index (t->written, t->written->len - 1);

      if (w->existed)
        {
          if (!matou_atomic_write (w->path, w->old, w->old_length, NULL, error))
            return FALSE;
          matou_events_step (_("Restored %s"), w->path);
        }
      else
        {
          if (g_unlink (w->path) != 0 && errno != ENOENT)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Cannot remove %s: %s"), w->path, g_strerror (saved_errno));
              return FALSE;
            }
          matou_events_step (_("Removed %s"), w->path);
        }
      g_ptr_array_add (t->removed, g_strdup (w->path));

      if (w->moved_from != NULL)
        {
          g_autofree char *old = NULL;
          gsize length;

          if (!g_file_get_contents (w->moved_to, &old, &length, error) ||
              !matou_atomic_write (w->moved_from, old, length, NULL, error))
            return FALSE;
          matou_events_step (_("Put %s back"), w->moved_from);
          g_ptr_array_add (t->removed, g_strdup (w->moved_from));
        }

      mark_rolled_back (t, w->step_id);
      g_ptr_array_remove_index (t->written, t->written->len - 1);
    }

  return TRUE;
}

static gboolean
wrote_step (Install    *t,
            const char *step_id)
{
  for (guint i = 0; i < t->written->len; i++)
    if (g_str_equal (((Written *) g_ptr_array_index (t->written, i))->step_id, step_id))
      return TRUE;

  return FALSE;
}

/* A step that proved them makes the files it verifies permanent. */
static void
mark_proven (Install                *t,
             const MatouInstallStep *step)
{
  for (guint i = t->written->len; i > 0; i--)
    {
      Written *w = g_ptr_array_index (t->written, i - 1);

      if (g_strv_contains ((const char * const *) step->verifies, w->step_id))
        g_ptr_array_remove_index (t->written, i - 1);
    }
}

/* --- the run ------------------------------------------------------------------------------ */

static gboolean
take_lock (Install  *t,
           GError  **error)
{
  t->lock_fd = matou_helper_lock (t->config->lock_file, error);

  return t->lock_fd >= 0;
}

/* Who joins the docker group: the user pkexec names, never the request. */
static gboolean
find_user (Install     *t,
           const char  *pkexec_uid,
           GError     **error)
{
  guint64 uid;
  g_autofree char *name = NULL;

  if (pkexec_uid == NULL)
    {
      t->user = g_strdup (t->config->install_user);
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (pkexec_uid, 10, 0, G_MAXUINT32, &uid, NULL) ||
      !matou_lookup_user (NULL, (uid_t) uid, NULL, &name))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("pkexec names a user (%s) that does not exist."), pkexec_uid);
      return FALSE;
    }
  /* Root needs no group to reach the socket. */
  t->user = uid == 0 ? NULL : g_steal_pointer (&name);

  return TRUE;
}

static gboolean
find_mirror (Install     *t,
             const char  *id,
             const char **url,
             GError     **error)
{
  const MatouPreset *preset = matou_presets_find (t->mirrors, id);

  if (preset == NULL || preset->is_template || preset->url == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("The request names an unknown mirror “%s”. Nothing was changed."), id);
      return FALSE;
    }

  if (!matou_install_mirror_url_is_secure (preset->url))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("The mirror “%s” is listed with the address %s, which is not HTTPS. Matou uses mirrors over HTTPS only, so nothing was changed: correct the mirror list."),
                   id, preset->url);
      return FALSE;
    }

  *url = preset->url;
  return TRUE;
}

static gboolean
check_steps (Install  *t,
             GError  **error)
{
  char **asked = t->request->steps;
  g_auto(GStrv) ids = NULL;

  if (asked == NULL)
    return TRUE;

  for (guint i = 0; asked[i] != NULL; i++)
    if (matou_install_plan_find_step (t->plan, asked[i]) == NULL)
      {
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                     _("The request names a step “%s” that this plan does not have. Nothing was changed."),
                     asked[i]);
        return FALSE;
      }

  /* The user saw a plan; run that one or none. */
  ids = matou_install_plan_dup_step_ids (t->plan);
  if (!g_strv_equal ((const char * const *) ids, (const char * const *) asked))
    {
      g_autofree char *now = g_strjoinv (", ", ids);

      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("This system changed since the plan was shown: the steps are now %s. Nothing was changed; look at the plan again."),
                   now);
      return FALSE;
    }

  return TRUE;
}

static MatouHelperExit
prepare (Install     *t,
         const char  *pkexec_uid,
         GError     **error)
{
  const MatouHelperConfig *config = t->config;
  g_autoptr(MatouInstallSystem) system = NULL;
  g_auto(GStrv) packages = NULL;
  const char *mirror_id = NULL;
  const char *mirror_url = NULL;
  MatouInstallPaths paths = {
    .keyrings_dir = config->apt_keyrings_dir,
    .sources_dir = config->apt_sources_dir,
    .repos_dir = config->dnf_repos_dir,
    .rpm_keys_dir = config->dnf_keys_dir,
  };

  t->plans = matou_install_plans_load (config->install_plans != NULL ? config->install_plans : MATOU_INSTALL_PLANS_NAME,
                                       error);
  if (t->plans == NULL)
    return MATOU_HELPER_EXIT_ENVIRONMENT;
  t->mirrors = matou_presets_load (config->docker_ce_mirrors != NULL ? config->docker_ce_mirrors :
                                   MATOU_PRESETS_DOCKER_CE_MIRRORS, error);
  if (t->mirrors == NULL)
    return MATOU_HELPER_EXIT_ENVIRONMENT;
  if (!find_user (t, pkexec_uid, error))
    return MATOU_HELPER_EXIT_REFUSED;

  if (t->request->method == MATOU_INSTALL_METHOD_MIRROR)
    mirror_id = t->request->mirror;
  else if (t->request->method == MATOU_INSTALL_METHOD_DOCKER)
    mirror_id = matou_install_plans_get_official_mirror (t->plans);
  if (mirror_id != NULL && !find_mirror (t, mirror_id, &mirror_url, error))
    return MATOU_HELPER_EXIT_REFUSED;

  matou_events_step (_("Looking at this system"));
  packages = matou_install_plans_dup_package_names (t->plans);
  system = matou_install_system_detect (&paths, (const char * const *) packages, t->user, NULL);
  system->systemd = config->backend == MATOU_BACKEND_SYSTEMD;

  t->plan = matou_install_plan_build (t->plans, system, t->request->method, mirror_id, mirror_url,
                                      &t->request->options, &paths, config->backup_dir, error);
  if (t->plan == NULL)
    return MATOU_HELPER_EXIT_REFUSED;
  t->states = g_new0 (StepState, t->plan->steps->len);
  if (!check_steps (t, error))
    return MATOU_HELPER_EXIT_REFUSED;

  return MATOU_HELPER_EXIT_OK;
}

static MatouHelperExit
run_plan (Install *t)
{
  MatouInstallCheckContext context = { .socket = t->config->socket, .user = t->plan->user };
  guint n = t->plan->steps->len;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Failure failure = { MATOU_INSTALL_FAILURE_OTHER, NULL };
  guint i;

  for (i = 0; i < n; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (t->plan->steps, i);
      g_autofree char *text = NULL;
      gboolean unproven = FALSE;

      if (stop_wanted ())
        {
          t->cancelled = TRUE;
          break;
        }

      /* A repository written now is proven now, whatever is installed. */
      for (guint j = 0; step->verifies != NULL && step->verifies[j] != NULL; j++)
        unproven |= wrote_step (t, step->verifies[j]);

      if (!unproven && matou_install_step_is_done (t->plan, step, &context, NULL))
        {
          /* TRANSLATORS: "Already done (2 of 9): Install ca-certificates and curl" */
          text = g_strdup_printf (_("Already done (%u of %u): %s"), i + 1, n, step->title);
          emit_step (t, i, STATE_ALREADY_DONE, text);
          continue;
        }

      /* TRANSLATORS: "Step 3 of 9: Download Docker’s signing key" */
      text = g_strdup_printf (_("Step %u of %u: %s"), i + 1, n, step->title);
      emit_step (t, i, STATE_RUNNING, text);

      if (!run_step (t, step, &failure))
        {
          g_free (text);
          text = g_strdup_printf (_("Failed (%u of %u): %s"), i + 1, n, step->title);
          emit_step (t, i, STATE_FAILED, text);
          t->failed_step = g_strdup (step->id);
          t->failure = matou_install_failure_to_string (failure.failure);
          message = matou_install_explain_failure (t->plan, step, failure.failure, failure.said);
          if (i + 1 < n)
            {
              g_autoptr(GStrvBuilder) later = g_strv_builder_new ();
              g_auto(GStrv) titles = NULL;
              g_autofree char *list = NULL;
              g_autofree char *whole = NULL;

              for (guint j = i + 1; j < n; j++)
                g_strv_builder_add (later, ((const MatouInstallStep *) g_ptr_array_index (t->plan->steps, j))->title);
              titles = g_strv_builder_end (later);
              list = g_strjoinv (_("; "), titles);
              /* TRANSLATORS: the failure, then the titles of the steps after it */
              whole = g_strdup_printf (_("%s The steps after it were not run: %s. Run again once this is fixed; the steps already done are skipped."),
                                       message, list);
              g_free (message);
              message = g_steal_pointer (&whole);
            }
          break;
        }

      if (step->verifies != NULL)
        mark_proven (t, step);
      g_free (text);
      text = g_strdup_printf (_("Done (%u of %u): %s"), i + 1, n, step->title);
      emit_step (t, i, STATE_DONE, text);
    }
  g_free (failure.said);

  /* Failed or stopped: nothing unproven stays behind to break apt or dnf. */
  if (message != NULL || t->cancelled)
    {
      if (t->written->len > 0)
        matou_events_step (_("Rolling back what this run wrote and could not prove"));
      if (!roll_back (t, &error))
        {
          g_autofree char *both = g_strdup_printf (_("%s Taking it back failed too: %s. Remove that file by hand so that the package manager keeps working."),
                                                   message != NULL ? message : _("The installation was stopped."),
                                                   error->message);

          return emit_result (t, MATOU_HELPER_EXIT_ROLLBACK_FAILED, both);
        }
    }

  if (message != NULL)
    return emit_result (t, MATOU_HELPER_EXIT_ROLLED_BACK, message);

  if (t->cancelled)
    {
      g_autofree char *stopped = NULL;

      if (i == 0)
        stopped = g_strdup (_("Stopped before the first step. Nothing was changed."));
      else
        stopped = g_strdup_printf (_("Stopped after step %u of %u, as asked. The steps done so far stay done and the system is consistent; run again to go on from there."),
                                   i, n);
      return emit_result (t, MATOU_HELPER_EXIT_CANCELLED, stopped);
    }

  if (t->engine_version == NULL)
    {
      g_autoptr(MatouEngineSnapshot) snapshot = matou_engine_snapshot_sync (t->config->socket, NULL);

      if (snapshot != NULL)
        t->engine_version = g_strdup (snapshot->version->version);
    }

  return emit_result (t, MATOU_HELPER_EXIT_OK, NULL);
}

/**
 * matou_helper_install:
 *
 * Reads the request (the first line of standard input), builds the plan
 * from the helper's own data and its own look at the system, and runs it.
 */
MatouHelperExit
matou_helper_install (const MatouHelperConfig *config,
                      const char              *pkexec_uid)
{
  Install t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  MatouHelperExit status;

  t.config = config;
  t.lock_fd = -1;
  t.written = g_ptr_array_new_with_free_func ((GDestroyNotify) written_free);
  t.removed = g_ptr_array_new_with_free_func (g_free);

  install_stop_handlers ();
  matou_events_step (_("Checking the request"));
  text = read_request_line ();
  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The request is larger than %d bytes and was refused."),
                                                  MATOU_INSTALL_REQUEST_MAX_SIZE);

      status = refuse (&t, message);
      goto out;
    }
  g_thread_unref (g_thread_new ("matou-stop", read_stop_lines, NULL));

  t.request = matou_install_request_parse (text->str, text->len, &error);
  if (t.request == NULL)
    {
      status = refuse (&t, error->message);
      goto out;
    }

  status = prepare (&t, pkexec_uid, &error);
  if (status != MATOU_HELPER_EXIT_OK)
    {
      status = emit_result (&t, status, error->message);
      goto out;
    }

  if (!take_lock (&t, &error))
    {
      status = refuse (&t, error->message);
      goto out;
    }

  t.service = matou_service_new (config);
  status = run_plan (&t);

out:
  install_clear (&t);
  return status;
}
