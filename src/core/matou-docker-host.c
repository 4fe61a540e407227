/* Where the Docker daemon listens: DOCKER_HOST handling, as the docker CLI does it. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-docker-host.h"
#include "matou-error.h"

/**
 * matou_docker_host_resolve_socket:
 * @docker_host: (nullable): the value of DOCKER_HOST, or %NULL when unset
 *
 * Returns: (transfer full): the path of the unix socket to talk to, or %NULL
 *   with @error set when DOCKER_HOST names something Matou cannot use.
 */
char *
matou_docker_host_resolve_socket (const char  *docker_host,
                                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  const char *path;

  if (docker_host == NULL || *docker_host == '\0')
    return g_strdup (MATOU_DEFAULT_DOCKER_SOCKET);

  scheme = g_uri_parse_scheme (docker_host);
  if (scheme == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST,
                   _("DOCKER_HOST is set to “%s”, which is not a URL. Set it to a unix:// socket such as unix://%s, or unset it."),
                   docker_host, MATOU_DEFAULT_DOCKER_SOCKET);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "unix") != 0)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSUPPORTED_HOST,
                   _("DOCKER_HOST is set to “%s”. Matou reaches a Docker Engine through unix://, tcp:// or ssh:// hosts, and cannot use %s:// ones (fd:// is for a daemon started by systemd’s socket, npipe:// is for Windows). Unset DOCKER_HOST, or set it to one of those."),
                   docker_host, scheme);
      return NULL;
    }

  uri = g_uri_parse (docker_host, G_URI_FLAGS_NONE, NULL);
  path = uri != NULL ? g_uri_get_path (uri) : NULL;
  if (path == NULL || path[0] != '/' ||
      (g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_HOST,
                   _("DOCKER_HOST is set to “%s”, which does not name a socket by its full path. Write it as unix:///path/to/docker.sock."),
                   docker_host);
      return NULL;
    }

  return g_strdup (path);
}
