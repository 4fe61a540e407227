/* The helper's log verb: the daemon's log file, for a user who may not read it. */
#pragma once

#include "matou-helper-config.h"
#include "matou-helper-protocol.h"

G_BEGIN_DECLS

/* How many of the file's last lines come first. */
#define MATOU_HELPER_LOG_LINES 200

MatouHelperExit matou_helper_log (const MatouHelperConfig *config);

G_END_DECLS
