/* The one supervisor of helper runs: one at a time across apply, the proxy switch and install, each in the history. */
#pragma once

#include <gio/gio.h>

#include "matou-helper-protocol.h"
#include "matou-run-history.h"

G_BEGIN_DECLS

#define MATOU_TYPE_HELPER_RUNNER (matou_helper_runner_get_type ())
G_DECLARE_FINAL_TYPE (MatouHelperRunner, matou_helper_runner, MATOU, HELPER_RUNNER, GObject)

MatouHelperRunner *matou_helper_runner_new               (MatouRunHistory     *history,
                                                          GApplication        *application);
MatouRunHistory   *matou_helper_runner_get_history       (MatouHelperRunner   *self);
gboolean           matou_helper_runner_get_busy          (MatouHelperRunner   *self);
MatouRun          *matou_helper_runner_get_current       (MatouHelperRunner   *self);
char              *matou_helper_runner_dup_busy_reason   (MatouHelperRunner   *self);

MatouRun          *matou_helper_runner_run_async         (MatouHelperRunner   *self,
                                                          const char          *verb,
                                                          const char          *request,
                                                          const char          *title,
                                                          const char          *success_summary,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
MatouHelperResult *matou_helper_runner_run_finish        (MatouHelperRunner   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void               matou_helper_runner_stop              (MatouHelperRunner   *self);

G_END_DECLS
