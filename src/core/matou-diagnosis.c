/* Why Matou cannot talk to the daemon, in words a user can act on. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "matou-diagnosis.h"
#include "matou-error.h"

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
      g_error_matches (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST))
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
      *explanation = g_strdup_printf (_("Docker is installed, but nothing answers on %s. Start the Docker service (for example “systemctl start docker”), and if it stops again, look at the Logs page for the reason."),
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
      *title = g_strdup (_("This Docker host is not supported yet"));
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
