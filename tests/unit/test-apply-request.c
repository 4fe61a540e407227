/* The apply request: its shape, its rules by Engine version, its JSON form; masking; the user's config.json. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "matou-apply-request.h"
#include "matou-client-config.h"
#include "matou-credentials.h"
#include "matou-error.h"
#include "matou-helper-client.h"
#include "matou-test-util.h"

static void
test_parse_shapes (void)
{
  struct { const char *json; const char *words; } bad[] = {
    { "[]", "JSON object" },
    { "{\"registry-mirrors\": \"https://a.example\"}", "list of strings" },
    { "{\"dns\": [1, 2]}", "list of strings" },
    { "{\"proxy\": \"http://p:3128\"}", "or null" },
    { "{\"proxy\": {\"ftp\": \"x\"}}", "unknown member “ftp”" },
    { "{\"data-root\": \"/srv\"}", "unknown member “data-root”" },
    /* json-glib alone would read the last and leak the first (found by fuzzing). */
    { "{\"dns\": [\"192.0.2.1\"]}{\"proxy\": null}", "more text after its JSON object" },
    { "{\"dns\": []} {}", "more text after its JSON object" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouApplyRequest) request = NULL;
  g_autofree char *big = g_strnfill (MATOU_APPLY_REQUEST_MAX_SIZE + 1, ' ');

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(MatouApplyRequest) r = matou_apply_request_parse (bad[i].json, -1, &e);

      g_assert_null (r);
      g_assert_error (e, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (e->message, bad[i].words));
    }

  request = matou_apply_request_parse (big, -1, &error);
  g_assert_null (request);
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_clear_error (&error);

  request = matou_apply_request_parse ("{\"registry-mirrors\": [], \"proxy\": null}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (request->has_mirrors);
  g_assert_cmpuint (g_strv_length (request->mirrors), ==, 0);
  g_assert_false (request->has_dns);
  g_assert_true (request->has_proxy && request->clear_proxy);
}

static void
test_rules_depend_on_engine (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouApplyRequest) request =
    matou_apply_request_parse ("{\"registry-mirrors\": [\"https://mirror.example.com/docker\"]}", -1, &error);

  g_assert_no_error (error);
  /* A mirror with a path: refused by Engine 24 and older, accepted from 25.0. */
  g_assert_false (matou_apply_request_validate (request, "24.0.7", &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (matou_apply_request_validate (request, NULL, &error));
  g_clear_error (&error);
  g_assert_true (matou_apply_request_validate (request, "25.0.0", &error));
  g_assert_no_error (error);
}

static void
test_proxy_rules (void)
{
  const char *refused[] = {
    "{\"proxy\": {\"http\": \"\", \"https\": \"\", \"no\": \"\"}}",
    "{\"proxy\": {\"http\": \"http://p.example:3128\\nExecStart=/bin/true\"}}",
    "{\"proxy\": {\"http\": \"http://p.example:3128\", \"no\": \"a b\"}}",
    "{\"proxy\": {\"https\": \"ftp://p.example\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouApplyRequest) request = matou_apply_request_parse (refused[i], -1, &error);

      g_assert_no_error (error);
      g_assert_false (matou_apply_request_validate (request, "29.0.0", &error));
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(MatouApplyRequest) request = matou_apply_request_new ();
  g_autoptr(MatouApplyRequest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *mirrors[] = { "https://docker.1ms.run", NULL };

  request->has_mirrors = TRUE;
  request->mirrors = g_strdupv ((char **) mirrors);
  request->has_proxy = TRUE;
  request->http_proxy = g_strdup ("http://alice:s3cr%40t@proxy.example.com:3128");
  request->no_proxy = g_strdup ("localhost,.corp");

  json = matou_apply_request_to_json (request);
  back = matou_apply_request_parse (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (back->has_mirrors && !back->has_dns && back->has_proxy && !back->clear_proxy);
  g_assert_cmpstr (back->mirrors[0], ==, "https://docker.1ms.run");
  g_assert_cmpstr (back->http_proxy, ==, "http://alice:s3cr%40t@proxy.example.com:3128");
  g_assert_cmpstr (back->https_proxy, ==, "");
  g_assert_true (matou_apply_request_validate (back, "20.10.24", &error));
}

static void
test_split_and_join_password (void)
{
  struct { const char *url; const char *bare; const char *password; } cases[] = {
    { "http://alice:s3cr%40t@proxy.example:3128", "http://alice@proxy.example:3128", "s3cr%40t" },
    { "http://alice@proxy.example:3128", "http://alice@proxy.example:3128", NULL },
    { "http://proxy.example:3128", "http://proxy.example:3128", NULL },
    { "not a url", "not a url", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *password = NULL;
      g_autofree char *bare = matou_credentials_split (cases[i].url, &password);
      g_autofree char *whole = matou_credentials_join (bare, password);

      g_assert_cmpstr (bare, ==, cases[i].bare);
      g_assert_cmpstr (password, ==, cases[i].password);
      /* What was taken out goes back in exactly. */
      g_assert_cmpstr (whole, ==, cases[i].url);
    }

  g_assert_true (matou_credentials_wants_password ("http://alice@proxy.example:3128"));
  g_assert_false (matou_credentials_wants_password ("http://alice:pw@proxy.example:3128"));
  g_assert_false (matou_credentials_wants_password ("http://proxy.example:3128"));
  g_assert_false (matou_credentials_wants_password (""));
}

static void
test_mask_like_docker (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "http://alice:secret@proxy.example.com:3128", "http://xxxxx:xxxxx@proxy.example.com:3128" },
    { "http://alice@proxy.example.com:3128", "http://xxxxx:xxxxx@proxy.example.com:3128" },
    { "http://proxy.example.com:3128", "http://proxy.example.com:3128" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = matou_mask_credentials (cases[i].in);

      g_assert_cmpstr (masked, ==, cases[i].out);
    }
  g_assert_null (matou_mask_credentials (NULL));
}

static void
test_helper_result_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouHelperResult) result = matou_helper_result_new_from_line (
    "{\"type\":\"result\",\"ok\":false,\"status\":2,\"action\":\"restart\",\"rolled-back\":true,"
    "\"error\":\"The Docker daemon did not accept the change\",\"daemon-error\":\"unable to configure\"}", &error);

  g_assert_no_error (error);
  g_assert_false (result->ok);
  g_assert_cmpint (result->status, ==, MATOU_HELPER_EXIT_ROLLED_BACK);
  g_assert_cmpstr (result->action, ==, "restart");
  g_assert_true (result->rolled_back);
  g_assert_cmpstr (result->daemon_error, ==, "unable to configure");

  g_assert_null (matou_helper_result_new_from_line ("{\"type\":\"step\",\"text\":\"x\"}", &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_HELPER);
}

static void
test_client_config_keeps_other_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("matou-client-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "config.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_no_error (error);
  g_file_set_contents (path,
                       "{\"auths\": {\"registry.example.com\": {\"auth\": \"c2VjcmV0\"}},"
                       " \"credsStore\": \"desktop\", \"proxies\": {\"tcp://other:2376\": {\"httpProxy\": \"http://x:1\"}}}",
                       -1, &error);
  g_assert_no_error (error);

  g_assert_true (matou_client_config_write_proxy (path, "http://proxy.example.com:3128", "", "localhost", &error));
  g_assert_no_error (error);
  g_assert_true (matou_client_config_read_proxy (path, &http, &https, &no, &error));
  g_assert_cmpstr (http, ==, "http://proxy.example.com:3128");
  g_assert_cmpstr (https, ==, "");
  g_assert_cmpstr (no, ==, "localhost");

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  /* The user's login and the other host's proxy are still there. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (root, "auths"), "registry.example.com"), "auth"), ==, "c2VjcmV0");
  g_assert_cmpstr (json_object_get_string_member (root, "credsStore"), ==, "desktop");
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "proxies"), "tcp://other:2376"));

  /* A value a unit file could not hold is refused, and nothing is written. */
  g_file_get_contents (path, &text, NULL, NULL);
  g_assert_false (matou_client_config_write_proxy (path, "http://p.example:1\nx", "", "", &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  {
    g_autofree char *after = NULL;

    g_file_get_contents (path, &after, NULL, NULL);
    g_assert_cmpstr (after, ==, text);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* The worker-thread versions write and read the same file; a refused value is an error. */
static void
test_client_config_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("matou-client-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "config.json", NULL);
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  g_autoptr(GAsyncResult) written = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GAsyncResult) refused = NULL;

  g_assert_no_error (error);

  matou_client_config_write_proxy_async (path, "http://proxy.example.com:3128", "https://p.example:8443", "localhost",
                                         NULL, matou_test_on_done, &written);
  g_assert_true (matou_client_config_write_proxy_finish (matou_test_wait_for (&written), &error));
  g_assert_no_error (error);

  matou_client_config_read_proxy_async (path, NULL, matou_test_on_done, &read);
  g_assert_true (matou_client_config_read_proxy_finish (matou_test_wait_for (&read), &http, &https, &no, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (http, ==, "http://proxy.example.com:3128");
  g_assert_cmpstr (https, ==, "https://p.example:8443");
  g_assert_cmpstr (no, ==, "localhost");

  matou_client_config_write_proxy_async (path, "http://p.example:1\nx", "", "", NULL, matou_test_on_done, &refused);
  g_assert_false (matou_client_config_write_proxy_finish (matou_test_wait_for (&refused), &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/apply-request/shapes", test_parse_shapes);
  g_test_add_func ("/apply-request/engine-rules", test_rules_depend_on_engine);
  g_test_add_func ("/apply-request/proxy-rules", test_proxy_rules);
  g_test_add_func ("/apply-request/round-trip", test_round_trip);
  g_test_add_func ("/credentials/mask-like-docker", test_mask_like_docker);
  g_test_add_func ("/credentials/split-and-join", test_split_and_join_password);
  g_test_add_func ("/helper-client/result-line", test_helper_result_line);
  g_test_add_func ("/client-config/keeps-other-keys", test_client_config_keeps_other_keys);
  g_test_add_func ("/client-config/async", test_client_config_async);

  return g_test_run ();
}
