/* Where the Docker daemon listens: DOCKER_HOST handling, as the docker CLI does it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MATOU_DEFAULT_DOCKER_SOCKET "/var/run/docker.sock"

char *matou_docker_host_resolve_socket (const char  *docker_host,
                                        GError     **error);

G_END_DECLS
