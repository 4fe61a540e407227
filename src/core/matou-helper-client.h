/* Runs matou-helper through pkexec and reads its answer as it comes. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "matou-helper-protocol.h"
#include "matou-run-history.h"

G_BEGIN_DECLS

#define MATOU_TYPE_HELPER_CLIENT (matou_helper_client_get_type ())
G_DECLARE_FINAL_TYPE (MatouHelperClient, matou_helper_client, MATOU, HELPER_CLIENT, GObject)

MatouHelperClient *matou_helper_client_new        (void);
void               matou_helper_client_run_async  (MatouHelperClient   *self,
                                                   const char          *verb,
                                                   const char          *request,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MatouHelperResult *matou_helper_client_run_finish (MatouHelperClient   *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

void               matou_helper_client_log_into   (MatouHelperClient   *self,
                                                   MatouRun            *run);
void               matou_helper_client_stop       (MatouHelperClient   *self);


G_END_DECLS
