/* Why Matou cannot talk to the daemon, in words a user can act on. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "matou-diagnosis.h"
#include "matou-error.h"

#include <string.h>

static MatouProblem
classify (const GError             *error,
          const MatouDockerInstall *install)
{
  gboolean has_daemon = install != NULL && install->dockerd_path != NULL;
  gboolean has_cli = install != NULL && install->cli_path != NULL;
  gboolean is_desktop_or_rootless = install != NULL &&
    (install->flavours & (MATOU_DOCKER_FLAVOUR_DESKTOP | MATOU_DOCKER_FLAVOUR_ROOTLESS | MATOU_DOCKER_FLAVOUR_SNAP));

  if (error == NULL)
    return MATOU_PROBLEM_NONE;

  if (g_error_matches (error, MATOU_ERROR, MATOU_ERROR_UNSUPPORTED_HOST) ||
      g_error_matches (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST) ||
      g_error_matches (error, MATOU_ERROR, MATOU_ERROR_CONTEXT))
    return MATOU_PROBLEM_UNSUPPORTED_HOST;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      switch (install != NULL ? install->group_state : MATOU_GROUP_NOT_MEMBER)
        {
        case MATOU_GROUP_MEMBER_INACTIVE:
          return MATOU_PROBLEM_LOG_IN_AGAIN;
        case MATOU_GROUP_NOT_MEMBER:
        case MATOU_GROUP_NO_GROUP:
          return MATOU_PROBLEM_NOT_IN_GROUP;
        case MATOU_GROUP_ACTIVE:
        default:
          return MATOU_PROBLEM_PERMISSION_DENIED;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      if (has_daemon || is_desktop_or_rootless)
        return MATOU_PROBLEM_NOT_RUNNING;
      return has_cli ? MATOU_PROBLEM_CLI_ONLY : MATOU_PROBLEM_NOT_INSTALLED;
    }

  return MATOU_PROBLEM_OTHER;
}

/**
 * matou_diagnose:
 * @error: (nullable): what talking to the daemon failed with
 * @socket_path: (nullable): the socket that was tried
 * @install: (nullable): what detection found
 * @title: (out): one line saying what is wrong
 * @explanation: (out): what it means and what to do next
 */
MatouProblem
matou_diagnose (const GError             *error,
                const char               *socket_path,
                const MatouDockerInstall *install,
                char                    **title,
                char                    **explanation)
{
  MatouProblem problem = classify (error, install);
  const char *socket = socket_path != NULL ? socket_path : "";

  switch (problem)
    {
    case MATOU_PROBLEM_NONE:
      *title = g_strdup (_("Docker is running"));
      *explanation = g_strdup (_("The Docker daemon answers on its socket."));
      break;

    case MATOU_PROBLEM_NOT_INSTALLED:
      *title = g_strdup (_("Docker is not installed"));
      *explanation = g_strdup (_("Neither the docker command nor the Docker daemon was found on this computer. Open the Install page to install Docker Engine."));
      break;

    case MATOU_PROBLEM_CLI_ONLY:
      *title = g_strdup (_("Only the Docker command is installed"));
      *explanation = g_strdup (_("The docker command is here, but the Docker Engine (dockerd) that runs containers is not. Open the Install page to install Docker Engine."));
      break;

    case MATOU_PROBLEM_NOT_RUNNING:
      *title = g_strdup (_("The Docker daemon is not running"));
      *explanation = g_strdup_printf (_("Docker is installed, but nothing answers on %s. Press Start Docker; if it does not start, Matou shows the daemon’s reason."),
                                      socket);
      break;

    case MATOU_PROBLEM_NOT_IN_GROUP:
      *title = g_strdup (_("You are not allowed to use Docker"));
      *explanation = g_strdup_printf (_("The daemon is running, but %s only lets in root and members of the “docker” group, and you are not a member. Add yourself to the group (the Install page can do it), then log out and log in again."),
                                      socket);
      break;

    case MATOU_PROBLEM_LOG_IN_AGAIN:
      *title = g_strdup (_("Log out and log in again to use Docker"));
      *explanation = g_strdup (_("You are in the “docker” group, but this session started before you were added, so it does not have the permission yet. Log out and log in again (or restart the computer)."));
      break;

    case MATOU_PROBLEM_PERMISSION_DENIED:
      *title = g_strdup (_("Permission to use Docker was refused"));
      *explanation = g_strdup_printf (_("The system refused access to %s although you are in the “docker” group. Check who owns the socket; the error was: %s"),
                                      socket, error->message);
      break;

    case MATOU_PROBLEM_UNSUPPORTED_HOST:
      *title = g_error_matches (error, MATOU_ERROR, MATOU_ERROR_CONTEXT)
               ? g_strdup (_("The docker context cannot be used"))
               : g_strdup (_("Matou cannot use this Docker host"));
      *explanation = g_strdup (error->message);
      break;

    case MATOU_PROBLEM_OTHER:
    default:
      *title = g_strdup (_("Matou could not talk to the Docker daemon"));
      *explanation = g_strdup_printf (_("Talking to %s failed: %s. If the daemon was just restarting, this clears up by itself; otherwise look at the Logs page."),
                                      socket, error->message);
      break;
    }

  return problem;
}

/**
 * matou_daemon_line_is_error:
 *
 * Whether a line of the daemon's log (or of the tool that started it) gives
 * the reason it refused a configuration or did not start. dockerd writes
 * its startup failures without a level: "unable to configure the Docker
 * daemon with file …", "Status: unknown flag: --x", "failed to start
 * daemon: …".
 */
MatouProblem
matou_diagnose_remote (const GError              *error,
                       const MatouDockerEndpoint *endpoint,
                       char                     **title,
                       char                     **explanation)
{
  g_autofree char *said = NULL;

  if (error == NULL)
    {
      *title = g_strdup (_("Docker is running"));
      *explanation = g_strdup_printf (_("The Docker Engine at %s answers."), endpoint->host);
      return MATOU_PROBLEM_NONE;
    }

  /* The message goes inside a sentence of ours. */
  said = g_strdup (error->message);
  if (g_str_has_suffix (said, "."))
    said[strlen (said) - 1] = '\0';

  if (error->domain == G_TLS_ERROR)
    {
      *title = g_strdup (_("The remote Engine’s TLS connection was refused"));
      *explanation = g_strdup_printf (_("Talking to %s (context “%s”) over TLS failed: %s. Matou trusts the certificate authority of the context’s ca.pem and shows the context’s cert.pem; “docker context inspect %s” shows which files those are."),
                                      endpoint->host, endpoint->context, said, endpoint->context);
      return MATOU_PROBLEM_OTHER;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    {
      *title = g_strdup (_("The remote Docker Engine does not answer"));
      *explanation = g_strdup_printf (_("Nothing answers at %s (context “%s”): %s. Check that the computer is on and reachable and that its Docker daemon listens there; Matou shows a remote Engine but does not start it."),
                                      endpoint->host, endpoint->context, said);
      return MATOU_PROBLEM_OTHER;
    }

  *title = g_strdup (_("Matou could not talk to the remote Docker Engine"));
  *explanation = g_strdup_printf (_("Talking to %s (context “%s”) failed: %s. Try “docker --context %s version” in a terminal: it fails the same way, with the docker command’s own words."),
                                  endpoint->host, endpoint->context, said, endpoint->context);
  return MATOU_PROBLEM_OTHER;
}

gboolean
matou_daemon_line_is_error (const char *line)
{
  static const char * const markers[] = {
    "unable to configure the Docker daemon",
    "failed to start daemon",
    "Error reloading configuration",
    "Error starting daemon",
    "level=fatal",
    "level=error",
    "directives don't match",
    "specified both as a flag and in the configuration file",
    "unknown flag",
    "unknown shorthand flag",
    "error setting limit",
  };

  if (line == NULL)
    return FALSE;
  /* cobra's error line: "Status: unknown flag: --x, Code: 125" */
  if (g_str_has_prefix (line, "Status: "))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strstr (line, markers[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* The words after "Status: " and before ", Code: N", or the line itself. */
static char *
strip_status (const char *line)
{
  const char *start = g_str_has_prefix (line, "Status: ") ? line + strlen ("Status: ") : line;
  const char *code = strstr (start, ", Code:");

  return g_strstrip (code != NULL ? g_strndup (start, code - start) : g_strdup (start));
}

/**
 * matou_daemon_failure_explain:
 * @line: (nullable): the daemon's last error line, or the raw last line of
 *   the tool that was to start it
 *
 * Returns: what the line means and what to do next, in one or two
 *   sentences, quoting the line
 */
char *
matou_daemon_failure_explain (const char *line)
{
  g_autofree char *said = NULL;

  if (line == NULL || *line == '\0')
    return g_strdup (_("It wrote no reason in its log. Look at the Logs page for what it wrote last, then try again."));

  said = strip_status (line);

  if (strstr (said, "unknown flag") != NULL || strstr (said, "unknown shorthand flag") != NULL)
    return g_strdup_printf (_("It was started with an option it does not know (“%s”). Remove that option from the daemon’s start options (DOCKER_OPTS in /etc/default/docker, or the service’s ExecStart), then start Docker again."),
                            said);
  if (strstr (said, "specified both as a flag and in the configuration file") != NULL)
    return g_strdup_printf (_("A setting is given twice, as a start option and in daemon.json (“%s”). Keep it in one place only, then start Docker again."),
                            said);
  if (strstr (said, "unable to configure the Docker daemon") != NULL ||
      strstr (said, "directives don't match") != NULL)
    return g_strdup_printf (_("It refuses its configuration file (“%s”). Correct or remove the setting it names, on the Settings page or in the file, then start Docker again."),
                            said);
  if (strstr (said, "error setting limit") != NULL || strstr (said, "ulimit") != NULL)
    return g_strdup_printf (_("Docker’s start script could not raise the limit on open files, because this system does not allow it (as in some containers and WSL setups), so the daemon was not started (“%s”). Allow a higher open-files limit for this system, then start Docker again."),
                            said);
  if (strstr (said, "pid file found") != NULL)
    return g_strdup_printf (_("Another Docker daemon seems to be running, or one left its pid file behind (“%s”). Stop the other daemon, or remove the stale pid file it names, then start Docker again."),
                            said);
  if (strstr (said, "address already in use") != NULL)
    return g_strdup_printf (_("Another program already listens where the daemon wants to (“%s”). Stop that program, then start Docker again."),
                            said);

  return g_strdup_printf (_("It said: “%s”. Correct what it names, then start Docker again; the Logs page shows the lines before it."),
                          said);
}
