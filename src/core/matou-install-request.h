/* What the GUI asks the helper to install: a plan, a mirror and options by name, never a command. */
#pragma once

#include <glib.h>

#include "matou-install-plan.h"

G_BEGIN_DECLS

/* The request is the first line of standard input; a later line "stop"
 * asks the helper to stop after the step it is running. */
#define MATOU_INSTALL_REQUEST_MAX_SIZE (16 * 1024)
#define MATOU_INSTALL_STOP_LINE "stop"

typedef struct {
  MatouInstallMethod   method;
  char                *mirror;    /* docker-mirror only: an id of the mirror list */
  MatouInstallOptions  options;
  char               **steps;     /* NULL, or the step ids the user was shown */
} MatouInstallRequest;

MatouInstallRequest *matou_install_request_new     (MatouInstallMethod          method,
                                                    const char                 *mirror,
                                                    const MatouInstallOptions  *options,
                                                    const char * const         *steps);
MatouInstallRequest *matou_install_request_parse   (const char                 *data,
                                                    gssize                      length,
                                                    GError                    **error);
char                *matou_install_request_to_json (const MatouInstallRequest  *request);
void                 matou_install_request_free    (MatouInstallRequest        *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouInstallRequest, matou_install_request_free)

G_END_DECLS
