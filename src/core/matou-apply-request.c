/* What the GUI asks the helper to apply: the request's JSON form and its rules. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "matou-apply-request.h"
#include "matou-engine-info.h"
#include "matou-error.h"
#include "matou-json.h"
#include "matou-validate.h"

MatouApplyRequest *
matou_apply_request_new (void)
{
  return g_new0 (MatouApplyRequest, 1);
}

void
matou_apply_request_free (MatouApplyRequest *request)
{
  if (request == NULL)
    return;

  g_strfreev (request->mirrors);
  g_strfreev (request->dns);
  g_free (request->http_proxy);
  g_free (request->https_proxy);
  g_free (request->no_proxy);
  g_free (request);
}

static gboolean
read_string_array (JsonNode     *node,
                   const char   *member,
                   char       ***out,
                   GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("The request’s “%s” must be a list of strings."), member);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                       _("The request’s “%s” must be a list of strings."), member);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_proxy (JsonNode           *node,
            MatouApplyRequest  *request,
            GError            **error)
{
  static const char * const names[] = { "http", "https", "no" };
  char **fields[] = { &request->http_proxy, &request->https_proxy, &request->no_proxy };
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  request->has_proxy = TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      request->clear_proxy = TRUE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                           _("The request’s “proxy” must be an object with “http”, “https” and “no”, or null."));
      return FALSE;
    }

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          if (g_strcmp0 (l->data, names[i]) != 0)
            continue;
          known = TRUE;
          if (json_node_get_value_type (value) != G_TYPE_STRING)
            {
              g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                           _("The request’s proxy “%s” must be a string."), names[i]);
              return FALSE;
            }
          *fields[i] = g_strdup (json_node_get_string (value));
        }

      if (!known)
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                       _("The request’s proxy has an unknown member “%s”; only “http”, “https” and “no” are understood."),
                       (const char *) l->data);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * matou_apply_request_parse:
 *
 * Reads the request's shape: known members of the right types, nothing
 * else. The values are checked by matou_apply_request_validate(), which
 * needs the Engine version.
 */
MatouApplyRequest *
matou_apply_request_parse (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MatouApplyRequest) request = matou_apply_request_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonObject *object;
  JsonNode *root;

  if (length < 0)
    length = strlen (data);
  if ((gsize) length > MATOU_APPLY_REQUEST_MAX_SIZE)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("The request is larger than %d bytes and was refused."), MATOU_APPLY_REQUEST_MAX_SIZE);
      return NULL;
    }

  if (!matou_json_check_request_text (data, length, error))
    return NULL;

  if (!matou_json_parser_load (parser, data, length, &parse_error))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("The request is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                           _("The request must be a JSON object."));
      return NULL;
    }

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      gboolean ok;

      if (g_str_equal (name, "registry-mirrors"))
        ok = request->has_mirrors = read_string_array (value, name, &request->mirrors, error);
      else if (g_str_equal (name, "dns"))
        ok = request->has_dns = read_string_array (value, name, &request->dns, error);
      else if (g_str_equal (name, "proxy"))
        ok = read_proxy (value, request, error);
      else
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                       _("The request has an unknown member “%s”; Matou only applies “registry-mirrors”, “dns” and “proxy”."),
                       name);
          ok = FALSE;
        }

      if (!ok)
        return NULL;
    }

  return g_steal_pointer (&request);
}

static gboolean
is_empty (const char *value)
{
  return value == NULL || *value == '\0';
}

/**
 * matou_apply_request_validate:
 * @engine_version: (nullable): the daemon's version; a mirror with a path is
 *   only accepted from 25.0 on, and an unknown version is treated as older
 */
gboolean
matou_apply_request_validate (const MatouApplyRequest  *request,
                              const char               *engine_version,
                              GError                  **error)
{
  gboolean allow_path = matou_version_at_least (engine_version, 25, 0);

  if (request->has_mirrors &&
      !matou_validate_mirror_list ((const char * const *) request->mirrors, allow_path, error))
    return FALSE;

  if (request->has_dns &&
      !matou_validate_dns_list ((const char * const *) request->dns, error))
    return FALSE;

  if (request->has_proxy && !request->clear_proxy)
    {
      if (is_empty (request->http_proxy) && is_empty (request->https_proxy))
        {
          g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                               _("Give an HTTP or HTTPS proxy address, or turn the proxy off."));
          return FALSE;
        }
      if (!matou_validate_proxy_fields (request->http_proxy, request->https_proxy, request->no_proxy, error))
        return FALSE;
    }

  return TRUE;
}

char *
matou_apply_request_to_json (const MatouApplyRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (request->has_mirrors)
    matou_json_add_strv (builder, "registry-mirrors", (const char * const *) request->mirrors);
  if (request->has_dns)
    matou_json_add_strv (builder, "dns", (const char * const *) request->dns);
  if (request->has_proxy)
    {
      json_builder_set_member_name (builder, "proxy");
      if (request->clear_proxy)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "http");
          json_builder_add_string_value (builder, request->http_proxy != NULL ? request->http_proxy : "");
          json_builder_set_member_name (builder, "https");
          json_builder_add_string_value (builder, request->https_proxy != NULL ? request->https_proxy : "");
          json_builder_set_member_name (builder, "no");
          json_builder_add_string_value (builder, request->no_proxy != NULL ? request->no_proxy : "");
          json_builder_end_object (builder);
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
