/* The helper's service verb: start, stop or restart the Docker daemon, with its log and the Engine wait. */
#pragma once

#include "matou-helper-config.h"
#include "matou-helper-protocol.h"

G_BEGIN_DECLS

MatouHelperExit matou_helper_service (const MatouHelperConfig *config,
                                      const char              *action);

G_END_DECLS
