/* The exported playbook and shell script: the keys they carry, the decisions they hold, and hostile values refused or quoted. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "matou-error.h"
#include "matou-export.h"

static MatouApplyRequest *
parse_request (const char *json)
{
  g_autoptr(GError) error = NULL;
  MatouApplyRequest *request = matou_apply_request_parse (json, -1, &error);

  g_assert_no_error (error);

  return request;
}

/* The value of `NAME=…` in the script, unquoted the way sh would. */
static char *
script_value (const char *script,
              const char *name)
{
  g_autofree char *prefix = g_strconcat ("\n", name, "=", NULL);
  const char *start = strstr (script, prefix);
  const char *end;
  g_autofree char *quoted = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  g_assert_nonnull (start);
  start += strlen (prefix);
  /* g_shell_quote() writes one '…' run, with ' written as '\''. */
  end = start;
  while (*end != '\0' && *end != '\n')
    end++;
  quoted = g_strndup (start, end - start);
  value = g_shell_unquote (quoted, &error);
  g_assert_no_error (error);

  return value;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_playbook_keys (void)
{
  g_autoptr(MatouApplyRequest) request =
    parse_request ("{\"registry-mirrors\": [\"https://Mirror.Example\", \"https://second.example/\"],"
                   " \"dns\": [], \"proxy\": {\"http\": \"http://proxy.example:3128\", \"https\": \"\", \"no\": \"localhost,.corp\"}}");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = matou_export_playbook_text (request, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "---\n"));
  /* Every module is one of ansible.builtin's. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    guint modules = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        const char *line = g_strchug (lines[i]);

        if (g_str_has_prefix (line, "ansible.") || strstr (line, ": ansible.") != NULL)
          {
            g_assert_true (g_str_has_prefix (line, "ansible.builtin.") || strstr (line, ": ansible.builtin.") != NULL);
            modules++;
          }
      }
    g_assert_cmpuint (modules, >, 10);
  }

  g_assert_nonnull (strstr (text, "    matou_settings:\n"
                                  "      \"registry-mirrors\":\n"
                                  "        - \"https://Mirror.Example\"\n"
                                  "        - \"https://second.example/\"\n"));
  /* An empty DNS list takes the key out, as the Settings page does. */
  g_assert_nonnull (strstr (text, "    matou_remove_keys:\n      - \"dns\"\n"));
  g_assert_nonnull (strstr (text, "      \"http-proxy\": \"http://proxy.example:3128\"\n"));
  g_assert_nonnull (strstr (text, "      \"no-proxy\": \"localhost,.corp\"\n"));
  g_assert_null (strstr (text, "\"https-proxy\""));
  g_assert_nonnull (strstr (text, "matou_dropin_text: \"[Service]\\nEnvironment=\\\"HTTP_PROXY=http://proxy.example:3128\\\"\\n"));
  /* The daemon's rule: mirrors reload, DNS and proxies restart. */
  g_assert_nonnull (strstr (text, "    matou_restart_keys:\n      - \"dns\"\n      - \"proxies\"\n"));
  /* /info reports mirrors normalised, with a trailing slash. */
  g_assert_nonnull (strstr (text, "    matou_expect_mirrors:\n"
                                  "      - \"https://mirror.example/\"\n"
                                  "      - \"https://second.example/\"\n"));
  g_assert_nonnull (strstr (text, "        backup: true\n"));
  g_assert_nonnull (strstr (text, "    matou_daemon_json: /etc/docker/daemon.json\n"));
  g_assert_nonnull (strstr (text, "    matou_restart_command: [systemctl, restart, docker]\n"));
  g_assert_nonnull (strstr (text, "    matou_reload_command: [systemctl, reload, docker]\n"));
}

static void
test_left_out_is_left_alone (void)
{
  g_autoptr(MatouApplyRequest) request = parse_request ("{\"registry-mirrors\": []}");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = matou_export_playbook_text (request, &error);

  g_assert_no_error (error);
  /* An empty mirror list is written, not removed: a reload applies it. */
  g_assert_nonnull (strstr (text, "    matou_settings:\n      \"registry-mirrors\": []\n"));
  g_assert_nonnull (strstr (text, "    matou_remove_keys: []\n"));
  g_assert_nonnull (strstr (text, "    matou_proxy_managed: false\n"));
}

static void
test_script_values (void)
{
  /* A password with every character the shell would act on, percent-encoded where a URL needs it. */
  g_autoptr(MatouApplyRequest) request =
    parse_request ("{\"registry-mirrors\": [\"https://mirror.example\"], \"dns\": [\"223.5.5.5\"],"
                   " \"proxy\": {\"http\": \"http://user:pa$s`x%25;&|*@proxy.example:3128\", \"https\": \"\", \"no\": \"\"}}");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = matou_export_script_text (request, &error);
  g_autofree char *settings = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *env = NULL;
  g_autoptr(JsonNode) settings_node = NULL;
  g_autoptr(JsonNode) proxy_node = NULL;
  g_autoptr(JsonNode) env_node = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "#!/bin/sh\n"));
  g_assert_nonnull (strstr (text, "\nset -eu\n"));
  g_assert_nonnull (strstr (text, "python3"));

  settings = script_value (text, "matou_settings");
  settings_node = parse_json (settings);
  object = json_node_get_object (settings_node);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "registry-mirrors"), 0), ==,
                   "https://mirror.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "dns"), 0), ==, "223.5.5.5");

  proxy = script_value (text, "matou_proxy");
  proxy_node = parse_json (proxy);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (proxy_node), "http-proxy"), ==,
                   "http://user:pa$s`x%25;&|*@proxy.example:3128");
  g_assert_nonnull (strstr (text, "\nmatou_proxy_secret=1\n"));

  /* A password never sits in the drop-in: it goes to the root-only file. */
  env = script_value (text, "matou_env_text");
  env_node = parse_json (env);
  g_assert_cmpstr (json_node_get_string (env_node), ==, "HTTP_PROXY=http://user:pa$s`x%25;&|*@proxy.example:3128\n");
  {
    g_autofree char *dropin = script_value (text, "matou_dropin_text");

    g_assert_null (strstr (dropin, "pa$s"));
    g_assert_nonnull (strstr (dropin, "EnvironmentFile="));
  }

  /* sh reads it without a syntax error. */
  {
    g_autofree char *path = NULL;
    g_autoptr(GError) write_error = NULL;
    int fd = g_file_open_tmp ("matou-export-XXXXXX.sh", &path, &write_error);
    const char *argv[] = { "sh", "-n", NULL, NULL };
    int status = -1;

    g_assert_no_error (write_error);
    close (fd);
    g_assert_true (matou_export_write_script (request, path, &write_error));
    g_assert_no_error (write_error);
    argv[2] = path;
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &write_error);
    g_assert_no_error (write_error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_unlink (path);
  }
}

typedef struct {
  const char *name;
  const char *request;
  const char *message;  /* a phrase of the refusal */
} Refusal;

static const Refusal refusals[] = {
  { "a line break in a mirror", "{\"registry-mirrors\": [\"https://a.example\\n- evil\"]}", "line break" },
  { "a double quote in a mirror", "{\"registry-mirrors\": [\"https://a.example/\\\"x\"]}", NULL },
  { "a single quote in a proxy", "{\"proxy\": {\"http\": \"http://a'b.example:3128\"}}", "single quote" },
  { "a line break in no-proxy", "{\"proxy\": {\"http\": \"http://p.example:3128\", \"no\": \"a\\nb\"}}", "line break" },
  { "a template in a proxy password", "{\"proxy\": {\"http\": \"http://u:{{lookup}}@p.example:3128\"}}", "The HTTP proxy contains “{{”" },
  { "a template statement in a proxy password", "{\"proxy\": {\"http\": \"http://u:{%25x@p.example:3128\"}}", "template" },
  { "a name for DNS", "{\"dns\": [\"dns.example\"]}", NULL },
};

static void
test_refused (gconstpointer data)
{
  const Refusal *refusal = data;
  g_autoptr(MatouApplyRequest) request = parse_request (refusal->request);
  g_autoptr(GError) error = NULL;
  g_autofree char *playbook = matou_export_playbook_text (request, &error);

  g_assert_null (playbook);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  if (refusal->message != NULL)
    g_assert_nonnull (strstr (error->message, refusal->message));
  g_clear_error (&error);

  g_assert_null (matou_export_script_text (request, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/playbook-keys", test_playbook_keys);
  g_test_add_func ("/export/left-out-is-left-alone", test_left_out_is_left_alone);
  g_test_add_func ("/export/script-values", test_script_values);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/refused/%s", refusals[i].name);

      g_test_add_data_func (path, &refusals[i], test_refused);
    }

  return g_test_run ();
}
