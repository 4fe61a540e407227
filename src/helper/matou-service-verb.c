/* The helper's service verb: start, stop or restart the Docker daemon, with its log and the Engine wait. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "matou-engine-sync.h"
#include "matou-error.h"
#include "matou-events.h"
#include "matou-helper-lock.h"
#include "matou-service-verb.h"
#include "matou-service.h"

#define STOPPED_TIMEOUT_US (10 * G_USEC_PER_SEC)

/* The outcome, written once the log has stopped streaming: the result is the last line. */
static MatouHelperExit
finish (MatouHelperResult *result,
        MatouHelperExit    status,
        const char        *message)
{
  result->status = status;
  g_free (result->error);
  result->error = g_strdup (message);

  return status;
}

static MatouHelperExit
stop (MatouService      *service,
      MatouHelperResult *result,
      const char        *socket)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  matou_events_step (_("Stopping the Docker daemon"));
  if (!matou_service_stop (service, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Docker could not be stopped: %s. Look at the Logs page for the daemon’s last lines, then try again."),
                                                  error->message);

      return finish (result, MATOU_HELPER_EXIT_FAILED, message);
    }

  /* The tools return once the process is gone; the socket may answer a moment longer. */
  deadline = g_get_monotonic_time () + STOPPED_TIMEOUT_US;
  for (;;)
    {
      g_autoptr(MatouEngineSnapshot) snapshot = matou_engine_snapshot_sync (socket, NULL);

      if (snapshot == NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        return finish (result, MATOU_HELPER_EXIT_FAILED,
                       _("Docker was asked to stop, but its Engine API still answers. Another service manager may keep it running; try again in a moment."));
      g_usleep (250 * 1000);
    }

  matou_events_step (_("The Docker daemon has stopped"));
  return finish (result, MATOU_HELPER_EXIT_OK, NULL);
}

static MatouHelperExit
start (MatouService      *service,
       MatouHelperResult *result,
       MatouLogFollower  *log,
       gboolean           restart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouEngineSnapshot) snapshot = NULL;

  /* After three failed starts in a minute systemd refuses a fourth until told to forget them. */
  if (!matou_service_reset_failed (service, &error))
    g_clear_error (&error);

  matou_events_step (restart ? _("Restarting the Docker daemon") : _("Starting the Docker daemon"));
  if (!(restart ? matou_service_restart (service, &error) : matou_service_start (service, &error)))
    {
      g_autofree char *message = matou_service_explain_start_failure (service, log, &result->daemon_error);

      return finish (result, MATOU_HELPER_EXIT_FAILED, message);
    }

  snapshot = matou_service_wait_for_engine (service, log, &error);
  if (snapshot == NULL)
    {
      result->daemon_error = log != NULL ? matou_log_follower_dup_error_line (log) : NULL;
      return finish (result, MATOU_HELPER_EXIT_FAILED, error->message);
    }

  result->engine_version = g_strdup (snapshot->version->version);
  return finish (result, MATOU_HELPER_EXIT_OK, NULL);
}

/**
 * matou_helper_service:
 * @action: "start", "stop" or "restart"; anything else is refused
 *
 * One start, stop or restart of the daemon through the configured backend,
 * the daemon's log streaming meanwhile; a start waits for the Engine API and
 * gives up as soon as the daemon dies, with its reason in words.
 */
MatouHelperExit
matou_helper_service (const MatouHelperConfig *config,
                      const char              *action)
{
  g_autoptr(MatouHelperResult) result = matou_helper_result_new (MATOU_HELPER_RESULT_APPLY);
  g_autoptr(MatouService) service = NULL;
  g_autoptr(MatouLogFollower) log = NULL;
  g_autoptr(GError) error = NULL;
  MatouHelperExit status;
  int lock_fd;

  result->action = g_strdup (action);
  if (g_strcmp0 (action, "start") != 0 && g_strcmp0 (action, "stop") != 0 && g_strcmp0 (action, "restart") != 0)
    {
      finish (result, MATOU_HELPER_EXIT_REFUSED,
              _("matou-helper service understands start, stop and restart. Nothing was changed."));
      return matou_events_result (result);
    }

  /* One helper at a time: an apply must not see the daemon vanish under it. */
  lock_fd = matou_helper_lock (config->lock_file, &error);
  if (lock_fd < 0)
    {
      finish (result, MATOU_HELPER_EXIT_REFUSED, error->message);
      return matou_events_result (result);
    }

  service = matou_service_new (config);
  /* Without the log the start still runs; only the reason would be missing. */
  log = matou_service_follow_log (service, NULL);

  if (g_str_equal (action, "stop"))
    status = stop (service, result, config->socket);
  else
    status = start (service, result, log, g_str_equal (action, "restart"));

  g_clear_pointer (&log, matou_log_follower_free);
  matou_events_result (result);
  close (lock_fd);
  return status;
}
