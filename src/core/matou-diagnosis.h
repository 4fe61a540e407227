/* Why Matou cannot talk to the daemon, in words a user can act on. */
#pragma once

#include <glib.h>

#include "matou-docker-detect.h"
#include "matou-docker-endpoint.h"

G_BEGIN_DECLS

typedef enum {
  MATOU_PROBLEM_NONE,
  MATOU_PROBLEM_NOT_INSTALLED,
  MATOU_PROBLEM_CLI_ONLY,
  MATOU_PROBLEM_NOT_RUNNING,
  MATOU_PROBLEM_NOT_IN_GROUP,
  MATOU_PROBLEM_LOG_IN_AGAIN,
  MATOU_PROBLEM_PERMISSION_DENIED,
  MATOU_PROBLEM_UNSUPPORTED_HOST,
  MATOU_PROBLEM_OTHER,
} MatouProblem;

MatouProblem matou_diagnose (const GError             *error,
                             const char               *socket_path,
                             const MatouDockerInstall *install,
                             char                    **title,
                             char                    **explanation);
/* The same for an Engine elsewhere (tcp://, ssh://): nothing here can start it or let the user in. */
MatouProblem matou_diagnose_remote (const GError              *error,
                                    const MatouDockerEndpoint *endpoint,
                                    char                     **title,
                                    char                     **explanation);

gboolean     matou_daemon_line_is_error     (const char *line);
char        *matou_daemon_failure_explain   (const char *line);

G_END_DECLS
