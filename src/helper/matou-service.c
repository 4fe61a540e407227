/* Restarting the Docker daemon: systemd, SysV service, or dockerd started directly. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "matou-error.h"
#include "matou-engine-sync.h"
#include "matou-events.h"
#include "matou-service.h"

#define STOP_TIMEOUT_US (30 * G_USEC_PER_SEC)

struct _MatouService
{
  const MatouHelperConfig *config;
  GSubprocess             *started;   /* direct: the dockerd this run started */
};

MatouService *
matou_service_new (const MatouHelperConfig *config)
{
  MatouService *self = g_new0 (MatouService, 1);

  self->config = config;

  return self;
}

void
matou_service_free (MatouService *self)
{
  if (self == NULL)
    return;

  /* A dockerd started here runs on after the helper exits. */
  g_clear_object (&self->started);
  g_free (self);
}

/* Runs a tool to the end, its output going to the log as it comes. */
static gboolean
run_tool (const char * const  *argv,
          GError             **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *source = g_path_get_basename (argv[0]);
  g_autofree char *last = NULL;
  char *line;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, error);
  if (process == NULL)
    return FALSE;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      matou_events_log (source, line);
      g_free (last);
      last = line;
    }

  if (!g_subprocess_wait (process, NULL, error))
    return FALSE;

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("“%s” failed: %s"), command,
                   last != NULL ? last : _("it gave no reason"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_service_tool (MatouService  *self,
                  const char    *verb,
                  GError       **error)
{
  const char *name = self->config->service_name;

  switch (self->config->backend)
    {
    case MATOU_BACKEND_SYSTEMD:
      {
        const char *argv[] = { "systemctl", verb, name, NULL };

        return run_tool (argv, error);
      }

    case MATOU_BACKEND_SYSV:
      {
        const char *argv[] = { "service", name, verb, NULL };

        return run_tool (argv, error);
      }

    case MATOU_BACKEND_DIRECT:
    default:
      g_assert_not_reached ();
    }
}

MatouLogFollower *
matou_service_follow_log (MatouService  *self,
                          GError       **error)
{
  switch (self->config->backend)
    {
    case MATOU_BACKEND_SYSTEMD:
      {
        const char *argv[] = { "journalctl", "--unit", self->config->service_name,
                               "--follow", "--lines=0", "--output=cat", NULL };

        return matou_log_follower_new_for_command (argv, "dockerd", error);
      }

    case MATOU_BACKEND_SYSV:
    case MATOU_BACKEND_DIRECT:
    default:
      return matou_log_follower_new_for_file (self->config->log_file, "dockerd");
    }
}

static pid_t
read_pidfile (const char *path)
{
  g_autofree char *contents = NULL;
  gint64 pid;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;

  pid = g_ascii_strtoll (g_strstrip (contents), NULL, 10);
  if (pid <= 1 || pid > G_MAXINT)
    return 0;

  return (pid_t) pid;
}

/* A zombie has stopped even though kill(pid, 0) still finds it. */
static gboolean
process_alive (pid_t pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (kill (pid, 0) != 0)
    return errno == EPERM;
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return FALSE;

  end = strrchr (stat, ')');
  return end == NULL || end[1] == '\0' || end[2] != 'Z';
}

static gboolean
direct_reload (MatouService  *self,
               GError       **error)
{
  pid_t pid = read_pidfile (self->config->pidfile);

  if (pid == 0 || kill (pid, SIGHUP) != 0)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("The Docker daemon is not running (no process in %s), so it cannot reload its configuration."),
                   self->config->pidfile);
      return FALSE;
    }

  return TRUE;
}

static gboolean
direct_stop (MatouService  *self,
             GError       **error)
{
  pid_t pid = read_pidfile (self->config->pidfile);
  gint64 deadline;

  if (pid == 0 || !process_alive (pid))
    return TRUE;

  kill (pid, SIGTERM);
  deadline = g_get_monotonic_time () + STOP_TIMEOUT_US;
  while (process_alive (pid))
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          break;
        }
      g_usleep (100 * 1000);
    }

  return TRUE;
}

static void
detach_child_setup (gpointer user_data)
{
  /* dockerd outlives the helper and must not share its session. */
  setsid ();
}

static gboolean
direct_start (MatouService        *self,
              const char * const  *proxy_env,
              GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) env = NULL;
  int log_fd;

  log_fd = open (self->config->log_file, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (log_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot open the daemon’s log %s: %s"), self->config->log_file, g_strerror (saved_errno));
      return FALSE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_take_stdout_fd (launcher, log_fd);
  env = g_environ_setenv (NULL, "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", TRUE);
  for (guint i = 0; proxy_env != NULL && proxy_env[i] != NULL && proxy_env[i + 1] != NULL; i += 2)
    env = g_environ_setenv (env, proxy_env[i], proxy_env[i + 1], TRUE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_child_setup (launcher, detach_child_setup, NULL, NULL);

  g_clear_object (&self->started);
  self->started = g_subprocess_launcher_spawnv (launcher, (const char * const *) self->config->dockerd_argv, error);

  return self->started != NULL;
}

gboolean
matou_service_reload (MatouService  *self,
                      GError       **error)
{
  if (self->config->backend == MATOU_BACKEND_DIRECT)
    return direct_reload (self, error);

  return run_service_tool (self, "reload", error);
}

/**
 * matou_service_restart:
 * @proxy_env: (nullable): NAME, value pairs, for the direct backend only:
 *   systemd takes the proxy from its drop-in, which the direct backend stands in for
 */
gboolean
matou_service_restart (MatouService        *self,
                       const char * const  *proxy_env,
                       GError             **error)
{
  if (self->config->backend == MATOU_BACKEND_DIRECT)
    return direct_stop (self, error) && direct_start (self, proxy_env, error);

  return run_service_tool (self, "restart", error);
}

/* systemd reads unit files, drop-ins included, only when told to. */
gboolean
matou_service_units_changed (MatouService  *self,
                             GError       **error)
{
  if (self->config->backend != MATOU_BACKEND_SYSTEMD)
    return TRUE;

  {
    const char *argv[] = { "systemctl", "daemon-reload", NULL };

    return run_tool (argv, error);
  }
}

/* After three failed starts in a minute systemd refuses a fourth (start-limit-hit). */
gboolean
matou_service_reset_failed (MatouService  *self,
                            GError       **error)
{
  if (self->config->backend != MATOU_BACKEND_SYSTEMD)
    return TRUE;

  return run_service_tool (self, "reset-failed", error);
}

/* Whether the dockerd this run started has exited already, as it does on a refused file. */
gboolean
matou_service_has_died (MatouService *self)
{
  const char *identifier;

  if (self->config->backend != MATOU_BACKEND_DIRECT || self->started == NULL)
    return FALSE;

  /* GSubprocess forgets the identifier once it has reaped the child. */
  identifier = g_subprocess_get_identifier (self->started);

  return identifier == NULL || !process_alive (atoi (identifier));
}

/**
 * matou_service_wait_for_engine:
 *
 * Waits until the Engine API answers on the configured socket, at most the
 * configured start timeout, and gives up at once when the daemon this run
 * started has died. The one wait that apply, rollback and install share.
 */
MatouEngineSnapshot *
matou_service_wait_for_engine (MatouService  *self,
                               GError       **error)
{
  const MatouHelperConfig *config = self->config;
  gint64 deadline = g_get_monotonic_time () + (gint64) config->start_timeout * G_USEC_PER_SEC;

  matou_events_step (_("Waiting for the Engine API on %s"), config->socket);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      MatouEngineSnapshot *snapshot = matou_engine_snapshot_sync (config->socket, &local_error);

      if (snapshot != NULL)
        {
          matou_events_step (_("Docker Engine %s answers"), snapshot->version->version);
          return snapshot;
        }

      if (matou_service_has_died (self))
        {
          g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                               _("The Docker daemon stopped right after it started."));
          return NULL;
        }

      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                       _("The Docker daemon did not answer within %u seconds: %s"),
                       config->start_timeout, local_error->message);
          return NULL;
        }

      g_usleep (250 * 1000);
    }
}
