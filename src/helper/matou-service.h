/* Restarting the Docker daemon: systemd, SysV service, or dockerd started directly. */
#pragma once

#include <gio/gio.h>

#include "matou-engine-client.h"
#include "matou-engine-info.h"
#include "matou-helper-config.h"
#include "matou-log-follower.h"

G_BEGIN_DECLS

typedef struct _MatouService MatouService;

MatouService     *matou_service_new           (const MatouHelperConfig *config);
void              matou_service_free          (MatouService            *self);

MatouLogFollower *matou_service_follow_log    (MatouService            *self,
                                               GError                 **error);
gboolean          matou_service_reload        (MatouService            *self,
                                               GError                 **error);
gboolean          matou_service_restart       (MatouService            *self,
                                               GError                 **error);
gboolean          matou_service_start         (MatouService            *self,
                                               GError                 **error);
gboolean          matou_service_stop          (MatouService            *self,
                                               GError                 **error);
gboolean          matou_service_enable        (MatouService            *self,
                                               GError                 **error);
char             *matou_service_explain_start_failure (MatouService    *self,
                                                       MatouLogFollower *log,
                                                       char           **reason);
gboolean          matou_service_units_changed (MatouService            *self,
                                               GError                 **error);
gboolean          matou_service_reset_failed  (MatouService            *self,
                                               GError                 **error);
gboolean          matou_service_has_died      (MatouService            *self);
MatouEngineSnapshot *matou_service_wait_for_engine (MatouService       *self,
                                               MatouLogFollower        *log,
                                               GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouService, matou_service_free)

G_END_DECLS
