/* The helper's verbs: apply settings, roll back the last apply, report status. */
#pragma once

#include <glib.h>

#include "matou-helper-config.h"
#include "matou-helper-protocol.h"

G_BEGIN_DECLS

MatouHelperExit matou_helper_apply    (const MatouHelperConfig *config,
                                       const char              *request,
                                       gsize                    length);
MatouHelperExit matou_helper_rollback (const MatouHelperConfig *config);
MatouHelperExit matou_helper_status   (const MatouHelperConfig *config,
                                       gboolean                 under_pkexec);

G_END_DECLS
