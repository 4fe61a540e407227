/* Restarting the Docker daemon: systemd, SysV service, or dockerd started directly. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "matou-diagnosis.h"
#include "matou-error.h"
#include "matou-engine-sync.h"
#include "matou-events.h"
#include "matou-proxy-dropin.h"
#include "matou-service.h"

#define STOP_TIMEOUT_US (30 * G_USEC_PER_SEC)

/* systemctl's manager: the system's, or for a rootless daemon the user's own. */
#define SCOPE(self) ((self)->config->rootless ? "--user" : "--system")

struct _MatouService
{
  const MatouHelperConfig *config;
  GSubprocess             *started;   /* direct: the dockerd this run started */
  gboolean                 starting;  /* a start or restart was asked: death is watched from now */
  char                    *tool_said; /* the last line of the service tool that failed */
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
  g_free (self->tool_said);
  g_free (self);
}

/* Runs a tool to the end, its output going to the log as it comes. */
static gboolean
run_tool (const char * const  *argv,
          char               **last_line,
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
      if (last_line != NULL)
        *last_line = g_steal_pointer (&last);
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
        const char *argv[] = { "systemctl", SCOPE (self), verb, name, NULL };

        g_clear_pointer (&self->tool_said, g_free);
        return run_tool (argv, &self->tool_said, error);
      }

    case MATOU_BACKEND_SYSV:
      {
        const char *service_argv[] = { "service", name, verb, NULL };
        const char *script_argv[] = { self->config->init_script, verb, NULL };

        g_clear_pointer (&self->tool_said, g_free);
        return run_tool (self->config->init_script != NULL ? script_argv : service_argv,
                         &self->tool_said, error);
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
        const char *argv[] = { "journalctl", self->config->rootless ? "--user-unit" : "--unit", self->config->service_name,
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

/* The daemon's pid, from its own pidfile, only when the file is a regular
 * file (not a symlink) owned by root and the process it names is dockerd:
 * the helper signals nothing else. 0 otherwise. */
static pid_t
read_daemon_pid (const char *path)
{
  g_autofree char *comm_path = NULL;
  g_autofree char *exe_path = NULL;
  g_autofree char *comm = NULL;
  g_autofree char *exe = NULL;
  GStatBuf st;
  pid_t pid;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != geteuid ())
    return 0;
  pid = read_pidfile (path);
  if (pid == 0)
    return 0;

  comm_path = g_strdup_printf ("/proc/%d/comm", (int) pid);
  exe_path = g_strdup_printf ("/proc/%d/exe", (int) pid);
  exe = g_file_read_link (exe_path, NULL);
  if (exe != NULL)
    {
      g_autofree char *name = g_path_get_basename (exe);

      if (g_str_equal (name, "dockerd"))
        return pid;
    }
  if (g_file_get_contents (comm_path, &comm, NULL, NULL) && g_str_equal (g_strchomp (comm), "dockerd"))
    return pid;

  return 0;
}

/* dockerd reloads daemon.json on SIGHUP. Debian's init script has no
 * "reload" (its force-reload restarts), so sysv signals the daemon itself,
 * as the direct backend does. */
static gboolean
signal_reload (MatouService  *self,
               GError       **error)
{
  pid_t pid = read_pidfile (self->config->pidfile);

  if (pid == 0 || !process_alive (pid))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("The Docker daemon is not running (no process in %s), so it cannot reload its configuration."),
                   self->config->pidfile);
      return FALSE;
    }

  pid = read_daemon_pid (self->config->pidfile);
  if (pid == 0)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   self->config->rootless ?
                   _("%s does not name a running Docker daemon (it must be a regular file of yours naming a dockerd process), so the helper did not signal it. Check that file, or stop and start Docker.") :
                   _("%s does not name a running Docker daemon (it must be a regular file owned by root naming a dockerd process), so the helper did not signal it. Check that file, or stop and start Docker."),
                   self->config->pidfile);
      return FALSE;
    }

  if (kill (pid, SIGHUP) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("The Docker daemon could not be asked to reload its configuration: %s"), g_strerror (saved_errno));
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

/* NAME, value pairs of the proxy the systemd drop-in gives, which the direct backend passes itself:
 * its Environment= lines, and the root-only file it names for a proxy with a password. */
static char **
dropin_proxy_environment (MatouService *self)
{
  g_autofree char *path = g_build_filename (self->config->dropin_dir, MATOU_PROXY_DROPIN_NAME, NULL);
  g_autofree char *env_path = g_build_filename (self->config->dropin_dir, MATOU_PROXY_ENV_NAME, NULL);
  g_autofree char *text = NULL;
  g_autofree char *env_text = NULL;
  g_autofree char *http = NULL;
  g_autofree char *https = NULL;
  g_autofree char *no = NULL;
  g_autoptr(GStrvBuilder) env = g_strv_builder_new ();

  g_file_get_contents (env_path, &env_text, NULL, NULL);
  if (g_file_get_contents (path, &text, NULL, NULL) &&
      matou_proxy_dropin_read_with_env (text, env_text, &http, &https, &no))
    {
      if (http != NULL && *http != '\0')
        g_strv_builder_add_many (env, "HTTP_PROXY", http, NULL);
      if (https != NULL && *https != '\0')
        g_strv_builder_add_many (env, "HTTPS_PROXY", https, NULL);
      if (no != NULL && *no != '\0')
        g_strv_builder_add_many (env, "NO_PROXY", no, NULL);
    }

  return g_strv_builder_end (env);
}

static gboolean
direct_start (MatouService  *self,
              GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) env = NULL;
  g_auto(GStrv) proxy_env = dropin_proxy_environment (self);
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
  /* dockerd-rootless.sh needs the user's home and runtime directory, and
   * keeps the user's own choices for rootlesskit (DOCKERD_ROOTLESS_*). The
   * helper runs as that user here: these are the user's, not a caller's. */
  if (self->config->rootless)
    {
      g_auto(GStrv) own = g_get_environ ();

      for (guint i = 0; own[i] != NULL; i++)
        if (g_str_has_prefix (own[i], "HOME=") || g_str_has_prefix (own[i], "XDG_RUNTIME_DIR=") ||
            g_str_has_prefix (own[i], "DOCKERD_ROOTLESS_"))
          {
            g_auto(GStrv) pair = g_strsplit (own[i], "=", 2);

            if (pair[1] != NULL)
              env = g_environ_setenv (env, pair[0], pair[1], TRUE);
          }
    }
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
  if (self->config->backend != MATOU_BACKEND_SYSTEMD)
    return signal_reload (self, error);

  return run_service_tool (self, "reload", error);
}

/* Whether the daemon's own pidfile names a live process. */
static gboolean
pidfile_alive (MatouService *self)
{
  pid_t pid = read_pidfile (self->config->pidfile);

  return pid != 0 && process_alive (pid);
}

/**
 * matou_service_restart:
 *
 * Restarts the daemon. systemd takes the proxy from its drop-in; the direct
 * backend stands in for it and reads the drop-in, and the file of secrets it
 * names, as they are now.
 */
gboolean
matou_service_restart (MatouService  *self,
                       GError       **error)
{
  self->starting = TRUE;
  if (self->config->backend == MATOU_BACKEND_DIRECT)
    return direct_stop (self, error) && direct_start (self, error);

  return run_service_tool (self, "restart", error);
}

/**
 * matou_service_start:
 *
 * Starts the daemon when it is not running; a running one is left alone.
 * The direct backend takes the proxy as matou_service_restart() does.
 */
gboolean
matou_service_start (MatouService  *self,
                     GError       **error)
{
  self->starting = TRUE;
  if (self->config->backend == MATOU_BACKEND_DIRECT)
    return pidfile_alive (self) || direct_start (self, error);

  return run_service_tool (self, "start", error);
}

/* Whether systemd has a socket unit for the service (Debian's docker.socket):
 * while it listens, any connection to the socket starts the service again. */
static gboolean
systemd_socket_loaded (MatouService *self,
                       const char   *socket_unit)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                              "systemctl", SCOPE (self), "show", "--property=LoadState", socket_unit, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, NULL) ||
      output == NULL)
    return FALSE;

  return g_str_equal (g_strstrip (output), "LoadState=loaded");
}

gboolean
matou_service_stop (MatouService  *self,
                    GError       **error)
{
  self->starting = FALSE;
  if (self->config->backend == MATOU_BACKEND_DIRECT)
    return direct_stop (self, error);

  if (self->config->backend == MATOU_BACKEND_SYSTEMD)
    {
      g_autofree char *socket_unit = g_strconcat (self->config->service_name, ".socket", NULL);

      /* The socket unit too, in the same transaction: else the next look at
       * the Engine API (the stop's own check) starts the daemon again. The
       * next start of the service starts its socket with it. */
      if (systemd_socket_loaded (self, socket_unit))
        {
          const char *argv[] = { "systemctl", SCOPE (self), "stop", socket_unit, self->config->service_name, NULL };

          g_clear_pointer (&self->tool_said, g_free);
          return run_tool (argv, &self->tool_said, error);
        }
    }

  return run_service_tool (self, "stop", error);
}

/* systemd starts it at boot from now on; the other backends have no such switch here. */
gboolean
matou_service_enable (MatouService  *self,
                      GError       **error)
{
  if (self->config->backend != MATOU_BACKEND_SYSTEMD)
    return TRUE;

  return run_service_tool (self, "enable", error);
}

/**
 * matou_service_explain_start_failure:
 * @log: (nullable): the daemon's log, followed since before the start
 * @reason: (out) (optional) (nullable): the line the message explains
 *
 * Why a start or restart failed, in words with the next step: the daemon's
 * last error line in its log, else the last line the service tool
 * (systemctl, service, the init script) wrote. The one message the install
 * and service verbs give.
 */
char *
matou_service_explain_start_failure (MatouService      *self,
                                     MatouLogFollower  *log,
                                     char             **reason)
{
  g_autofree char *line = log != NULL ? matou_log_follower_dup_error_line (log) : NULL;
  g_autofree char *explained = NULL;

  if (line == NULL)
    line = g_strdup (self->tool_said);
  explained = matou_daemon_failure_explain (line);
  if (reason != NULL)
    *reason = g_steal_pointer (&line);

  return g_strdup_printf (_("Docker did not start. %s"), explained);
}

/* systemd reads unit files, drop-ins included, only when told to. */
gboolean
matou_service_units_changed (MatouService  *self,
                             GError       **error)
{
  if (self->config->backend != MATOU_BACKEND_SYSTEMD)
    return TRUE;

  {
    const char *argv[] = { "systemctl", SCOPE (self), "daemon-reload", NULL };

    return run_tool (argv, NULL, error);
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

static gboolean
direct_has_died (MatouService *self)
{
  const char *identifier;

  if (self->started == NULL)
    return !pidfile_alive (self);

  /* GSubprocess forgets the identifier once it has reaped the child. */
  identifier = g_subprocess_get_identifier (self->started);

  return identifier == NULL || !process_alive (atoi (identifier));
}

/* The unit has failed, stopped, or waits to be started again after a failure (Restart=). */
static gboolean
systemd_has_died (MatouService *self)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  const char *active = "", *sub = "", *result = "success";

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                              "systemctl", SCOPE (self), "show", "--property=ActiveState,SubState,Result",
                              self->config->service_name, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, NULL) ||
      output == NULL)
    return FALSE;

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "ActiveState="))
        active = lines[i] + strlen ("ActiveState=");
      else if (g_str_has_prefix (lines[i], "SubState="))
        sub = lines[i] + strlen ("SubState=");
      else if (g_str_has_prefix (lines[i], "Result="))
        result = lines[i] + strlen ("Result=");
    }

  return g_str_equal (active, "failed") || g_str_equal (active, "inactive") ||
         (g_str_equal (sub, "auto-restart") && !g_str_equal (result, "success"));
}

/* The daemon's own pidfile names no live process, and the init script says it is not running. */
static gboolean
sysv_has_died (MatouService *self)
{
  g_autoptr(GSubprocess) process = NULL;
  const char *name = self->config->service_name;
  int status;

  if (pidfile_alive (self))
    return FALSE;

  if (self->config->init_script != NULL)
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                                self->config->init_script, "status", NULL);
  else
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                                "service", name, "status", NULL);
  if (process == NULL || !g_subprocess_wait (process, NULL, NULL) || !g_subprocess_get_if_exited (process))
    return FALSE;

  /* LSB: 1 dead with a pidfile left, 3 not running; 4 is "unknown", which proves nothing. */
  status = g_subprocess_get_exit_status (process);
  return status == 1 || status == 3;
}

/**
 * matou_service_has_died:
 *
 * Whether the daemon that a start or restart of this run asked for has
 * stopped already, as it does on a refused file or an unknown flag.
 */
gboolean
matou_service_has_died (MatouService *self)
{
  if (!self->starting)
    return FALSE;

  switch (self->config->backend)
    {
    case MATOU_BACKEND_SYSTEMD:
      return systemd_has_died (self);
    case MATOU_BACKEND_SYSV:
      return sysv_has_died (self);
    case MATOU_BACKEND_DIRECT:
    default:
      return direct_has_died (self);
    }
}

/* The daemon's reason, in words with the next step, after @what. */
static void
set_start_error (GError           **error,
                 MatouLogFollower  *log,
                 const char        *what)
{
  g_autofree char *line = log != NULL ? matou_log_follower_dup_error_line (log) : NULL;
  g_autofree char *explained = matou_daemon_failure_explain (line);

  g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED, "%s %s", what, explained);
}

/**
 * matou_service_wait_for_engine:
 * @log: (nullable): the daemon's log, followed since before the start:
 *   its last error line goes into the error
 *
 * Waits until the Engine API answers on the configured socket, at most the
 * configured start timeout, and gives up within a second when the daemon
 * has died. The one wait that apply, rollback, install and the service
 * verb share.
 */
MatouEngineSnapshot *
matou_service_wait_for_engine (MatouService      *self,
                               MatouLogFollower  *log,
                               GError           **error)
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
          set_start_error (error, log, _("The Docker daemon stopped right after it started."));
          return NULL;
        }

      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "The Docker daemon did not answer within %u second (%s).",
                                                                "The Docker daemon did not answer within %u seconds (%s).",
                                                                config->start_timeout),
                                                   config->start_timeout, local_error->message);

          set_start_error (error, log, what);
          return NULL;
        }

      g_usleep (250 * 1000);
    }
}
