/* The helper's install verb: runs an install plan step by step, skipping what is done, rolling back a repository that does not answer. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "matou-engine-sync.h"
#include "matou-events.h"
#include "matou-helper-lock.h"
#include "matou-install-private.h"
#include "matou-install-system.h"
#include "matou-install.h"

static const char * const state_names[] = {
  "waiting", "running", "done", "already-done", "failed", "rolled-back",
};

/* Set from a signal handler, or from the thread that reads "stop". */
static volatile sig_atomic_t stop_signal;
static gint stop_line;

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
gboolean
_matou_install_stop_wanted (void)
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
void
_matou_install_emit_step (Install    *t,
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

/* --- the run ------------------------------------------------------------------------------ */

static gboolean
take_lock (Install  *t,
           GError  **error)
{
  t->lock_fd = matou_helper_lock (t->config->lock_file, error);

  return t->lock_fd >= 0;
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

      if (_matou_install_stop_wanted ())
        {
          t->cancelled = TRUE;
          break;
        }

      /* A repository written now is proven now, whatever is installed. */
      for (guint j = 0; step->verifies != NULL && step->verifies[j] != NULL; j++)
        unproven |= _matou_install_wrote_step (t, step->verifies[j]);

      if (!unproven && matou_install_step_is_done (t->plan, step, &context, NULL))
        {
          /* TRANSLATORS: "Already done (2 of 9): Install ca-certificates and curl" */
          text = g_strdup_printf (_("Already done (%u of %u): %s"), i + 1, n, step->title);
          _matou_install_emit_step (t, i, STATE_ALREADY_DONE, text);
          continue;
        }

      /* TRANSLATORS: "Step 3 of 9: Download Docker’s signing key" */
      text = g_strdup_printf (_("Step %u of %u: %s"), i + 1, n, step->title);
      _matou_install_emit_step (t, i, STATE_RUNNING, text);

      if (!_matou_install_run_step (t, step, &failure))
        {
          g_free (text);
          text = g_strdup_printf (_("Failed (%u of %u): %s"), i + 1, n, step->title);
          _matou_install_emit_step (t, i, STATE_FAILED, text);
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
        _matou_install_mark_proven (t, step);
      g_free (text);
      text = g_strdup_printf (_("Done (%u of %u): %s"), i + 1, n, step->title);
      _matou_install_emit_step (t, i, STATE_DONE, text);
    }
  g_free (failure.said);

  /* Failed or stopped: nothing unproven stays behind to break apt or dnf. */
  if (message != NULL || t->cancelled)
    {
      if (t->written->len > 0)
        matou_events_step (_("Rolling back what this run wrote and could not prove"));
      if (!_matou_install_roll_back (t, &error))
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
  t.written = g_ptr_array_new_with_free_func ((GDestroyNotify) _matou_install_written_free);
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

  status = _matou_install_prepare (&t, pkexec_uid, &error);
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
