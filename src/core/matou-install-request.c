/* What the GUI asks the helper to install: a plan, a mirror and options by name, never a command. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "matou-error.h"
#include "matou-install-request.h"
#include "matou-json.h"

#define ID_PATTERN "^[a-z0-9][a-z0-9-]{0,31}$"
#define MAX_STEPS 32

MatouInstallRequest *
matou_install_request_new (MatouInstallMethod          method,
                           const char                 *mirror,
                           const MatouInstallOptions  *options,
                           const char * const         *steps)
{
  MatouInstallRequest *request = g_new0 (MatouInstallRequest, 1);

  request->method = method;
  request->mirror = g_strdup (mirror);
  request->options.compose = options == NULL || options->compose;
  request->steps = g_strdupv ((char **) steps);

  return request;
}

void
matou_install_request_free (MatouInstallRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->mirror);
  g_strfreev (request->steps);
  g_free (request);
}

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MATOU_ERROR, MATOU_ERROR_INVALID_VALUE, format, args));
  va_end (args);

  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
read_options (JsonNode             *node,
              MatouInstallRequest  *request,
              GError              **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, _("The request’s “options” must be an object."));

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (g_str_equal (l->data, "compose"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            return refuse (error, _("The request’s option “compose” must be true or false."));
          request->options.compose = json_node_get_boolean (value);
        }
      else
        return refuse (error, _("The request has an unknown option “%s”; only “compose” is understood."),
                       (const char *) l->data);
    }

  return TRUE;
}

static gboolean
read_steps (JsonNode             *node,
            MatouInstallRequest  *request,
            GError              **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > MAX_STEPS)
    return refuse (error, _("The request’s “steps” must be a list of step names."));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string (element) || !g_regex_match_simple (ID_PATTERN, json_node_get_string (element), G_REGEX_DOLLAR_ENDONLY, 0))
        return refuse (error, _("The request’s “steps” must be a list of step names."));
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  request->steps = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * matou_install_request_parse:
 *
 * {"plan": "docker-mirror", "mirror": "tuna", "options": {"compose": true},
 *  "steps": ["update", …]}: "plan" is a method's name; "mirror" is needed by
 * docker-mirror and refused with the others; "options" and "steps" may be
 * left out. Anything else is refused.
 */
MatouInstallRequest *
matou_install_request_parse (const char  *data,
                             gssize       length,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MatouInstallRequest) request = matou_install_request_new (MATOU_INSTALL_METHOD_DISTRO, NULL, NULL, NULL);
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *plan;
  JsonNode *mirror;

  if (length < 0)
    length = strlen (data);
  if (length > MATOU_INSTALL_REQUEST_MAX_SIZE)
    {
      refuse (error, _("The request is larger than %d bytes and was refused."), MATOU_INSTALL_REQUEST_MAX_SIZE);
      return NULL;
    }
  if (!matou_json_check_request_text (data, length, error))
    return NULL;

  if (!matou_json_parser_load (parser, data, length, &parse_error))
    {
      refuse (error, _("The request is not valid JSON: %s"), parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      refuse (error, _("The request must be a JSON object."));
      return NULL;
    }

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "options"))
        {
          if (!read_options (json_object_get_member (object, name), request, error))
            return NULL;
        }
      else if (g_str_equal (name, "steps"))
        {
          if (!read_steps (json_object_get_member (object, name), request, error))
            return NULL;
        }
      else if (!g_str_equal (name, "plan") && !g_str_equal (name, "mirror"))
        {
          refuse (error, _("The request has an unknown member “%s”; only “plan”, “mirror”, “options” and “steps” are understood."),
                  name);
          return NULL;
        }
    }

  plan = json_object_get_member (object, "plan");
  if (!is_string (plan) || !matou_install_method_from_string (json_node_get_string (plan), &request->method))
    {
      refuse (error, _("The request names an unknown plan “%s”; the plans are distro-packages, docker-repository and docker-mirror."),
              is_string (plan) ? json_node_get_string (plan) : "");
      return NULL;
    }

  mirror = json_object_get_member (object, "mirror");
  if (request->method == MATOU_INSTALL_METHOD_MIRROR)
    {
      if (!is_string (mirror) || !g_regex_match_simple (ID_PATTERN, json_node_get_string (mirror), G_REGEX_DOLLAR_ENDONLY, 0))
        {
          refuse (error, _("The plan docker-mirror needs the name of a mirror from Matou’s list."));
          return NULL;
        }
      request->mirror = g_strdup (json_node_get_string (mirror));
    }
  else if (mirror != NULL)
    {
      refuse (error, _("Only the plan docker-mirror takes a mirror."));
      return NULL;
    }

  return g_steal_pointer (&request);
}

char *
matou_install_request_to_json (const MatouInstallRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "plan");
  json_builder_add_string_value (builder, matou_install_method_to_string (request->method));
  if (request->method == MATOU_INSTALL_METHOD_MIRROR && request->mirror != NULL)
    {
      json_builder_set_member_name (builder, "mirror");
      json_builder_add_string_value (builder, request->mirror);
    }
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "compose");
  json_builder_add_boolean_value (builder, request->options.compose);
  json_builder_end_object (builder);
  if (request->steps != NULL)
    matou_json_add_strv (builder, "steps", (const char * const *) request->steps);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  /* One line: the helper reads the request up to the first newline. */
  return json_generator_to_data (generator, NULL);
}
