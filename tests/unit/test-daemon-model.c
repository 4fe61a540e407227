/* The GUI's daemon model without a window: the files as the only source of the proxy, others' changes noticed, the keyring's absence said. */
#define _GNU_SOURCE  /* setresuid */
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <libsoup/soup.h>
#include <pwd.h>
#include <unistd.h>

#include "matou-daemon.h"
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
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **store = user_data;

  *store = g_object_ref (result);
}

static void
test_files_are_the_proxy_source (void)
{
  Files files;
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  MatouHelperRunner *runner = matou_helper_runner_new (history, NULL);
  MatouDaemon *model;
  g_autoptr(MatouApplyRequest) empty = matou_apply_request_new ();
  g_autoptr(MatouApplyPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *http = NULL;
  g_autofree char *changed_path = NULL;
  gboolean proxy_on = FALSE;

  files_init (&files);
  model = matou_daemon_new (runner);
  wait_for_signal (model, "changed");

  /* Engine version unknown: the proxy is read from the drop-in, as the helper would write it. */
  g_assert_true (matou_daemon_get_proxy (model, &http, NULL, NULL));
  g_assert_cmpstr (http, ==, "http://proxy.example:3128");
  g_object_get (model, "proxy-on", &proxy_on, NULL);
  g_assert_true (proxy_on);

  /* The page and the helper refuse the same request, before any password prompt. */
  empty->has_proxy = TRUE;
  empty->http_proxy = g_strdup ("");
  empty->https_proxy = g_strdup ("");
  plan = matou_daemon_plan (model, empty, &error);
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
  g_assert_true (matou_daemon_get_proxy (model, NULL, &http, NULL));
  g_assert_cmpstr (http, ==, "http://other.example:8080");

  g_assert_finalize_object (model);
  g_assert_finalize_object (runner);
  files_clear (&files);
}

static gboolean
model_has_proxy (MatouDaemon *model)
{
  g_autofree char *http = NULL;

  return matou_daemon_get_proxy (model, &http, NULL, NULL) && http != NULL && *http != '\0';
}

/* The drop-in's directory exists only while a proxy is set: the model sees it
 * appear, go with its file, and come back (it watches the directory's parent
 * while the directory is missing). */
static void
test_missing_directory_watched (void)
{
  Files files;
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  MatouHelperRunner *runner = matou_helper_runner_new (history, NULL);
  g_autofree char *dropin_dir = NULL;
  MatouDaemon *model;

  files_init (&files);
  dropin_dir = g_path_get_dirname (files.dropin);
  g_assert_cmpint (g_unlink (files.dropin), ==, 0);
  g_assert_cmpint (g_rmdir (dropin_dir), ==, 0);
  model = matou_daemon_new (runner);
  wait_for_signal (model, "changed");
  g_assert_false (model_has_proxy (model));

  for (guint round = 0; round < 2; round++)
    {
      g_assert_cmpint (g_mkdir (dropin_dir, 0755), ==, 0);
      g_assert_true (g_file_set_contents (files.dropin, DROPIN, -1, NULL));
      while (!model_has_proxy (model))
        wait_for_signal (model, "changed");

      g_assert_cmpint (g_unlink (files.dropin), ==, 0);
      g_assert_cmpint (g_rmdir (dropin_dir), ==, 0);
      while (model_has_proxy (model))
        wait_for_signal (model, "changed");
    }

  g_assert_finalize_object (model);
  g_assert_finalize_object (runner);
  g_mkdir (dropin_dir, 0755);
  files_clear (&files);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Picks @name as Overview does, and waits for the model to have asked the Engine it names. */
static void
pick_context (MatouDaemon *model,
              const char  *name)
{
  guint endpoint_changes = 0, engine_changes = 0;
  gulong endpoint_handler = g_signal_connect_swapped (model, "endpoint-changed", G_CALLBACK (count_cb), &endpoint_changes);
  gulong engine_handler = g_signal_connect_swapped (model, "engine-changed", G_CALLBACK (count_cb), &engine_changes);
  guint timeout = g_timeout_add_seconds (10, timed_out_cb, NULL);

  matou_daemon_set_context_choice (model, name);
  while (endpoint_changes == 0 || engine_changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handler_disconnect (model, endpoint_handler);
  g_signal_handler_disconnect (model, engine_handler);
}

/* A context picked in Matou is kept in GSettings and changes the Engine the model asks;
 * "" goes back to the docker CLI's choice. */
static void
test_context_choice (void)
{
  Files files;
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  MatouHelperRunner *runner = matou_helper_runner_new (history, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.matou.Matou");
  g_autofree char *home = g_dir_make_tmp ("matou-home-XXXXXX", NULL);
  g_autofree char *docker_dir = g_build_filename (home, ".docker", NULL);
  g_autofree char *link = g_build_filename (docker_dir, "contexts", NULL);
  g_autofree char *contexts = g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), "docker-config", "contexts", NULL);
  g_autofree char *old_home = g_strdup (g_getenv ("HOME"));
  g_autofree char *stored = NULL;
  const MatouDockerEndpoint *endpoint;
  MatouDaemon *model;

  files_init (&files);
  g_assert_cmpint (g_mkdir (docker_dir, 0700), ==, 0);
  g_assert_cmpint (symlink (contexts, link), ==, 0);
  g_setenv ("HOME", home, TRUE);

  model = matou_daemon_new (runner);
  wait_for_signal (model, "changed");
  endpoint = matou_daemon_get_endpoint (model);
  g_assert_cmpstr (endpoint->context, ==, "default");
  g_assert_cmpstr (endpoint->host, ==, "unix:///nonexistent/matou-test.sock");
  g_assert_true (matou_daemon_get_applies_here (model));

  pick_context (model, "plain-tcp");
  stored = g_settings_get_string (settings, "docker-context");
  g_assert_cmpstr (stored, ==, "plain-tcp");
  endpoint = matou_daemon_get_endpoint (model);
  g_assert_cmpstr (endpoint->context, ==, "plain-tcp");
  g_assert_cmpstr (endpoint->host, ==, "tcp://127.0.0.1:2375");
  g_assert_false (matou_daemon_get_applies_here (model));

  /* A context that is not there: no Engine, and the reason where the Engine's state goes. */
  pick_context (model, "no-such-context");
  g_assert_null (matou_daemon_get_endpoint (model));
  g_assert_error ((GError *) matou_daemon_get_engine_error (model), MATOU_ERROR, MATOU_ERROR_CONTEXT);
  g_assert_nonnull (strstr (matou_daemon_get_engine_error (model)->message, "no-such-context"));

  pick_context (model, "");
  g_assert_cmpstr (matou_daemon_get_endpoint (model)->host, ==, "unix:///nonexistent/matou-test.sock");
  g_assert_true (matou_daemon_get_applies_here (model));

  g_assert_finalize_object (model);
  g_assert_finalize_object (runner);
  g_setenv ("HOME", old_home, TRUE);
  g_unlink (link);
  g_rmdir (docker_dir);
  g_rmdir (home);
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

/* --- a daemon.json only root may read ------------------------------------------ */

/* The Engine API on a Unix socket, answering with the replies a real dockerd
 * 20.10 gave (tests/fixtures), its version number made 24.0.7 so that the
 * proxy lives in daemon.json, as on Engine 23.0 and newer. */
static void
on_engine_request (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  const char *name = g_str_has_suffix (path, "/info") ? (user_data != NULL ? user_data : "info-20.10.json") :
                     g_str_has_suffix (path, "/version") ? "version-20.10.json" : NULL;
  g_autofree char *fixture = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) parts = NULL;

  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Api-Version", "1.43");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  if (name == NULL)
    {
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "OK", 2);
      return;
    }
  fixture = g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), name, NULL);
  g_assert_true (g_file_get_contents (fixture, &text, NULL, NULL));
  parts = g_strsplit (text, "20.10.24+dfsg1", -1);
  body = g_strjoinv ("24.0.7", parts);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* The stand-in Engine on @socket_path; /info answers with the fixture @info_name (NULL: a system daemon's). */
static SoupServer *
engine_server_new (const char *socket_path,
                   const char *info_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (socket_path);

  g_assert_no_error (error);
  soup_server_add_handler (server, NULL, on_engine_request, (gpointer) info_name, NULL);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_true (soup_server_listen_socket (server, socket, 0, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&server);
}

static void
drop_to_nobody (void)
{
  struct passwd *nobody = getpwnam ("nobody");

  g_assert_nonnull (nobody);
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setresgid (nobody->pw_gid, nobody->pw_gid, nobody->pw_gid), ==, 0);
  g_assert_cmpint (setresuid (nobody->pw_uid, nobody->pw_uid, nobody->pw_uid), ==, 0);
}

/* Runs in a child process that is no longer root: daemon.json, root's and
 * mode 0600, is as unreadable to it as to any user of the desktop. */
static void
root_only_child (const char *json,
                 const char *dropin_dir,
                 gboolean    with_engine)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *socket_dir = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *host = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *http = NULL;
  g_autofree char *https = NULL;
  g_auto(GStrv) mirrors = NULL;
  g_auto(GStrv) dns = NULL;
  g_autoptr(MatouRunHistory) history = NULL;
  MatouHelperRunner *runner;
  MatouDaemon *model;
  const GError *model_error;

  drop_to_nobody ();
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/matou-test-bus", TRUE);
  g_setenv ("MATOU_DAEMON_JSON", json, TRUE);
  g_setenv ("MATOU_DROPIN_DIR", dropin_dir, TRUE);
  /* The setup holds: this process may not read the file. */
  g_assert_false (g_file_get_contents (json, &contents, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_clear_error (&error);

  socket_dir = g_dir_make_tmp ("matou-engine-XXXXXX", &error);
  g_assert_no_error (error);
  socket_path = g_build_filename (socket_dir, "docker.sock", NULL);
  host = g_strconcat ("unix://", socket_path, NULL);
  g_setenv ("DOCKER_HOST", host, TRUE);
  if (with_engine)
    {
      server = engine_server_new (socket_path, NULL);
    }

  history = matou_run_history_new ();
  runner = matou_helper_runner_new (history, NULL);
  model = matou_daemon_new (runner);
  wait_for_signal (model, "changed");
  model_error = matou_daemon_get_error (model);
  g_assert_true (matou_daemon_get_json_root_only (model));

  if (!with_engine)
    {
      /* Nothing to show: said in words, not as "Cannot read". */
      g_assert_nonnull (model_error);
      g_assert_nonnull (strstr (model_error->message, "Only root may read"));
      g_assert_null (strstr (model_error->message, "Cannot read"));
    }
  else
    {
      g_autoptr(MatouApplyRequest) request = matou_apply_request_new ();
      g_autoptr(MatouApplyPlan) plan = NULL;
      g_autofree char *json_request = NULL;
      g_autofree char *said = NULL;
      gboolean asked = FALSE;
      GAsyncResult *result = NULL;
      g_autoptr(MatouHelperResult) switched = NULL;

      /* No error: the mirrors and the proxy as the daemon reports them, the password masked. */
      g_assert_no_error ((GError *) model_error);
      g_assert_nonnull (matou_daemon_get_config (model));
      mirrors = matou_daemon_config_get_mirrors (matou_daemon_get_config (model));
      g_assert_cmpuint (g_strv_length (mirrors), ==, 2);
      g_assert_cmpstr (mirrors[0], ==, "https://docker.1ms.run/");
      g_assert_true (matou_daemon_get_proxy (model, &http, &https, NULL));
      g_assert_cmpstr (http, ==, "http://xxxxx:xxxxx@proxy.example.com:3128");
      g_assert_cmpstr (https, ==, "http://proxy.example.com:3128");
      /* /info does not report DNS: none is known, and none is asked for. */
      dns = matou_daemon_config_get_dns (matou_daemon_get_config (model));
      g_assert_cmpuint (dns != NULL ? g_strv_length (dns) : 0, ==, 0);

      /* A mirrors-only change is a reload, as with a file the page can read;
       * the request leaves DNS and the proxy out. */
      request->has_mirrors = TRUE;
      request->mirrors = g_strdupv ((char *[]) { "https://mirror.example.com", NULL });
      plan = matou_daemon_plan (model, request, &error);
      g_assert_no_error (error);
      g_assert_cmpint (plan->action, ==, MATOU_APPLY_ACTION_RELOAD);
      json_request = matou_apply_request_to_json (request);
      g_assert_null (strstr (json_request, "\"dns\""));
      g_assert_null (strstr (json_request, "\"proxy\""));

      /* Turning on a proxy remembered as the daemon showed it sends nothing: the password is asked for. */
      matou_daemon_set_proxy_draft (model, "http://xxxxx:xxxxx@proxy.example.com:3128", "", "");
      g_signal_connect_swapped (model, "proxy-password", G_CALLBACK (on_external_change_cb), &said);
      matou_daemon_switch_proxy_async (model, TRUE, NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      switched = matou_daemon_switch_proxy_finish (model, result, &error);
      g_object_unref (result);
      g_assert_null (switched);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
      g_assert_nonnull (said);
      g_assert_nonnull (strstr (said, "Type the user name and password again"));
      g_object_get (model, "busy", &asked, NULL);
      g_assert_false (asked);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
    }

  g_assert_finalize_object (model);
  g_assert_finalize_object (runner);
  /* The server's side of the model's connections closes once the loop has
   * seen their end: else LeakSanitizer finds their sockets at exit. */
  while (g_main_context_iteration (NULL, FALSE));
  if (server != NULL)
    soup_server_disconnect (server);
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE));
  g_unlink (socket_path);
  g_rmdir (socket_dir);
}

/* Applies a mirror through the model and returns how the helper was run, as the recorder wrote it. */
static char *
apply_and_record (MatouDaemon *model,
                  const char  *argv_file)
{
  g_autoptr(MatouApplyRequest) request = matou_apply_request_new ();
  g_autoptr(MatouHelperResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  char *recorded = NULL;

  g_unlink (argv_file);
  request->has_mirrors = TRUE;
  request->mirrors = g_strdupv ((char *[]) { "https://new.example", NULL });
  matou_daemon_apply_async (model, request, "test", NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = matou_daemon_apply_finish (model, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_true (answer->ok);
  g_assert_true (g_file_get_contents (argv_file, &recorded, NULL, NULL));
  return g_strstrip (recorded);
}

/* Waits until the model's daemon.json is @path and its first mirror @mirror. */
static void
wait_for_files (MatouDaemon *model,
                const char  *path,
                const char  *mirror)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      MatouDaemonConfig *config = matou_daemon_get_config (model);
      g_auto(GStrv) mirrors = config != NULL ? matou_daemon_config_get_mirrors (config) : NULL;

      if (g_strcmp0 (matou_daemon_get_daemon_json_path (model), path) == 0 &&
          mirrors != NULL && g_strcmp0 (mirrors[0], mirror) == 0)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs in a child process: a HOME and a runtime directory of its own, a
 * stand-in Engine answering the /info recorded from a real rootless dockerd,
 * and stand-ins for the helper and pkexec that write down how they were run. */
static void
rootless_child (gboolean usual_place)
{
  Files files;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("matou-rootless-XXXXXX", NULL);
  g_autofree char *home = g_build_filename (tmp, "home", NULL);
  g_autofree char *config_dir = g_build_filename (home, ".config", "docker", NULL);
  g_autofree char *rootless_json = g_build_filename (config_dir, "daemon.json", NULL);
  g_autofree char *run_dir = g_build_filename (tmp, "run", NULL);
  g_autofree char *other_dir = g_build_filename (tmp, "other", NULL);
  g_autofree char *socket_path = g_build_filename (usual_place ? run_dir : other_dir, "docker.sock", NULL);
  g_autofree char *bin_dir = g_build_filename (tmp, "bin", NULL);
  g_autofree char *pkexec = g_build_filename (bin_dir, "pkexec", NULL);
  g_autofree char *recorder = g_build_filename (g_getenv ("MATOU_TEST_LIB"), "argv-recorder.py", NULL);
  g_autofree char *argv_file = g_build_filename (tmp, "argv", NULL);
  g_autofree char *path = g_strconcat (bin_dir, ":", g_getenv ("PATH"), NULL);
  g_autofree char *verb = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  g_autofree char *changed_path = NULL;
  MatouHelperRunner *runner;
  MatouDaemon *model;

  files_init (&files);
  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (run_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (bin_dir, 0755), ==, 0);
  g_assert_cmpint (symlink (recorder, pkexec), ==, 0);
  g_assert_true (g_file_set_contents (rootless_json, "{\"registry-mirrors\": [\"https://rootless.example\"], \"labels\": [\"kept\"]}", -1, NULL));
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", run_dir, TRUE);
  g_setenv ("PATH", path, TRUE);
  g_setenv ("MATOU_HELPER_PATH", recorder, TRUE);
  g_setenv ("MATOU_TEST_ARGV_FILE", argv_file, TRUE);
  g_unsetenv ("MATOU_HELPER_COMMAND");
  server = engine_server_new (socket_path, "info-20.10-rootless.json");
  if (!usual_place)
    {
      g_autofree char *host = g_strconcat ("unix://", socket_path, NULL);

      g_setenv ("DOCKER_HOST", host, TRUE);
    }

  runner = matou_helper_runner_new (history, NULL);
  model = matou_daemon_new (runner);
  g_signal_connect_swapped (model, "external-change", G_CALLBACK (on_external_change_cb), &changed_path);
  wait_for_files (model, files.json, "https://a.example");
  g_assert_false (matou_daemon_get_rootless (model));

  if (usual_place)
    {
      g_autofree char *recorded = NULL;
      g_autofree char *expected = NULL;

      /* Picked on Overview: the model reads the user's own files, and the helper runs as the user. */
      pick_context (model, MATOU_ROOTLESS_CONTEXT);
      g_assert_true (matou_daemon_get_rootless (model));
      wait_for_files (model, rootless_json, "https://rootless.example");
      g_assert_null (matou_daemon_get_engine_error (model));
      g_assert_true (matou_daemon_get_snapshot (model)->info->rootless);
      g_assert_true (matou_daemon_get_applies_here (model));
      g_assert_false (matou_daemon_get_rootless_elsewhere (model));
      verb = matou_daemon_dup_helper_verb (model, MATOU_HELPER_VERB_SERVICE_START);
      g_assert_cmpstr (verb, ==, "--rootless service start");
      recorded = apply_and_record (model, argv_file);
      g_assert_cmpstr (recorded, ==, "[\"argv-recorder.py\", \"--rootless\", \"apply\"]");

      /* Back to the system's daemon: its files, through pkexec. */
      pick_context (model, "");
      g_assert_false (matou_daemon_get_rootless (model));
      wait_for_files (model, files.json, "https://a.example");
      g_clear_pointer (&recorded, g_free);
      recorded = apply_and_record (model, argv_file);
      expected = g_strdup_printf ("[\"pkexec\", \"%s\", \"apply\"]", recorder);
      g_assert_cmpstr (recorded, ==, expected);
      /* Switching files is no change of another program's. */
      g_assert_null (changed_path);
    }
  else
    {
      /* A rootless daemon away from $XDG_RUNTIME_DIR/docker.sock, where the helper would look for it: not applied to. */
      matou_daemon_refresh_engine (model);
      wait_for_signal (model, "engine-changed");
      g_assert_null (matou_daemon_get_engine_error (model));
      g_assert_false (matou_daemon_get_rootless (model));
      g_assert_true (matou_daemon_get_rootless_elsewhere (model));
      g_assert_false (matou_daemon_get_applies_here (model));
      verb = matou_daemon_dup_helper_verb (model, MATOU_HELPER_VERB_APPLY);
      g_assert_cmpstr (verb, ==, MATOU_HELPER_VERB_APPLY);
    }
  g_signal_handlers_disconnect_by_data (model, &changed_path);
  /* The look at the running daemon's flags that an answer starts holds the model until it ends. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (G_OBJECT (model)->ref_count > 1)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
  g_assert_finalize_object (model);
  g_assert_finalize_object (runner);
  files_clear (&files);
}

static void
test_rootless (gconstpointer usual_place)
{
  if (g_test_subprocess ())
    {
      rootless_child (GPOINTER_TO_INT (usual_place));
      return;
    }
  /* As for the root-only test: the stand-in Engine's accepted sockets may
   * outlive the child under LeakSanitizer; the model's own leaks are
   * checked by the other tests of this file. */
  if (g_getenv ("ASAN_OPTIONS") != NULL && strstr (g_getenv ("ASAN_OPTIONS"), "detect_leaks=0") == NULL)
    {
      g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL);

      g_setenv ("ASAN_OPTIONS", options, TRUE);
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_root_only_json (gconstpointer with_engine)
{
  Files files;

  if (geteuid () != 0)
    {
      g_test_skip ("a daemon.json only root may read needs the test to start as root and drop to nobody");
      return;
    }

  if (g_test_subprocess ())
    {
      root_only_child (g_getenv ("MATOU_TEST_ROOT_JSON"), g_getenv ("MATOU_TEST_ROOT_DROPIN"),
                       GPOINTER_TO_INT (with_engine));
      return;
    }

  files_init (&files);
  {
    g_autofree char *dropin_dir = g_path_get_dirname (files.dropin);
    g_autofree char *child = g_strdup_printf ("/daemon-model/root-only-json/%s",
                                              with_engine ? "engine" : "no-engine");

    /* As the helper writes it when it holds a proxy's password: root's, mode 0600. */
    g_assert_true (g_file_set_contents (files.json,
                                        "{\"registry-mirrors\": [\"https://docker.1ms.run\"], \"proxies\": "
                                        "{\"http-proxy\": \"http://alice:s3cret@proxy.example.com:3128\"}}", -1, NULL));
    g_assert_cmpint (g_chmod (files.json, 0600), ==, 0);
    g_assert_cmpint (g_chmod (files.dir, 0755), ==, 0);
    g_assert_true (g_file_set_contents (files.dropin, "", -1, NULL));
    g_setenv ("MATOU_TEST_ROOT_JSON", files.json, TRUE);
    g_setenv ("MATOU_TEST_ROOT_DROPIN", dropin_dir, TRUE);
    /* Under the sanitizer pass, the child's stand-in Engine (libsoup's SoupServer on a Unix
     * socket) leaves a socket it accepted unreferenced at the child's end, depending on
     * timing; the leak check of the model itself is the other daemon-model tests'. */
    if (g_getenv ("ASAN_OPTIONS") != NULL)
      {
        g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL);

        g_setenv ("ASAN_OPTIONS", options, TRUE);
      }
    g_test_trap_subprocess (child, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  }
  files_clear (&files);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daemon-model/files-are-the-proxy-source", test_files_are_the_proxy_source);
  g_test_add_func ("/daemon-model/no-keyring-keeps-no-password", test_no_keyring_keeps_no_password);
  g_test_add_func ("/daemon-model/missing-directory-watched", test_missing_directory_watched);
  g_test_add_func ("/daemon-model/context-choice", test_context_choice);
  g_test_add_data_func ("/daemon-model/rootless/usual-place", GINT_TO_POINTER (TRUE), test_rootless);
  g_test_add_data_func ("/daemon-model/rootless/elsewhere", GINT_TO_POINTER (FALSE), test_rootless);
  g_test_add_data_func ("/daemon-model/root-only-json/engine", GINT_TO_POINTER (TRUE), test_root_only_json);
  g_test_add_data_func ("/daemon-model/root-only-json/no-engine", GINT_TO_POINTER (FALSE), test_root_only_json);

  return g_test_run ();
}
