/* The daemon.json model: what a user's file looks like after Matou has written its keys into it. */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "matou-atomic-write.h"
#include "matou-daemon-config.h"
#include "matou-error.h"
#include "matou-test-util.h"

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static char *
serialise (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static gboolean
is_managed (const char *name)
{
  return strcmp (name, "registry-mirrors") == 0 || strcmp (name, "dns") == 0 ||
         strcmp (name, "proxies") == 0;
}

static char *
write_and_read_back (MatouDaemonConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("matou-config-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  char *on_disk = NULL;
  gsize len;

  g_assert_no_error (error);
  path = g_build_filename (dir, "daemon.json", NULL);

  data = matou_daemon_config_to_data (config, &len, &error);
  g_assert_no_error (error);
  matou_atomic_write (path, data, len, NULL, &error);
  g_assert_no_error (error);

  g_file_get_contents (path, &on_disk, NULL, &error);
  g_assert_no_error (error);

  g_unlink (path);
  g_rmdir (dir);

  return on_disk;
}

/* The file nvidia-ctk and the user have shaped survives Matou writing its
 * three keys: every other key, its value and its place. */
static void
test_foreign_keys_survive (void)
{
  gsize len;
  g_autofree char *original = matou_test_read_fixture ("daemon-rich.json", &len);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autoptr(JsonParser) before_parser = json_parser_new ();
  g_autoptr(JsonParser) after_parser = json_parser_new ();
  g_autofree char *written = NULL;
  const char *mirrors[] = { "https://docker.1ms.run", "https://dockerproxy.net", NULL };
  const char *dns[] = { "2400:3200::1", NULL };
  JsonObject *before;
  JsonObject *after;
  g_autoptr(GList) before_members = NULL;
  g_autoptr(GList) after_members = NULL;
  JsonObject *proxies;
  GList *l, *m;

  config = matou_daemon_config_new_from_data (original, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (matou_daemon_config_get_raw_text (config), ==, original);

  matou_daemon_config_set_mirrors (config, mirrors);
  matou_daemon_config_set_dns (config, dns);
  matou_daemon_config_set_proxies (config, "http://proxy.example.com:3128", "http://proxy.example.com:3128",
                                   "localhost,127.0.0.1");

  written = write_and_read_back (config);

  before = parse_object (original, before_parser);
  after = parse_object (written, after_parser);
  before_members = json_object_get_members (before);
  after_members = json_object_get_members (after);

  /* Same keys in the same order: updated keys stay where they were. */
  g_assert_cmpuint (g_list_length (before_members), ==, g_list_length (after_members));
  for (l = before_members, m = after_members; l != NULL; l = l->next, m = m->next)
    {
      g_assert_cmpstr (l->data, ==, m->data);

      if (!is_managed (l->data))
        {
          g_autofree char *a = serialise (json_object_get_member (before, l->data));
          g_autofree char *b = serialise (json_object_get_member (after, l->data));

          if (g_strcmp0 (a, b) != 0)
            g_error ("“%s” changed: %s became %s", (const char *) l->data, a, b);
        }
    }

  /* Matou's own keys hold the new values. */
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (after, "registry-mirrors"), 1),
                   ==, "https://dockerproxy.net");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (after, "dns"), 0),
                   ==, "2400:3200::1");
  proxies = json_object_get_object_member (after, "proxies");
  g_assert_cmpstr (json_object_get_string_member (proxies, "http-proxy"), ==, "http://proxy.example.com:3128");
  g_assert_cmpstr (json_object_get_string_member (proxies, "no-proxy"), ==, "localhost,127.0.0.1");
  /* A member of "proxies" Matou does not know stays. */
  g_assert_cmpstr (json_object_get_string_member (proxies, "x-extra"), ==, "keep me");

  /* What lands on disk, byte for byte where it matters. */
  g_assert_true (g_str_has_prefix (written, "{\n  \"data-root\" : \"/srv/docker\",\n"));
  g_assert_true (g_str_has_suffix (written, "\n}\n"));
  g_assert_true (g_utf8_validate (written, -1, NULL));
  g_assert_nonnull (strstr (written, "\"owner=张伟\""));
  g_assert_nonnull (strstr (written, "\"whale=🐳\""));
  g_assert_nonnull (strstr (written, "\"escaped=été\""));  /* \u00e9 written as UTF-8 */
  g_assert_nonnull (strstr (written, "\"quoted=\\\"x\\\" and \\\\ back\""));
  g_assert_nonnull (strstr (written, "\"big-int\" : 9007199254740993,"));
  g_assert_nonnull (strstr (written, "\"max-int64\" : 9223372036854775807,"));
  g_assert_nonnull (strstr (written, "\"min-int64\" : -9223372036854775808,"));
  /* json-glib 1.6 writes these two so that strict readers (the daemon)
   * refuse the file: "1e+20.0" and a raw U+001F. */
  g_assert_nonnull (strstr (written, "\"huge-float\" : 1e+20,"));
  g_assert_nonnull (strstr (written, "\"unit-separator\" : \"a\\u001fb\","));
  g_assert_null (strchr (written, 0x1f));
  /* Only tidier: json-glib pads a nested empty object with spaces. */
  g_assert_nonnull (strstr (written, "\"empty-object\" : {},\n"));
  /* Floats keep their value, not their spelling. */
  g_assert_cmpfloat (json_object_get_double_member (after, "ratio"), ==, 0.1);
  g_assert_cmpfloat (json_object_get_double_member (after, "tiny"), ==, 1e-7);

  /* The written file loads again and writes itself identically. */
  {
    g_autoptr(MatouDaemonConfig) again = matou_daemon_config_new_from_data (written, -1, &error);
    g_autofree char *rewritten = NULL;

    g_assert_no_error (error);
    rewritten = matou_daemon_config_to_data (again, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rewritten, ==, written);
  }
}

static void
test_key_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autofree char *written = NULL;
  const char *mirrors[] = { "https://docker.1ms.run", NULL };
  const char *dns[] = { "223.5.5.5", NULL };

  config = matou_daemon_config_new_from_data ("{\"z\": 1, \"registry-mirrors\": [\"https://old\"], \"a\": 2}",
                                              -1, &error);
  g_assert_no_error (error);

  matou_daemon_config_set_mirrors (config, mirrors);
  matou_daemon_config_set_dns (config, dns);
  written = matou_daemon_config_to_data (config, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (written, ==,
                   "{\n"
                   "  \"z\" : 1,\n"
                   "  \"registry-mirrors\" : [\n"
                   "    \"https://docker.1ms.run\"\n"
                   "  ],\n"
                   "  \"a\" : 2,\n"
                   "  \"dns\" : [\n"
                   "    \"223.5.5.5\"\n"
                   "  ]\n"
                   "}\n");
}

/* A reload only applies keys present in the file: clearing mirrors must
 * leave "registry-mirrors": [] behind. */
static void
test_empty_mirrors_stay (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) mirrors = NULL;
  const char *none[] = { NULL };

  config = matou_daemon_config_new_from_data ("{\"registry-mirrors\": [\"https://docker.1ms.run\"], \"dns\": [\"1.1.1.1\"]}",
                                              -1, &error);
  g_assert_no_error (error);

  matou_daemon_config_set_mirrors (config, none);
  matou_daemon_config_set_dns (config, none);
  written = matou_daemon_config_to_data (config, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (written, ==, "{\n  \"registry-mirrors\" : []\n}\n");
  g_assert_true (matou_daemon_config_has_key (config, "registry-mirrors"));
  g_assert_false (matou_daemon_config_has_key (config, "dns"));
  mirrors = matou_daemon_config_get_mirrors (config);
  g_assert_cmpuint (g_strv_length (mirrors), ==, 0);
}

static void
test_proxies (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autoptr(MatouDaemonConfig) plain = NULL;
  g_autofree char *http = NULL;
  g_autofree char *https = NULL;
  g_autofree char *no = NULL;
  g_autofree char *written = NULL;

  config = matou_daemon_config_new_from_data ("{\"proxies\": {\"http-proxy\": \"http://a:1\", \"x-extra\": 1}, \"debug\": true}",
                                              -1, &error);
  g_assert_no_error (error);

  g_assert_true (matou_daemon_config_get_proxies (config, &http, &https, &no));
  g_assert_cmpstr (http, ==, "http://a:1");
  g_assert_null (https);
  g_assert_null (no);

  /* An empty value removes its member, not the others. */
  matou_daemon_config_set_proxies (config, "", "https://b:2", NULL);
  written = matou_daemon_config_to_data (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==,
                   "{\n"
                   "  \"proxies\" : {\n"
                   "    \"x-extra\" : 1,\n"
                   "    \"https-proxy\" : \"https://b:2\"\n"
                   "  },\n"
                   "  \"debug\" : true\n"
                   "}\n");
  g_clear_pointer (&written, g_free);

  /* Clearing keeps what is not Matou's. */
  matou_daemon_config_clear_proxies (config);
  written = matou_daemon_config_to_data (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, "{\n  \"proxies\" : {\n    \"x-extra\" : 1\n  },\n  \"debug\" : true\n}\n");
  g_clear_pointer (&written, g_free);

  /* With only Matou's members, the key goes. */
  plain = matou_daemon_config_new ();
  matou_daemon_config_set_proxies (plain, "http://a:1", NULL, "localhost");
  g_assert_true (matou_daemon_config_has_key (plain, "proxies"));
  matou_daemon_config_clear_proxies (plain);
  written = matou_daemon_config_to_data (plain, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, "{}\n");
  g_clear_pointer (&http, g_free);
  g_assert_false (matou_daemon_config_get_proxies (plain, &http, NULL, NULL));
  g_assert_null (http);
}

static void
test_parse_error (void)
{
  g_autofree char *path = matou_test_fixture_path ("daemon-broken.json");
  g_autofree char *original = matou_test_read_fixture ("daemon-broken.json", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autofree char *expected_start = g_strdup_printf ("%s is not valid JSON at line 3, column ", path);

  config = matou_daemon_config_new_from_file (path, &error);
  g_assert_null (config);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_PARSE);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, expected_start))
    g_error ("unexpected message: %s", error->message);
  g_assert_nonnull (strstr (error->message, "Matou left the file as it is"));
  /* The json-glib prefix is gone, its description kept. */
  g_assert_null (strstr (error->message, "<data>"));
  g_assert_nonnull (strstr (error->message, "unexpected character"));

  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, original);
}

static void
test_not_an_object (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;

  config = matou_daemon_config_new_from_data ("[\"https://docker.1ms.run\"]\n", -1, &error);
  g_assert_null (config);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "daemon.json holds an array where Docker expects a JSON object ({ … }). Matou left the file as it is: fix it in a text editor, or restore a backup.");
  g_clear_error (&error);

  config = matou_daemon_config_new_from_data ("{\"a\": \"\xff\"}", -1, &error);
  g_assert_null (config);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "daemon.json cannot be read as JSON ("));
}

static void
test_empty_and_missing (void)
{
  const char *blanks[] = { "", "   \n\t\r\n" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(MatouDaemonConfig) config = matou_daemon_config_new_from_data (blanks[i], -1, &error);
      g_autofree char *written = NULL;
      g_auto(GStrv) mirrors = NULL;
      g_auto(GStrv) dns = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (matou_daemon_config_get_raw_text (config), ==, blanks[i]);
      mirrors = matou_daemon_config_get_mirrors (config);
      dns = matou_daemon_config_get_dns (config);
      g_assert_cmpuint (g_strv_length (mirrors), ==, 0);
      g_assert_cmpuint (g_strv_length (dns), ==, 0);
      g_assert_false (matou_daemon_config_get_proxies (config, NULL, NULL, NULL));

      written = matou_daemon_config_to_data (config, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (written, ==, "{}\n");
    }

  {
    g_autoptr(MatouDaemonConfig) missing = NULL;
    g_autofree char *dir = g_dir_make_tmp ("matou-config-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "daemon.json", NULL);

    missing = matou_daemon_config_new_from_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (matou_daemon_config_get_raw_text (missing), ==, "");
    g_assert_false (matou_daemon_config_has_key (missing, "registry-mirrors"));
    g_rmdir (dir);
  }
}

/* A value json-glib would change on the way through: the file still loads
 * for reading, but Matou refuses to write it. */
static void
test_cannot_preserve (void)
{
  g_autofree char *path = matou_test_fixture_path ("daemon-big-number.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autoptr(MatouDaemonConfig) copy = NULL;
  g_autoptr(MatouDaemonConfig) nul = NULL;
  g_auto(GStrv) mirrors = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  const char *none[] = { NULL };

  config = matou_daemon_config_new_from_file (path, &error);
  g_assert_no_error (error);
  mirrors = matou_daemon_config_get_mirrors (config);
  g_assert_cmpstr (mirrors[0], ==, "https://docker.1ms.run");

  matou_daemon_config_set_mirrors (config, none);
  written = matou_daemon_config_to_data (config, NULL, &error);
  g_assert_null (written);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_CANNOT_PRESERVE);
  expected = g_strdup_printf ("%s holds the number 18446744073709551615 (line 3, column 16), which is too large for Matou to write back unchanged, so Matou will not rewrite the file. Change Docker’s settings in a text editor instead, or change that number.",
                              path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* A copy does not lose the reason. */
  copy = matou_daemon_config_copy (config);
  g_assert_null (matou_daemon_config_to_data (copy, NULL, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_CANNOT_PRESERVE);
  g_clear_error (&error);

  nul = matou_daemon_config_new_from_data ("{\n  \"x\": \"a\\u0000b\"\n}", -1, &error);
  g_assert_no_error (error);
  g_assert_null (matou_daemon_config_to_data (nul, NULL, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_CANNOT_PRESERVE);
  g_assert_nonnull (strstr (error->message, "\\u0000 character (line 2, column 10)"));
  g_clear_error (&error);

  /* Numbers inside strings are text, not numbers. */
  {
    g_autoptr(MatouDaemonConfig) text = NULL;
    g_autofree char *out = NULL;

    text = matou_daemon_config_new_from_data ("{\"x\": \"18446744073709551615\", \"y\": \"\\\"99999999999999999999\"}",
                                              -1, &error);
    g_assert_no_error (error);
    out = matou_daemon_config_to_data (text, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (out, "\"18446744073709551615\""));
  }
}

static void
test_copy_is_independent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autoptr(MatouDaemonConfig) copy = NULL;
  g_auto(GStrv) mirrors = NULL;
  g_autofree char *http = NULL;
  const char *new_mirrors[] = { "https://dockerproxy.net", NULL };

  config = matou_daemon_config_new_from_data ("{\"registry-mirrors\": [\"https://docker.1ms.run\"], \"proxies\": {\"http-proxy\": \"http://a:1\", \"x\": 1}}",
                                              -1, &error);
  g_assert_no_error (error);

  copy = matou_daemon_config_copy (config);
  matou_daemon_config_set_mirrors (copy, new_mirrors);
  matou_daemon_config_set_proxies (copy, "http://b:2", NULL, NULL);

  mirrors = matou_daemon_config_get_mirrors (config);
  g_assert_cmpstr (mirrors[0], ==, "https://docker.1ms.run");
  matou_daemon_config_get_proxies (config, &http, NULL, NULL);
  g_assert_cmpstr (http, ==, "http://a:1");
}

/* The helper edits a copy of the file it read: the copy must carry every
 * member, empty objects and arrays included ("log-opts": {} is common), at
 * every depth, in order, so that writing the copy gives the same text as
 * writing the original. */
static void
test_copy_keeps_every_member (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *rich = matou_test_read_fixture ("daemon-rich.json", &len);
  const char *texts[] = {
    rich,
    "{\"log-opts\": {}, \"registry-mirrors\": [], \"x\": {\"a\": {}, \"b\": [{}], \"c\": [[]]}, \"dns\": [\"223.5.5.5\"], \"z\": {}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MatouDaemonConfig) config = NULL;
      g_autoptr(MatouDaemonConfig) copy = NULL;
      g_autofree char *original_text = NULL;
      g_autofree char *copy_text = NULL;

      config = matou_daemon_config_new_from_data (texts[i], -1, &error);
      g_assert_no_error (error);
      copy = matou_daemon_config_copy (config);

      original_text = matou_daemon_config_to_data (config, NULL, &error);
      g_assert_no_error (error);
      copy_text = matou_daemon_config_to_data (copy, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (copy_text, ==, original_text);
    }

  /* And the empty object is really there, not only in both texts alike. */
  {
    g_autoptr(MatouDaemonConfig) config = NULL;
    g_autoptr(MatouDaemonConfig) copy = NULL;
    g_autofree char *text = NULL;

    config = matou_daemon_config_new_from_data (texts[1], -1, &error);
    g_assert_no_error (error);
    copy = matou_daemon_config_copy (config);
    text = matou_daemon_config_to_data (copy, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==,
                     "{\n"
                     "  \"log-opts\" : {},\n"
                     "  \"registry-mirrors\" : [],\n"
                     "  \"x\" : {\n"
                     "    \"a\" : {},\n"
                     "    \"b\" : [\n"
                     "      {}\n"
                     "    ],\n"
                     "    \"c\" : [\n"
                     "      []\n"
                     "    ]\n"
                     "  },\n"
                     "  \"dns\" : [\n"
                     "    \"223.5.5.5\"\n"
                     "  ],\n"
                     "  \"z\" : {}\n"
                     "}\n");
  }
}

static void
test_diff (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) old_config = NULL;
  const char *mirrors[] = { "https://dockerproxy.net", NULL };
  const char *same_mirrors[] = { "https://docker.1ms.run", NULL };
  const char *dns[] = { "223.5.5.5", NULL };
  const char *none[] = { NULL };

  old_config = matou_daemon_config_new_from_data ("{\"registry-mirrors\": [\"https://docker.1ms.run\"], \"insecure-registries\": [\"10.0.0.0/8\"], \"log-level\": \"info\"}",
                                                  -1, &error);
  g_assert_no_error (error);

  /* Nothing changed. */
  {
    g_autoptr(MatouDaemonConfig) next = matou_daemon_config_copy (old_config);
    MatouConfigDiff diff;

    matou_daemon_config_set_mirrors (next, same_mirrors);
    diff = matou_daemon_config_diff_managed (old_config, next);
    g_assert_cmpint (diff.changed, ==, MATOU_CONFIG_KEY_NONE);
    g_assert_false (diff.others_changed);
    g_assert_false (matou_daemon_config_change_needs_restart (&diff));
  }

  /* Mirrors alone, even to none: a reload does it. */
  {
    g_autoptr(MatouDaemonConfig) next = matou_daemon_config_copy (old_config);
    g_auto(GStrv) names = NULL;
    MatouConfigDiff diff;

    matou_daemon_config_set_mirrors (next, mirrors);
    diff = matou_daemon_config_diff_managed (old_config, next);
    g_assert_cmpint (diff.changed, ==, MATOU_CONFIG_KEY_REGISTRY_MIRRORS);
    g_assert_false (matou_daemon_config_change_needs_restart (&diff));
    names = matou_config_keys_to_strv (diff.changed);
    g_assert_cmpstrv (names, ((const char *[]) { "registry-mirrors", NULL }));

    matou_daemon_config_set_mirrors (next, none);
    diff = matou_daemon_config_diff_managed (old_config, next);
    g_assert_cmpint (diff.removed, ==, MATOU_CONFIG_KEY_NONE);
    g_assert_false (matou_daemon_config_change_needs_restart (&diff));
  }

  /* Mirrors and DNS: the restart wins. */
  {
    g_autoptr(MatouDaemonConfig) next = matou_daemon_config_copy (old_config);
    g_auto(GStrv) names = NULL;
    MatouConfigDiff diff;

    matou_daemon_config_set_mirrors (next, mirrors);
    matou_daemon_config_set_dns (next, dns);
    diff = matou_daemon_config_diff_managed (old_config, next);
    g_assert_cmpint (diff.changed, ==, MATOU_CONFIG_KEY_REGISTRY_MIRRORS | MATOU_CONFIG_KEY_DNS);
    g_assert_true (matou_daemon_config_change_needs_restart (&diff));
    names = matou_config_keys_to_strv (diff.changed);
    g_assert_cmpstrv (names, ((const char *[]) { "registry-mirrors", "dns", NULL }));
  }

  /* Proxies need a restart. */
  {
    g_autoptr(MatouDaemonConfig) next = matou_daemon_config_copy (old_config);
    MatouConfigDiff diff;

    matou_daemon_config_set_proxies (next, "http://p:3128", NULL, NULL);
    diff = matou_daemon_config_diff_managed (old_config, next);
    g_assert_cmpint (diff.changed, ==, MATOU_CONFIG_KEY_PROXIES);
    g_assert_true (matou_daemon_config_change_needs_restart (&diff));
  }

  /* A removed mirrors key (a restored backup without it) keeps the old
   * mirrors through a reload: only a restart clears them. */
  {
    g_autoptr(MatouDaemonConfig) next = matou_daemon_config_new_from_data ("{\"insecure-registries\": [\"10.0.0.0/8\"], \"log-level\": \"info\"}",
                                                                           -1, &error);
    MatouConfigDiff diff;

    g_assert_no_error (error);
    diff = matou_daemon_config_diff_managed (old_config, next);
    g_assert_cmpint (diff.changed, ==, MATOU_CONFIG_KEY_REGISTRY_MIRRORS);
    g_assert_cmpint (diff.removed, ==, MATOU_CONFIG_KEY_REGISTRY_MIRRORS);
    g_assert_true (matou_daemon_config_change_needs_restart (&diff));
  }

  /* Another key changed, in another order: Matou cannot tell, so restart. */
  {
    g_autoptr(MatouDaemonConfig) next = matou_daemon_config_new_from_data ("{\"log-level\": \"debug\", \"insecure-registries\": [\"10.0.0.0/8\"], \"registry-mirrors\": [\"https://docker.1ms.run\"]}",
                                                                           -1, &error);
    MatouConfigDiff diff;

    g_assert_no_error (error);
    diff = matou_daemon_config_diff_managed (old_config, next);
    g_assert_cmpint (diff.changed, ==, MATOU_CONFIG_KEY_NONE);
    g_assert_true (diff.others_changed);
    g_assert_true (matou_daemon_config_change_needs_restart (&diff));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daemon-config/foreign-keys-survive", test_foreign_keys_survive);
  g_test_add_func ("/daemon-config/key-order", test_key_order);
  g_test_add_func ("/daemon-config/empty-mirrors-stay", test_empty_mirrors_stay);
  g_test_add_func ("/daemon-config/proxies", test_proxies);
  g_test_add_func ("/daemon-config/parse-error", test_parse_error);
  g_test_add_func ("/daemon-config/not-an-object", test_not_an_object);
  g_test_add_func ("/daemon-config/empty-and-missing", test_empty_and_missing);
  g_test_add_func ("/daemon-config/cannot-preserve", test_cannot_preserve);
  g_test_add_func ("/daemon-config/copy-is-independent", test_copy_is_independent);
  g_test_add_func ("/daemon-config/copy-keeps-every-member", test_copy_keeps_every_member);
  g_test_add_func ("/daemon-config/diff", test_diff);

  return g_test_run ();
}
