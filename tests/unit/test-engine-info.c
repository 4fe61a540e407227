/* Parsing of /version and /info replies captured from a real dockerd 20.10. */
#include <json-glib/json-glib.h>

#include "matou-engine-info.h"
#include "matou-error.h"
#include "matou-test-util.h"

static void
test_version (void)
{
  gsize length;
  g_autofree char *data = matou_test_read_fixture ("version-20.10.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouEngineVersion) version = NULL;

  version = matou_engine_version_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version->version, ==, "20.10.24+dfsg1");
  g_assert_cmpstr (version->api_version, ==, "1.41");
  g_assert_cmpstr (version->min_api_version, ==, "1.12");
  g_assert_cmpstr (version->os, ==, "linux");
}

static void
test_info (void)
{
  gsize length;
  g_autofree char *data = matou_test_read_fixture ("info-20.10.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouEngineInfo) info = NULL;

  info = matou_engine_info_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->server_version, ==, "20.10.24+dfsg1");
  /* The daemon normalises mirrors with a trailing slash. */
  g_assert_cmpuint (g_strv_length (info->mirrors), ==, 2);
  g_assert_cmpstr (info->mirrors[0], ==, "https://docker.1ms.run/");
  g_assert_cmpstr (info->mirrors[1], ==, "https://mirror.example.com:5000/");
  /* Credentials come back masked; Matou shows them as they come. */
  g_assert_cmpstr (info->http_proxy, ==, "http://xxxxx:xxxxx@proxy.example.com:3128");
  g_assert_cmpstr (info->https_proxy, ==, "http://proxy.example.com:3128");
  g_assert_cmpstr (info->no_proxy, ==, "localhost,127.0.0.1,.corp");
  g_assert_cmpint (info->containers, ==, 0);
  g_assert_cmpint (info->images, ==, 0);
  g_assert_false (info->live_restore);
  g_assert_false (info->rootless);
  /* "Warnings": null is no warnings. */
  g_assert_cmpuint (g_strv_length (info->warnings), ==, 0);
  g_assert_true (g_strv_contains ((const char * const *) info->insecure_registries, "10.1.0.0/16"));
}

/* A user's own daemon (dockerd-rootless.sh under rootlesskit) says so in SecurityOptions. */
static void
test_info_rootless (void)
{
  gsize length;
  g_autofree char *data = matou_test_read_fixture ("info-20.10-rootless.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouEngineInfo) info = NULL;

  info = matou_engine_info_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_true (info->rootless);
  g_assert_cmpstr (info->docker_root_dir, ==, "/home/user/dd");
}

static void
test_bad_replies (void)
{
  /* Each bad reply fails for its own reason, not just with some error. */
  const struct {
    const char *reply;
    GQuark      domain;
    int         code;
    const char *message;    /* NULL: json-glib's own words */
  } bad[] = {
    { "", MATOU_ERROR, MATOU_ERROR_BAD_REPLY, "The Docker daemon answered with something that is not a JSON object." },
    { "not json", JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD, NULL },
    { "[1, 2]", MATOU_ERROR, MATOU_ERROR_BAD_REPLY, "The Docker daemon answered with something that is not a JSON object." },
    { "{\"Os\": \"linux\"}", MATOU_ERROR, MATOU_ERROR_BAD_REPLY, "The Docker daemon’s version reply has no version number." },
    { "{\"Version\": \"20.10.24\"}", MATOU_ERROR, MATOU_ERROR_BAD_REPLY, "The Docker daemon’s version reply has no version number." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouEngineVersion) version = matou_engine_version_new_from_data (bad[i].reply, -1, &error);

      g_assert_null (version);
      g_assert_error (error, bad[i].domain, bad[i].code);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_info_missing_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouEngineInfo) info = matou_engine_info_new_from_data ("{\"Containers\": 3}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (info->containers, ==, 3);
  g_assert_nonnull (info->mirrors);
  g_assert_cmpuint (g_strv_length (info->mirrors), ==, 0);
  g_assert_null (info->http_proxy);
}

static void
test_version_numbers (void)
{
  guint major = 0, minor = 0;

  g_assert_true (matou_parse_version ("20.10.24+dfsg1", &major, &minor));
  g_assert_cmpuint (major, ==, 20);
  g_assert_cmpuint (minor, ==, 10);
  g_assert_true (matou_parse_version ("v25.0.3", &major, &minor));
  g_assert_cmpuint (major, ==, 25);
  g_assert_cmpuint (minor, ==, 0);
  g_assert_false (matou_parse_version ("dev", &major, &minor));

  g_assert_false (matou_version_at_least ("20.10.24+dfsg1", 23, 0));
  g_assert_false (matou_version_at_least ("22.06.0-beta", 23, 0));
  g_assert_true (matou_version_at_least ("23.0.0", 23, 0));
  g_assert_true (matou_version_at_least ("29.7.1", 25, 0));
  g_assert_false (matou_version_at_least ("24.0.7", 25, 0));
  g_assert_false (matou_version_at_least (NULL, 1, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine-info/version", test_version);
  g_test_add_func ("/engine-info/info", test_info);
  g_test_add_func ("/engine-info/info-rootless", test_info_rootless);
  g_test_add_func ("/engine-info/bad-replies", test_bad_replies);
  g_test_add_func ("/engine-info/missing-members", test_info_missing_members);
  g_test_add_func ("/engine-info/version-numbers", test_version_numbers);

  return g_test_run ();
}
