/* The helper's install verb: runs an install plan step by step, skipping what is done, rolling back a repository that does not answer. */
#pragma once

#include <glib.h>

#include "matou-helper-config.h"
#include "matou-helper-protocol.h"

G_BEGIN_DECLS

/* @pkexec_uid: PKEXEC_UID as pkexec set it, or NULL when root ran the helper itself */
MatouHelperExit matou_helper_install (const MatouHelperConfig *config,
                                      const char              *pkexec_uid);

G_END_DECLS
