/* A private local socket whose every connection runs `ssh HOST docker system dial-stdio` and carries the bytes through. */
#pragma once

#include <gio/gio.h>

#include "matou-docker-endpoint.h"

G_BEGIN_DECLS

#define MATOU_TYPE_SSH_RELAY (matou_ssh_relay_get_type ())
G_DECLARE_FINAL_TYPE (MatouSshRelay, matou_ssh_relay, MATOU, SSH_RELAY, GObject)

MatouSshRelay *matou_ssh_relay_new             (const MatouDockerEndpoint  *endpoint,
                                                GError                    **error);
const char    *matou_ssh_relay_get_socket_path (MatouSshRelay *self);
const char    *matou_ssh_relay_get_last_error  (MatouSshRelay *self);
char         **matou_ssh_relay_build_argv      (const MatouDockerEndpoint *endpoint);

G_END_DECLS
