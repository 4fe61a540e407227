/* The preset lists of data/ (registry mirrors, docker-ce repository mirrors, DNS servers), loaded and translated. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "matou-error.h"
#include "matou-presets.h"
#include "matou-validate.h"
#include "matou-json.h"

/*
 * The names and notes of the data/ lists, for xgettext: the files keep the
 * English text, the loader translates it through this catalogue. A unit
 * test fails when a file holds a string missing here.
 *
 * Translators: names of mirror and DNS services, and notes about them.
 * Brand names (1Panel, DaoCloud, DNSPod, …) stay as they are.
 */
static const char * const preset_strings[] = {
  N_("1ms.run"),
  N_("Often recommended. A community service that may stop working: test it before relying on it."),
  N_("DockerProxy"),
  N_("A community service that may stop working: test it before relying on it."),
  N_("DaoCloud"),
  N_("Serves only a whitelist of images; others fail to pull through it. A vendor service that may stop working."),
  N_("1Panel"),
  N_("Run by the 1Panel project. A community service that may stop working: test it before relying on it."),
  N_("Tencent Cloud"),
  N_("Works only from Tencent Cloud machines; elsewhere its name does not resolve."),
  N_("Alibaba Cloud (your own accelerator)"),
  N_("Paste the accelerator address shown in your Alibaba Cloud console. Like other cloud-vendor mirrors, it may work only inside Alibaba Cloud’s network."),
  N_("Alibaba Cloud"),
  N_("A mirror run by a cloud vendor. It may lag behind Docker’s own repository or stop working: test it first."),
  N_("Huawei Cloud"),
  N_("Tsinghua University (TUNA)"),
  N_("A mirror run by a university. It may lag behind Docker’s own repository or stop working: test it first."),
  N_("University of Science and Technology of China (USTC)"),
  N_("NetEase"),
  N_("Azure China"),
  N_("Peking University"),
  N_("Zhejiang University"),
  N_("Nanjing University"),
  N_("Shanghai Jiao Tong University (SJTUG)"),
  N_("Institute of Software, Chinese Academy of Sciences (ISCAS)"),
  N_("Docker (official)"),
  N_("Docker’s own repository, always up to date. Often slow or unreachable from mainland China."),
  N_("AliDNS"),
  N_("Alibaba Cloud’s public DNS. Fast in mainland China."),
  N_("AliDNS (second address)"),
  N_("DNSPod"),
  N_("Tencent’s public DNS. Fast in mainland China."),
  N_("114DNS"),
  N_("A public DNS widely used in mainland China."),
  N_("Google Public DNS"),
  N_("Often slow or unreachable from mainland China."),
  N_("Google Public DNS (second address)"),
  N_("Cloudflare"),
  N_("Often slow from mainland China."),
};

#define MAX_FILE_SIZE (1024 * 1024)

void
matou_preset_free (MatouPreset *preset)
{
  if (preset == NULL)
    return;

  g_free (preset->id);
  g_free (preset->url);
  g_free (preset->address);
  g_free (preset->name);
  g_free (preset->note);
  g_free (preset->match);
  g_free (preset->test_url);
  g_free (preset);
}

gboolean
matou_presets_string_is_listed (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (preset_strings); i++)
    if (g_strcmp0 (preset_strings[i], text) == 0)
      return TRUE;

  return FALSE;
}

/* A string member, or NULL when it is missing, not a string, or empty. */
static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
parse_provider (const char          *text,
                MatouPresetProvider *provider)
{
  static const struct {
    const char          *name;
    MatouPresetProvider  provider;
  } providers[] = {
    { "community", MATOU_PRESET_PROVIDER_COMMUNITY },
    { "vendor", MATOU_PRESET_PROVIDER_VENDOR },
    { "university", MATOU_PRESET_PROVIDER_UNIVERSITY },
    { "official", MATOU_PRESET_PROVIDER_OFFICIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (g_strcmp0 (text, providers[i].name) == 0)
      {
        *provider = providers[i].provider;
        return TRUE;
      }

  return FALSE;
}

static MatouPreset *
parse_entry (MatouPresetKind   kind,
             JsonNode         *node,
             guint             index,
             GError          **error)
{
  g_autoptr(MatouPreset) preset = g_new0 (MatouPreset, 1);
  JsonObject *object;
  const char *id, *name, *note, *provider, *location, *test_url = NULL;
  JsonNode *template_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      matou_fail (error, MATOU_ERROR_PARSE, "entry %u is not an object", index + 1);
      return NULL;
    }
  object = json_node_get_object (node);

  id = get_string (object, "id");
  name = get_string (object, "name");
  note = get_string (object, "note");
  provider = get_string (object, "provider");
  location = get_string (object, kind == MATOU_PRESET_DNS_SERVER ? "address" : "url");
  if (kind == MATOU_PRESET_DOCKER_CE_MIRROR)
    test_url = get_string (object, "test_url");

  if (id == NULL || name == NULL || note == NULL || provider == NULL || location == NULL ||
      (kind == MATOU_PRESET_DOCKER_CE_MIRROR && test_url == NULL))
    {
      matou_fail (error, MATOU_ERROR_PARSE, "entry %u (%s) lacks one of id, name, note, provider, %s%s",
                  index + 1, id != NULL ? id : "no id",
                  kind == MATOU_PRESET_DNS_SERVER ? "address" : "url",
                  kind == MATOU_PRESET_DOCKER_CE_MIRROR ? ", test_url" : "");
      return NULL;
    }

  preset->kind = kind;
  if (!parse_provider (provider, &preset->provider))
    {
      matou_fail (error, MATOU_ERROR_PARSE, "entry %u (%s) has an unknown provider “%s”", index + 1, id, provider);
      return NULL;
    }

  template_node = json_object_get_member (object, "template");
  if (template_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (template_node) || json_node_get_value_type (template_node) != G_TYPE_BOOLEAN)
        {
          matou_fail (error, MATOU_ERROR_PARSE, "entry %u (%s): “template” is not true or false", index + 1, id);
          return NULL;
        }
      preset->is_template = json_node_get_boolean (template_node);
    }
  if (preset->is_template)
    {
      preset->match = g_strdup (get_string (object, "match"));
      if (preset->match == NULL)
        {
          matou_fail (error, MATOU_ERROR_PARSE, "entry %u (%s) is a template without “match”", index + 1, id);
          return NULL;
        }
    }

  preset->id = g_strdup (id);
  preset->name = g_strdup (g_dgettext (GETTEXT_PACKAGE, name));
  preset->note = g_strdup (g_dgettext (GETTEXT_PACKAGE, note));
  preset->test_url = g_strdup (test_url);
  if (kind == MATOU_PRESET_DNS_SERVER)
    preset->address = g_strdup (location);
  else
    preset->url = g_strdup (location);

  return g_steal_pointer (&preset);
}

GPtrArray *
matou_presets_load_from_data (const char  *data,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) presets = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_preset_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *entries;
  const char *kind_name;
  MatouPresetKind kind;

  g_return_val_if_fail (data != NULL, NULL);

  if (!matou_json_parser_load (parser, data, length, &local_error))
    {
      matou_fail (error, MATOU_ERROR_PARSE, "not JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      matou_fail (error, MATOU_ERROR_PARSE, "the top level is not an object");
      return NULL;
    }
  object = json_node_get_object (root);

  kind_name = get_string (object, "kind");
  if (g_strcmp0 (kind_name, MATOU_PRESETS_REGISTRY_MIRRORS) == 0)
    kind = MATOU_PRESET_REGISTRY_MIRROR;
  else if (g_strcmp0 (kind_name, MATOU_PRESETS_DOCKER_CE_MIRRORS) == 0)
    kind = MATOU_PRESET_DOCKER_CE_MIRROR;
  else if (g_strcmp0 (kind_name, MATOU_PRESETS_DNS_SERVERS) == 0)
    kind = MATOU_PRESET_DNS_SERVER;
  else
    {
      matou_fail (error, MATOU_ERROR_PARSE, "“kind” is not one of %s, %s, %s",
                  MATOU_PRESETS_REGISTRY_MIRRORS, MATOU_PRESETS_DOCKER_CE_MIRRORS, MATOU_PRESETS_DNS_SERVERS);
      return NULL;
    }

  entries = json_object_get_member (object, "entries");
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      matou_fail (error, MATOU_ERROR_PARSE, "“entries” is not a list");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (entries)); i++)
    {
      MatouPreset *preset = parse_entry (kind, json_array_get_element (json_node_get_array (entries), i), i, error);

      if (preset == NULL)
        return NULL;
      g_ptr_array_add (presets, preset);
      if (!g_hash_table_add (ids, preset->id))
        {
          matou_fail (error, MATOU_ERROR_PARSE, "the id “%s” appears twice", preset->id);
          return NULL;
        }
    }

  return g_steal_pointer (&presets);
}

static GBytes *
read_resource (const char  *path,
               GError     **error)
{
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO, "%s is too large for a preset list", path);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

GPtrArray *
matou_presets_load (const char  *name_or_path,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = NULL;
  GPtrArray *presets;
  gsize length;
  const char *data;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (g_str_has_prefix (name_or_path, "resource://"))
    {
      where = g_strdup (name_or_path + strlen ("resource://"));
      bytes = read_resource (where, &local_error);
    }
  else if (strchr (name_or_path, '/') != NULL)
    {
      where = g_strdup (name_or_path);
      bytes = read_file (where, &local_error);
    }
  else
    {
      g_autofree char *file_name = g_strconcat (name_or_path, ".json", NULL);

      where = g_strconcat (MATOU_PRESETS_RESOURCE_PREFIX, file_name, NULL);
      bytes = read_resource (where, NULL);
      if (bytes == NULL)
        {
          g_free (where);
          where = g_build_filename (PKGDATADIR, file_name, NULL);
          bytes = read_file (where, &local_error);
        }
    }

  if (bytes == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO, "cannot read the preset list %s: %s",
                   where, local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  presets = matou_presets_load_from_data (data != NULL ? data : "", length, &local_error);
  if (presets == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE, "%s: %s", where, local_error->message);
      return NULL;
    }

  return presets;
}

const MatouPreset *
matou_presets_find (GPtrArray  *presets,
                    const char *id)
{
  g_return_val_if_fail (presets != NULL, NULL);

  for (guint i = 0; i < presets->len; i++)
    {
      const MatouPreset *preset = g_ptr_array_index (presets, i);

      if (g_strcmp0 (preset->id, id) == 0)
        return preset;
    }

  return NULL;
}

const MatouPreset *
matou_presets_match_url (GPtrArray  *presets,
                         const char *url)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (presets != NULL, NULL);

  if (url == NULL)
    return NULL;

  normal = matou_mirror_normalise (url);
  if (normal == NULL)
    return NULL;

  for (guint i = 0; i < presets->len; i++)
    {
      const MatouPreset *preset = g_ptr_array_index (presets, i);

      if (preset->url == NULL)
        continue;

      if (preset->is_template)
        {
          if (g_pattern_match_simple (preset->match, normal))
            return preset;
        }
      else
        {
          g_autofree char *other = matou_mirror_normalise (preset->url);

          if (g_strcmp0 (other, normal) == 0)
            return preset;
        }
    }

  return NULL;
}

char *
matou_preset_docker_ce_test_url (const MatouPreset *preset,
                                 const char        *distro)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (preset != NULL && preset->url != NULL, NULL);

  if (distro == NULL || *distro == '\0')
    distro = "ubuntu";
  for (const char *c = distro; *c != '\0'; c++)
    g_return_val_if_fail (g_ascii_isalnum (*c) || *c == '-' || *c == '_', NULL);

  base = g_strdup (preset->url);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  return g_strdup_printf ("%s/linux/%s/gpg", base, distro);
}
