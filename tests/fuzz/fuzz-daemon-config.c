/* daemon.json: whatever loads, writes back as the same tree; every key Matou does not manage keeps its value and its place through a change of the managed ones. */
#include <string.h>

#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "matou-daemon-config.h"
#include "matou-error.h"

static gboolean
is_managed (const char *key)
{
  return g_str_equal (key, MATOU_KEY_REGISTRY_MIRRORS) || g_str_equal (key, MATOU_KEY_INSECURE_REGISTRIES) ||
         g_str_equal (key, MATOU_KEY_DNS) || g_str_equal (key, MATOU_KEY_PROXIES);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* The keys Matou does not manage, in order, each with its value written out. */
static GPtrArray *
unmanaged (JsonNode *root)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return pairs;
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!is_managed (l->data))
      {
        g_autofree char *value = node_text (json_object_get_member (object, l->data));

        g_ptr_array_add (pairs, g_strdup_printf ("%s\n%s", (char *) l->data, value));
      }
  return pairs;
}

static void
check_same_unmanaged (GPtrArray *a,
                      GPtrArray *b)
{
  FUZZ_CHECK (a->len == b->len);
  for (guint i = 0; i < a->len; i++)
    FUZZ_CHECK (g_str_equal (a->pdata[i], b->pdata[i]));
}

/* Writes @config, reads the text back as JSON and as a configuration. */
static char *
write_and_check (MatouDaemonConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) again = NULL;
  gsize len = 0;
  char *text = matou_daemon_config_to_data (config, &len, &error);

  if (text == NULL)
    {
      /* A value the loader already called unwritable; the writer's own
       * read-back check failing is a bug in the writer. */
      FUZZ_CHECK (error != NULL && error->domain == MATOU_ERROR);
      FUZZ_CHECK (strstr (error->message, "report this as a bug") == NULL);
      return NULL;
    }
  FUZZ_CHECK (strlen (text) == len);
  again = matou_daemon_config_new_from_data (text, len, &error);
  FUZZ_CHECK (again != NULL);
  return text;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autoptr(MatouDaemonConfig) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) after_change = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) kept_written = NULL;
  g_autoptr(GPtrArray) kept_changed = NULL;
  g_auto(GStrv) mirrors = NULL;
  g_auto(GStrv) dns = NULL;
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  const char *const new_mirrors[] = { "https://mirror.example.com", NULL };
  const char *const new_dns[] = { "192.0.2.53", NULL };

  config = matou_daemon_config_new_from_data (input, size, &error);
  if (config == NULL)
    {
      FUZZ_CHECK (error != NULL && error->message[0] != '\0');
      return 0;
    }

  /* What the GUI reads of it. */
  mirrors = matou_daemon_config_get_mirrors (config);
  dns = matou_daemon_config_get_dns (config);
  matou_daemon_config_get_proxies (config, &http, &https, &no);

  written = write_and_check (config);
  if (written == NULL)
    return 0;

  /* parse → serialise → parse: the same tree. */
  before = parse (input);
  after = parse (written);
  FUZZ_CHECK (after != NULL && JSON_NODE_HOLDS_OBJECT (after));
  if (before != NULL)
    FUZZ_CHECK (json_node_equal (before, after));
  else
    /* Only a blank file loads without being JSON: it writes as {}. */
    FUZZ_CHECK (json_object_get_size (json_node_get_object (after)) == 0);

  /* The written text reads back as the same configuration. */
  reread = matou_daemon_config_new_from_data (written, -1, &error);
  FUZZ_CHECK (reread != NULL);
  {
    MatouConfigDiff diff = matou_daemon_config_diff_managed (config, reread);

    FUZZ_CHECK (diff.changed == 0 && diff.removed == 0 && !diff.others_changed);
  }

  /* A change of every managed key keeps the others, value and place. */
  matou_daemon_config_set_mirrors (config, new_mirrors);
  matou_daemon_config_set_dns (config, new_dns);
  matou_daemon_config_set_proxies (config, "http://proxy.example:3128", NULL, "localhost");
  changed = write_and_check (config);
  FUZZ_CHECK (changed != NULL);
  after_change = parse (changed);
  FUZZ_CHECK (after_change != NULL);

  kept = unmanaged (before != NULL ? before : after);
  kept_written = unmanaged (after);
  kept_changed = unmanaged (after_change);
  check_same_unmanaged (kept, kept_written);
  check_same_unmanaged (kept, kept_changed);

  matou_daemon_config_clear_proxies (config);
  g_free (write_and_check (config));

  return 0;
}
