/* Matou's Engine API client against a real dockerd started for this test. */
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "matou-docker-host.h"
#include "matou-engine-client.h"
#include "matou-error.h"

typedef struct {
  GMainLoop           *loop;
  MatouEngineSnapshot *snapshot;
  GError              *error;
} SnapshotWait;

static void
snapshot_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SnapshotWait *wait = user_data;

  wait->snapshot = matou_engine_client_snapshot_finish (MATOU_ENGINE_CLIENT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static MatouEngineSnapshot *
snapshot_sync (const char  *socket_path,
               GError     **error)
{
  g_autoptr(MatouEngineClient) client = matou_engine_client_new (socket_path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  SnapshotWait wait = { .loop = loop };

  matou_engine_client_snapshot_async (client, NULL, snapshot_cb, &wait);
  g_main_loop_run (loop);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.snapshot;
}

static void
test_snapshot_reads_the_daemon (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_path = matou_docker_host_resolve_socket (g_getenv ("DOCKER_HOST"), &error);
  g_autoptr(MatouEngineSnapshot) snapshot = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (socket_path, !=, MATOU_DEFAULT_DOCKER_SOCKET);

  snapshot = snapshot_sync (socket_path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (snapshot->version->version, ==, g_getenv ("MATOU_TEST_EXPECT_VERSION"));
  g_assert_cmpstr (snapshot->version->api_version, ==, g_getenv ("MATOU_TEST_EXPECT_API_VERSION"));
  g_assert_cmpstr (snapshot->ping_api_version, ==, g_getenv ("MATOU_TEST_EXPECT_API_VERSION"));
  g_assert_cmpstr (snapshot->info->server_version, ==, g_getenv ("MATOU_TEST_EXPECT_VERSION"));

  /* The mirrors of tests/fixtures/daemon-mirrors.json, as the daemon normalises them. */
  g_assert_cmpuint (g_strv_length (snapshot->info->mirrors), ==, 2);
  g_assert_cmpstr (snapshot->info->mirrors[0], ==, "https://docker.1ms.run/");
  g_assert_cmpstr (snapshot->info->mirrors[1], ==, "https://mirror.example.com:5000/");
  g_assert_true (g_strv_contains ((const char * const *) snapshot->info->insecure_registries, "10.1.0.0/16"));
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_http_error_carries_daemon_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_path = matou_docker_host_resolve_socket (g_getenv ("DOCKER_HOST"), &error);
  g_autoptr(MatouEngineClient) client = matou_engine_client_new (socket_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;

  matou_engine_client_get_async (client, "/containers/no-such-container/json", NULL,
                                 store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  body = matou_engine_client_get_finish (client, result, &error);
  g_assert_null (body);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_HTTP);
  /* The daemon's own explanation reaches the user, with the status. */
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_nonnull (strstr (error->message, "no-such-container"));
}

/* The diagnosis depends on which GIOError a dead socket gives: check it on real sockets. */
static void
test_missing_socket_is_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouEngineSnapshot) snapshot = snapshot_sync ("/nonexistent/matou/docker.sock", &error);

  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_stale_socket_is_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("matou-engine-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "docker.sock", NULL);
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(MatouEngineSnapshot) snapshot = NULL;

  g_assert_no_error (error);

  /* A socket file whose daemon died: bound, never listening, then closed. */
  sock = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (path);
  g_socket_bind (sock, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_close (sock, &error);
  g_assert_no_error (error);

  snapshot = snapshot_sync (path, &error);
  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/snapshot", test_snapshot_reads_the_daemon);
  g_test_add_func ("/engine/http-error", test_http_error_carries_daemon_message);
  g_test_add_func ("/engine/missing-socket", test_missing_socket_is_not_found);
  g_test_add_func ("/engine/stale-socket", test_stale_socket_is_refused);

  return g_test_run ();
}
