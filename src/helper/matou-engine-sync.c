/* Blocking reads of the Engine API for the helper, which works step by step. */
#include "config.h"

#include "matou-engine-sync.h"

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The helper has no main loop of its own: run the client on a private context. */
MatouEngineSnapshot *
matou_engine_snapshot_sync (const char  *socket_path,
                            GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(MatouEngineClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  MatouEngineSnapshot *snapshot;

  g_main_context_push_thread_default (context);
  client = matou_engine_client_new (socket_path);
  matou_engine_client_snapshot_async (client, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  snapshot = matou_engine_client_snapshot_finish (client, result, error);
  g_clear_object (&client);
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);

  return snapshot;
}
