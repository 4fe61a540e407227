/* What the Engine API reports: parsed /version and /info replies. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "matou-engine-info.h"
#include "matou-json.h"
#include "matou-error.h"

static JsonObject *
parse_object (const char  *data,
              gssize       length,
              JsonParser  *parser,
              GError     **error)
{
  JsonNode *root;

  if (!matou_json_parser_load (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_BAD_REPLY,
                           _("The Docker daemon answered with something that is not a JSON object."));
      return NULL;
    }

  return json_node_get_object (root);
}

/* Docker leaves a member out, or sends null, when it has nothing to say: matou-json reads it so. */

MatouEngineVersion *
matou_engine_version_new_from_data (const char  *data,
                                    gssize       length,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MatouEngineVersion) version = NULL;
  JsonObject *object;

  object = parse_object (data, length, parser, error);
  if (object == NULL)
    return NULL;

  version = g_new0 (MatouEngineVersion, 1);
  version->version = matou_json_dup_string (object, "Version");
  version->api_version = matou_json_dup_string (object, "ApiVersion");
  version->min_api_version = matou_json_dup_string (object, "MinAPIVersion");
  version->os = matou_json_dup_string (object, "Os");
  version->arch = matou_json_dup_string (object, "Arch");
  version->kernel_version = matou_json_dup_string (object, "KernelVersion");

  if (version->version == NULL || version->api_version == NULL)
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_BAD_REPLY,
                           _("The Docker daemon’s version reply has no version number."));
      return NULL;
    }

  return g_steal_pointer (&version);
}

void
matou_engine_version_free (MatouEngineVersion *version)
{
  if (version == NULL)
    return;

  g_free (version->version);
  g_free (version->api_version);
  g_free (version->min_api_version);
  g_free (version->os);
  g_free (version->arch);
  g_free (version->kernel_version);
  g_free (version);
}

MatouEngineInfo *
matou_engine_info_new_from_data (const char  *data,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  MatouEngineInfo *info;
  JsonObject *object;
  JsonNode *registry;

  object = parse_object (data, length, parser, error);
  if (object == NULL)
    return NULL;

  info = g_new0 (MatouEngineInfo, 1);
  info->server_version = matou_json_dup_string (object, "ServerVersion");
  info->http_proxy = matou_json_dup_string (object, "HttpProxy");
  info->https_proxy = matou_json_dup_string (object, "HttpsProxy");
  info->no_proxy = matou_json_dup_string (object, "NoProxy");
  info->docker_root_dir = matou_json_dup_string (object, "DockerRootDir");
  info->operating_system = matou_json_dup_string (object, "OperatingSystem");
  info->containers = matou_json_get_int (object, "Containers", 0);
  info->containers_running = matou_json_get_int (object, "ContainersRunning", 0);
  info->images = matou_json_get_int (object, "Images", 0);
  info->live_restore = matou_json_get_bool (object, "LiveRestoreEnabled");
  info->warnings = matou_json_dup_strv (object, "Warnings");
  {
    g_auto(GStrv) security = matou_json_dup_strv (object, "SecurityOptions");

    info->rootless = security != NULL && g_strv_contains ((const char * const *) security, "name=rootless");
  }

  registry = json_object_get_member (object, "RegistryConfig");
  if (registry != NULL && JSON_NODE_HOLDS_OBJECT (registry))
    {
      JsonObject *registry_object = json_node_get_object (registry);

      info->mirrors = matou_json_dup_strv (registry_object, "Mirrors");
      info->insecure_registries = matou_json_dup_strv (registry_object, "InsecureRegistryCIDRs");
    }
  else
    {
      info->mirrors = g_new0 (char *, 1);
      info->insecure_registries = g_new0 (char *, 1);
    }

  return info;
}

void
matou_engine_info_free (MatouEngineInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->server_version);
  g_strfreev (info->mirrors);
  g_strfreev (info->insecure_registries);
  g_free (info->http_proxy);
  g_free (info->https_proxy);
  g_free (info->no_proxy);
  g_free (info->docker_root_dir);
  g_free (info->operating_system);
  g_strfreev (info->warnings);
  g_free (info);
}

/**
 * matou_parse_version:
 * @text: a Docker version such as "20.10.24+dfsg1", "v25.0.3" or "28.2.2"
 *
 * Reads the major and minor numbers. Returns %FALSE when @text does not
 * start with them.
 */
gboolean
matou_parse_version (const char *text,
                     guint      *major,
                     guint      *minor)
{
  guint64 maj, min = 0;
  char *end;

  if (text == NULL)
    return FALSE;
  if (*text == 'v')
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;

  maj = g_ascii_strtoull (text, &end, 10);
  if (*end == '.' && g_ascii_isdigit (end[1]))
    min = g_ascii_strtoull (end + 1, &end, 10);
  if (maj > G_MAXUINT || min > G_MAXUINT)
    return FALSE;

  *major = (guint) maj;
  *minor = (guint) min;
  return TRUE;
}

gboolean
matou_version_at_least (const char *text,
                        guint       major,
                        guint       minor)
{
  guint maj, min;

  if (!matou_parse_version (text, &maj, &min))
    return FALSE;

  return maj > major || (maj == major && min >= minor);
}
