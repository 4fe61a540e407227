/* The application: actions that outlive a window, the About window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MATOU_TYPE_APPLICATION (matou_application_get_type ())
G_DECLARE_FINAL_TYPE (MatouApplication, matou_application, MATOU, APPLICATION, AdwApplication)

#include "matou-daemon.h"
#include "matou-run-history.h"

MatouApplication *matou_application_new             (void);
MatouRunHistory  *matou_application_get_run_history (MatouApplication *self);
MatouHelperRunner *matou_application_get_helper_runner (MatouApplication *self);
MatouDaemon *matou_application_get_daemon (MatouApplication *self);

G_END_DECLS
