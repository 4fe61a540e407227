/* The GUI's daemon model without a window: the files as the only source of the proxy, others' changes noticed, the keyring's absence said. */
#include <glib/gstdio.h>

#include "matou-daemon-settings.h"
#include "matou-error.h"
#include "matou-proxy-memory.h"

#define DROPIN "[Service]\nEnvironment=\"HTTP_PROXY=http://proxy.example:3128\"\n"

typedef struct {
  char *dir;
  char *json;
  char *dropin;
} Files;

static void
files_init (Files *files)
{
  g_autofree char *dropin_dir = NULL;

  files->dir = g_dir_make_tmp ("matou-model-XXXXXX", NULL);
  files->json = g_build_filename (files->dir, "daemon.json", NULL);
  dropin_dir = g_build_filename (files->dir, "docker.service.d", NULL);
  g_mkdir (dropin_dir, 0755);
  files->dropin = g_build_filename (dropin_dir, "http-proxy.conf", NULL);
  g_assert_true (g_file_set_contents (files->json, "{\"registry-mirrors\": [\"https://a.example\"], \"debug\": true}", -1, NULL));
  g_assert_true (g_file_set_contents (files->dropin, DROPIN, -1, NULL));

  g_setenv ("MATOU_DAEMON_JSON", files->json, TRUE);
  g_setenv ("MATOU_DROPIN_DIR", dropin_dir, TRUE);
  /* No daemon answers: the model works from the files alone. */
  g_setenv ("DOCKER_HOST", "unix:///nonexistent/matou-test.sock", TRUE);
}

static void
files_clear (Files *files)
{
  g_autofree char *dropin_dir = g_path_get_dirname (files->dropin);

  g_unlink (files->json);
  g_unlink (files->dropin);
  g_rmdir (dropin_dir);
  g_rmdir (files->dir);
  g_free (files->dir);
  g_free (files->json);
  g_free (files->dropin);
}

static void
quit_loop_cb (GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("the model did not answer within 10 s");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @signal_name fires on @object, failing loudly after 10 s. */
static void
wait_for_signal (gpointer    object,
                 const char *signal_name)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gulong handler = g_signal_connect_swapped (object, signal_name, G_CALLBACK (quit_loop_cb), loop);
  guint timeout = g_timeout_add_seconds (10, timed_out_cb, NULL);

  g_main_loop_run (loop);
  g_source_remove (timeout);
  g_signal_handler_disconnect (object, handler);
}

static void
on_external_change_cb (char       **where,
                       const char  *path)
{
  g_free (*where);
  *where = g_strdup (path);
}

static void
test_files_are_the_proxy_source (void)
{
  Files files;
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  MatouHelperRunner *runner = matou_helper_runner_new (history, NULL);
  MatouDaemonSettings *model;
  g_autoptr(MatouApplyRequest) empty = matou_apply_request_new ();
  g_autoptr(MatouApplyPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *http = NULL;
  g_autofree char *changed_path = NULL;
  gboolean proxy_on = FALSE;

  files_init (&files);
  model = matou_daemon_settings_new (runner);
  wait_for_signal (model, "changed");

  /* Engine version unknown: the proxy is read from the drop-in, as the helper would write it. */
  g_assert_true (matou_daemon_settings_get_proxy (model, &http, NULL, NULL));
  g_assert_cmpstr (http, ==, "http://proxy.example:3128");
  g_object_get (model, "proxy-on", &proxy_on, NULL);
  g_assert_true (proxy_on);

  /* The page and the helper refuse the same request, before any password prompt. */
  empty->has_proxy = TRUE;
  empty->http_proxy = g_strdup ("");
  empty->https_proxy = g_strdup ("");
  plan = matou_daemon_settings_plan (model, empty, &error);
  g_assert_null (plan);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);

  /* Another program rewrites the drop-in: the model says so, and shows the new proxy. */
  g_signal_connect_swapped (model, "external-change", G_CALLBACK (on_external_change_cb), &changed_path);
  g_assert_true (g_file_set_contents (files.dropin,
                                      "[Service]\nEnvironment=\"HTTPS_PROXY=http://other.example:8080\"\n", -1, NULL));
  while (changed_path == NULL)
    wait_for_signal (model, "changed");
  g_assert_cmpstr (changed_path, ==, files.dropin);
  g_clear_pointer (&http, g_free);
  g_assert_true (matou_daemon_settings_get_proxy (model, NULL, &http, NULL));
  g_assert_cmpstr (http, ==, "http://other.example:8080");

  g_assert_finalize_object (model);
  g_assert_finalize_object (runner);
  files_clear (&files);
}

static void
remembered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (matou_proxy_memory_remember_finish (MATOU_PROXY_MEMORY (source), result, error));
}

static void
recalled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  char **http = user_data;
  g_autofree char *https = NULL, *no = NULL;

  g_assert_true (matou_proxy_memory_recall_finish (MATOU_PROXY_MEMORY (source), result, http, &https, &no, NULL));
}

static void
test_no_keyring_keeps_no_password (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.matou.Matou");
  MatouProxyMemory *memory = matou_proxy_memory_new (settings);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *recalled = NULL;

  /* No session bus, so no Secret Service. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/matou-test-bus", TRUE);

  matou_proxy_memory_remember_async (memory, "http://alice:s3cret@proxy.example:3128", "", "localhost",
                                     NULL, remembered_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "password was not remembered"));

  /* The address is kept, without its password. */
  stored = g_settings_get_string (settings, "proxy-http");
  g_assert_cmpstr (stored, ==, "http://alice@proxy.example:3128");

  matou_proxy_memory_recall_async (memory, NULL, recalled_cb, &recalled);
  while (recalled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (recalled, ==, "http://alice@proxy.example:3128");

  g_assert_finalize_object (memory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daemon-model/files-are-the-proxy-source", test_files_are_the_proxy_source);
  g_test_add_func ("/daemon-model/no-keyring-keeps-no-password", test_no_keyring_keeps_no_password);

  return g_test_run ();
}
