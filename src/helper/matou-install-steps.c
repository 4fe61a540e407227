/* The install verb's steps, one runner for each kind: run, download, write, service and group. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "matou-atomic-write.h"
#include "matou-docker-detect.h"
#include "matou-events.h"
#include "matou-install-private.h"
#include "matou-install-system.h"
#include "matou-signing-key.h"

#define MAX_KEY_BYTES "1048576"

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
      if (!_matou_install_run_command (t, step->argv, kept, &status, &error))
        return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);

      /* apt waits for dpkg's lock itself, but not for its lists' lock: wait here, where the user sees it. */
      g_ptr_array_add (kept, NULL);
      if (status == 0 || g_get_monotonic_time () > deadline || _matou_install_stop_wanted () ||
          matou_install_classify_output ((const char * const *) kept->pdata, NULL) != MATOU_INSTALL_FAILURE_LOCK)
        break;
      g_ptr_array_remove_index (kept, kept->len - 1);
      if (!waiting)
        matou_events_step (g_dngettext (GETTEXT_PACKAGE,
                                        "Another program is using the package system; waiting up to %u second for it to finish",
                                        "Another program is using the package system; waiting up to %u seconds for it to finish",
                                        t->config->apt_lock_wait),
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
      said = _matou_install_last_line (kept);
      /* A repository that exit status 0 and no words explain did not answer. */
      if (kind == MATOU_INSTALL_FAILURE_OTHER && step->verifies != NULL)
        kind = MATOU_INSTALL_FAILURE_NETWORK;
      return step_failed (failure, kind, said);
    }

  return TRUE;
}

/* Writes @data to @step's path, remembering in @w what was there: the run keeps @w for a
 * rollback. A write that fails leaves nothing of the step behind: a file it moved aside for
 * this one is put back, and @w is freed. */
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

  w->path = g_strdup (step->path);
  if (!matou_atomic_read_current (step->path, &w->old, &w->old_length, &w->existed, &error) ||
      g_mkdir_with_parents (dir, 0755) != 0 ||
      !matou_atomic_write (step->path, data, length, NULL, &error) ||
      g_chmod (step->path, step->mode) != 0)
    {
      step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error != NULL ? error->message : g_strerror (errno));
      if (w->moved_from != NULL)
        _matou_install_put_moved_back (w, NULL);
      _matou_install_written_free (w);
      return FALSE;
    }

  matou_events_step (_("Wrote %s"), step->path);
  g_ptr_array_add (t->written, w);
  return TRUE;
}

static gboolean
run_step_download (Install                *t,
                   const MatouInstallStep *step,
                   Failure                *failure)
{
  g_autoptr(GSubprocessLauncher) launcher = _matou_install_new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url_arg = g_strdup (step->url);
  const char *argv[] = {
    "curl", "-fsSL", "--max-time", "60", "--max-filesize", MAX_KEY_BYTES,
    /* http only reaches a loopback mirror (see find_mirror in matou-install-prepare.c), and no redirect leaves HTTPS. */
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

  return write_file (t, step, data, length, w, failure);
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
      gboolean existed;

      if (!matou_atomic_read_current (step->replaces, &old, &length, &existed, &error) ||
          g_mkdir_with_parents (backup_dir, 0700) != 0 ||
          !matou_atomic_write (step->replaces_backup, old, length, NULL, &error) ||
          g_unlink (step->replaces) != 0)
        {
          step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error != NULL ? error->message : g_strerror (errno));
          _matou_install_written_free (w);
          return FALSE;
        }
      w->moved_from = g_strdup (step->replaces);
      w->moved_to = g_strdup (step->replaces_backup);
      matou_events_step (_("Moved %s to %s"), step->replaces, step->replaces_backup);
    }

  return write_file (t, step, step->content, strlen (step->content), w, failure);
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
      (!answers && !matou_service_start (t->service, &error)))
    {
      g_autofree char *said = matou_service_explain_start_failure (t->service, log, NULL);

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

      if (!_matou_install_run_command (t, groupadd, kept, &status, &error))
        return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);
      if (status != 0)
        return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, _matou_install_last_line (kept));
    }

  if (!_matou_install_run_command (t, step->argv, kept, &status, &error))
    return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, error->message);
  if (status != 0 || !matou_user_in_docker_group (t->plan->user))
    return step_failed (failure, MATOU_INSTALL_FAILURE_OTHER, _matou_install_last_line (kept));

  t->group_added = TRUE;
  return TRUE;
}

gboolean
_matou_install_run_step (Install                *t,
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
