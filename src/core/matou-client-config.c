/* The user's ~/.docker/config.json: the proxy containers and builds get, every other key kept. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "matou-atomic-write.h"
#include "matou-client-config.h"
#include "matou-error.h"
#include "matou-validate.h"
#include "matou-json.h"

/* The docker CLI's own rule: DOCKER_CONFIG names the folder, else ~/.docker. */
char *
matou_client_config_default_path (void)
{
  const char *dir = g_getenv ("DOCKER_CONFIG");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "config.json", NULL);

  return g_build_filename (g_get_home_dir (), ".docker", "config.json", NULL);
}

/* A missing or empty file is an empty object; anything else that is not an object is refused. */
/* json_node_init_object() takes its own reference: the new object's
 * first one is handed over here, or the whole tree leaks. */
static JsonNode *
new_object_node (void)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), NULL);

  json_node_take_object (node, json_object_new ());
  return node;
}

static JsonNode *
load_root (const char  *path,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return new_object_node ();
    }

  g_strstrip (text);
  if (*text == '\0')
    return new_object_node ();

  if (!matou_json_parser_load (parser, text, -1, &local_error))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE,
                   _("%s is not valid JSON (%s). Matou leaves it as it is; fix it in a text editor first."),
                   path, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE,
                   _("%s does not hold a JSON object. Matou leaves it as it is; fix it in a text editor first."),
                   path);
      return NULL;
    }

  return json_node_copy (root);
}

static JsonObject *
default_proxies (JsonObject *root)
{
  JsonNode *proxies = json_object_get_member (root, "proxies");
  JsonNode *def;

  if (proxies == NULL || !JSON_NODE_HOLDS_OBJECT (proxies))
    return NULL;
  def = json_object_get_member (json_node_get_object (proxies), "default");
  if (def == NULL || !JSON_NODE_HOLDS_OBJECT (def))
    return NULL;

  return json_node_get_object (def);
}

gboolean
matou_client_config_read_proxy (const char  *path,
                                char       **http,
                                char       **https,
                                char       **no,
                                GError     **error)
{
  g_autoptr(JsonNode) root = load_root (path, error);
  JsonObject *def;

  if (root == NULL)
    return FALSE;

  def = default_proxies (json_node_get_object (root));
  *http = def != NULL ? matou_json_dup_string (def, "httpProxy") : NULL;
  *https = def != NULL ? matou_json_dup_string (def, "httpsProxy") : NULL;
  *no = def != NULL ? matou_json_dup_string (def, "noProxy") : NULL;
  /* Absent, or not a string: no proxy of that kind. */
  if (*http == NULL)
    *http = g_strdup ("");
  if (*https == NULL)
    *https = g_strdup ("");
  if (*no == NULL)
    *no = g_strdup ("");

  return TRUE;
}

static void
set_or_remove (JsonObject *object,
               const char *name,
               const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
  else if (json_object_has_member (object, name))
    json_object_remove_member (object, name);
}

/**
 * matou_client_config_write_proxy:
 *
 * Sets proxies.default in the docker CLI's config.json, which the CLI hands
 * to new containers and builds. Empty values remove their member; every
 * other key of the file, credentials included, stays as it was.
 */
gboolean
matou_client_config_write_proxy (const char  *path,
                                 const char  *http,
                                 const char  *https,
                                 const char  *no,
                                 GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  JsonObject *object, *proxies, *def;
  JsonNode *proxies_node;
  gsize length;

  if (!matou_validate_proxy_fields (http, https, no, error))
    return FALSE;

  root = load_root (path, error);
  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);

  proxies_node = json_object_get_member (object, "proxies");
  if (proxies_node == NULL || !JSON_NODE_HOLDS_OBJECT (proxies_node))
    json_object_set_object_member (object, "proxies", json_object_new ());
  proxies = json_object_get_object_member (object, "proxies");
  def = default_proxies (object);
  if (def == NULL)
    {
      json_object_set_object_member (proxies, "default", json_object_new ());
      def = json_object_get_object_member (proxies, "default");
    }

  set_or_remove (def, "httpProxy", http);
  set_or_remove (def, "httpsProxy", https);
  set_or_remove (def, "noProxy", no);
  if (json_object_get_size (def) == 0)
    json_object_remove_member (proxies, "default");
  if (json_object_get_size (proxies) == 0)
    json_object_remove_member (object, "proxies");

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_indent_char (generator, '\t');
  text = json_generator_to_data (generator, &length);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return matou_atomic_write (path, text, length, NULL, error);
}

/* --- off the main thread ---------------------------------------------------- */

typedef struct {
  char     *path;
  char     *values[3];  /* http, https, no */
  gboolean  write;
} ProxyTask;

static void
proxy_task_free (ProxyTask *data)
{
  g_free (data->path);
  for (guint i = 0; i < G_N_ELEMENTS (data->values); i++)
    g_free (data->values[i]);
  g_free (data);
}

/* Reads the proxy into the task's values, or writes them. */
static void
proxy_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ProxyTask *data = task_data;
  GError *error = NULL;
  gboolean done;

  if (data->write)
    done = matou_client_config_write_proxy (data->path, data->values[0], data->values[1], data->values[2], &error);
  else
    done = matou_client_config_read_proxy (data->path, &data->values[0], &data->values[1], &data->values[2], &error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_proxy_task (gboolean             write,
                gpointer             source_tag,
                const char          *path,
                const char          *http,
                const char          *https,
                const char          *no,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ProxyTask *data = g_new0 (ProxyTask, 1);

  data->path = g_strdup (path);
  data->write = write;
  data->values[0] = g_strdup (http);
  data->values[1] = g_strdup (https);
  data->values[2] = g_strdup (no);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) proxy_task_free);
  g_task_run_in_thread (task, proxy_in_thread);
}

/* matou_client_config_read_proxy() in a worker thread: a home folder may be slow (NFS). */
void
matou_client_config_read_proxy_async (const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  run_proxy_task (FALSE, matou_client_config_read_proxy_async, path, NULL, NULL, NULL,
                  cancellable, callback, user_data);
}

gboolean
matou_client_config_read_proxy_finish (GAsyncResult  *result,
                                       char         **http,
                                       char         **https,
                                       char         **no,
                                       GError       **error)
{
  ProxyTask *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  *http = g_strdup (data->values[0]);
  *https = g_strdup (data->values[1]);
  *no = g_strdup (data->values[2]);
  return TRUE;
}

void
matou_client_config_write_proxy_async (const char          *path,
                                       const char          *http,
                                       const char          *https,
                                       const char          *no,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  run_proxy_task (TRUE, matou_client_config_write_proxy_async, path, http, https, no,
                  cancellable, callback, user_data);
}

gboolean
matou_client_config_write_proxy_finish (GAsyncResult  *result,
                                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
