/* The daemon's settings as the GUI sees them: files read, watched, and applied through the helper. */
#pragma once

#include <gio/gio.h>

#include "matou-apply-plan.h"
#include "matou-apply-request.h"
#include "matou-daemon-config.h"
#include "matou-engine-client.h"
#include "matou-helper-client.h"
#include "matou-helper-runner.h"
#include "matou-proxy-dropin.h"
#include "matou-run-history.h"

G_BEGIN_DECLS

#define MATOU_TYPE_DAEMON_SETTINGS (matou_daemon_settings_get_type ())
G_DECLARE_FINAL_TYPE (MatouDaemonSettings, matou_daemon_settings, MATOU, DAEMON_SETTINGS, GObject)

MatouDaemonSettings *matou_daemon_settings_new               (MatouHelperRunner    *runner);
MatouHelperRunner   *matou_daemon_settings_get_runner        (MatouDaemonSettings  *self);

void                 matou_daemon_settings_reload            (MatouDaemonSettings  *self);
gboolean             matou_daemon_settings_get_loaded        (MatouDaemonSettings  *self);
MatouDaemonConfig   *matou_daemon_settings_get_config        (MatouDaemonSettings  *self);
const GError        *matou_daemon_settings_get_error         (MatouDaemonSettings  *self);
const char          *matou_daemon_settings_get_raw_text      (MatouDaemonSettings  *self);
const char          *matou_daemon_settings_get_daemon_json_path (MatouDaemonSettings *self);
gboolean             matou_daemon_settings_get_json_root_only (MatouDaemonSettings *self);
const char          *matou_daemon_settings_get_dropin_path   (MatouDaemonSettings  *self);
const char          *matou_daemon_settings_get_engine_version (MatouDaemonSettings *self);
MatouEngineSnapshot *matou_daemon_settings_get_snapshot      (MatouDaemonSettings  *self);
MatouProxyTarget     matou_daemon_settings_get_proxy_target  (MatouDaemonSettings  *self);
gboolean             matou_daemon_settings_get_proxy         (MatouDaemonSettings  *self,
                                                              char                **http,
                                                              char                **https,
                                                              char                **no);
MatouApplyPlan      *matou_daemon_settings_plan              (MatouDaemonSettings      *self,
                                                              const MatouApplyRequest  *request,
                                                              GError                  **error);
gboolean             matou_daemon_settings_get_busy          (MatouDaemonSettings  *self);

void                 matou_daemon_settings_apply_async       (MatouDaemonSettings  *self,
                                                              MatouApplyRequest    *request,
                                                              const char           *title,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
MatouHelperResult   *matou_daemon_settings_apply_finish      (MatouDaemonSettings  *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

gboolean             matou_daemon_settings_get_proxy_draft   (MatouDaemonSettings  *self,
                                                              char                **http,
                                                              char                **https,
                                                              char                **no);
void                 matou_daemon_settings_set_proxy_draft   (MatouDaemonSettings  *self,
                                                              const char           *http,
                                                              const char           *https,
                                                              const char           *no);
void                 matou_daemon_settings_switch_proxy_async (MatouDaemonSettings *self,
                                                              gboolean              on,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
MatouHelperResult   *matou_daemon_settings_switch_proxy_finish (MatouDaemonSettings *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 matou_daemon_settings_refresh_engine    (MatouDaemonSettings  *self);
void                 matou_daemon_settings_watch_engine      (MatouDaemonSettings  *self,
                                                              gboolean              watch);
const GError        *matou_daemon_settings_get_engine_error  (MatouDaemonSettings  *self);
const char          *matou_daemon_settings_get_socket_path   (MatouDaemonSettings  *self);

G_END_DECLS
