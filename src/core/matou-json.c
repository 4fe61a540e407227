/* Reading members of JSON objects that other programs wrote: a missing or mistyped member is "not there", never a crash. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "matou-error.h"
#include "matou-json.h"

/* A string member; NULL when it is missing, null or not a string. */
char *
matou_json_dup_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

gint64
matou_json_get_int (JsonObject *object,
                    const char *name,
                    gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

/* FALSE unless the member is the boolean true. */
gboolean
matou_json_get_bool (JsonObject *object,
                     const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* The strings of an array member, skipping other elements; an empty vector when there is none. */
char **
matou_json_dup_strv (JsonObject *object,
                     const char *name)
{
  JsonArray *array = matou_json_get_array (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

JsonObject *
matou_json_get_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
matou_json_get_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * matou_json_check_request_text:
 * @data: a request as it arrived, before json-glib parses it
 * @length: its length in bytes
 *
 * Refuses what json-glib would quietly take in a shortened form: a NUL
 * byte, a \u0000 escape inside a string (json-glib cuts the string
 * there, so a shortened value would be checked and applied), and anything
 * but white space after the first object or array (json-glib reads the
 * first value and ignores the rest). Only the text's outline is followed
 * here, strings and nesting; json-glib still parses the value.
 */
gboolean
matou_json_check_request_text (const char  *data,
                               gsize        length,
                               GError     **error)
{
  gboolean in_string = FALSE;
  gboolean ended = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\0' ||
          (in_string && c == '\\' && length - i >= 6 && memcmp (data + i + 1, "u0000", 5) == 0))
        {
          g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                               _("The request contains a NUL character (\\u0000), which no setting can hold, so it was refused and nothing was changed."));
          return FALSE;
        }

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              ended = depth == 0;
            }
          continue;
        }

      if (ended && !g_ascii_isspace (c))
        {
          g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                               _("The request has more text after its JSON object, so it was refused and nothing was changed: send exactly one object."));
          return FALSE;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0)
        ended = --depth == 0;
    }

  return TRUE;
}
